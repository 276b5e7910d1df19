package org.saliency4j.metrics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.saliency4j.methods.MethodParameters;
import org.saliency4j.methods.Parameter;
import org.saliency4j.methods.Seeds;
import org.saliency4j.tensor.Maps;
import org.saliency4j.tensor.Tensor;

/**
 * The random logit test (Sixt et al. 2020): SSIM between the target's map and the map of a class
 * drawn uniformly from the others (seeded per input), both min-max normalised. A map that does not
 * change with the class explains the input, not the decision; lower is better.
 */
public final class RandomLogit extends BaseMetric {
    public RandomLogit() {
        super(
                "random-logit",
                "SSIM between the target's map and that of a random other class, both min-max normalised "
                        + "(Sixt et al. 2020)",
                false,
                List.of(Parameter.seed()));
    }

    @Override
    public boolean needsMethod() {
        return true;
    }

    @Override
    public MetricResult evaluate(MetricInput input, MethodParameters parameters) {
        int classes = input.runtime()
                .analysis(input.preprocessing().input())
                .classCount(input.runtime().output());
        long seed = Seeds.forSample(parameters.integer("seed"), input.input().data());
        int other = new Random(seed).nextInt(classes - 1);
        other += other >= input.target() ? 1 : 0;
        Tensor map = input.maps()
                .maps(input.runtime(), input.input(), new int[] {other})
                .get(0);
        int h = (int) map.dim(0);
        int w = (int) map.dim(1);
        double value = Similarity.ssim(Maps.minMax(input.map().data()), Maps.minMax(map.data()), h, w, 1);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("otherClass", other);
        details.put("seed", seed);
        return new MetricResult(value, details, null);
    }
}
