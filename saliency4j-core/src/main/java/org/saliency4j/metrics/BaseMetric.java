package org.saliency4j.metrics;

import java.util.List;
import org.saliency4j.methods.Parameter;

/** The base of every metric: its name, description, direction and declared parameters, held once. */
public abstract class BaseMetric implements Metric {
    private final String name;
    private final String description;
    private final boolean higherIsBetter;
    private final List<Parameter> parameters;

    protected BaseMetric(String name, String description, boolean higherIsBetter, List<Parameter> parameters) {
        this.name = name;
        this.description = description;
        this.higherIsBetter = higherIsBetter;
        this.parameters = List.copyOf(parameters);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final boolean higherIsBetter() {
        return higherIsBetter;
    }

    @Override
    public final List<Parameter> parameters() {
        return parameters;
    }
}
