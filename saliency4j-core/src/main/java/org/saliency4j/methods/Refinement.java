package org.saliency4j.methods;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A refinement any method can take, named METHOD + suffix (e.g. gradcam+ge): it wraps the base
 * method, adding its own parameters to the base's.
 */
public record Refinement(
        String suffix, String description, List<Parameter> parameters, UnaryOperator<AttributionMethod> refine) {}
