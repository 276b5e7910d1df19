package org.saliency4j.methods;

import org.saliency4j.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Turning input attributions (model layout) into explanations. */
final class Attributions {
    private Attributions() {
    }

    static Explanation explanation(MethodInput input, float[] attribution, MapReduction reduction, float score, Map<String, Object> details) {
        Tensor chw = Samples.toChw(attribution, input.spec());
        return Explanation.ofAttribution(reduction.apply(chw), chw, score, details);
    }

    /** Each sample's gradient at the input, as its attribution. */
    static List<Explanation> ofGradients(MethodInput input, Tensor gradients, float[] scores, MapReduction reduction) {
        List<Explanation> result = new ArrayList<>();
        for (int n = 0; n < input.batchSize(); n++) {
            result.add(explanation(input, Samples.sample(gradients, n), reduction, scores[n], Map.of()));
        }
        return result;
    }

    static MethodParameter scoreParameter(String defaultValue) {
        return new MethodParameter("score", defaultValue, "what is differentiated: logit or probability");
    }
}
