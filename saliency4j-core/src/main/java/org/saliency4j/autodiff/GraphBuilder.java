package org.saliency4j.autodiff;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.saliency4j.onnx.Attr;
import org.saliency4j.onnx.TensorProtos;

/** Collects the nodes and constants that the compiler adds, with unique names. */
final class GraphBuilder {
    private static final String PREFIX = "s4j/";
    private final List<NodeProto> nodes = new ArrayList<>();
    private final List<TensorProto> constants = new ArrayList<>();
    private final Map<String, ValueInfoProto> declared = new LinkedHashMap<>();
    private int counter;

    String fresh(String hint) {
        return PREFIX + hint + "_" + (counter++);
    }

    /** Adds a node and returns the names of its outputs. */
    String[] node(String op, List<String> inputs, int outputCount, AttributeProto... attributes) {
        String name = fresh(op);
        String[] outputs = new String[outputCount];
        NodeProto.Builder node =
                NodeProto.newBuilder().setOpType(op).setName(name).addAllInput(inputs);
        for (int i = 0; i < outputCount; i++) {
            outputs[i] = name + ":" + i;
            node.addOutput(outputs[i]);
        }
        for (AttributeProto a : attributes) {
            node.addAttribute(a);
        }
        nodes.add(node.build());
        return outputs;
    }

    String node(String op, List<String> inputs, AttributeProto... attributes) {
        return node(op, inputs, 1, attributes)[0];
    }

    /** Adds a node whose output has a chosen name. */
    void namedNode(String op, List<String> inputs, String output, AttributeProto... attributes) {
        NodeProto.Builder node = NodeProto.newBuilder()
                .setOpType(op)
                .setName(fresh(op))
                .addAllInput(inputs)
                .addOutput(output);
        for (AttributeProto a : attributes) {
            node.addAttribute(a);
        }
        nodes.add(node.build());
    }

    /** Adds a node whose outputs have chosen names. */
    void namedNodeOutputs(String op, List<String> inputs, List<String> outputs, AttributeProto... attributes) {
        NodeProto.Builder node = NodeProto.newBuilder()
                .setOpType(op)
                .setName(fresh(op))
                .addAllInput(inputs)
                .addAllOutput(outputs);
        for (AttributeProto a : attributes) {
            node.addAttribute(a);
        }
        nodes.add(node.build());
    }

    String ints(long... values) {
        String name = fresh("const_i64");
        constants.add(TensorProtos.int64(name, new long[] {values.length}, values));
        return name;
    }

    String floats(float[] values, long... shape) {
        String name = fresh("const_f32");
        constants.add(TensorProtos.float32(name, values, shape));
        return name;
    }

    String scalar(float value) {
        return floats(new float[] {value});
    }

    /** Zeros of the run-time shape of a tensor. */
    String zerosLike(String tensor) {
        TensorProto zero = TensorProto.newBuilder()
                .setDataType(TensorProto.DataType.FLOAT_VALUE)
                .addDims(1)
                .addFloatData(0f)
                .build();
        return node("ConstantOfShape", List.of(node("Shape", List.of(tensor))), Attr.tensor("value", zero));
    }

    /** Whether this builder made the tensor (rather than the model). */
    boolean owns(String tensor) {
        return tensor.startsWith(PREFIX);
    }

    /** Declares a float tensor's shape, for ONNX Runtime's shape inference. */
    void declare(String tensor, TensorShapeProto shape) {
        declared.putIfAbsent(tensor, floatValue(tensor, shape));
    }

    /** A float tensor's value info, of the given shape (any shape when null). */
    static ValueInfoProto floatValue(String name, TensorShapeProto shape) {
        TypeProto.Tensor.Builder tensor = TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE);
        if (shape != null) {
            tensor.setShape(shape);
        }
        return ValueInfoProto.newBuilder()
                .setName(name)
                .setType(TypeProto.newBuilder().setTensorType(tensor))
                .build();
    }

    Collection<ValueInfoProto> declaredShapes() {
        return declared.values();
    }

    List<NodeProto> nodes() {
        return nodes;
    }

    List<TensorProto> constants() {
        return constants;
    }
}
