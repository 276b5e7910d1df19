package org.saliency4j.autodiff;

import java.util.List;
import java.util.Map;

/** Backward rules of ReduceSum and ReduceMean: spread the gradient back over the reduced axes. */
final class ReduceRules {
    private ReduceRules() {}

    static void register(Map<String, BackwardRule> rules) {
        rules.put("ReduceSum", ctx -> reduce(ctx, false));
        rules.put("ReduceMean", ctx -> reduce(ctx, true));
    }

    private static void reduce(BackwardContext ctx, boolean mean) {
        long[] in = ctx.shape(ctx.input(0));
        int rank = in.length;
        long[] axes = ctx.hasInput(1) ? ctx.constantInts(ctx.input(1)) : ctx.attrInts("axes");
        if (axes == null || axes.length == 0) {
            if (ctx.attrInt("noop_with_empty_axes", 0) != 0) {
                ctx.setInputGradient(0, ctx.dy());
                return;
            }
            axes = ShapeRules.range(rank);
        }
        long[] kept = in.clone();
        long count = 1;
        for (long a : axes) {
            int axis = (int) ShapeRules.normaliseAxis(a, rank);
            count *= in[axis];
            kept[axis] = 1;
        }
        if (ctx.batched(ctx.input(0)) && !contains(axes, rank)) {
            kept[0] = 0; // Reshape's 0 copies the run-time batch size
        }
        String g = ctx.emit("Reshape", List.of(ctx.dy(), ctx.ints(kept)));
        if (mean) {
            g = ctx.mul(g, ctx.scalar(1f / count));
        }
        ctx.setInputGradient(0, ctx.emit("Expand", List.of(g, ctx.emit("Shape", List.of(ctx.input(0))))));
    }

    /** Whether axis 0 is among the reduced axes. */
    private static boolean contains(long[] axes, int rank) {
        for (long a : axes) {
            if (ShapeRules.normaliseAxis(a, rank) == 0) {
                return true;
            }
        }
        return false;
    }
}
