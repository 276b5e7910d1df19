package org.saliency4j.autodiff;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.saliency4j.onnx.Attr;

/** Backward rules of ops that move data without arithmetic. */
final class ShapeRules {
    private ShapeRules() {}

    static void register(Map<String, BackwardRule> rules) {
        BackwardRule reshapeBack = ctx -> ctx.setInputGradient(0, ctx.reshapeLike(ctx.dy(), ctx.input(0)));
        for (String op : List.of("Flatten", "Reshape", "Squeeze", "Unsqueeze")) {
            rules.put(op, reshapeBack);
        }
        BackwardRule passThrough = ctx -> ctx.setInputGradient(0, ctx.dy());
        rules.put("Identity", passThrough);
        rules.put("Dropout", passThrough);
        rules.put("Transpose", ShapeRules::transpose);
        rules.put("Concat", ShapeRules::concat);
        rules.put("Split", ShapeRules::split);
        rules.put("Slice", ShapeRules::slice);
        rules.put("Pad", ShapeRules::pad);
        rules.put("Resize", ResizeRule::backward);
    }

    private static void transpose(BackwardContext ctx) {
        int rank = ctx.shape(ctx.input(0)).length;
        long[] perm = ctx.attrInts("perm");
        long[] inverse = new long[rank];
        for (int i = 0; i < rank; i++) {
            inverse[perm == null ? rank - 1 - i : (int) perm[i]] = i;
        }
        ctx.setInputGradient(0, ctx.emit("Transpose", List.of(ctx.dy()), Attr.ints("perm", inverse)));
    }

    private static void concat(BackwardContext ctx) {
        int rank = ctx.shape(ctx.output(0)).length;
        long axis = normaliseAxis(ctx.attrInt("axis", 0), rank);
        long offset = 0;
        for (int i = 0; i < ctx.node().getInputCount(); i++) {
            long size = ctx.shape(ctx.input(i))[(int) axis];
            if (ctx.needsGradient(i)) {
                ctx.setInputGradient(
                        i,
                        ctx.emit(
                                "Slice", List.of(ctx.dy(), ctx.ints(offset), ctx.ints(offset + size), ctx.ints(axis))));
            }
            offset += size;
        }
    }

