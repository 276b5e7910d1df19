package org.saliency4j.autodiff;

import java.util.List;
import java.util.Map;
import org.saliency4j.onnx.Attr;

/** Backward rules of broadcasting arithmetic; gradients are summed back over broadcast axes. */
final class ElementwiseRules {
    private ElementwiseRules() {}

    static void register(Map<String, BackwardRule> rules) {
        rules.put("Add", ctx -> {
            ctx.setInputGradient(0, ctx.unbroadcast(ctx.dy(), ctx.input(0)));
            ctx.setInputGradient(1, ctx.unbroadcast(ctx.dy(), ctx.input(1)));
        });
        rules.put("Sum", ctx -> {
            for (int i = 0; i < ctx.node().getInputCount(); i++) {
                ctx.setInputGradient(i, ctx.unbroadcast(ctx.dy(), ctx.input(i)));
            }
        });
        rules.put("Sub", ctx -> {
            ctx.setInputGradient(0, ctx.unbroadcast(ctx.dy(), ctx.input(0)));
            if (ctx.needsGradient(1)) {
                ctx.setInputGradient(1, ctx.unbroadcast(ctx.emit("Neg", List.of(ctx.dy())), ctx.input(1)));
            }
        });
        rules.put("Mul", ctx -> {
            if (ctx.needsGradient(0)) {
                ctx.setInputGradient(0, ctx.unbroadcast(ctx.mul(ctx.dy(), ctx.input(1)), ctx.input(0)));
            }
            if (ctx.needsGradient(1)) {
                ctx.setInputGradient(1, ctx.unbroadcast(ctx.mul(ctx.dy(), ctx.input(0)), ctx.input(1)));
            }
        });
        rules.put("Div", ctx -> {
            if (ctx.needsGradient(0)) {
                ctx.setInputGradient(
                        0, ctx.unbroadcast(ctx.emit("Div", List.of(ctx.dy(), ctx.input(1))), ctx.input(0)));
            }
            if (ctx.needsGradient(1)) {
                // d(a / b)/db = -y / b
                String g = ctx.emit(
                        "Neg", List.of(ctx.emit("Div", List.of(ctx.mul(ctx.dy(), ctx.output(0)), ctx.input(1)))));
                ctx.setInputGradient(1, ctx.unbroadcast(g, ctx.input(1)));
            }
        });
        rules.put("Neg", ctx -> ctx.setInputGradient(0, ctx.emit("Neg", List.of(ctx.dy()))));
        rules.put(
                "Sqrt",
                ctx -> ctx.setInputGradient(
                        0, ctx.emit("Div", List.of(ctx.mul(ctx.dy(), ctx.scalar(0.5f)), ctx.output(0)))));
        rules.put("Exp", ctx -> ctx.setInputGradient(0, ctx.mul(ctx.dy(), ctx.output(0))));
        rules.put("Pow", ctx -> {
            if (ctx.needsGradient(1)) {
                throw ctx.fail("only a constant exponent is supported");
            }
            // d(x^e)/dx = e * x^(e - 1)
            String e = ctx.emit("Cast", List.of(ctx.input(1)), Attr.i("to", 1));
            String lower = ctx.emit("Pow", List.of(ctx.input(0), ctx.emit("Sub", List.of(e, ctx.scalar(1f)))));
            ctx.setInputGradient(0, ctx.mul(ctx.dy(), ctx.mul(e, lower)));
        });
    }
}
