package org.saliency4j.autodiff;

import ai.onnx.proto.OnnxMl.AttributeProto;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.saliency4j.onnx.Attr;

/** Backward rules of pooling: MaxPool, AveragePool and their global forms. */
final class PoolRules {
    private PoolRules() {}

    static void register(Map<String, BackwardRule> rules) {
        rules.put("MaxPool", PoolRules::maxPool);
        rules.put("AveragePool", PoolRules::averagePool);
        rules.put("GlobalAveragePool", ctx -> {
            long[] x = ctx.shape(ctx.input(0));
            long area = 1;
            for (int i = 2; i < x.length; i++) {
                area *= x[i];
            }
            String scaled = ctx.mul(ctx.dy(), ctx.scalar(1f / area));
            ctx.setInputGradient(0, ctx.emit("Expand", List.of(scaled, ctx.emit("Shape", List.of(ctx.input(0))))));
        });
        rules.put("GlobalMaxPool", ctx -> {
            // One winner per channel (the first maximum), like a framework's max-pool backward.
            long channels = ctx.shape(ctx.input(0))[1];
            String flat = ctx.emit("Reshape", List.of(ctx.input(0), ctx.ints(0, channels, -1)));
            String winner = ctx.emit("ArgMax", List.of(flat), Attr.i("axis", 2), Attr.i("keepdims", 1));
            String dy = ctx.emit("Reshape", List.of(ctx.dy(), ctx.ints(0, channels, 1)));
            String scattered = ctx.emit("ScatterElements", List.of(ctx.zerosLike(flat), winner, dy), Attr.i("axis", 2));
            ctx.setInputGradient(0, ctx.reshapeLike(scattered, ctx.input(0)));
        });
    }

    private static void maxPool(BackwardContext ctx) {
        if (ctx.attrInt("storage_order", 0) != 0) {
            throw ctx.fail("storage_order=1 (column-major indices) is not supported");
        }
        // Re-run the pooling for its Indices output (flat positions in the N*C*H*W input), then
        // add each output gradient into its winner's place: overlapping windows can share one.
        String indices = ctx.node().getOutputCount() > 1 && !ctx.output(1).isEmpty()
                ? ctx.output(1)
                : ctx.emitMulti(
                                "MaxPool",
                                List.of(ctx.input(0)),
                                2,
                                ctx.node().getAttributeList().toArray(AttributeProto[]::new))[1];
        String flatX = ctx.emit("Reshape", List.of(ctx.input(0), ctx.ints(-1)));
        String flatIndices = ctx.emit("Reshape", List.of(indices, ctx.ints(-1)));
        String flatDy = ctx.emit("Reshape", List.of(ctx.dy(), ctx.ints(-1)));
        String scattered = ctx.emit(
                "ScatterElements",
                List.of(ctx.zerosLike(flatX), flatIndices, flatDy),
                Attr.i("axis", 0),
                Attr.s("reduction", "add"));
        ctx.setInputGradient(0, ctx.reshapeLike(scattered, ctx.input(0)));
    }

    private static void averagePool(BackwardContext ctx) {
        long[] kernel = ctx.attrInts("kernel_shape");
        WindowGeometry g = WindowGeometry.of(ctx, kernel);
        for (long d : g.dilations()) {
            if (d != 1) {
                throw ctx.fail("dilated AveragePool is not supported");
            }
        }
        if (g.rank() != 2) {
            throw ctx.fail("only 2-D AveragePool is supported");
        }
        boolean countPads = ctx.attrInt("count_include_pad", 0) != 0;
        long channels = ctx.shape(ctx.input(0))[1];
        // Each output's gradient is shared by the window's elements: divide by the window's
        // divisor, then spread with a ones kernel (the adjoint of a sum pool).
        float[] inverse = inverseDivisors(g, countPads);
        String scaled = ctx.mul(ctx.dy(), ctx.floats(inverse, 1, 1, g.outSize()[0], g.outSize()[1]));
        float[] ones = new float[(int) (channels * kernel[0] * kernel[1])];
        Arrays.fill(ones, 1f);
        String kernelOnes = ctx.floats(ones, channels, 1, kernel[0], kernel[1]);
        long[][] padding = g.transposedPadding();
        ctx.setInputGradient(
                0,
                ctx.emit(
                        "ConvTranspose",
                        List.of(scaled, kernelOnes),
                        Attr.ints("strides", g.strides()),
                        Attr.i("group", channels),
                        Attr.ints("kernel_shape", kernel),
                        Attr.ints("pads", padding[0]),
                        Attr.ints("output_padding", padding[1])));
    }

    /** 1 / (elements averaged) for each output position, as ONNX Runtime counts them. */
    static float[] inverseDivisors(WindowGeometry g, boolean countPads) {
        int oh = (int) g.outSize()[0];
        int ow = (int) g.outSize()[1];
        float[] out = new float[oh * ow];
        for (int y = 0; y < oh; y++) {
            long rows = windowCount(y, g, 0, countPads);
            for (int x = 0; x < ow; x++) {
                out[y * ow + x] = 1f / (rows * windowCount(x, g, 1, countPads));
            }
        }
        return out;
    }

    private static long windowCount(int o, WindowGeometry g, int axis, boolean countPads) {
        long start = o * g.strides()[axis] - g.padBegin()[axis];
        long end = start + g.kernel()[axis];
        long size = g.inSize()[axis];
        if (countPads) {
            return Math.min(end, size + g.padEnd()[axis]) - start;
        }
        return Math.min(end, size) - Math.max(start, 0);
    }
}
