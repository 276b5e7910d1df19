package org.saliency4j.methods;

import org.saliency4j.autodiff.RuleSet;
import org.saliency4j.runtime.GraphOutputs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Integrated Gradients (Sundararajan et al. 2017) with Captum's defaults: (x - x0) times the
 * path integral of the gradient, approximated by a quadrature rule over all points in one batch.
 * Reports the completeness delta sum(attribution) - (F(x) - F(x0)).
 */
final class IntegratedGradients extends NamedMethod {
    IntegratedGradients() {
        super("integrated-gradients", "Integrated Gradients: (x - x0) * integral of d(score)/dx along the straight path; map = |sum over channels|", false);
    }

    @Override
    public List<MethodParameter> parameters() {
        return List.of(Attributions.scoreParameter("logit"),
                new MethodParameter("steps", "50", "number of quadrature points"),
                new MethodParameter("rule", "gauss-legendre", Quadrature.RULES),
                new MethodParameter("baseline", "zeros", Baselines.PARAMETER_HELP),
                new MethodParameter("seed", "0", "seed of the noise baseline"));
    }

    @Override
    public List<Explanation> explain(MethodInput input, MethodParameters parameters) {
        Quadrature q = Quadrature.of(parameters.string("rule"), parameters.integer("steps"));
        int steps = q.alphas().length;
        // the quadrature points, then the baseline and the input themselves for the completeness check
        double[] alphas = java.util.Arrays.copyOf(q.alphas(), steps + 2);
        alphas[steps] = 0;
        alphas[steps + 1] = 1;
        List<String> taps = List.of(input.inputName());
        List<Explanation> result = new ArrayList<>();
        for (int n = 0; n < input.batchSize(); n++) {
            float[] x = Samples.sample(input.inputs(), n);
            float[] x0 = Baselines.of(parameters.string("baseline"), input, n, parameters.integer("seed"));
            GraphOutputs out = input.runPoints(PathPoints.of(x0, x, alphas, input.spec()), input.targetWeightsOf(n, alphas.length),
                    taps, parameters.score(), RuleSet.standard());
            float[] g = out.gradient(input.inputName()).data();
            float[] attribution = new float[x.length];
            double total = 0;
            for (int i = 0; i < x.length; i++) {
                double integral = 0;
                for (int k = 0; k < steps; k++) {
                    integral += q.weights()[k] * g[k * x.length + i];
                }
                attribution[i] = (float) ((x[i] - x0[i]) * integral);
                total += attribution[i];
            }
            float scoreBaseline = out.scores()[steps];
            float scoreInput = out.scores()[steps + 1];
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("scoreBaseline", scoreBaseline);
            details.put("completenessDelta", total - (scoreInput - scoreBaseline));
            result.add(Attributions.explanation(input, attribution, MapReduction.ABS_SUM, scoreInput, details));
        }
        return result;
    }
}
