package org.saliency4j.methods;

import org.saliency4j.model.InputSpec;
import org.saliency4j.tensor.Resampler;
import org.saliency4j.tensor.Tensor;

/** How a layer-resolution map [h, w] is carried to the model's input size. */
public enum Upsampling {
    /** Bilinear with align_corners=false, as PyTorch's interpolate and pytorch-grad-cam. */
    BILINEAR {
        @Override
        float[] resize(float[] map, int h, int w, int height, int width) {
            return Resampler.resize(map, 1, h, w, height, width);
        }
    },
    /** Nearest neighbour with PyTorch's index rule floor(dst * in / out), as Captum's Guided Grad-CAM. */
    NEAREST {
        @Override
        float[] resize(float[] map, int h, int w, int height, int width) {
            float[] out = new float[height * width];
            for (int y = 0; y < height; y++) {
                int sy = Math.min(h - 1, (int) Math.floor((double) y * h / height));
                for (int x = 0; x < width; x++) {
                    int sx = Math.min(w - 1, (int) Math.floor((double) x * w / width));
                    out[y * width + x] = map[sy * w + sx];
                }
            }
            return out;
        }
    };

    abstract float[] resize(float[] map, int h, int w, int height, int width);

    /** The map at the input size; a map already there is returned as it is. */
    public Tensor apply(Tensor map, InputSpec spec) {
        int h = (int) map.dim(0);
        int w = (int) map.dim(1);
        if (h == spec.height() && w == spec.width()) {
            return map;
        }
        return new Tensor(resize(map.data(), h, w, spec.height(), spec.width()), spec.height(), spec.width());
    }
}
