package org.saliency4j.metrics;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.saliency4j.methods.MethodParameters;
import org.saliency4j.methods.Parameter;
import org.saliency4j.methods.Seeds;
import org.saliency4j.tensor.Tensor;

/**
 * Max-sensitivity (Yeh et al. 2019), with Captum's defaults: the method's map at {@code samples}
 * copies of the input with uniform noise in the L-infinity ball of {@code radius} (in the model's
 * input space), and the largest Frobenius distance to the input's own map relative to that map's
 * norm (a norm of 0 counts as 1, as Captum's). Lower is better.
 */
public final class MaxSensitivity extends BaseMetric {
    public MaxSensitivity() {
        super(
                "max-sensitivity",
                "max over noisy copies of ‖S(x + u) − S(x)‖ / ‖S(x)‖, u uniform in [−radius, radius] "
                        + "(Yeh et al. 2019, Captum's defaults)",
                false,
                List.of(
                        Parameter.number("radius", 0.02, 0, 1e6, "the noise's bound, in the model's input space"),
                        Parameter.integer("samples", 10, 1, 10000, "noisy copies"),
                        Parameter.seed()));
    }

    @Override
    public boolean needsMethod() {
        return true;
    }

    @Override
    public MetricResult evaluate(MetricInput input, MethodParameters parameters) {
        int samples = parameters.integer("samples");
        double radius = parameters.number("radius");
        long seed = Seeds.forSample(parameters.integer("seed"), input.input().data());
        Random random = new Random(seed);
        float[] x = input.input().data();
        float[] noisy = new float[samples * x.length];
        for (int k = 0; k < samples; k++) {
            for (int i = 0; i < x.length; i++) {
                noisy[k * x.length + i] = (float) (x[i] + (2 * random.nextDouble() - 1) * radius);
            }
        }
        long[] shape = input.input().shape().clone();
        shape[0] = samples;
        int[] targets = new int[samples];
        Arrays.fill(targets, input.target());
        List<Tensor> maps = input.maps().maps(input.runtime(), new Tensor(noisy, shape), targets);
        float[] own = input.map().data();
        double norm = Similarity.distance(own, new float[own.length]);
        double worst = 0;
        double sum = 0;
        for (Tensor map : maps) {
            double d = Similarity.distance(map.data(), own) / (norm == 0 ? 1 : norm);
            worst = Math.max(worst, d);
            sum += d;
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("meanSensitivity", sum / samples);
        details.put("seed", seed);
        return new MetricResult(worst, details, null);
    }
}
