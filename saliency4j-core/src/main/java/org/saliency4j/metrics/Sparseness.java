package org.saliency4j.metrics;

import java.util.Arrays;
import java.util.List;
import org.saliency4j.methods.MethodParameters;

/**
 * Sparseness (Chalasani et al. 2020), the Gini index of |map| as Quantus computes it:
 * a = |map| + 1e-7 sorted ascending, G = sum_i (2i - n - 1) a_(i) / (n sum a). 0 for a uniform map,
 * near 1 when a few pixels hold all of it; higher is better.
 */
public final class Sparseness extends BaseMetric {
    private static final double EPS = 1e-7;

    public Sparseness() {
        super(
                "sparseness",
                "Gini index of |map| (Chalasani et al. 2020, as Quantus): near 1 when a few pixels hold all of it",
                true,
                List.of());
    }

    @Override
    public MetricResult evaluate(MetricInput input, MethodParameters parameters) {
        float[] map = input.map().data();
        double[] a = new double[map.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = Math.abs((double) map[i]) + EPS;
        }
        Arrays.sort(a);
        int n = a.length;
        double weighted = 0;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            weighted += (2.0 * (i + 1) - n - 1) * a[i];
            sum += a[i];
        }
        return MetricResult.of(weighted / (n * sum));
    }
}
