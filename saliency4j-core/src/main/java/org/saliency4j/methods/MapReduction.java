package org.saliency4j.methods;

import org.saliency4j.tensor.Tensor;

/** How an input attribution [C, H, W] becomes a map [H, W]. */
public enum MapReduction {
    /** max_c |a|: gradient saliency (Simonyan et al. 2014) and its smoothed and guided variants. */
    MAX_ABS,
    /** |sum_c a|: Captum's visualisation with sign "absolute_value", for attributions that add up (x * grad, IG). */
    ABS_SUM;

    public Tensor apply(Tensor chw) {
        int c = (int) chw.dim(0);
        int h = (int) chw.dim(1);
        int w = (int) chw.dim(2);
        int hw = h * w;
        float[] a = chw.data();
        float[] out = new float[hw];
        for (int i = 0; i < hw; i++) {
            float acc = 0;
            for (int k = 0; k < c; k++) {
                float v = a[k * hw + i];
                acc = this == MAX_ABS ? Math.max(acc, Math.abs(v)) : acc + v;
            }
            out[i] = this == MAX_ABS ? acc : Math.abs(acc);
        }
        return new Tensor(out, h, w);
    }
}
