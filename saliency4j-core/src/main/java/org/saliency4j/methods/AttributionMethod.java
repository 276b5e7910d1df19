package org.saliency4j.methods;

import java.util.List;

/** A saliency method: one small class each, working on what the runtime computes. */
public interface AttributionMethod {
    /** The name given to --method. */
    String name();

    String description();

    /** Whether the method works at an inner layer (and so takes --layer). */
    boolean usesLayer();

    List<MethodParameter> parameters();

    /** Explains every input of the batch. */
    List<Explanation> explain(MethodInput input, MethodParameters parameters);
}
