package org.saliency4j.methods.perturbation;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.saliency4j.methods.MethodParameters;
import org.saliency4j.methods.Parameter;

/**
 * LIME (Ribeiro, Singh, Guestrin 2016) over superpixels, with the lime package's image defaults:
 * 1000 rows, the first all ones (the input itself), the others keeping each superpixel with
 * probability 0.5; weight exp(-d^2 / (2 w^2)) with w = 0.25 and d the cosine distance between the
 * row and all ones (the package's sqrt(exp(-d^2 / w^2))); a ridge fit with alpha 1 and an
 * intercept; the target's probability. {@code distance=input} measures d between the input and
 * its copy instead, as Captum's Lime does (its kernel width is 1; its fit a Lasso, not offered).
 */
public final class Lime extends SurrogateMethod {
    public Lime() {
        super(
                "lime",
                "LIME: a weighted ridge fit of the score on which superpixels are kept (the lime package's "
                        + "defaults: exponential kernel of width 0.25 on the cosine distance); map = the coefficients",
                "probability",
                Parameter.integer("samples", 1000, 2, 1_000_000, "the number of rows N, the input itself the first"),
                List.of(
                        Parameter.number("kernel-width", 0.25, 1e-6, 1e6, "the width w of the exponential kernel"),
                        Parameter.choice(
                                "distance",
                                "binary",
                                "binary (cosine distance of the row to all ones, the lime package's) or input "
                                        + "(of the copy to the input, Captum's)",
                                "binary",
                                "input"),
                        Parameter.number("alpha", 1, 0, 1e9, "the ridge penalty (0: weighted least squares)")));
    }

    @Override
    double[][] design(SplittableRandom random, int features, MethodParameters p) {
        double[][] rows = new double[p.integer("samples")][features];
        Arrays.fill(rows[0], 1);
        for (int r = 1; r < rows.length; r++) {
            for (int j = 0; j < features; j++) {
                rows[r][j] = random.nextBoolean() ? 1 : 0;
            }
        }
        return rows;
    }

    @Override
    boolean usesInputDistance(MethodParameters p) {
        return p.string("distance").equals("input");
    }

    @Override
    double weight(double[] row, double inputDistance, MethodParameters p) {
        double d = usesInputDistance(p) ? inputDistance : binaryDistance(row);
        double w = p.number("kernel-width");
        return Math.exp(-d * d / (2 * w * w));
    }

    /** 1 - cos(z, 1) = 1 - sqrt(k / M) for k ones; 1 for no ones (scikit-learn's cosine distance). */
    static double binaryDistance(double[] row) {
        double kept = 0;
        for (double v : row) {
            kept += v;
        }
        return kept == 0 ? 1 : 1 - Math.sqrt(kept / row.length);
    }

    @Override
    double alpha(MethodParameters p) {
        return p.number("alpha");
    }
}
