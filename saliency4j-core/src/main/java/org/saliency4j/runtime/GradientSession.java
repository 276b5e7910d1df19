package org.saliency4j.runtime;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import org.saliency4j.SaliencyException;
import org.saliency4j.autodiff.CompiledGraph;
import org.saliency4j.model.InputSpec;
import org.saliency4j.tensor.Tensor;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** An ONNX Runtime session of one compiled graph; runs batches in chunks of the internal batch size. */
public final class GradientSession implements AutoCloseable {
    private final OrtEnvironment env;
    private final OrtSession session;
    private final CompiledGraph graph;
    private final InputSpec input;
    private final int classes;
    private final int chunk;
    private final double compileSeconds;

    GradientSession(OrtEnvironment env, OrtSession session, CompiledGraph graph, InputSpec input, int classes, int chunk, double compileSeconds) {
        this.env = env;
        this.session = session;
        this.graph = graph;
        this.input = input;
        this.classes = classes;
        this.chunk = chunk;
        this.compileSeconds = compileSeconds;
    }

    public int classes() {
        return classes;
    }

    public InputSpec input() {
        return input;
    }

    /** Seconds spent compiling the graph and creating the session. */
    public double compileSeconds() {
        return compileSeconds;
    }

    /**
     * Runs N samples. {@code inputs} is [N, ...] in the model's layout; {@code scoreWeights} is
     * [N, K]: the score of sample n is sum_k w[n, k] * s[n, k].
     */
    public GraphOutputs run(Tensor inputs, Tensor scoreWeights) {
        int n = (int) inputs.dim(0);
        int per = input.elementsPerSample();
        if (inputs.size() != (long) n * per) {
            throw new SaliencyException(SaliencyException.Kind.BAD_SHAPE, "input has shape " + Arrays.toString(inputs.shape())
                    + " but the model takes " + Arrays.toString(input.batchShape(n)) + ".");
        }
        List<Map<String, float[]>> parts = new ArrayList<>();
        List<Map<String, long[]>> shapes = new ArrayList<>();
        for (int start = 0; start < n; start += chunk) {
            int m = Math.min(chunk, n - start);
            FloatBuffer x = FloatBuffer.wrap(inputs.data(), start * per, m * per).slice();
            FloatBuffer w = FloatBuffer.wrap(scoreWeights.data(), start * classes, m * classes).slice();
            Map<String, float[]> values = new HashMap<>();
            Map<String, long[]> valueShapes = new HashMap<>();
            try (OnnxTensor xt = OnnxTensor.createTensor(env, x, input.batchShape(m));
                 OnnxTensor wt = OnnxTensor.createTensor(env, w, new long[]{m, classes});
                 OrtSession.Result result = session.run(Map.of(graph.input(), xt, CompiledGraph.SCORE_WEIGHTS, wt))) {
                for (Map.Entry<String, ai.onnxruntime.OnnxValue> e : result) {
                    OnnxTensor t = (OnnxTensor) e.getValue();
                    FloatBuffer buf = t.getFloatBuffer();
                    float[] data = new float[buf.remaining()];
                    buf.get(data);
                    values.put(e.getKey(), data);
                    valueShapes.put(e.getKey(), t.getInfo().getShape());
                }
            } catch (OrtException e) {
                throw new SaliencyException(SaliencyException.Kind.RUNTIME, "ONNX Runtime failed to run the gradient graph: " + e.getMessage(), e);
            }
            parts.add(values);
            shapes.add(valueShapes);
        }
        List<Tensor> activations = new ArrayList<>();
        List<Tensor> gradients = new ArrayList<>();
        for (int i = 0; i < graph.taps().size(); i++) {
            activations.add(concat(parts, shapes, CompiledGraph.activation(i), n));
            boolean hasGradients = parts.get(0).containsKey(CompiledGraph.gradient(i));
            gradients.add(hasGradients ? concat(parts, shapes, CompiledGraph.gradient(i), n) : null);
        }
        return new GraphOutputs(concat(parts, shapes, CompiledGraph.LOGITS, n), concat(parts, shapes, CompiledGraph.PROBABILITIES, n),
                concat(parts, shapes, CompiledGraph.SCORE, n).data(), graph.taps(), activations, gradients);
    }

    private static Tensor concat(List<Map<String, float[]>> parts, List<Map<String, long[]>> shapes, String name, int n) {
        if (parts.size() == 1) {
            return new Tensor(parts.get(0).get(name), shapes.get(0).get(name));
        }
        int total = parts.stream().mapToInt(p -> p.get(name).length).sum();
        float[] data = new float[total];
        int offset = 0;
        for (Map<String, float[]> p : parts) {
            System.arraycopy(p.get(name), 0, data, offset, p.get(name).length);
            offset += p.get(name).length;
        }
        long[] shape = shapes.get(0).get(name).clone();
        shape[0] = n;
        return new Tensor(data, shape);
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new SaliencyException(SaliencyException.Kind.RUNTIME, "cannot close an ONNX Runtime session: " + e.getMessage(), e);
        }
    }
}
