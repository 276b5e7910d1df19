package org.saliency4j.methods.optimisation;

import org.saliency4j.methods.MethodParameters;
import org.saliency4j.model.InputSpec;
import org.saliency4j.tensor.LinearResize;

/**
 * The penalty of iGOS+ and iGOS++ on a mask Q: l1 mean|1 - Q| + tv BTV(I, Q), the bilateral total
 * variation with sigma 0.01 on the normalised image (the iGOS++ authors' L1 and L2).
 */
final class BilateralObjective {
    static final double SIGMA = 0.01;

    private final double l1;
    private final double tv;
    private final int size;
    private final BilateralWeights weights;
    private final LinearResize up;

    BilateralObjective(MethodParameters p, float[] chw, InputSpec spec, LinearResize up) {
        this.l1 = p.number("l1");
        this.tv = p.number("tv");
        this.size = p.integer("size");
        this.weights = BilateralWeights.of(chw, spec.channels(), spec.height(), spec.width(), SIGMA);
        this.up = up;
    }

    /** The penalty at q; adds its gradient into {@code gradient} when not null. */
    double at(float[] q, double[] gradient) {
        return MaskPenalty.l1(q, l1, gradient) + MaskPenalty.bilateralTv(q, size, weights, up, tv, gradient);
    }
}
