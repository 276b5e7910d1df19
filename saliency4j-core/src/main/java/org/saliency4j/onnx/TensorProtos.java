package org.saliency4j.onnx;

import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Building and reading ONNX tensor constants: INT64 and FLOAT, raw or typed storage. */
public final class TensorProtos {
    private TensorProtos() {}

    /** An INT64 tensor of that shape. */
    public static TensorProto int64(String name, long[] shape, long... values) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.INT64_VALUE);
        for (long d : shape) {
            t.addDims(d);
        }
        for (long v : values) {
            t.addInt64Data(v);
        }
        return t.build();
    }

    /** A FLOAT tensor of that shape, stored raw (little-endian). */
    public static TensorProto float32(String name, float[] values, long... shape) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE);
        for (long d : shape) {
            t.addDims(d);
        }
        ByteBuffer buf = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(values);
        return t.setRawData(ByteString.copyFrom(buf.array())).build();
    }

    /** The values of an integer tensor (int64 or int32), e.g. pads or axes. */
    public static long[] ints(TensorProto t) {
        boolean raw = !t.getRawData().isEmpty();
        ByteBuffer buf = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        if (t.getDataType() == TensorProto.DataType.INT64_VALUE) {
            if (raw) {
                long[] out = new long[buf.remaining() / 8];
                buf.asLongBuffer().get(out);
                return out;
            }
            return t.getInt64DataList().stream().mapToLong(Long::longValue).toArray();
        }
        if (t.getDataType() == TensorProto.DataType.INT32_VALUE) {
            if (raw) {
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

    /** The values of a float tensor. */
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
