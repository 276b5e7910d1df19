package org.saliency4j.methods;

import java.util.Arrays;
import org.saliency4j.model.InputSpec;
import org.saliency4j.tensor.Tensor;

/** Moving single samples in and out of batches, and between the model's layout and [C, H, W]. */
public final class Samples {
    private Samples() {}

    /** Sample n of a batch, flat, in the model's layout. */
    public static float[] sample(Tensor batch, int n) {
        int per = batch.size() / (int) batch.dim(0);
        return Arrays.copyOfRange(batch.data(), n * per, (n + 1) * per);
    }

    /** Flat samples (model layout) as a batch. */
    public static Tensor batch(float[][] samples, InputSpec spec) {
        int per = spec.elementsPerSample();
        float[] data = new float[samples.length * per];
        for (int i = 0; i < samples.length; i++) {
            System.arraycopy(samples[i], 0, data, i * per, per);
        }
        return new Tensor(data, spec.batchShape(samples.length));
    }

    /** A flat sample in the model's layout as [C, H, W]. */
    public static Tensor toChw(float[] sample, InputSpec spec) {
        int c = spec.channels();
        int hw = spec.height() * spec.width();
        if (spec.layout() == InputSpec.Layout.NCHW) {
            return new Tensor(sample.clone(), c, spec.height(), spec.width());
        }
        float[] out = new float[sample.length];
        for (int i = 0; i < hw; i++) {
            for (int k = 0; k < c; k++) {
                out[k * hw + i] = sample[i * c + k];
            }
        }
        return new Tensor(out, c, spec.height(), spec.width());
    }

    /** A [C, H, W] array as a flat sample in the model's layout. */
    public static float[] fromChw(float[] chw, InputSpec spec) {
        if (spec.layout() == InputSpec.Layout.NCHW) {
            return chw;
        }
        int c = spec.channels();
        int hw = spec.height() * spec.width();
        float[] out = new float[chw.length];
        for (int i = 0; i < hw; i++) {
            for (int k = 0; k < c; k++) {
                out[i * c + k] = chw[k * hw + i];
            }
        }
        return out;
    }
}
