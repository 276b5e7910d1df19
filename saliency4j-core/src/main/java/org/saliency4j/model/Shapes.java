package org.saliency4j.model;

import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.Arrays;

/** Small helpers for shapes. */
public final class Shapes {
    private Shapes() {}

    /** The declared shape of a value; unknown or symbolic dimensions become -1. */
    static long[] declared(ValueInfoProto value) {
        if (!value.getType().hasTensorType() || !value.getType().getTensorType().hasShape()) {
            return new long[0];
        }
        TensorShapeProto shape = value.getType().getTensorType().getShape();
        return shape.getDimList().stream()
                .mapToLong(d -> d.hasDimValue() && d.getDimValue() > 0 ? d.getDimValue() : -1)
                .toArray();
    }

    public static String format(long[] shape) {
        return Arrays.toString(shape).replace(" ", "");
    }
}
