package org.saliency4j.methods;

/** The name, description and level every method declares, held once. */
abstract class NamedMethod implements AttributionMethod {
    private final String name;
    private final String description;
    private final boolean usesLayer;

    NamedMethod(String name, String description, boolean usesLayer) {
        this.name = name;
        this.description = description;
        this.usesLayer = usesLayer;
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
}
