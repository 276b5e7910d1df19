package org.saliency4j.runtime;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.Map;

/**
 * One direct buffer per input of a session, reused for every call and grown only when a larger
 * chunk comes. ONNX Runtime reads a direct buffer without a copy; a heap array would be copied into
 * a new direct buffer on every call, garbage that only a full collection frees, so that the process
 * grew by gigabytes over a long perturbation run.
 */
final class NativeBuffers {
    private final OrtEnvironment env;
    private final Map<String, FloatBuffer> buffers = new HashMap<>();

    NativeBuffers(OrtEnvironment env) {
        this.env = env;
    }

    /** A tensor of that shape holding data[offset .. offset + length), in the input's own buffer. */
    OnnxTensor tensor(String input, float[] data, int offset, int length, long... shape) throws OrtException {
        FloatBuffer buffer = buffers.get(input);
        if (buffer == null || buffer.capacity() < length) {
            buffer = ByteBuffer.allocateDirect(4 * length)
                    .order(ByteOrder.nativeOrder())
                    .asFloatBuffer();
            buffers.put(input, buffer);
        }
        buffer.clear();
        buffer.put(data, offset, length).flip();
        return OnnxTensor.createTensor(env, buffer, shape);
    }
}
