package org.saliency4j.autodiff;

import java.util.Arrays;
import java.util.List;
import org.saliency4j.onnx.Attr;

/**
 * Exact 0/1 masks y > t and y < t of an [N, C, H, W] activation, built from a 1x1 depthwise Conv
 * and a Clip rather than from Greater and Cast.
 *
 * <p>Why: ONNX Runtime runs the model's convolutions in its blocked NCHWc layout, and a comparison
 * op cannot read that layout, so every rectifier's mask cost a reorder of the activation back to
 * NCHW and another of the masked gradient into NCHWc (a third of the input gradient's time on
 * MobileNet V2). A Conv whose Clip ONNX Runtime fuses stays in NCHWc, and so does the Mul with
 * the gradient.
 *
 * <p>Why exact: the Conv computes s * (y - t) * B with B a power of two, s = +1 for y > t and -1
 * for y < t, and the Clip maps it to [0, 1]. Scaling by a power of two commutes with rounding, so
 * the product is 0 exactly where y = t and has the sign of s * (y - t) elsewhere; B is large
 * enough that any nonzero float difference becomes at least 1, and small enough that s * t * B
 * stays finite, so that a y * B that overflows has the sign of y - t.
 */
final class StepMask {
    /** 2^126: the smallest normal float times it is 1; larger products may overflow to infinity. */
    private static final float SCALE_AT_ZERO = 0x1p126f;

    private StepMask() {}

    /**
     * Whether y is a 4-D activation with a known channel count (what a depthwise 2-D Conv takes)
     * and every bound is one where the mask is exact.
     */
    static boolean applies(BackwardContext ctx, String y, float[]... bounds) {
        long[] shape = ctx.shape(y);
        for (float[] group : bounds) {
            for (float t : group) {
                if (!exactAt(t)) {
                    return false;
                }
            }
        }
        return shape.length == 4 && shape[1] > 0;
    }

    /** 1 where y > t, else 0. */
    static String above(BackwardContext ctx, String y, float t) {
        return step(ctx, y, t, 1);
    }

    /** 1 where y < t, else 0. */
    static String below(BackwardContext ctx, String y, float t) {
        return step(ctx, y, t, -1);
    }

    private static String step(BackwardContext ctx, String y, float t, int sign) {
        int channels = (int) ctx.shape(y)[1];
        float scale = t == 0 ? SCALE_AT_ZERO : largestSafeScale(t);
        float[] weights = new float[channels];
        float[] bias = new float[channels];
        Arrays.fill(weights, sign * scale);
        Arrays.fill(bias, -sign * t * scale);
        String scaled = ctx.emit(
                "Conv",
                List.of(y, ctx.floats(weights, channels, 1, 1, 1), ctx.floats(bias, channels)),
                Attr.i("group", channels));
        return ctx.emit("Clip", List.of(scaled, ctx.scalar(0f), ctx.scalar(1f)));
    }

    /**
     * Whether the mask at bound t is exact: the smallest nonzero |y - t|, half of ulp(t), scaled
     * by B must reach 1. It does for every bound but those within a few ulps of the denormals.
     */
    static boolean exactAt(float t) {
        return t == 0 || Math.ulp(t) / 2.0 * largestSafeScale(t) >= 1;
    }

    /**
     * The largest power of two B with 2 |t| B finite: then t * B is exact, and y * B overflows only
     * where |y| > 2 |t|, where y - t has the sign of y.
     */
    static float largestSafeScale(float t) {
        int exponent = Math.getExponent(Float.MAX_VALUE / (2.0 * Math.abs(t)));
        return Math.scalb(1f, Math.min(exponent, Float.MAX_EXPONENT));
    }
}
