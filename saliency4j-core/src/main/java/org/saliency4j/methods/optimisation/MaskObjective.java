package org.saliency4j.methods.optimisation;

import java.util.List;

/**
 * What one input's mask optimisation minimises: path terms on the model's scores and a penalty on
 * the masks. The descent direction is the gradient of {@link #gradientTerms()} plus the penalty's;
 * the line search compares {@link #searchTerms()} plus the penalty (the original I-GOS searches on
 * the masked input alone, without path or noise; the iGOS++ authors' code on the path with noise).
 */
abstract class MaskObjective {
    /** How many masks are optimised (iGOS++ has a deletion and an insertion mask). */
    abstract int masks();

    abstract List<PathTerm> gradientTerms();

    abstract List<PathTerm> searchTerms();

    /** The penalty at these masks; adds its gradient into {@code gradients} (one per mask) when not null. */
    abstract double penalty(float[][] masks, double[][] gradients);

    /** The mask the method returns, [s, s], 1 keeping the image. */
    float[] result(float[][] masks) {
        return masks[0];
    }

    /** Called after each iteration's step with the masked input's score at each iteration so far. */
    void afterStep(int iteration, int iterations, List<Float> scores) {}
}
