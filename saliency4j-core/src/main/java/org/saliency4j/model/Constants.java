package org.saliency4j.model;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import org.saliency4j.SaliencyException;

/** Turns Constant nodes into initializers. */
final class Constants {
    private Constants() {}

    static TensorProto fromConstantNode(NodeProto node) {
        String name = node.getOutput(0);
        for (AttributeProto attr : node.getAttributeList()) {
            switch (attr.getName()) {
                case "value":
                    return attr.getT().toBuilder().setName(name).build();
                case "value_float":
                    return TensorProto.newBuilder()
                            .setName(name)
                            .setDataType(TensorProto.DataType.FLOAT_VALUE)
                            .addFloatData(attr.getF())
                            .build();
                case "value_floats":
                    return TensorProto.newBuilder()
                            .setName(name)
                            .setDataType(TensorProto.DataType.FLOAT_VALUE)
                            .addDims(attr.getFloatsCount())
                            .addAllFloatData(attr.getFloatsList())
                            .build();
                case "value_int":
                    return TensorProto.newBuilder()
                            .setName(name)
                            .setDataType(TensorProto.DataType.INT64_VALUE)
                            .addInt64Data(attr.getI())
                            .build();
                case "value_ints":
                    return TensorProto.newBuilder()
                            .setName(name)
                            .setDataType(TensorProto.DataType.INT64_VALUE)
                            .addDims(attr.getIntsCount())
                            .addAllInt64Data(attr.getIntsList())
                            .build();
                default:
                    break;
            }
        }
        throw new SaliencyException(
                SaliencyException.Kind.BAD_MODEL,
                "Constant node '" + node.getName()
                        + "' has no value saliency4j can read (sparse and string constants are not supported).");
    }
}
