package org.saliency4j.autodiff;

import org.saliency4j.tensor.LinearResize;

/**
 * How a perturbation graph carries its masks [N, K, h, w] to the input size, as ONNX Resize does it:
 * bilinear with PyTorch's align_corners=true (the I-GOS authors' choice) or false, or nearest with
 * PyTorch's index rule floor(dst * in / out).
 */
public enum MaskUpsampling {
    BILINEAR_ALIGN_CORNERS("linear", "align_corners"),
    BILINEAR("linear", "half_pixel"),
    NEAREST("nearest", "asymmetric");

    private final String mode;
    private final String coordinates;

    MaskUpsampling(String mode, String coordinates) {
        this.mode = mode;
        this.coordinates = coordinates;
    }

    String mode() {
        return mode;
    }

    String coordinates() {
        return coordinates;
    }

    String nearestMode() {
        return "floor";
    }

    /** The same resize of an [h, w] plane to [height, width], in Java. */
    public LinearResize resize(int h, int w, int height, int width) {
        return LinearResize.of(h, w, height, width, mode, coordinates, nearestMode());
    }
}
