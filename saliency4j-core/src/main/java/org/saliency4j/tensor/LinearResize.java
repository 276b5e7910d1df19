package org.saliency4j.tensor;

/**
 * A resize of [h, w] planes to [H, W] as ONNX Resize computes it (nearest or linear, with its
 * coordinate transformation rules). It is separable: one [out, in] matrix per axis, so that
 * Y = R_h X R_w^T, and its transpose (the backward of the resize) is exact as well.
 */
public final class LinearResize {
    private final int h;
    private final int w;
    private final int height;
    private final int width;
    private final float[] rows;
    private final float[] cols;

    private LinearResize(int h, int w, int height, int width, float[] rows, float[] cols) {
        this.h = h;
        this.w = w;
        this.height = height;
        this.width = width;
        this.rows = rows;
        this.cols = cols;
    }

    /** The resize to [height, width], with the scales out / in. */
    public static LinearResize of(
            int h, int w, int height, int width, String mode, String transform, String nearestMode) {
        return new LinearResize(
                h,
                w,
                height,
                width,
                matrix(h, height, (double) height / h, mode, transform, nearestMode),
                matrix(w, width, (double) width / w, mode, transform, nearestMode));
    }

    public int inHeight() {
        return h;
    }

    public int inWidth() {
        return w;
    }

    public int outHeight() {
        return height;
    }

    public int outWidth() {
        return width;
    }

    /** R_h, [height, h]. */
    public float[] rows() {
        return rows.clone();
    }

    /** R_w, [width, w]. */
    public float[] cols() {
        return cols.clone();
    }

    /** The plane [h, w] resized to [height, width]. */
    public float[] apply(float[] plane) {
        double[] alongWidth = new double[h * width];
        for (int y = 0; y < h; y++) {
            for (int o = 0; o < width; o++) {
                double acc = 0;
                for (int i = 0; i < w; i++) {
                    acc += cols[o * w + i] * plane[y * w + i];
                }
                alongWidth[y * width + o] = acc;
            }
        }
        float[] out = new float[height * width];
        for (int o = 0; o < height; o++) {
            for (int y = 0; y < h; y++) {
                float r = rows[o * h + y];
                if (r != 0) {
                    for (int x = 0; x < width; x++) {
                        out[o * width + x] += (float) (r * alongWidth[y * width + x]);
                    }
                }
            }
        }
        return out;
    }

    /** The transpose: a gradient [height, width] at the output carried back to [h, w], R_h^T G R_w. */
    public double[] transpose(double[] gradient) {
        double[] alongHeight = new double[h * width];
        for (int o = 0; o < height; o++) {
            for (int y = 0; y < h; y++) {
                float r = rows[o * h + y];
                if (r != 0) {
                    for (int x = 0; x < width; x++) {
                        alongHeight[y * width + x] += r * gradient[o * width + x];
                    }
                }
            }
        }
        double[] out = new double[h * w];
        for (int y = 0; y < h; y++) {
            for (int o = 0; o < width; o++) {
                double g = alongHeight[y * width + o];
                for (int i = 0; i < w; i++) {
                    out[y * w + i] += cols[o * w + i] * g;
                }
            }
        }
        return out;
    }

    /**
     * The [out, in] interpolation matrix of one axis.
     *
     * @throws IllegalArgumentException for a mode, transformation or nearest rule ONNX does not define
     */
    public static float[] matrix(long in, long out, double scale, String mode, String transform, String nearestMode) {
        if (!mode.equals("nearest") && !mode.equals("linear")) {
            throw new IllegalArgumentException("Resize mode '" + mode + "' is not supported (nearest and linear are)");
        }
        int n = (int) out;
        int m = (int) in;
        float[] r = new float[n * m];
        for (int o = 0; o < n; o++) {
            double x = sourceCoordinate(o, in, out, scale, transform);
            if (mode.equals("nearest")) {
                int i = (int) Math.max(0, Math.min(m - 1, roundNearest(x, nearestMode)));
                r[o * m + i] = 1f;
            } else {
                x = Math.max(0, Math.min(x, m - 1));
                int i0 = (int) Math.floor(x);
                int i1 = Math.min(i0 + 1, m - 1);
                double w1 = x - i0;
                r[o * m + i0] += (float) (1 - w1);
                r[o * m + i1] += (float) w1;
            }
        }
        return r;
    }

    private static double sourceCoordinate(int o, long in, long out, double scale, String transform) {
        return switch (transform) {
            case "half_pixel" -> (o + 0.5) / scale - 0.5;
            case "pytorch_half_pixel" -> out > 1 ? (o + 0.5) / scale - 0.5 : 0;
            case "align_corners" -> out > 1 ? o * (in - 1) / (double) (out - 1) : 0;
            case "asymmetric" -> o / scale;
            case "tf_half_pixel_for_nn" -> (o + 0.5) / scale;
            default ->
                throw new IllegalArgumentException(
                        "coordinate_transformation_mode '" + transform + "' is not supported");
        };
    }

    private static double roundNearest(double x, String nearestMode) {
        return switch (nearestMode) {
            case "round_prefer_floor" -> Math.ceil(x - 0.5);
            case "round_prefer_ceil" -> Math.floor(x + 0.5);
            case "floor" -> Math.floor(x);
            case "ceil" -> Math.ceil(x);
            default -> throw new IllegalArgumentException("nearest_mode '" + nearestMode + "' is not supported");
        };
    }
}
