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

    /** Whether it needs the objects of each image ({@link MetricInput#annotation()}). */
    default boolean needsAnnotations() {
        return false;
    }

    /** Whether it runs the evaluated method again (on other inputs, targets or weights): it needs more than a map. */
    default boolean needsMethod() {
        return false;
    }

    /**
     * Whether its summary is the mean over classes of the per-class means (the pointing game's
     * accuracy, as TorchRay scores it), the class being the detail {@code class}; else the mean
     * over inputs.
     */
    default boolean meanOverClasses() {
        return false;
    }

    MetricResult evaluate(MetricInput input, MethodParameters parameters);

    /** Its values for several inputs; a metric that can share work across them overrides it. */
    default List<MetricResult> evaluateAll(List<MetricInput> inputs, MethodParameters parameters) {
        return inputs.stream().map(i -> evaluate(i, parameters)).toList();
    }
}
