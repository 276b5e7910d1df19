package org.saliency4j.autodiff;

import java.util.List;

/**
 * Backward rule of Resize on the two spatial axes. A nearest or linear resize is separable: per
 * axis it is a fixed [out, in] interpolation matrix R, so Y = R_h X R_w^T and dX = R_h^T dY R_w.
 * The matrices are built here from ONNX's coordinate transformation rules.
 */
final class ResizeRule {
    private ResizeRule() {}

    static void backward(BackwardContext ctx) {
        long[] in = ctx.shape(ctx.input(0));
        long[] out = ctx.shape(ctx.output(0));
        if (in.length != 4 || in[0] != out[0] || in[1] != out[1]) {
            throw ctx.fail("only resizing the two spatial axes of a rank-4 tensor is supported");
        }
        String mode = ctx.attrString("mode", "nearest");
        if (!mode.equals("nearest") && !mode.equals("linear")) {
            throw ctx.fail("Resize mode '" + mode + "' is not supported (nearest and linear are)");
        }
        float[] scales = ctx.node().getInputCount() > 2 && ctx.hasInput(2) ? ctx.constantFloats(ctx.input(2)) : null;
        Axis rows = new Axis(in[2], out[2], scales != null && scales.length == 4 ? scales[2] : (double) out[2] / in[2]);
        Axis cols = new Axis(in[3], out[3], scales != null && scales.length == 4 ? scales[3] : (double) out[3] / in[3]);
        String transform = ctx.attrString("coordinate_transformation_mode", "half_pixel");
        String nearestMode = ctx.attrString("nearest_mode", "round_prefer_floor");
        float[] rowsT = transpose(matrix(rows, mode, transform, nearestMode, ctx), (int) rows.out, (int) rows.in);
        float[] colsM = matrix(cols, mode, transform, nearestMode, ctx);
        String alongWidth = ctx.emit("MatMul", List.of(ctx.dy(), ctx.floats(colsM, cols.out, cols.in)));
        ctx.setInputGradient(0, ctx.emit("MatMul", List.of(ctx.floats(rowsT, rows.in, rows.out), alongWidth)));
    }

    record Axis(long in, long out, double scale) {}

    /** The [out, in] interpolation matrix of one axis. */
    static float[] matrix(Axis axis, String mode, String transform, String nearestMode, BackwardContext ctx) {
        int n = (int) axis.out;
        int m = (int) axis.in;
        float[] r = new float[n * m];
        for (int o = 0; o < n; o++) {
            double x = sourceCoordinate(o, axis, transform, ctx);
            if (mode.equals("nearest")) {
                int i = (int) Math.max(0, Math.min(m - 1, roundNearest(x, nearestMode, ctx)));
                r[o * m + i] = 1f;
            } else {
                x = Math.max(0, Math.min(x, m - 1));
                int i0 = (int) Math.floor(x);
                int i1 = Math.min(i0 + 1, m - 1);
                double w1 = x - i0;
                r[o * m + i0] += (float) (1 - w1);
                r[o * m + i1] += (float) w1;
            }
        }
        return r;
    }

    private static double sourceCoordinate(int o, Axis axis, String transform, BackwardContext ctx) {
        return switch (transform) {
            case "half_pixel" -> (o + 0.5) / axis.scale - 0.5;
            case "pytorch_half_pixel" -> axis.out > 1 ? (o + 0.5) / axis.scale - 0.5 : 0;
            case "align_corners" -> axis.out > 1 ? o * (axis.in - 1) / (double) (axis.out - 1) : 0;
            case "asymmetric" -> o / axis.scale;
            case "tf_half_pixel_for_nn" -> (o + 0.5) / axis.scale;
            default -> throw ctx.fail("coordinate_transformation_mode '" + transform + "' is not supported");
        };
    }

    private static double roundNearest(double x, String nearestMode, BackwardContext ctx) {
        return switch (nearestMode) {
            case "round_prefer_floor" -> Math.ceil(x - 0.5);
            case "round_prefer_ceil" -> Math.floor(x + 0.5);
            case "floor" -> Math.floor(x);
            case "ceil" -> Math.ceil(x);
            default -> throw ctx.fail("nearest_mode '" + nearestMode + "' is not supported");
        };
    }

    private static float[] transpose(float[] a, int rows, int cols) {
        float[] t = new float[a.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[j * rows + i] = a[i * cols + j];
            }
        }
        return t;
    }
}
