package org.saliency4j.render;

/** Min-max normalisation of a saliency map to [0, 1]; a constant map becomes zeros, never NaN. */
public final class MapNormaliser {
    private MapNormaliser() {
    }

    public static float[] minMax(float[] map) {
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (float v : map) {
            if (!Float.isFinite(v)) {
                throw new IllegalStateException("saliency map holds a non-finite value (" + v + "): this is a bug, please report it");
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
}
