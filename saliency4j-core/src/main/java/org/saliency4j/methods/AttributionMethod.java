package org.saliency4j.methods;

import java.util.List;

/**
 * A saliency method: one small class each, working on what the runtime computes for a batch.
 * Extend {@link BaseMethod} (or {@link LayerMethod}) and register it with the pipeline's
 * {@code MethodRegistry.register} to make it available by name.
 */
public interface AttributionMethod {
    /** The name given to --method. */
    String name();

    /** One line on what the method computes (the README's methods table shows it). */
    String description();

    /** Whether the method works at an inner layer (and so takes --layer). */
    boolean usesLayer();

    List<Parameter> parameters();

    /** What an explanation's score is (logit or probability), or null when the method has none. */
    default String scoreKind(MethodParameters parameters) {
        return parameters.asMap().get("score");
    }

    /** Explains every input of the batch, in order. */
    List<Explanation> explain(Batch batch, MethodParameters parameters);
}
