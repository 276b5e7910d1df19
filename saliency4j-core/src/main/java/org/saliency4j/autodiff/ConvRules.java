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
        long[] mirrored = mirroredPads(g);
        if (g.unitStrides() && ctx.isConstant(ctx.input(1)) && mirrored != null) {
            // Stride 1: a plain Conv with flipped, per-group transposed weights is faster than ConvTranspose in ONNX
            // Runtime.
            String flipped = flippedWeights(ctx, w, group);
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

    /**
     * W[g*Mg + m, c, k] -> W'[g*Cg + c, m, flip(k)], for constant weights of shape [M, Cg, k...], as
     * graph ops that ONNX Runtime folds into one constant when the session starts, so the flipped
     * copy is never held or serialised on the Java side.
     */
    private static String flippedWeights(BackwardContext ctx, long[] w, long group) {
        int r = w.length - 2;
        long[] grouped = new long[r + 3];
        grouped[0] = group;
        grouped[1] = w[0] / group;
        grouped[2] = w[1];
        long[] perm = new long[r + 3];
        perm[1] = 2;
        perm[2] = 1;
        long[] flippedShape = w.clone();
        flippedShape[0] = w[1] * group;
        flippedShape[1] = w[0] / group;
        long[] starts = new long[r];
        long[] ends = new long[r];
        long[] axes = new long[r];
        long[] steps = new long[r];
        for (int i = 0; i < r; i++) {
            grouped[i + 3] = w[i + 2];
            perm[i + 3] = i + 3;
            starts[i] = -1;
            ends[i] = Long.MIN_VALUE;
            axes[i] = i + 2;
            steps[i] = -1;
        }
        String swapped = ctx.emit(
                "Transpose",
                List.of(ctx.emit("Reshape", List.of(ctx.input(1), ctx.ints(grouped)))),
                Attr.ints("perm", perm));
        String transposed = ctx.emit("Reshape", List.of(swapped, ctx.ints(flippedShape)));
        return ctx.emit(
                "Slice", List.of(transposed, ctx.ints(starts), ctx.ints(ends), ctx.ints(axes), ctx.ints(steps)));
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
