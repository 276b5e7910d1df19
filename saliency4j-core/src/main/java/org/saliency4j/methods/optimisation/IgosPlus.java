package org.saliency4j.methods.optimisation;

import java.util.List;
import org.saliency4j.methods.MethodParameters;
import org.saliency4j.model.InputSpec;
import org.saliency4j.tensor.LinearResize;

/**
 * iGOS+ (the iGOS++ authors' single-mask variant, iGOS_p): one mask optimised for deletion and
 * insertion at once, g = dDel + dIns + dReg, with no /2; Del and Ins the path means (1/S) of the
 * target's probability, Ins with the image and the baseline swapped and maximised. The penalty has
 * the bilateral total variation; the line search is on the same loss, with noise.
 */
public final class IgosPlus extends MaskMethod {
    public IgosPlus() {
        super(
                "igos+",
                "iGOS+: one mask optimised for deletion and insertion together, with bilateral total "
                        + "variation (the iGOS++ authors' code); map = 1 − up(M)",
                bilateralParameters());
    }

    @Override
    MaskObjective objective(MethodParameters p, float[] chw, InputSpec spec, LinearResize up) {
        int steps = p.integer("steps");
        List<PathTerm> terms = List.of(
                PathTerm.deletion(0, 1.0 / steps, steps, true), PathTerm.insertion(0, -1.0 / steps, steps, true));
        BilateralObjective penalty = new BilateralObjective(p, chw, spec, up);
        return new MaskObjective() {
            @Override
            int masks() {
                return 1;
            }

            @Override
            List<PathTerm> gradientTerms() {
                return terms;
            }

            @Override
            List<PathTerm> searchTerms() {
                return terms;
            }

            @Override
            double penalty(float[][] masks, double[][] gradients) {
                return penalty.at(masks[0], gradients == null ? null : gradients[0]);
            }
        };
    }
}
