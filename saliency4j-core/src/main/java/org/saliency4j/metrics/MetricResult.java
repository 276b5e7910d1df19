package org.saliency4j.metrics;

import java.util.Map;
import org.saliency4j.tensor.Tensor;

/**
 * A metric's value for one map, with details worth recording and, for curve metrics, the curve
 * [2, n]: its x (row 0) and y (row 1); else null. A metric that does not apply to an input (a
 * localisation metric for a class the input has no object of) gives NaN, with the reason as the
 * detail {@code skipped}; reports leave it out of their means.
 */
public record MetricResult(double value, Map<String, Object> details, Tensor curve) {

    public static MetricResult of(double value) {
        return new MetricResult(value, Map.of(), null);
    }

    public static MetricResult notApplicable(String why) {
        return new MetricResult(Double.NaN, Map.of("skipped", why), null);
    }

    public boolean applies() {
        return !Double.isNaN(value);
    }
}