    private static void split(BackwardContext ctx) {
        int rank = ctx.shape(ctx.input(0)).length;
        long axis = normaliseAxis(ctx.attrInt("axis", 0), rank);
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < ctx.node().getOutputCount(); i++) {
            parts.add(ctx.outputGradientOrZeros(i));
        }
        ctx.setInputGradient(0, ctx.emit("Concat", parts, Attr.i("axis", axis)));
    }

    private static void slice(BackwardContext ctx) {
        long[] in = ctx.shape(ctx.input(0));
        long[] out = ctx.shape(ctx.output(0));
        int rank = in.length;
        long[] starts = ctx.constantInts(ctx.input(1));
        long[] axes = ctx.hasInput(3) ? ctx.constantInts(ctx.input(3)) : range(starts.length);
        long[] steps = ctx.hasInput(4) ? ctx.constantInts(ctx.input(4)) : null;
        long[] pads = new long[2 * rank];
        long[] current = out.clone();
        String g = ctx.dy();
        for (int k = 0; k < axes.length; k++) {
            int axis = (int) normaliseAxis(axes[k], rank);
            long step = steps == null ? 1 : steps[k];
            long dim = in[axis];
            if (axis == 0 && ctx.batched(ctx.input(0))) {
                throw ctx.fail("slicing the batch axis is not supported");
            }
            long start = starts[k] < 0 ? starts[k] + dim : starts[k];
            if (step == -1) {
                // the slice read backwards from start: flip the gradient, then place it like a forward slice
                start = Math.max(-1, Math.min(start, dim - 1));
                g = ctx.emit("Slice", List.of(g, ctx.ints(-1), ctx.ints(Long.MIN_VALUE), ctx.ints(axis), ctx.ints(-1)));
                start = start - out[axis] + 1;
            } else if (step >= 1) {
                start = Math.max(0, Math.min(start, dim));
                if (step > 1) {
                    g = interleaveZeros(ctx, g, current, axis, step);
                }
            } else {
                throw ctx.fail("slice steps below -1 are not supported");
            }
            // negative end pads crop the zeros interleaved past the input's end
            pads[axis] = start;
            pads[axis + rank] = dim - start - current[axis];
        }
        ctx.setInputGradient(0, ctx.emit("Pad", List.of(g, ctx.ints(pads))));
    }

    /** Spreads a strided slice's gradient out by its step: g[j] goes to j * step, zeros between. */
    private static String interleaveZeros(BackwardContext ctx, String g, long[] current, int axis, long step) {
        int rank = current.length;
        long[] split = new long[rank + 1];
        for (int i = 0, j = 0; i < rank; i++) {
            split[j++] = i == 0 && ctx.batched(ctx.output(0)) ? 0 : current[i];
            if (i == axis) {
                split[j++] = 1;
            }
        }
        long[] spread = new long[2 * (rank + 1)];
        spread[axis + 1 + rank + 1] = step - 1;
        String padded = ctx.emit("Pad", List.of(ctx.emit("Reshape", List.of(g, ctx.ints(split))), ctx.ints(spread)));
        current[axis] *= step;
        long[] merged = current.clone();
        if (ctx.batched(ctx.output(0))) {
            merged[0] = 0;
        }
        return ctx.emit("Reshape", List.of(padded, ctx.ints(merged)));
    }

    private static void pad(BackwardContext ctx) {
        if (!ctx.attrString("mode", "constant").equals("constant")) {
            throw ctx.fail("only constant-mode Pad is supported, not " + ctx.attrString("mode", ""));
        }
        long[] in = ctx.shape(ctx.input(0));
        int rank = in.length;
        long[] given = ctx.hasInput(1) ? ctx.constantInts(ctx.input(1)) : ctx.attrInts("pads");
        long[] axes = ctx.hasInput(3) ? ctx.constantInts(ctx.input(3)) : range(rank);
        long[] begin = new long[rank];
        long[] end = new long[rank];
        for (int k = 0; k < axes.length; k++) {
            int axis = (int) normaliseAxis(axes[k], rank);
            begin[axis] = given[k];
            end[axis] = given[k + axes.length];
        }
        // Slice away the added border; where a negative pad cropped the input, pad zeros back.
        List<Long> sliceAxes = new ArrayList<>();
        List<Long> starts = new ArrayList<>();
        List<Long> ends = new ArrayList<>();
        long[] restore = new long[2 * rank];
        boolean cropped = false;
        for (int axis = 0; axis < rank; axis++) {
            if (begin[axis] == 0 && end[axis] == 0) {
                continue;
            }
            if (axis == 0 && ctx.batched(ctx.input(0))) {
                throw ctx.fail("padding the batch axis is not supported");
            }
            long keptBegin = Math.max(-begin[axis], 0);
            long keptEnd = Math.max(-end[axis], 0);
            long start = Math.max(begin[axis], 0);
            sliceAxes.add((long) axis);
            starts.add(start);
            ends.add(start + in[axis] - keptBegin - keptEnd);
            restore[axis] = keptBegin;
            restore[axis + rank] = keptEnd;
            cropped |= keptBegin > 0 || keptEnd > 0;
        }
        String g = ctx.dy();
        if (!sliceAxes.isEmpty()) {
            g = ctx.emit(
                    "Slice",
                    List.of(g, ctx.ints(toArray(starts)), ctx.ints(toArray(ends)), ctx.ints(toArray(sliceAxes))));
        }
        if (cropped) {
            g = ctx.emit("Pad", List.of(g, ctx.ints(restore)));
        }
        ctx.setInputGradient(0, g);
    }

    static long normaliseAxis(long axis, int rank) {
        return axis < 0 ? axis + rank : axis;
    }

    static long[] range(int n) {
        long[] r = new long[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }

    private static long[] toArray(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).toArray();
    }
}
