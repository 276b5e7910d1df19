package org.saliency4j.tensor;

import java.util.Comparator;
import java.util.stream.IntStream;

/** Arithmetic on saliency maps held as flat float arrays. */
public final class Maps {
    private Maps() {}

    /** Min-max normalisation to [0, 1]; a constant map becomes zeros, never NaN. */
    public static float[] minMax(float[] map) {
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (float v : map) {
            if (!Float.isFinite(v)) {
                throw new IllegalStateException(
                        "saliency map holds a non-finite value (" + v + "): this is a bug, please report it");
            }
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        float[] out = new float[map.length];
        float range = hi - lo;
        if (range > 0) {
            for (int i = 0; i < map.length; i++) {
                out[i] = (map[i] - lo) / range;
            }
        }
        return out;
    }

    /** sum_c weight[c] * A[c] [area], of activations A [channels * area]: the channel sum CAMs end with. */
    public static float[] weightedChannelSum(float[] a, float[] weights, int channels, int area) {
        float[] cam = new float[area];
        for (int c = 0; c < channels; c++) {
            float wc = weights[c];
            for (int i = 0; i < area; i++) {
                cam[i] += wc * a[c * area + i];
            }
        }
        return cam;
    }

    /**
     * (v - min) / (max - min + epsilon), as the libraries that add an epsilon to the range compute it
     * (pytorch-grad-cam: 1e-7, its Score-CAM 1e-8); a constant map becomes zeros.
     */
    public static float[] minMax(float[] map, double epsilon) {
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (float v : map) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        double range = (double) hi - lo + epsilon;
        float[] out = new float[map.length];
        for (int i = 0; range > 0 && i < map.length; i++) {
            out[i] = (float) ((map[i] - lo) / range);
        }
        return out;
    }

    /** max(0, v) element-wise, as a new array. */
    public static float[] relu(float[] v) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Math.max(0f, v[i]);
        }
        return out;
    }

    /** The indices of the values from the highest to the lowest, ties broken by index, lowest first. */
    public static int[] descendingOrder(float[] v) {
        return IntStream.range(0, v.length)
                .boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -v[i]).thenComparingInt(i -> i))
                .mapToInt(Integer::intValue)
                .toArray();
    }
}
