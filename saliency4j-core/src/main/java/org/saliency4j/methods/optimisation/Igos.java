package org.saliency4j.methods.optimisation;

import java.util.List;
import org.saliency4j.methods.MethodParameters;
import org.saliency4j.methods.Parameter;
import org.saliency4j.model.InputSpec;
import org.saliency4j.tensor.LinearResize;

/**
 * I-GOS (Qi, Khorram, Li, AAAI 2020), as the authors' original code (Integrated_Mask) computes it:
 * L(M) = l1 mean|1 - M| + tv TV(M) + (1/20) sum_{k=1..S} p_c(phi(k/S up(M)) + noise). The divisor
 * 20 is hard-coded there, whatever S is, and kept here. The line search (first step 200) compares
 * the masked input's loss without path or noise, and l1 is divided by 10 halfway (int(T/2)) when the
 * score has moved by at most 0.001 since the first iteration, or else by 5 at int(T/1.25) when it
 * has moved by at most 0.01 (T > 3 only).
 *
 * <p>{@code variant=khorram} is the I-GOS of the iGOS++ authors' re-implementation: the path mean
 * (1/S), the line search on the path with noise (first step 1000), no l1 decay.
 *
 * <p>{@code noise-mode=auto} draws each variant's code's noise: {@code authors} for the original
 * (N(0, (2 noise)^2) on the first channel only, the measured behaviour of its cv2.randn call), so
 * that the default reproduces the code behind the paper's numbers; {@code all-channels}
 * (N(0, noise^2) everywhere, the evident intent) for khorram.
 */
public final class Igos extends MaskMethod {
    static final double ORIGINAL_DIVISOR = 20;

    public Igos() {
        super(
                "igos",
                "I-GOS: a mask minimising the target's probability by integrated-gradient descent with an "
                        + "Armijo line search (the authors' code; `variant=khorram` the iGOS++ authors'); "
                        + "map = 1 − up(M)",
                parameters(
                        "total variation (mean squared differences)",
                        "auto",
                        List.of("auto", PathNoise.AUTHORS, PathNoise.ALL_CHANNELS),
                        Parameter.choice(
                                "variant",
                                "original",
                                "original (the AAAI code) or khorram (the iGOS++ authors' I-GOS)",
                                "original",
                                "khorram"),
                        Parameter.number(
                                "alpha",
                                0,
                                0,
                                Double.POSITIVE_INFINITY,
                                "the line search's first step; 0 = the variant's own (200 original, 1000 khorram)")));
    }

    private static boolean original(MethodParameters p) {
        return p.string("variant").equals("original");
    }

    @Override
    double alpha(MethodParameters p) {
        double alpha = p.number("alpha");
        return alpha > 0 ? alpha : original(p) ? 200 : 1000;
    }

    @Override
    String noiseMode(MethodParameters p) {
        String mode = p.string("noise-mode");
        if (!mode.equals("auto")) {
            return mode;
        }
        return original(p) ? PathNoise.AUTHORS : PathNoise.ALL_CHANNELS;
    }

    @Override
    MaskObjective objective(MethodParameters p, float[] chw, InputSpec spec, LinearResize up) {
        int steps = p.integer("steps");
        boolean original = original(p);
        PathTerm path = PathTerm.deletion(0, original ? 1 / ORIGINAL_DIVISOR : 1.0 / steps, steps, true);
        PathTerm search = original ? PathTerm.deletion(0, 1, 1, false) : path;
        return new Objective(original, p.number("l1"), p.number("tv"), p.integer("size"), path, search);
    }

    /** One input's I-GOS loss; its l1 weight decays in the original variant. */
    private static final class Objective extends MaskObjective {
        private final boolean decays;
        private final double tv;
        private final int size;
        private final PathTerm path;
        private final PathTerm search;
        private double l1;

        Objective(boolean decays, double l1, double tv, int size, PathTerm path, PathTerm search) {
            this.decays = decays;
            this.l1 = l1;
            this.tv = tv;
            this.size = size;
            this.path = path;
            this.search = search;
        }

        @Override
        int masks() {
            return 1;
        }

        @Override
        List<PathTerm> gradientTerms() {
            return List.of(path);
        }

        @Override
        List<PathTerm> searchTerms() {
            return List.of(search);
        }

        @Override
        double penalty(float[][] masks, double[][] gradients) {
            double[] g = gradients == null ? null : gradients[0];
            return MaskPenalty.l1(masks[0], l1, g) + MaskPenalty.tv(masks[0], size, tv, g);
        }

        /** The authors' test reads their score curve, which holds the first score twice: index i is score i - 1. */
        @Override
        void afterStep(int iteration, int iterations, List<Float> scores) {
            if (!decays || iterations <= 3 || iteration == 0) {
                return;
            }
            double moved = Math.abs(scores.get(0) - scores.get(iteration - 1));
            if (iteration == iterations / 2) {
                if (moved <= 0.001) {
                    l1 /= 10;
                }
            } else if (iteration == (int) (iterations / 1.25) && moved <= 0.01) {
                l1 /= 5;
            }
        }
    }
}
