package org.saliency4j.methods;

import org.saliency4j.model.InputSpec;
import org.saliency4j.tensor.Tensor;

/** Small operations on input attributions shared by the input-level methods. */
public final class Attributions {
    private Attributions() {
    }

    /** Sample n of a batch in the model's layout, as [C, H, W]. */
    public static Tensor sampleChw(Tensor batch, int n, InputSpec spec) {
        Tensor sample = batch.slice(n);
        if (spec.layout() == InputSpec.Layout.NCHW) {
            return sample;
        }
        int c = spec.channels();
        int hw = spec.height() * spec.width();
        float[] src = sample.data();
        float[] out = new float[src.length];
        for (int i = 0; i < hw; i++) {
            for (int k = 0; k < c; k++) {
                out[k * hw + i] = src[i * c + k];
            }
        }
        return new Tensor(out, c, spec.height(), spec.width());
    }

    /** max over channels of |a|: the usual saliency map of a [C, H, W] attribution. */
    public static Tensor maxAbsOverChannels(Tensor chw) {
        int c = (int) chw.dim(0);
        int h = (int) chw.dim(1);
        int w = (int) chw.dim(2);
        float[] a = chw.data();
        float[] out = new float[h * w];
        for (int k = 0; k < c; k++) {
            for (int i = 0; i < h * w; i++) {
                out[i] = Math.max(out[i], Math.abs(a[k * h * w + i]));
            }
        }
        return new Tensor(out, h, w);
    }
}
