package org.saliency4j.methods.optimisation;

import java.util.Arrays;

/**
 * Extremal Perturbation's smooth mask (Fong, Patrick, Vedaldi 2019; TorchRay's MaskGenerator): mask
 * parameters p on a grid of one per {@code step} pixels make a mask with a margin of {@code sigma}
 * pixels, m(u) = smax_k w_k(u) p_{i_k(u)}, over the (2r + 1)^2 parameters i_k(u) around u (r = 1 +
 * ceil(sigma / step); beyond the grid they are 0), with w_k(u) = exp(-2 max(0, d / sigma - 0.5)^2)
 * for the distance d from u to the parameter's place (margin + step * i), and the smooth maximum
 * smax(v) = sum_k v_k softmax(20 v)_k. The mask is clamped to [0, 1] and cropped to the input. Its
 * gradient is written out (no copies of the per-term values are kept: they are recomputed).
 */
final class SmoothMaskGenerator {
    static final double COLDNESS = 20;
    /** Terms this far below the largest (in c * v) weigh under e^-40 = 4e-18 of it and are skipped. */
    static final double NEGLIGIBLE = -40;

    private final int height;
    private final int width;
    private final int margin;
    private final int inHeight;
    private final int inWidth;
    private final int outHeight;
    private final int outWidth;
    private final int taps;
    /** w_k(u) at [u * taps + k]: a pixel's terms side by side, as they are read. */
    private final float[] weights;
    /** The parameter i_k(u) each term reads, or -1 beyond the grid, at [u * taps + k]. */
    private final int[] parameterOf;

    SmoothMaskGenerator(int height, int width, int step, double sigma) {
        this.height = height;
        this.width = width;
        this.margin = (int) Math.round(sigma);
        int padding = 1 + (int) Math.ceil((sigma + sigma) / step);
        int radius = 1 + (int) Math.ceil(sigma / step);
        int side = 2 * radius + 1;
        this.taps = side * side;
        this.inHeight = (int) Math.ceil((double) height / step);
        this.inWidth = (int) Math.ceil((double) width / step);
        this.outHeight = step * (inHeight + 2 * padding - side + 1) - step + 1;
        this.outWidth = step * (inWidth + 2 * padding - side + 1) - step + 1;
        // per kernel row (column) and output row (column), the parameter row (column), maybe outside
        int[][] rowOf = new int[side][outHeight];
        int[][] colOf = new int[side][outWidth];
        for (int k = 0; k < side; k++) {
            for (int u = 0; u < outHeight; u++) {
                rowOf[k][u] = u / step + k - padding;
            }
            for (int u = 0; u < outWidth; u++) {
                colOf[k][u] = u / step + k - padding;
            }
        }
        this.weights = new float[outHeight * outWidth * taps];
        this.parameterOf = new int[outHeight * outWidth * taps];
        for (int ky = 0; ky < side; ky++) {
            for (int kx = 0; kx < side; kx++) {
                for (int uy = 0; uy < outHeight; uy++) {
                    for (int ux = 0; ux < outWidth; ux++) {
                        double dy = uy - (margin + step * (double) rowOf[ky][uy]);
                        double dx = ux - (margin + step * (double) colOf[kx][ux]);
                        double z = Math.max(0, Math.sqrt(dy * dy + dx * dx) / sigma - 0.5);
                        int at = (uy * outWidth + ux) * taps + ky * side + kx;
                        weights[at] = (float) Math.exp(-2 * z * z);
                        int row = rowOf[ky][uy];
                        int col = colOf[kx][ux];
                        boolean inside = row >= 0 && row < inHeight && col >= 0 && col < inWidth;
                        parameterOf[at] = inside ? row * inWidth + col : -1;
                    }
                }
            }
        }
    }

    int parameterHeight() {
        return inHeight;
    }

    int parameterWidth() {
        return inWidth;
    }

    /** The mask with its margin, [outHeight * outWidth], before clamping. */
    int fullSize() {
        return outHeight * outWidth;
    }

    /** Whether the mask with its margin holds the input (not for a sigma much smaller than the step). */
    boolean covers() {
        return margin + height <= outHeight && margin + width <= outWidth;
    }

    /** m(u) for every u of the mask with its margin, unclamped. */
    double[] generate(double[] parameters) {
        double[] out = new double[fullSize()];
        double[] v = new double[taps];
        double[] e = new double[taps];
        for (int u = 0; u < out.length; u++) {
            values(parameters, u, v);
            out[u] = smoothMax(v, e);
        }
        return out;
    }

    /** d(loss)/d(parameters), given d(loss)/d(m) at every u of the mask with its margin (unclamped). */
    double[] backward(double[] parameters, double[] gradient) {
        double[] out = new double[parameters.length];
        double[] v = new double[taps];
        double[] e = new double[taps];
        for (int u = 0; u < gradient.length; u++) {
            if (gradient[u] == 0) {
                continue;
            }
            values(parameters, u, v);
            double s = smoothMax(v, e);
            int base = u * taps;
            for (int k = 0; k < taps; k++) {
                int at = parameterOf[base + k];
                if (at >= 0 && e[k] > 0) {
                    // d smax / d v_k = p_k (1 + c (v_k - smax)), and d v_k / d p = w_k(u)
                    out[at] += gradient[u] * e[k] * (1 + COLDNESS * (v[k] - s)) * weights[base + k];
                }
            }
        }
        return out;
    }

    /** sum_k v_k softmax(c v)_k, leaving the softmax in {@code softmax} (0 for negligible terms). */
    private static double smoothMax(double[] v, double[] softmax) {
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        for (double x : v) {
            max = Math.max(max, x);
            min = Math.min(min, x);
        }
        if (max == min) {
            // all terms equal (the parameters cleared to 0 around a pixel, as most of the mask ends):
            // the softmax is uniform, and no exponential is needed
            Arrays.fill(softmax, 1.0 / v.length);
            return max;
        }
        double z = 0;
        for (int k = 0; k < v.length; k++) {
            double exponent = COLDNESS * (v[k] - max);
            softmax[k] = exponent > NEGLIGIBLE ? Math.exp(exponent) : 0;
            z += softmax[k];
        }
        double s = 0;
        for (int k = 0; k < v.length; k++) {
            softmax[k] /= z;
            s += v[k] * softmax[k];
        }
        return s;
    }

    /** v_k = w_k(u) p_{i_k(u)}, 0 beyond the grid. */
    private void values(double[] parameters, int u, double[] v) {
        int base = u * taps;
        for (int k = 0; k < taps; k++) {
            int at = parameterOf[base + k];
            v[k] = at >= 0 ? weights[base + k] * parameters[at] : 0;
        }
    }

    /** The clamped mask cropped to the input, [height * width]. */
    double[] crop(double[] clamped) {
        double[] out = new double[height * width];
        for (int y = 0; y < height; y++) {
            System.arraycopy(clamped, (margin + y) * outWidth + margin, out, y * width, width);
        }
        return out;
    }

    /** Adds a gradient at the cropped mask into one of the mask with its margin. */
    void uncrop(double[] croppedGradient, double[] into) {
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                into[(margin + y) * outWidth + margin + x] += croppedGradient[y * width + x];
            }
        }
    }
}
