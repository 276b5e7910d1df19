package org.saliency4j.autodiff;

import java.util.List;
import org.saliency4j.tensor.LinearResize;

/**
 * Backward rule of Resize on the two spatial axes. A nearest or linear resize is separable: per
 * axis it is a fixed [out, in] interpolation matrix R ({@link LinearResize#matrix}), so
 * Y = R_h X R_w^T and dX = R_h^T dY R_w.
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
        float[] scales = ctx.node().getInputCount() > 2 && ctx.hasInput(2) ? ctx.constantFloats(ctx.input(2)) : null;
        double rowScale = scales != null && scales.length == 4 ? scales[2] : (double) out[2] / in[2];
        double colScale = scales != null && scales.length == 4 ? scales[3] : (double) out[3] / in[3];
        String transform = ctx.attrString("coordinate_transformation_mode", "half_pixel");
        String nearestMode = ctx.attrString("nearest_mode", "round_prefer_floor");
        float[] rows;
        float[] cols;
        try {
            rows = LinearResize.matrix(in[2], out[2], rowScale, mode, transform, nearestMode);
            cols = LinearResize.matrix(in[3], out[3], colScale, mode, transform, nearestMode);
        } catch (IllegalArgumentException e) {
            throw ctx.fail(e.getMessage());
        }
        String alongWidth = ctx.emit("MatMul", List.of(ctx.dy(), ctx.floats(cols, out[3], in[3])));
        float[] rowsT = transpose(rows, (int) out[2], (int) in[2]);
        ctx.setInputGradient(0, ctx.emit("MatMul", List.of(ctx.floats(rowsT, in[2], out[2]), alongWidth)));
    }

    static float[] transpose(float[] a, int rows, int cols) {
        float[] t = new float[a.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[j * rows + i] = a[i * cols + j];
            }
        }
        return t;
    }
}
