package org.saliency4j.methods.optimisation;

/**
 * One term of a mask objective: weight * sum_{k=1..S} p_c(phi(k/S * U) + noise), the target's
 * probability along the path to the masked input, with U = up(M_mask) * up(M_factor).
 * For deletion phi(U) = x * U + b * (1 - U), so a mask's zeros show the baseline b; for insertion the
 * image and the baseline trade places, so its zeros show the image.
 *
 * @param insertion whether the term is an insertion one
 * @param mask      which of the objective's masks the path scales
 * @param factor    which mask multiplies it after upsampling (iGOS++'s product), or -1 for none
 * @param weight    the term's factor (1/20 in the original I-GOS, 1/S for the path mean, negative
 *                  for the insertion terms that are maximised)
 * @param steps     S; one step is the masked input itself
 * @param noisy     whether each point gets the objective's noise
 */
record PathTerm(boolean insertion, int mask, int factor, double weight, int steps, boolean noisy) {
    static PathTerm deletion(int mask, double weight, int steps, boolean noisy) {
        return new PathTerm(false, mask, -1, weight, steps, noisy);
    }

    static PathTerm insertion(int mask, double weight, int steps, boolean noisy) {
        return new PathTerm(true, mask, -1, weight, steps, noisy);
    }

    /** The same term with U = up(M_mask) * up(M_factor). */
    PathTerm times(int factorMask) {
        return new PathTerm(insertion, mask, factorMask, weight, steps, noisy);
    }

    PathTerm weighted(double newWeight) {
        return new PathTerm(insertion, mask, factor, newWeight, steps, noisy);
    }

    /** The path's points k/S, k = 1..S. */
    double[] alphas() {
        double[] a = new double[steps];
        for (int k = 0; k < steps; k++) {
            a[k] = (k + 1.0) / steps;
        }
        return a;
    }
}
