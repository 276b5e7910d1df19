package org.saliency4j.metrics;

import java.util.List;
import org.saliency4j.methods.MethodParameters;
import org.saliency4j.methods.Parameter;

/** A measure of a saliency map: one small class each, declaring its parameters and its direction. */
public interface Metric {
    String name();

    String description();

    /** Whether a higher value means a better map. */
    boolean higherIsBetter();

    List<Parameter> parameters();

    MetricResult evaluate(MetricInput input, MethodParameters parameters);
}
