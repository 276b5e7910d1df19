package org.saliency4j.autodiff;

import ai.onnx.proto.OnnxMl.AttributeProto;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.saliency4j.onnx.Attr;

/** Backward rules of Conv and ConvTranspose (strided, dilated, grouped, depthwise, any pads). */
final class ConvRules {
    private ConvRules() {}

    static void register(Map<String, BackwardRule> rules) {
        rules.put("Conv", ConvRules::conv);
        rules.put("ConvTranspose", ConvRules::convTranspose);
    }

    private static void conv(BackwardContext ctx) {
        if (ctx.needsGradient(1) || ctx.needsGradient(2)) {
            throw ctx.fail("gradients with respect to weights are not supported");
        }
        long[] w = ctx.shape(ctx.input(1));
        long[] kernel = Arrays.copyOfRange(w, 2, w.length);
        WindowGeometry g = WindowGeometry.of(ctx, kernel);
        long group = ctx.attrInt("group", 1);
        float[] weights = ctx.constantFloats(ctx.input(1));
        long[] mirrored = mirroredPads(g);
        if (g.unitStrides() && weights != null && mirrored != null) {
            // Stride 1: a plain Conv with flipped, per-group transposed weights is faster than ConvTranspose in ONNX
            // Runtime.
            long[] flippedShape = w.clone();
            flippedShape[0] = w[1] * group;
            flippedShape[1] = w[0] / group;
            String flipped = ctx.floats(flipTranspose(weights, w, (int) group), flippedShape);
            ctx.setInputGradient(
                    0,
                    ctx.emit(
                            "Conv",
                            List.of(ctx.dy(), flipped),
                            Attr.ints("pads", mirrored),
                            Attr.ints("dilations", g.dilations()),
                            Attr.i("group", group)));
            return;
        }
        long[][] padding = g.transposedPadding();
        ctx.setInputGradient(
                0,
                ctx.emit(
                        "ConvTranspose",
                        List.of(ctx.dy(), ctx.input(1)),
                        Attr.ints("strides", g.strides()),
                        Attr.ints("dilations", g.dilations()),
                        Attr.i("group", group),
                        Attr.ints("pads", padding[0]),
                        Attr.ints("output_padding", padding[1]),
                        Attr.ints("kernel_shape", kernel)));
    }

    /** Pads d*(k-1) - p on each side, or null if one would be negative. */
    private static long[] mirroredPads(WindowGeometry g) {
        int r = g.rank();
        long[] pads = new long[2 * r];
        for (int i = 0; i < r; i++) {
            long reach = g.dilations()[i] * (g.kernel()[i] - 1);
            pads[i] = reach - g.padBegin()[i];
            pads[i + r] = reach - g.padEnd()[i];
            if (pads[i] < 0 || pads[i + r] < 0) {
                return null;
            }
        }
        return pads;
    }

    /** W[g*Mg + m, c, k] -> W'[g*Cg + c, m, flip(k)], for weights of shape [M, Cg, k...]. */
    static float[] flipTranspose(float[] weights, long[] shape, int group) {
        int m = (int) shape[0];
        int cg = (int) shape[1];
        int mg = m / group;
        int k = 1;
        for (int i = 2; i < shape.length; i++) {
            k *= (int) shape[i];
        }
        float[] out = new float[weights.length];
        for (int gi = 0; gi < group; gi++) {
            for (int mi = 0; mi < mg; mi++) {
                for (int ci = 0; ci < cg; ci++) {
                    int src = ((gi * mg + mi) * cg + ci) * k;
                    int dst = ((gi * cg + ci) * mg + mi) * k;
                    for (int j = 0; j < k; j++) {
                        out[dst + j] = weights[src + k - 1 - j];
                    }
                }
            }
        }
        return out;
    }

    private static void convTranspose(BackwardContext ctx) {
        if (ctx.needsGradient(1) || ctx.needsGradient(2)) {
            throw ctx.fail("gradients with respect to weights are not supported");
        }
        if (!ctx.attrString("auto_pad", "NOTSET").equals("NOTSET")
                && !ctx.attrString("auto_pad", "NOTSET").equals("VALID")) {
            throw ctx.fail(
                    "auto_pad " + ctx.attrString("auto_pad", "") + " is not supported; export with explicit pads");
        }
        long[] w = ctx.shape(ctx.input(1));
        int r = w.length - 2;
        long[] pads = ctx.attrInts("pads");
        if (pads == null || ctx.attrString("auto_pad", "NOTSET").equals("VALID")) {
            pads = new long[2 * r];
        }
        long[] strides = ctx.attrInts("strides");
        long[] dilations = ctx.attrInts("dilations");
        List<AttributeProto> attrs = new ArrayList<>();
        attrs.add(Attr.ints("pads", pads));
        attrs.add(Attr.i("group", ctx.attrInt("group", 1)));
        attrs.add(Attr.ints("kernel_shape", Arrays.copyOfRange(w, 2, w.length)));
        if (strides != null) {
            attrs.add(Attr.ints("strides", strides));
        }
        if (dilations != null) {
            attrs.add(Attr.ints("dilations", dilations));
        }
        // ConvTranspose is the adjoint of the Conv with the same weights and window parameters.
        ctx.setInputGradient(
                0, ctx.emit("Conv", List.of(ctx.dy(), ctx.input(1)), attrs.toArray(AttributeProto[]::new)));
    }
}
