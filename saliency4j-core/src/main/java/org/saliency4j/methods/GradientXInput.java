package org.saliency4j.methods;

import org.saliency4j.autodiff.RuleSet;
import org.saliency4j.runtime.GraphOutputs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Gradient x input (Shrikumar et al. 2016), as Captum's InputXGradient: x * d(score)/dx. */
final class GradientXInput extends NamedMethod {
    GradientXInput() {
        super("gradient-x-input", "gradient x input: x * d(score)/dx; map = |sum over channels|", false);
    }

    @Override
    public List<MethodParameter> parameters() {
        return List.of(Attributions.scoreParameter("logit"));
    }

    @Override
    public List<Explanation> explain(MethodInput input, MethodParameters parameters) {
        GraphOutputs out = input.run(List.of(input.inputName()), parameters.score(), RuleSet.standard());
        List<Explanation> result = new ArrayList<>();
        for (int n = 0; n < input.batchSize(); n++) {
            float[] x = Samples.sample(input.inputs(), n);
            float[] g = Samples.sample(out.gradient(input.inputName()), n);
            for (int i = 0; i < x.length; i++) {
                g[i] *= x[i];
            }
            result.add(Attributions.explanation(input, g, MapReduction.ABS_SUM, out.scores()[n], Map.of()));
        }
        return result;
    }
}
