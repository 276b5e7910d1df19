package org.saliency4j.methods;

import java.util.List;

/** The base of every method: its name, description, level and declared parameters, held once. */
public abstract class BaseMethod implements AttributionMethod {
    private final String name;
    private final String description;
    private final boolean usesLayer;
    private final List<Parameter> parameters;

    protected BaseMethod(String name, String description, boolean usesLayer, List<Parameter> parameters) {
        this.name = name;
        this.description = description;
        this.usesLayer = usesLayer;
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
    public final boolean usesLayer() {
        return usesLayer;
    }

    @Override
    public final List<Parameter> parameters() {
        return parameters;
    }
}
