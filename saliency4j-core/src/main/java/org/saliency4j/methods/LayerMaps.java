package org.saliency4j.methods;

import org.saliency4j.SaliencyException;
import org.saliency4j.image.Resampler;
import org.saliency4j.model.InputSpec;
import org.saliency4j.render.MapNormaliser;
import org.saliency4j.tensor.Tensor;

import java.util.List;

/** Carrying layer-resolution maps to the input: upsampling, and combining several layers. */
public final class LayerMaps {
    /** How maps of several layers are combined; recorded in the manifest. */
    public static final String COMBINATION = "mean of the per-layer maps, each min-max normalised after upsampling (as pytorch-grad-cam)";

    private LayerMaps() {
    }

    /** Bilinear (align_corners=false) upsampling of an [h, w] map to the input size. */
    public static Tensor upsample(Tensor map, InputSpec spec) {
        int h = (int) map.dim(0);
        int w = (int) map.dim(1);
        if (h == spec.height() && w == spec.width()) {
            return map;
        }
        return new Tensor(Resampler.resize(map.data(), 1, h, w, spec.height(), spec.width()), spec.height(), spec.width());
    }

    /** One layer's upsampled map as it is; several layers' as the mean of their normalised maps. */
    public static Tensor combine(List<Tensor> upsampled) {
        if (upsampled.size() == 1) {
            return upsampled.get(0);
        }
        float[] sum = new float[upsampled.get(0).size()];
        for (Tensor t : upsampled) {
            float[] n = MapNormaliser.minMax(t.data());
            for (int i = 0; i < sum.length; i++) {
                sum[i] += n[i] / upsampled.size();
            }
        }
        return new Tensor(sum, upsampled.get(0).shape());
    }

    /** Checks that a layer holds [N, C, h, w] activations, as CAM methods need. */
    static void requireSpatial(String layer, Tensor activations) {
        if (activations.rank() != 4) {
            throw new SaliencyException(SaliencyException.Kind.UNKNOWN_LAYER, "layer '" + layer + "' has shape "
                    + java.util.Arrays.toString(activations.shape()) + "; CAM methods need a [N, C, h, w] layer. Run 'saliency4j layers' to choose one.");
        }
    }

    static float[] relu(float[] v) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Math.max(0f, v[i]);
        }
        return out;
    }
}
