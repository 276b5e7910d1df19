package org.saliency4j.bench;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;

/**
 * The machine's measured float32 peak through ONNX Runtime: an N x N by N x N MatMul, the densest
 * work it runs. Prints one JSON line with GFLOP/s (2 N^3 per call, median of the timed calls).
 *
 * <pre>MatMulPeak N ITERATIONS THREADS</pre>
 */
public final class MatMulPeak {
    private MatMulPeak() {}

    public static void main(String[] args) throws OrtException {
        int n = Integer.parseInt(args[0]);
        int iterations = Integer.parseInt(args[1]);
        int threads = Integer.parseInt(args[2]);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(threads);
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            try (OrtSession session = env.createSession(model(n).toByteArray(), options);
                    OnnxTensor a = random(env, n, 1);
                    OnnxTensor b = random(env, n, 2)) {
                Map<String, OnnxTensor> feed = Map.of("a", a, "b", b);
                session.run(feed).close();
                double[] seconds = new double[iterations];
                for (int i = 0; i < iterations; i++) {
                    long start = System.nanoTime();
                    session.run(feed).close();
                    seconds[i] = (System.nanoTime() - start) / 1e9;
                }
                Arrays.sort(seconds);
                double gflops = 2.0 * n * n * n / seconds[iterations / 2] / 1e9;
                System.out.printf(
                        "{\"peak\": \"matmul\", \"n\": %d, \"threads\": %d, \"gflop_per_s\": %.1f}%n",
                        n, threads, gflops);
            }
        }
    }

    private static ModelProto model(int n) {
        GraphProto graph = GraphProto.newBuilder()
                .setName("matmul")
                .addNode(NodeProto.newBuilder()
                        .setOpType("MatMul")
                        .addInput("a")
                        .addInput("b")
                        .addOutput("c"))
                .addInput(square("a", n))
                .addInput(square("b", n))
                .addOutput(square("c", n))
                .build();
        return ModelProto.newBuilder()
                .setIrVersion(8)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(13))
                .setGraph(graph)
                .build();
    }

    private static ValueInfoProto square(String name, int n) {
        TensorShapeProto.Dimension side =
                TensorShapeProto.Dimension.newBuilder().setDimValue(n).build();
        return ValueInfoProto.newBuilder()
                .setName(name)
                .setType(TypeProto.newBuilder()
                        .setTensorType(TypeProto.Tensor.newBuilder()
                                .setElemType(TensorProto.DataType.FLOAT_VALUE)
                                .setShape(TensorShapeProto.newBuilder()
                                        .addDim(side)
                                        .addDim(side))))
                .build();
    }

    private static OnnxTensor random(OrtEnvironment env, int n, long seed) throws OrtException {
        Random r = new Random(seed);
        float[] values = new float[n * n];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) r.nextGaussian();
        }
        return OnnxTensor.createTensor(env, FloatBuffer.wrap(values), new long[] {n, n});
    }
}
