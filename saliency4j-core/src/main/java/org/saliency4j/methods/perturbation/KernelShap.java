package org.saliency4j.methods.perturbation;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.saliency4j.methods.MethodParameters;
import org.saliency4j.methods.Parameter;

/**
 * KernelSHAP (Lundberg and Lee 2017) over superpixels, as Captum's {@code KernelShap} computes it:
 * the first rows all ones and all zeros (weight 1e6, standing in for the infinite weight the
 * Shapley kernel gives them), then rows of k ones, k drawn with probability proportional to
 * (M - 1) / (k (M - k)) for k = 1 .. M - 1 and the k superpixels uniformly, each of weight 1 (drawing
 * k so is the Shapley kernel's weighting); a weighted least-squares fit with an intercept; the
 * target's logit.
 *
 * <p>Captum draws 25 rows by default, too few for 50 superpixels; {@code samples=0} (the default)
 * takes the shap package's own: 2 M + 2048.
 */
public final class KernelShap extends SurrogateMethod {
    static final double ENDPOINT_WEIGHT = 1e6;

    public KernelShap() {
        super(
                "kernelshap",
                "KernelSHAP: a least-squares fit of the score on which superpixels are kept, rows drawn by the "
                        + "Shapley kernel (Captum's); map = the coefficients",
                "logit",
                Parameter.integer("samples", 0, 0, 1_000_000, "the number of rows N; 0 = 2 M + 2048 (shap's)"),
                List.of());
    }

    @Override
    double[][] design(SplittableRandom random, int features, MethodParameters p) {
        int samples = p.integer("samples") > 0 ? p.integer("samples") : 2 * features + 2048;
        double[] cumulative = new double[features];
        for (int k = 1; k < features; k++) {
            cumulative[k] = cumulative[k - 1] + (features - 1.0) / (k * (double) (features - k));
        }
        double[][] rows = new double[Math.max(2, samples)][features];
        Arrays.fill(rows[0], 1);
        int[] order = new int[features];
        for (int r = 2; r < rows.length; r++) {
            int k = kept(random.nextDouble() * cumulative[features - 1], cumulative);
            for (int j = 0; j < features; j++) {
                order[j] = j;
            }
            for (int j = 0; j < k; j++) {
                int pick = j + random.nextInt(features - j);
                int chosen = order[pick];
                order[pick] = order[j];
                order[j] = chosen;
                rows[r][chosen] = 1;
            }
        }
        return rows;
    }

    /** The k whose cumulative interval holds u. */
    private static int kept(double u, double[] cumulative) {
        for (int k = 1; k < cumulative.length; k++) {
            if (u < cumulative[k]) {
                return k;
            }
        }
        return cumulative.length - 1;
    }

    @Override
    boolean usesInputDistance(MethodParameters p) {
        return false;
    }

    @Override
    double weight(double[] row, double inputDistance, MethodParameters p) {
        double kept = 0;
        for (double v : row) {
            kept += v;
        }
        return kept == 0 || kept == row.length ? ENDPOINT_WEIGHT : 1;
    }

    @Override
    double alpha(MethodParameters p) {
        return 0;
    }
}
