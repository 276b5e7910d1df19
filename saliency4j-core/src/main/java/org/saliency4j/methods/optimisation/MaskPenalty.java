package org.saliency4j.methods.optimisation;

import org.saliency4j.tensor.LinearResize;

/**
 * The regularisers of the I-GOS family on a square mask [s, s], each adding coefficient * its
 * gradient into {@code gradient} (when not null) and returning coefficient * its value. They are
 * the authors' (means, not sums; squared differences), computed in double precision.
 */
final class MaskPenalty {
    private MaskPenalty() {}

    /** mean |1 - M|; its gradient is 0 where M = 1, as PyTorch's abs has it at 0. */
    static double l1(float[] m, double coefficient, double[] gradient) {
        double sum = 0;
        for (int i = 0; i < m.length; i++) {
            sum += Math.abs(1 - m[i]);
            if (gradient != null) {
                gradient[i] -= coefficient * Math.signum(1 - m[i]) / m.length;
            }
        }
        return coefficient * sum / m.length;
    }

    /** The mean of squared differences of vertical neighbours plus that of horizontal ones. */
    static double tv(float[] m, int s, double coefficient, double[] gradient) {
        return coefficient
                * (differences(m, s, s, true, null, coefficient, gradient)
                        + differences(m, s, s, false, null, coefficient, gradient));
    }

    /**
     * iGOS++'s bilateral total variation: 0.5 * (TV(M) + the image-weighted squared differences of
     * up(M) at the input size), with the weights of {@link BilateralWeights}.
     */
    static double bilateralTv(
            float[] m, int s, BilateralWeights weights, LinearResize up, double coefficient, double[] gradient) {
        double half = 0.5 * coefficient;
        double value =
                differences(m, s, s, true, null, half, gradient) + differences(m, s, s, false, null, half, gradient);
        float[] u = up.apply(m);
        double[] atU = gradient == null ? null : new double[u.length];
        int h = up.outHeight();
        int w = up.outWidth();
        value += differences(u, h, w, true, weights.vertical(), half, atU)
                + differences(u, h, w, false, weights.horizontal(), half, atU);
        if (gradient != null) {
            double[] back = up.transpose(atU);
            for (int i = 0; i < back.length; i++) {
                gradient[i] += back[i];
            }
        }
        return half * value;
    }

    /**
     * mean over neighbour pairs of weight * (a - b)^2, vertical (rows y, y + 1) or horizontal; adds
     * coefficient * its gradient. Weights are per pair, [h - 1, w] or [h, w - 1]; null means 1.
     */
    private static double differences(
            float[] m, int h, int w, boolean vertical, float[] weights, double coefficient, double[] gradient) {
        int rows = vertical ? h - 1 : h;
        int cols = vertical ? w : w - 1;
        int pairs = rows * cols;
        if (pairs == 0) {
            return 0;
        }
        int step = vertical ? w : 1;
        double sum = 0;
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < cols; x++) {
                int i = y * w + x;
                double d = m[i] - m[i + step];
                double weight = weights == null ? 1 : weights[y * cols + x];
                sum += weight * d * d;
                if (gradient != null) {
                    double g = coefficient * 2 * weight * d / pairs;
                    gradient[i] += g;
                    gradient[i + step] -= g;
                }
            }
        }
        return sum / pairs;
    }
}
