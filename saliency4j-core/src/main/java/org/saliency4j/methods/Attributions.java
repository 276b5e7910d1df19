package org.saliency4j.methods;

import org.saliency4j.tensor.Tensor;

import java.util.Map;

/** Turning input attributions (model layout) into explanations. */
final class Attributions {
    private Attributions() {
    }

    static Explanation explanation(MethodInput input, float[] attribution, MapReduction reduction, float score, Map<String, Object> details) {
        Tensor chw = Samples.toChw(attribution, input.spec());
        return Explanation.ofAttribution(reduction.apply(chw), chw, score, details);
    }

    static MethodParameter scoreParameter(String defaultValue) {
        return new MethodParameter("score", defaultValue, "what is differentiated: logit or probability");
    }
}
