package org.saliency4j.metrics;

import java.util.Map;
import org.saliency4j.tensor.Tensor;

/**
 * A metric's value for one map, with details worth recording and, for curve metrics, the curve
 * [2, n]: its x (row 0) and y (row 1); else null.
 */
public record MetricResult(double value, Map<String, Object> details, Tensor curve) {}
