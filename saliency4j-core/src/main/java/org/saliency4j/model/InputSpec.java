package org.saliency4j.model;

import java.io.Serializable;
import org.saliency4j.SaliencyException;

/**
 * The image input a model is run at: channels, height, width and the memory layout the model
 * expects. Spatial sizes are baked into the compiled gradient graph, so each spec gets its own.
 */
public record InputSpec(int channels, int height, int width, Layout layout) implements Serializable {

    public enum Layout {
        NCHW,
        NHWC
    }

    public InputSpec {
        if (channels <= 0 || height <= 0 || width <= 0) {
            throw new SaliencyException(
                    SaliencyException.Kind.BAD_SHAPE,
                    "input size " + channels + "x" + height + "x" + width
                            + " is not valid: every dimension must be positive.");
        }
    }

    /** The shape of a batch of n inputs in the model's layout. */
    public long[] batchShape(long n) {
        return layout == Layout.NCHW
                ? new long[] {n, channels, height, width}
                : new long[] {n, height, width, channels};
    }

    public int elementsPerSample() {
        return channels * height * width;
    }

    /**
     * The spec implied by the model's declared input shape. The layout is NHWC when the last
     * dimension looks like a channel count (1 or 3) and the second does not.
     */
    public static InputSpec fromDeclared(OnnxModel model) {
        return fromDeclared(model, null, null);
    }

    /**
     * The declared spec with a chosen layout and spatial size (each may be null): for models whose
     * input size is dynamic, or whose layout the heuristic would guess wrong.
     */
    public static InputSpec fromDeclared(OnnxModel model, Layout layout, int[] size) {
        long[] s = model.declaredInputShape();
        boolean nhwc = layout != null ? layout == Layout.NHWC : (s[3] == 1 || s[3] == 3) && s[1] != 1 && s[1] != 3;
        long c = nhwc ? s[3] : s[1];
        long other = nhwc ? s[1] : s[3];
        if (layout != null && c != 1 && c != 3 && (other == 1 || other == 3)) {
            throw new SaliencyException(
                    SaliencyException.Kind.BAD_OPTION,
                    "layout " + layout + " does not fit the model's input shape " + Shapes.format(s)
                            + ": its channel axis would hold " + c
                            + " channels, where an image has 1 or 3; the input is " + (nhwc ? "NCHW" : "NHWC") + ".");
        }
        long h = size != null ? size[0] : nhwc ? s[1] : s[2];
        long w = size != null ? size[1] : nhwc ? s[2] : s[3];
        if (c <= 0 || h <= 0 || w <= 0) {
            throw new SaliencyException(
                    SaliencyException.Kind.BAD_SHAPE,
                    "the model's input '" + model.inputName() + "' has shape " + Shapes.format(s)
                            + " with unknown sizes; give the input size in a preprocessing file (\"size\": [H, W]).");
        }
        return new InputSpec((int) c, (int) h, (int) w, nhwc ? Layout.NHWC : Layout.NCHW);
    }
}
