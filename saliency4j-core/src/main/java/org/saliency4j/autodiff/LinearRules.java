package org.saliency4j.autodiff;

import java.util.List;
import java.util.Map;
import org.saliency4j.onnx.Attr;

/** Backward rules of Gemm and MatMul. */
final class LinearRules {
    private LinearRules() {}

    static void register(Map<String, BackwardRule> rules) {
        rules.put("Gemm", LinearRules::gemm);
        rules.put("MatMul", LinearRules::matMul);
    }

    /** Y = alpha * op(A) op(B) + beta * C. */
    private static void gemm(BackwardContext ctx) {
        float alpha = ctx.attrFloat("alpha", 1f);
        long transA = ctx.attrInt("transA", 0);
        long transB = ctx.attrInt("transB", 0);
        String a = ctx.input(0);
        String b = ctx.input(1);
        String dy = ctx.dy();
        if (ctx.needsGradient(0)) {
            // dA = alpha * dY op(B)^T, transposed back when A was transposed
            String da = transA == 0
                    ? ctx.emit("Gemm", List.of(dy, b), Attr.f("alpha", alpha), Attr.i("transB", 1 - transB))
                    : ctx.emit(
                            "Gemm",
                            List.of(b, dy),
                            Attr.f("alpha", alpha),
                            Attr.i("transA", transB),
                            Attr.i("transB", 1));
            ctx.setInputGradient(0, da);
        }
        if (ctx.needsGradient(1)) {
            String db = transB == 0
                    ? ctx.emit("Gemm", List.of(a, dy), Attr.f("alpha", alpha), Attr.i("transA", 1 - transA))
                    : ctx.emit(
                            "Gemm",
                            List.of(dy, a),
                            Attr.f("alpha", alpha),
                            Attr.i("transA", 1),
                            Attr.i("transB", transA));
            ctx.setInputGradient(1, db);
        }
        if (ctx.needsGradient(2)) {
            String dc = ctx.mul(dy, ctx.scalar(ctx.attrFloat("beta", 1f)));
            ctx.setInputGradient(2, ctx.unbroadcast(dc, ctx.input(2)));
        }
    }

    private static void matMul(BackwardContext ctx) {
        String a = ctx.input(0);
        String b = ctx.input(1);
        if (ctx.shape(a).length < 2 || ctx.shape(b).length < 2) {
            throw ctx.fail("MatMul with a rank-1 operand is not supported");
        }
        if (ctx.needsGradient(0)) {
            String da = ctx.emit("MatMul", List.of(ctx.dy(), swapLastTwo(ctx, b)));
            ctx.setInputGradient(0, ctx.unbroadcast(da, productShape(ctx, a), a));
        }
        if (ctx.needsGradient(1)) {
            String db = ctx.emit("MatMul", List.of(swapLastTwo(ctx, a), ctx.dy()));
            ctx.setInputGradient(1, ctx.unbroadcast(db, productShape(ctx, b), b));
        }
    }

    /**
     * The shape of an operand's gradient before un-broadcasting: the output's batch axes, the
     * operand's matrix axes.
     */
    private static long[] productShape(BackwardContext ctx, String operand) {
        long[] out = ctx.shape(ctx.output(0)).clone();
        long[] in = ctx.shape(operand);
        out[out.length - 2] = in[in.length - 2];
        out[out.length - 1] = in[in.length - 1];
        return out;
    }

    private static String swapLastTwo(BackwardContext ctx, String tensor) {
        int rank = ctx.shape(tensor).length;
        long[] perm = new long[rank];
        for (int i = 0; i < rank; i++) {
            perm[i] = i;
        }
        perm[rank - 2] = rank - 1;
        perm[rank - 1] = rank - 2;
        return ctx.emit("Transpose", List.of(tensor), Attr.ints("perm", perm));
    }
}
