package org.saliency4j.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.saliency4j.model.InputSpec;
import org.saliency4j.model.OnnxModel;
import org.saliency4j.onnx.Attr;
import org.saliency4j.onnx.TensorProtos;
import org.saliency4j.runtime.ExplainerRuntime;
import org.saliency4j.runtime.GraphSession;
import org.saliency4j.runtime.RuntimeOptions;
import org.saliency4j.tensor.Tensor;

/**
 * The rectifiers' masks at the values where a scaled comparison could go wrong: the bounds
 * themselves, their float neighbours, the smallest normal float, and values whose scaled product
 * overflows. The expected gradient is PyTorch's rule, 1 where min < x < max, written out.
 */
class StepMaskTest {
    private static final float TINY = Float.MIN_NORMAL;

    @TempDir
    Path dir;

    @Test
    void reluPassesEveryPositiveValue() throws IOException {
        float[] x = {-1f, -TINY, 0f, TINY, 2 * TINY, 1e-30f, 0.5f, 6f, 1e30f, Float.MAX_VALUE};
        assertArrayEquals(expected(x, 0f, Float.POSITIVE_INFINITY), gradient(node("Relu", List.of("input")), x));
    }

    @Test
    void relu6ClipExcludesBothBounds() throws IOException {
        float[] x = {-1f, 0f, TINY, 1e-30f, 3f, Math.nextDown(6f), 6f, Math.nextUp(6f), 100f, 1e30f};
        NodeProto clip = node("Clip", List.of("input", "lo", "hi"));
        assertArrayEquals(expected(x, 0f, 6f), gradient(clip, x, bound("lo", 0f), bound("hi", 6f)));
    }

    @Test
    void clipWithNonzeroBoundsAndOneBound() throws IOException {
        float lo = -0.5f;
        float hi = 0.8f;
        float[] x = {-1e30f, -1f, lo, Math.nextUp(lo), -TINY, 0f, TINY, Math.nextDown(hi), hi, 1e30f};
        NodeProto both = node("Clip", List.of("input", "lo", "hi"));
        assertArrayEquals(expected(x, lo, hi), gradient(both, x, bound("lo", lo), bound("hi", hi)));
        NodeProto upper = node("Clip", List.of("input", "", "hi"));
        assertArrayEquals(expected(x, Float.NEGATIVE_INFINITY, hi), gradient(upper, x, bound("hi", hi)));
    }

    @Test
    void scaleIsAPowerOfTwoThatKeepsTwiceTheBoundFinite() {
        for (float t : new float[] {6f, -0.5f, 1e-30f, 3e38f, TINY}) {
            float b = StepMask.largestSafeScale(t);
            assertEquals(b, Math.scalb(1f, Math.getExponent(b)), "power of two for " + t);
            assertTrue(2.0 * Math.abs(t) * b <= Float.MAX_VALUE, "finite for " + t);
            assertTrue(
                    b == Math.scalb(1f, Float.MAX_EXPONENT) || 4.0 * Math.abs(t) * b > Float.MAX_VALUE,
                    "largest for " + t);
        }
    }

    @Test
    void boundsNearTheDenormalsTakeTheComparison() {
        assertTrue(StepMask.exactAt(0f));
        assertTrue(StepMask.exactAt(1e-30f));
        assertTrue(StepMask.exactAt(-3e38f));
        assertFalse(StepMask.exactAt(TINY), "half an ulp of the smallest normal, scaled, is below 1");
    }

    private static float[] expected(float[] x, float min, float max) {
        float[] g = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            g[i] = x[i] > min && x[i] < max ? 1f : 0f;
        }
        return g;
    }

    /** d(sum of outputs)/dx of one activation node on an input [1, 2, 1, n/2]. */
    private float[] gradient(NodeProto activation, float[] x, TensorProto... bounds) throws IOException {
        long[] shape = {1, 2, 1, x.length / 2};
        GraphProto graph = GraphProto.newBuilder()
                .setName("activation")
                .addNode(activation)
                .addNode(NodeProto.newBuilder()
                        .setOpType("Flatten")
                        .addInput("y")
                        .addOutput("logits")
                        .addAttribute(Attr.i("axis", 1)))
                .addAllInitializer(Arrays.asList(bounds))
                .addInput(value("input", -1, 2, 1, x.length / 2))
                .addOutput(value("logits", -1, x.length))
                .build();
        ModelProto model = ModelProto.newBuilder()
                .setIrVersion(8)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(13))
                .setGraph(graph)
                .build();
        Path file = dir.resolve(activation.getOpType() + bounds.length + ".onnx");
        Files.write(file, model.toByteArray());
        OnnxModel onnx = OnnxModel.load(file);
        InputSpec spec = new InputSpec(2, 1, x.length / 2, InputSpec.Layout.NCHW);
        float[] ones = new float[x.length];
        Arrays.fill(ones, 1f);
        try (ExplainerRuntime runtime = new ExplainerRuntime(onnx, null, new RuntimeOptions(1, 16))) {
            GraphSession session =
                    runtime.session(spec, List.of(onnx.inputName()), ScoreKind.LOGIT, RuleSet.standard());
            return session.run(new Tensor(x.clone(), shape), new Tensor(ones, 1, x.length))
                    .gradient(onnx.inputName())
                    .data();
        }
    }

    private static NodeProto node(String op, List<String> inputs) {
        return NodeProto.newBuilder()
                .setOpType(op)
                .addAllInput(inputs)
                .addOutput("y")
                .build();
    }

    private static TensorProto bound(String name, float value) {
        return TensorProtos.float32(name, new float[] {value});
    }

    private static ValueInfoProto value(String name, long... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (long d : dims) {
            shape.addDim(
                    d < 0
                            ? TensorShapeProto.Dimension.newBuilder().setDimParam("batch")
                            : TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return ValueInfoProto.newBuilder()
                .setName(name)
                .setType(TypeProto.newBuilder()
                        .setTensorType(TypeProto.Tensor.newBuilder()
                                .setElemType(TensorProto.DataType.FLOAT_VALUE)
                                .setShape(shape)))
                .build();
    }
}
