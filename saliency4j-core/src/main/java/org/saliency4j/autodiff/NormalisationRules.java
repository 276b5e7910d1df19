package org.saliency4j.autodiff;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Backward rules of BatchNormalization (inference) and LayerNormalization. */
final class NormalisationRules {
    private NormalisationRules() {}

    static void register(Map<String, BackwardRule> rules) {
        rules.put("BatchNormalization", ctx -> {
            if (ctx.attrInt("training_mode", 0) != 0 || ctx.node().getOutputCount() > 1) {
                throw ctx.fail("only inference-mode BatchNormalization is supported; export the model in eval mode");
            }
            // y = scale * (x - mean) / sqrt(var + eps) + bias: a per-channel factor
            long rank = ctx.shape(ctx.input(0)).length;
            long[] perChannel = new long[(int) rank - 1];
            Arrays.fill(perChannel, 1);
            perChannel[0] = -1;
            String std = ctx.emit(
                    "Sqrt",
                    List.of(ctx.emit("Add", List.of(ctx.input(4), ctx.scalar(ctx.attrFloat("epsilon", 1e-5f))))));
            String factor =
                    ctx.emit("Reshape", List.of(ctx.emit("Div", List.of(ctx.input(1), std)), ctx.ints(perChannel)));
            ctx.setInputGradient(0, ctx.mul(ctx.dy(), factor));
        });
        rules.put("LayerNormalization", NormalisationRules::layerNorm);
    }

    /**
     * With xhat = (x - mean) / sigma over the normalised axes and g = dy * scale:
     * dx = (g - mean(g) - xhat * mean(g * xhat)) / sigma.
     */
    private static void layerNorm(BackwardContext ctx) {
        if (ctx.needsGradient(1) || ctx.needsGradient(2)) {
            throw ctx.fail("gradients with respect to scale or bias are not supported");
        }
        long[] shape = ctx.shape(ctx.input(0));
        int rank = shape.length;
        long axis = ctx.attrInt("axis", -1);
        int first = (int) (axis < 0 ? axis + rank : axis);
        long[] axes = new long[rank - first];
        long count = 1;
        for (int i = first; i < rank; i++) {
            axes[i - first] = i;
            count *= shape[i];
        }
        String inverseCount = ctx.scalar(1f / count);
        String x = ctx.input(0);
        String mean = ctx.mul(ctx.reduceSum(x, axes, true), inverseCount);
        String centred = ctx.emit("Sub", List.of(x, mean));
        String variance = ctx.mul(ctx.reduceSum(ctx.mul(centred, centred), axes, true), inverseCount);
        String sigma = ctx.emit(
                "Sqrt", List.of(ctx.emit("Add", List.of(variance, ctx.scalar(ctx.attrFloat("epsilon", 1e-5f))))));
        String xhat = ctx.emit("Div", List.of(centred, sigma));
        String g = ctx.mul(ctx.dy(), ctx.input(1));
        String meanG = ctx.mul(ctx.reduceSum(g, axes, true), inverseCount);
        String meanGx = ctx.mul(ctx.reduceSum(ctx.mul(g, xhat), axes, true), inverseCount);
        String numerator = ctx.emit("Sub", List.of(ctx.emit("Sub", List.of(g, meanG)), ctx.mul(xhat, meanGx)));
        ctx.setInputGradient(0, ctx.emit("Div", List.of(numerator, sigma)));
    }
}
