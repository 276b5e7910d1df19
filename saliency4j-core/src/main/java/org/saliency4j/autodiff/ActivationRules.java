package org.saliency4j.autodiff;

import java.util.List;
import java.util.Map;

/** Backward rules of pointwise activations. Masks come from outputs, so Conv+activation fusions survive. */
final class ActivationRules {
    private ActivationRules() {}

    static final BackwardRule RELU = ctx -> ctx.setInputGradient(0, ctx.mul(ctx.dy(), reluMask(ctx)));

    static final BackwardRule GUIDED_RELU =
            ctx -> ctx.setInputGradient(0, ctx.mul(ctx.emit("Relu", List.of(ctx.dy())), reluMask(ctx)));

    static final BackwardRule DECONVNET_RELU = ctx -> ctx.setInputGradient(0, ctx.emit("Relu", List.of(ctx.dy())));

    static final BackwardRule CLIP = ctx -> ctx.setInputGradient(0, ctx.mul(ctx.dy(), clipMask(ctx)));

    static final BackwardRule GUIDED_CLIP =
            ctx -> ctx.setInputGradient(0, ctx.mul(ctx.emit("Relu", List.of(ctx.dy())), clipMask(ctx)));

    static void register(Map<String, BackwardRule> rules) {
        rules.put("Relu", RELU);
        rules.put("Clip", CLIP);
        rules.put("LeakyRelu", ctx -> {
            float alpha = ctx.attrFloat("alpha", 0.01f);
            ctx.setInputGradient(
                    0, ctx.where(positive(ctx, ctx.input(0)), ctx.dy(), ctx.mul(ctx.dy(), ctx.scalar(alpha))));
        });
        rules.put("PRelu", ctx -> {
            String positive = positive(ctx, ctx.input(0));
            ctx.setInputGradient(0, ctx.where(positive, ctx.dy(), ctx.mul(ctx.dy(), ctx.input(1))));
            if (ctx.needsGradient(1)) {
                String slopeGrad = ctx.where(positive, ctx.scalar(0f), ctx.mul(ctx.dy(), ctx.input(0)));
                ctx.setInputGradient(1, ctx.unbroadcast(slopeGrad, ctx.input(1)));
            }
        });
        rules.put("Sigmoid", ctx -> {
            String y = ctx.output(0);
            String oneMinusY = ctx.emit("Sub", List.of(ctx.scalar(1f), y));
            ctx.setInputGradient(0, ctx.mul(ctx.dy(), ctx.mul(y, oneMinusY)));
        });
        rules.put("Tanh", ctx -> {
            String y = ctx.output(0);
            String oneMinusY2 = ctx.emit("Sub", List.of(ctx.scalar(1f), ctx.mul(y, y)));
            ctx.setInputGradient(0, ctx.mul(ctx.dy(), oneMinusY2));
        });
        rules.put("HardSigmoid", ctx -> {
            float alpha = ctx.attrFloat("alpha", 0.2f);
            String y = ctx.output(0);
            String inside = ctx.emit(
                    "And",
                    List.of(
                            ctx.emit("Greater", List.of(y, ctx.scalar(0f))),
                            ctx.emit("Less", List.of(y, ctx.scalar(1f)))));
            ctx.setInputGradient(0, ctx.masked(inside, ctx.mul(ctx.dy(), ctx.scalar(alpha))));
        });
        rules.put("HardSwish", ctx -> {
            // y = x * clamp(x / 6 + 1/2, 0, 1): slope 0 below -3, x / 3 + 1/2 in between, 1 above 3
            String x = ctx.input(0);
            String middle = ctx.emit("Add", List.of(ctx.mul(x, ctx.scalar(1f / 3f)), ctx.scalar(0.5f)));
            String slope = ctx.where(
                    ctx.emit("Less", List.of(x, ctx.scalar(-3f))),
                    ctx.scalar(0f),
                    ctx.where(ctx.emit("LessOrEqual", List.of(x, ctx.scalar(3f))), middle, ctx.scalar(1f)));
            ctx.setInputGradient(0, ctx.mul(ctx.dy(), slope));
        });
        rules.put("Softmax", ctx -> {
            long rank = ctx.shape(ctx.input(0)).length;
            long axis = ctx.attrInt("axis", -1);
            String y = ctx.output(0);
            String dot = ctx.reduceSum(ctx.mul(ctx.dy(), y), new long[] {axis < 0 ? axis + rank : axis}, true);
            ctx.setInputGradient(0, ctx.mul(y, ctx.emit("Sub", List.of(ctx.dy(), dot))));
        });
        rules.put("Erf", ctx -> {
            String x = ctx.input(0);
            String gauss = ctx.emit("Exp", List.of(ctx.emit("Neg", List.of(ctx.mul(x, x)))));
            ctx.setInputGradient(0, ctx.mul(ctx.dy(), ctx.mul(gauss, ctx.scalar((float) (2.0 / Math.sqrt(Math.PI))))));
        });
    }

    private static String positive(BackwardContext ctx, String tensor) {
        return ctx.emit("Greater", List.of(tensor, ctx.scalar(0f)));
    }

    /** 1 where the rectifier's output is positive, else 0. */
    private static String reluMask(BackwardContext ctx) {
        String y = ctx.output(0);
        return StepMask.applies(ctx, y) ? StepMask.above(ctx, y, 0f) : ctx.asFloats(positive(ctx, y));
    }

    /** 1 where the clip passed its input through (min < y < max, for the bounds that are given), else 0. */
    private static String clipMask(BackwardContext ctx) {
        String y = ctx.output(0);
        float[] min = bound(ctx, 1);
        float[] max = bound(ctx, 2);
        if (min == null || max == null || min.length + max.length == 0 || !StepMask.applies(ctx, y, min, max)) {
            return ctx.asFloats(insideClip(ctx));
        }
        String above = min.length == 1 ? StepMask.above(ctx, y, min[0]) : null;
        String below = max.length == 1 ? StepMask.below(ctx, y, max[0]) : null;
        return above == null ? below : below == null ? above : ctx.mul(above, below);
    }

    /** A clip bound: empty when not given, null unless a constant scalar. */
    private static float[] bound(BackwardContext ctx, int input) {
        if (!ctx.hasInput(input)) {
            return new float[0];
        }
        float[] value = ctx.constantFloats(ctx.input(input));
        return value != null && value.length == 1 ? value : null;
    }

    /** Where the clip passed its input through: min < y < max, for the bounds that are given. */
    private static String insideClip(BackwardContext ctx) {
        String y = ctx.output(0);
        String mask = null;
        if (ctx.hasInput(1)) {
            mask = ctx.emit("Greater", List.of(y, ctx.input(1)));
        }
        if (ctx.hasInput(2)) {
            String below = ctx.emit("Less", List.of(y, ctx.input(2)));
            mask = mask == null ? below : ctx.emit("And", List.of(mask, below));
        }
        if (mask == null) {
            // Clip with no bounds is the identity
            return ctx.emit("Equal", List.of(y, y));
        }
        return mask;
    }
}
