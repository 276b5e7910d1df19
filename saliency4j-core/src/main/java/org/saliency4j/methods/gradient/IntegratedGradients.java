package org.saliency4j.methods.gradient;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.saliency4j.autodiff.RuleSet;
import org.saliency4j.methods.BaseMethod;
import org.saliency4j.methods.Batch;
import org.saliency4j.methods.Explanation;
import org.saliency4j.methods.MapReduction;
import org.saliency4j.methods.MethodParameters;
import org.saliency4j.methods.Parameter;
import org.saliency4j.methods.Samples;
import org.saliency4j.methods.path.Baselines;
import org.saliency4j.methods.path.PathPoints;
import org.saliency4j.methods.path.Quadrature;
import org.saliency4j.runtime.GraphOutputs;

/**
 * Integrated Gradients (Sundararajan et al. 2017) with Captum's defaults: (x - x0) times the
 * path integral of the gradient, approximated by a quadrature rule over all points in one batch.
 * Reports the completeness delta sum(attribution) - (F(x) - F(x0)).
 */
public final class IntegratedGradients extends BaseMethod {
    public IntegratedGradients() {
        super(
                "integrated-gradients",
                "(x − x0) · Σ_k w_k ∇F(x0 + α_k (x − x0)) with Captum's rules (`left`, `right`, `midpoint`, "
                        + "`trapezoid`, `gauss-legendre`); reports the completeness delta; map = |Σ_c a|",
                false,
                List.of(
                        Parameter.score("logit"),
                        Parameter.integer("steps", 50, 1, 10000, "number of quadrature points"),
                        Quadrature.parameter("gauss-legendre", Quadrature.RULES.toArray(String[]::new)),
                        Baselines.parameter("zeros"),
                        Parameter.seed()));
    }

    @Override
    public List<Explanation> explain(Batch batch, MethodParameters parameters) {
        String rule = parameters.string("rule");
        if (rule.equals("trapezoid") && parameters.integer("steps") < 2) {
            throw parameters.invalid("steps", "at least 2 with the trapezoid rule");
        }
        Quadrature q = Quadrature.of(rule, parameters.integer("steps"));
        int steps = q.alphas().length;
        // the quadrature points, then the baseline and the input themselves for the completeness check
        double[] alphas = Arrays.copyOf(q.alphas(), steps + 2);
        alphas[steps] = 0;
        alphas[steps + 1] = 1;
        List<String> taps = List.of(batch.inputName());
        List<Explanation> result = new ArrayList<>();
        for (int n = 0; n < batch.batchSize(); n++) {
            float[] x = Samples.sample(batch.inputs(), n);
            float[] x0 = Baselines.of(parameters.string("baseline"), batch, n, parameters.integer("seed"));
            // the points go through the model a chunk of the internal batch size at a time, so memory
            // does not grow with the steps: each chunk's gradients are added into the integral
            double[] integral = new double[x.length];
            float scoreBaseline = 0;
            float scoreInput = 0;
            int chunk = batch.chunkSize();
            for (int start = 0; start < alphas.length; start += chunk) {
                double[] part = Arrays.copyOfRange(alphas, start, Math.min(alphas.length, start + chunk));
                GraphOutputs out = batch.runPoints(
                        PathPoints.of(x0, x, part, batch.spec()),
                        batch.targetWeightsOf(n, part.length),
                        taps,
                        parameters.score(),
                        RuleSet.standard());
                float[] g = out.gradient(batch.inputName()).data();
                for (int k = 0; k < part.length; k++) {
                    int point = start + k;
                    if (point < steps) {
                        double w = q.weights()[point];
                        for (int i = 0; i < x.length; i++) {
                            integral[i] += w * g[k * x.length + i];
                        }
                    } else if (point == steps) {
                        scoreBaseline = out.scores()[k];
                    } else {
                        scoreInput = out.scores()[k];
                    }
                }
            }
            float[] attribution = new float[x.length];
            double total = 0;
            for (int i = 0; i < x.length; i++) {
                attribution[i] = (float) ((x[i] - x0[i]) * integral[i]);
                total += attribution[i];
            }
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("scoreBaseline", scoreBaseline);
            details.put("completenessDelta", total - (scoreInput - scoreBaseline));
            result.add(Explanation.ofAttribution(
                    Samples.toChw(attribution, batch.spec()), MapReduction.ABS_SUM, scoreInput, details));
            batch.sampleDone();
        }
        return result;
    }
}
