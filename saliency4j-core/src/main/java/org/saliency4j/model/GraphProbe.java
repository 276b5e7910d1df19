package org.saliency4j.model;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import ai.onnxruntime.TensorInfo.OnnxTensorType;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.saliency4j.SaliencyException;

/**
 * Runs a model once with every intermediate tensor exposed as an output, so that ONNX Runtime
 * itself tells the shape, type and (for small integer tensors) the value of every tensor. This
 * replaces a hand-written shape inference for every op.
 */
final class GraphProbe {
    /** Integer tensors up to this size keep their values, for constant folding. */
    private static final int MAX_KEPT_INTS = 64;

    record Observation(long[] shape, boolean floating, long[] ints) {}

    private GraphProbe() {}

    /** Observations of every node output, at the given batch size, on seeded random input. */
    static Map<String, Observation> observe(ModelProto model, String inputName, InputSpec spec, int batch) {
        GraphProto graph = model.getGraph();
        Set<String> names = new LinkedHashSet<>();
        for (NodeProto node : graph.getNodeList()) {
            for (String out : node.getOutputList()) {
                if (!out.isEmpty()) {
                    names.add(out);
                }
            }
        }
        GraphProto.Builder probe = graph.toBuilder().clearOutput();
        for (String name : names) {
            probe.addOutput(ValueInfoProto.newBuilder().setName(name));
        }
        byte[] bytes = model.toBuilder().setGraph(probe).build().toByteArray();
        OrtEnvironment env = OrtEnvironments.get();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
                OrtSession session = load(env, bytes, options)) {
            try (OnnxTensor input = OnnxTensor.createTensor(env, randomInput(spec, batch), spec.batchShape(batch));
                    OrtSession.Result result = session.run(Map.of(inputName, input))) {
                Map<String, Observation> out = new HashMap<>();
                for (Map.Entry<String, OnnxValue> entry : result) {
                    if (entry.getValue() instanceof OnnxTensor tensor) {
                        out.put(entry.getKey(), observe(tensor));
                    }
                }
                return out;
            } catch (OrtException e) {
                throw new SaliencyException(
                        SaliencyException.Kind.BAD_MODEL,
                        "ONNX Runtime cannot run the model at input shape "
                                + Shapes.format(spec.batchShape(batch)) + ": " + e.getMessage()
                                + " Check the input size and layout (a preprocessing file can set them).",
                        e);
            }
        } catch (OrtException e) {
            throw new SaliencyException(SaliencyException.Kind.RUNTIME, "ONNX Runtime failed: " + e.getMessage(), e);
        }
    }

    /** A session of the probe graph; a model ONNX Runtime cannot load is reported as such, not as a shape problem. */
    private static OrtSession load(OrtEnvironment env, byte[] bytes, OrtSession.SessionOptions options) {
        try {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.NO_OPT);
            options.setIntraOpNumThreads(1);
            options.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL);
            return env.createSession(bytes, options);
        } catch (OrtException e) {
            throw new SaliencyException(
                    SaliencyException.Kind.BAD_MODEL,
                    "ONNX Runtime cannot load the model: " + e.getMessage()
                            + " The file may be corrupt, or use ops or types ONNX Runtime does not know.",
                    e);
        }
    }

    private static Observation observe(OnnxTensor tensor) {
        TensorInfo info = tensor.getInfo();
        OnnxTensorType type = info.onnxType;
        boolean floating = type == OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT
                || type == OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_DOUBLE
                || type == OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT16;
        long[] ints = null;
        if (type == OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_INT64 && info.getNumElements() <= MAX_KEPT_INTS) {
            LongBuffer buf = tensor.getLongBuffer();
            ints = new long[buf.remaining()];
            buf.get(ints);
        }
        return new Observation(info.getShape(), floating, ints);
    }

    private static FloatBuffer randomInput(InputSpec spec, int batch) {
        Random random = new Random(42);
        float[] data = new float[spec.elementsPerSample() * batch];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) random.nextGaussian();
        }
        return FloatBuffer.wrap(data);
    }
}
