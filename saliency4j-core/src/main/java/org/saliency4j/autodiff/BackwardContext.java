package org.saliency4j.autodiff;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.util.ArrayList;
import java.util.List;
import org.saliency4j.SaliencyException;
import org.saliency4j.model.ModelAnalysis;
import org.saliency4j.model.TensorInfo;
import org.saliency4j.onnx.Attr;
import org.saliency4j.onnx.TensorProtos;

/**
 * What a backward rule sees of one forward node: its inputs, outputs, attributes, static shapes,
 * constant inputs, the gradients of its outputs; and the means to emit nodes and to hand back the
 * gradients of its inputs.
 */
public final class BackwardContext {
    private final NodeProto node;
    private final ModelAnalysis analysis;
    private final GraphBuilder graph;
    private final String[] outputGradients;
    private final boolean[] needsGradient;
    private final String[] inputGradients;

    BackwardContext(
            NodeProto node,
            ModelAnalysis analysis,
            GraphBuilder graph,
            String[] outputGradients,
            boolean[] needsGradient) {
        this.node = node;
        this.analysis = analysis;
        this.graph = graph;
        this.outputGradients = outputGradients;
        this.needsGradient = needsGradient;
        this.inputGradients = new String[node.getInputCount()];
    }

    // ---- the forward node ----

    public NodeProto node() {
        return node;
    }

    public String input(int i) {
        return i < node.getInputCount() ? node.getInput(i) : "";
    }

    public boolean hasInput(int i) {
        return !input(i).isEmpty();
    }

    public String output(int i) {
        return node.getOutput(i);
    }

    /** The static shape of a tensor at batch 1 (batched tensors have a dynamic first axis at run time). */
    public long[] shape(String tensor) {
        TensorInfo info = analysis.tensor(tensor);
        if (info != null) {
            return info.shape();
        }
        TensorProto init = analysis.initializer(tensor);
        if (init != null) {
            return init.getDimsList().stream().mapToLong(Long::longValue).toArray();
        }
        throw fail("the shape of tensor '" + tensor + "' is unknown");
    }

    public boolean batched(String tensor) {
        TensorInfo info = analysis.tensor(tensor);
        return info != null && info.batched();
    }

    /** The values of a constant integer input such as pads, axes or starts. */
    public long[] constantInts(String tensor) {
        TensorProto t = analysis.initializer(tensor);
        if (t == null) {
            throw fail("its input '" + tensor + "' must be a constant, but it is computed at run time");
        }
        return TensorProtos.ints(t);
    }

    /** Whether a tensor is a float constant (an initializer) rather than computed at run time. */
    public boolean isConstant(String tensor) {
        TensorProto t = analysis.initializer(tensor);
        return t != null && t.getDataType() == TensorProto.DataType.FLOAT_VALUE;
    }

    /** A constant float input, or null if the tensor is computed at run time. */
    public float[] constantFloats(String tensor) {
        return isConstant(tensor) ? TensorProtos.floats(analysis.initializer(tensor)) : null;
    }

    public int opset() {
        return GradientCompiler.targetOpset(analysis.opset());
    }

    public long attrInt(String name, long fallback) {
        AttributeProto a = attribute(name);
        return a == null ? fallback : a.getI();
    }

    public float attrFloat(String name, float fallback) {
        AttributeProto a = attribute(name);
        return a == null ? fallback : a.getF();
    }

    public String attrString(String name, String fallback) {
        AttributeProto a = attribute(name);
        return a == null ? fallback : a.getS().toStringUtf8();
    }

    /** An INTS attribute, or null when absent. */
    public long[] attrInts(String name) {
        return Attr.intsOf(node, name);
    }

    private AttributeProto attribute(String name) {
        return Attr.find(node, name);
    }

    // ---- gradients ----

    /** The gradient of output i, or null if no gradient reaches it. */
    public String outputGradient(int i) {
        return i < outputGradients.length ? outputGradients[i] : null;
    }

