package org.saliency4j.metrics;

import java.util.List;
import java.util.Map;
import org.saliency4j.methods.MethodParameters;

/**
 * Complexity (Bhatt et al. 2020), the entropy of the map as a distribution: p = |map| / sum |map|,
 * H = -sum p ln p (0 ln 0 = 0). An all-zero map counts as uniform (ln n); lower is better.
 */
public final class Complexity extends BaseMetric {
    public Complexity() {
        super("complexity", "entropy of |map| as a distribution over the pixels", false, List.of());
    }

    @Override
    public MetricResult evaluate(MetricInput input, MethodParameters parameters) {
        float[] map = input.map().data();
        double sum = 0;
        for (float v : map) {
            sum += Math.abs((double) v);
        }
        if (sum == 0) {
            return new MetricResult(Math.log(map.length), Map.of(), null);
        }
        double entropy = 0;
        for (float v : map) {
            double p = Math.abs((double) v) / sum;
            if (p > 0) {
                entropy -= p * Math.log(p);
            }
        }
        return new MetricResult(entropy, Map.of(), null);
    }
}
