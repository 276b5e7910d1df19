package org.saliency4j.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.ByteString;
import java.util.List;

/** ONNX node attributes: building the ones we emit, and reading those of a model's nodes. */
public final class Attr {
    private Attr() {}

    public static AttributeProto i(String name, long value) {
        return AttributeProto.newBuilder()
                .setName(name)
                .setType(AttributeProto.AttributeType.INT)
                .setI(value)
                .build();
    }

    public static AttributeProto f(String name, float value) {
        return AttributeProto.newBuilder()
                .setName(name)
                .setType(AttributeProto.AttributeType.FLOAT)
                .setF(value)
                .build();
    }

    public static AttributeProto s(String name, String value) {
        return AttributeProto.newBuilder()
                .setName(name)
                .setType(AttributeProto.AttributeType.STRING)
                .setS(ByteString.copyFromUtf8(value))
                .build();
    }

    public static AttributeProto ints(String name, long... values) {
        AttributeProto.Builder b = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long v : values) {
            b.addInts(v);
        }
        return b.build();
    }

    public static AttributeProto tensor(String name, TensorProto value) {
        return AttributeProto.newBuilder()
                .setName(name)
                .setType(AttributeProto.AttributeType.TENSOR)
                .setT(value)
                .build();
    }

    /** The node's attribute of that name, or null. */
    public static AttributeProto find(NodeProto node, String name) {
        for (AttributeProto a : node.getAttributeList()) {
            if (a.getName().equals(name)) {
                return a;
            }
        }
        return null;
    }

    /** An INTS attribute's values, or null when the node has none of that name. */
    public static long[] intsOf(NodeProto node, String name) {
        AttributeProto a = find(node, name);
        return a == null
                ? null
                : a.getIntsList().stream().mapToLong(Long::longValue).toArray();
    }

    /** A FLOAT attribute's value, or the default when the node has none of that name. */
    public static float floatOf(NodeProto node, String name, float defaultValue) {
        AttributeProto a = find(node, name);
        return a == null ? defaultValue : a.getF();
    }

    /** The node without its attribute of that name. */
    public static NodeProto without(NodeProto node, String name) {
        List<AttributeProto> kept = node.getAttributeList().stream()
                .filter(a -> !a.getName().equals(name))
                .toList();
        return node.toBuilder().clearAttribute().addAllAttribute(kept).build();
    }
}