    /** The gradient of output i, or zeros of its shape if no gradient reaches it. */
    public String outputGradientOrZeros(int i) {
        String g = outputGradient(i);
        return g != null ? g : zerosLike(output(i));
    }

    /** The gradient of the (only) output. */
    public String dy() {
        return outputGradient(0);
    }

    public boolean needsGradient(int input) {
        return input < needsGradient.length && needsGradient[input];
    }

    /** Hands back the gradient of input i; ignored if that input needs none. */
    public void setInputGradient(int input, String gradient) {
        if (needsGradient(input)) {
            inputGradients[input] = gradient;
        }
    }

    String[] inputGradients() {
        return inputGradients;
    }

    // ---- emitting ----

    public String emit(String op, List<String> inputs, AttributeProto... attributes) {
        return graph.node(op, inputs, attributes);
    }

    public String[] emitMulti(String op, List<String> inputs, int outputs, AttributeProto... attributes) {
        return graph.node(op, inputs, outputs, attributes);
    }

    public String ints(long... values) {
        return graph.ints(values);
    }

    public String floats(float[] values, long... shape) {
        return graph.floats(values, shape);
    }

    public String scalar(float value) {
        return graph.scalar(value);
    }

    public String zerosLike(String tensor) {
        return graph.zerosLike(tensor);
    }

    public String mul(String a, String b) {
        return emit("Mul", List.of(a, b));
    }

    public String where(String condition, String ifTrue, String ifFalse) {
        return emit("Where", List.of(condition, ifTrue, ifFalse));
    }

    /**
     * value where the boolean mask holds, else 0: a multiplication by the mask as floats, which ONNX
     * Runtime runs faster than a Where with a scalar branch on large tensors.
     */
    public String masked(String mask, String value) {
        return mul(value, asFloats(mask));
    }

    /** A boolean tensor as float 0 and 1. */
    public String asFloats(String mask) {
        return emit("Cast", List.of(mask), Attr.i("to", 1));
    }

    /** Reshape of x to the run-time shape of like. */
    public String reshapeLike(String x, String like) {
        return emit("Reshape", List.of(x, emit("Shape", List.of(like))));
    }

    /** ReduceSum over the given axes (axes as an input, valid from opset 13). */
    public String reduceSum(String x, long[] axes, boolean keepDims) {
        return emit("ReduceSum", List.of(x, ints(axes)), Attr.i("keepdims", keepDims ? 1 : 0));
    }

    /**
     * Sums a gradient of a broadcast result back to the shape of one operand (ONNX
     * multidirectional broadcasting aligns shapes on the right).
     */
    public String unbroadcast(String gradient, String operand) {
        return unbroadcast(gradient, shape(output(0)), operand);
    }

    /** As {@link #unbroadcast(String, String)}, for a gradient of the given (batch-1) shape. */
    public String unbroadcast(String gradient, long[] out, String operand) {
        long[] in = shape(operand);
        int offset = out.length - in.length;
        boolean batchBroadcast = batched(output(0)) && !batched(operand);
        List<Long> axes = new ArrayList<>();
        for (int axis = 0; axis < out.length; axis++) {
            boolean leading = axis < offset;
            boolean stretched = !leading && in[axis - offset] == 1 && (out[axis] != 1 || (axis == 0 && batchBroadcast));
            if (leading || stretched) {
                axes.add((long) axis);
            }
        }
        if (axes.isEmpty()) {
            return gradient;
        }
        String summed =
                reduceSum(gradient, axes.stream().mapToLong(Long::longValue).toArray(), true);
        return batched(operand) ? reshapeLike(summed, operand) : emit("Reshape", List.of(summed, ints(in)));
    }

    public SaliencyException fail(String why) {
        return new SaliencyException(
                SaliencyException.Kind.UNSUPPORTED_OP,
                "cannot differentiate " + node.getOpType() + " node '" + node.getName() + "': " + why + ".");
    }
}
