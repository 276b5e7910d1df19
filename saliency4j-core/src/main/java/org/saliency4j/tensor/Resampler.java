package org.saliency4j.tensor;

/**
 * Separable bilinear resampling of float planes, with align_corners=false geometry. When
 * shrinking, the triangle filter widens with the scale (antialiasing), as image libraries do;
 * when enlarging it is the plain 2-tap interpolation.
 */
public final class Resampler {
    private Resampler() {}

    /** Resizes C planes of [h, w] (C order) to [newH, newW]. */
    public static float[] resize(float[] planes, int channels, int h, int w, int newH, int newW) {
        float[] rows = new float[channels * h * newW];
        Weights horizontal = weights(w, newW);
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < h; y++) {
                apply(planes, (c * h + y) * w, 1, horizontal, rows, (c * h + y) * newW, 1);
            }
        }
        float[] out = new float[channels * newH * newW];
        Weights vertical = weights(h, newH);
        for (int c = 0; c < channels; c++) {
            for (int x = 0; x < newW; x++) {
                apply(rows, c * h * newW + x, newW, vertical, out, c * newH * newW + x, newW);
            }
        }
        return out;
    }

    /**
     * Plain bilinear interpolation with align_corners=false geometry and no antialiasing, as
     * PyTorch's interpolate(mode="bilinear") computes it (also when shrinking).
     */
    public static float[] interpolate(float[] plane, int h, int w, int newH, int newW) {
        float[] out = new float[newH * newW];
        for (int y = 0; y < newH; y++) {
            double sy = Math.max(0, (y + 0.5) * h / newH - 0.5);
            int y0 = Math.min((int) sy, h - 1);
            int y1 = Math.min(y0 + 1, h - 1);
            double fy = sy - y0;
            for (int x = 0; x < newW; x++) {
                double sx = Math.max(0, (x + 0.5) * w / newW - 0.5);
                int x0 = Math.min((int) sx, w - 1);
                int x1 = Math.min(x0 + 1, w - 1);
                double fx = sx - x0;
                double top = plane[y0 * w + x0] * (1 - fx) + plane[y0 * w + x1] * fx;
                double bottom = plane[y1 * w + x0] * (1 - fx) + plane[y1 * w + x1] * fx;
                out[y * newW + x] = (float) (top * (1 - fy) + bottom * fy);
            }
        }
        return out;
    }

    private record Weights(int[] first, float[][] taps) {}

    private static Weights weights(int in, int out) {
        double scale = (double) in / out;
        double support = Math.max(1.0, scale);
        int[] first = new int[out];
        float[][] taps = new float[out][];
        for (int o = 0; o < out; o++) {
            double centre = (o + 0.5) * scale;
            int lo = (int) Math.max(0, Math.floor(centre - support + 0.5));
            int hi = (int) Math.min(in, Math.floor(centre + support + 0.5));
            if (hi <= lo) {
                hi = Math.min(in, lo + 1);
                lo = hi - 1;
            }
            float[] t = new float[hi - lo];
            double sum = 0;
            for (int i = lo; i < hi; i++) {
                double d = Math.abs((i + 0.5 - centre) / support);
                double v = Math.max(0, 1 - d);
                t[i - lo] = (float) v;
                sum += v;
            }
            for (int i = 0; i < t.length; i++) {
                t[i] = sum > 0 ? (float) (t[i] / sum) : 1f / t.length;
            }
            first[o] = lo;
            taps[o] = t;
        }
        return new Weights(first, taps);
    }

    private static void apply(
            float[] src, int srcOffset, int srcStride, Weights w, float[] dst, int dstOffset, int dstStride) {
        for (int o = 0; o < w.first.length; o++) {
            float[] t = w.taps[o];
            int base = srcOffset + w.first[o] * srcStride;
            float acc = 0;
            for (int k = 0; k < t.length; k++) {
                acc += t[k] * src[base + k * srcStride];
            }
            dst[dstOffset + o * dstStride] = acc;
        }
    }
}
