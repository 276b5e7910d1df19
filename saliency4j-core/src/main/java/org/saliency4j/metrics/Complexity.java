package org.saliency4j.metrics;

import java.util.List;
import org.saliency4j.methods.MethodParameters;

/**
 * Complexity (Bhatt et al. 2020), the entropy of the map as a distribution: p = |map| / sum |map|,
 * H = -sum p ln p (0 ln 0 = 0). An all-zero map counts as uniform (ln n); lower is better.
 */
public final class Complexity extends BaseMetric {
    public Complexity() {
        super(
                "complexity",
                "entropy of |map| / Σ |map| (Bhatt et al. 2020); an all-zero map counts as uniform",
                false,
                List.of());
    }

    @Override
    public MetricResult evaluate(MetricInput input, MethodParameters parameters) {
        float[] map = input.map().data();
        double sum = 0;
        for (float v : map) {
            sum += Math.abs((double) v);
        }
        if (sum == 0) {
            return MetricResult.of(Math.log(map.length));
        }
        double entropy = 0;
        for (float v : map) {
            double p = Math.abs((double) v) / sum;
            if (p > 0) {
                entropy -= p * Math.log(p);
            }
        }
        return MetricResult.of(entropy);
    }
}
