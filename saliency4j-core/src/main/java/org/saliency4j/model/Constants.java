package org.saliency4j.model;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import org.saliency4j.SaliencyException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Turns Constant nodes into initializers and reads small integer constants. */
public final class Constants {
    private Constants() {
    }

    static TensorProto fromConstantNode(NodeProto node) {
        String name = node.getOutput(0);
        for (AttributeProto attr : node.getAttributeList()) {
            switch (attr.getName()) {
                case "value":
                    return attr.getT().toBuilder().setName(name).build();
                case "value_float":
                    return TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE)
                            .addFloatData(attr.getF()).build();
                case "value_floats":
                    return TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE)
                            .addDims(attr.getFloatsCount()).addAllFloatData(attr.getFloatsList()).build();
                case "value_int":
                    return TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.INT64_VALUE)
                            .addInt64Data(attr.getI()).build();
                case "value_ints":
                    return TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.INT64_VALUE)
                            .addDims(attr.getIntsCount()).addAllInt64Data(attr.getIntsList()).build();
                default:
                    break;
            }
        }
        throw new SaliencyException(SaliencyException.Kind.BAD_MODEL, "Constant node '" + node.getName()
                + "' has no value saliency4j can read (sparse and string constants are not supported).");
    }

    /** The values of an integer initializer (int64 or int32), e.g. pads or axes. */
    public static long[] ints(TensorProto t) {
        if (t.getDataType() == TensorProto.DataType.INT64_VALUE) {
            if (!t.getRawData().isEmpty()) {
                ByteBuffer buf = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
                long[] out = new long[buf.remaining() / 8];
                buf.asLongBuffer().get(out);
                return out;
            }
            return t.getInt64DataList().stream().mapToLong(Long::longValue).toArray();
        }
        if (t.getDataType() == TensorProto.DataType.INT32_VALUE) {
            if (!t.getRawData().isEmpty()) {
                ByteBuffer buf = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
                long[] out = new long[buf.remaining() / 4];
                for (int i = 0; i < out.length; i++) {
                    out[i] = buf.getInt();
                }
                return out;
            }
            return t.getInt32DataList().stream().mapToLong(Integer::longValue).toArray();
        }
        throw new IllegalArgumentException("tensor '" + t.getName() + "' is not an integer tensor");
    }

    /** The values of a float initializer. */
    public static float[] floats(TensorProto t) {
        if (t.getDataType() != TensorProto.DataType.FLOAT_VALUE) {
            throw new IllegalArgumentException("tensor '" + t.getName() + "' is not a float tensor");
        }
        if (!t.getRawData().isEmpty()) {
            ByteBuffer buf = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            float[] out = new float[buf.remaining() / 4];
            buf.asFloatBuffer().get(out);
            return out;
        }
        float[] out = new float[t.getFloatDataCount()];
        for (int i = 0; i < out.length; i++) {
            out[i] = t.getFloatData(i);
        }
        return out;
    }
}
