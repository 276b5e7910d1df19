package org.saliency4j.runtime;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.saliency4j.SaliencyException;
import org.saliency4j.autodiff.CompiledGraph;
import org.saliency4j.model.InputSpec;
import org.saliency4j.tensor.Tensor;

/**
 * An ONNX Runtime session of one compiled graph (with a backward pass, or forward only); runs
 * batches in chunks of the internal batch size.
 */
public final class GraphSession implements AutoCloseable {
    private final OrtSession session;
    private final CompiledGraph.Signature signature;
    private final InputSpec input;
    private final int classes;
    private final int chunk;
    private final AtomicLong modelRuns;
    private final NativeBuffers buffers;

    GraphSession(
            OrtEnvironment env,
            OrtSession session,
            CompiledGraph.Signature signature,
            InputSpec input,
            int classes,
            int chunk,
            AtomicLong modelRuns) {
        this.modelRuns = modelRuns;
        this.session = session;
        this.signature = signature;
        this.input = input;
        this.classes = classes;
        this.chunk = chunk;
        this.buffers = new NativeBuffers(env);
    }

    public int classes() {
        return classes;
    }

    public InputSpec input() {
        return input;
    }

    /**
     * Runs N samples. {@code inputs} is [N, ...] in the model's layout; {@code scoreWeights} is
     * [N, K]: the score of sample n is sum_k w[n, k] * s[n, k]. Chunks of the internal batch size
     * go through one reused native input buffer; outputs are copied once into the batch's arrays.
     */
    public synchronized GraphOutputs run(Tensor inputs, Tensor scoreWeights) {
        int n = (int) inputs.dim(0);
        int per = input.elementsPerSample();
        if (inputs.size() != (long) n * per) {
            throw new SaliencyException(
                    SaliencyException.Kind.BAD_SHAPE,
                    "input has shape " + Arrays.toString(inputs.shape()) + " but the model takes "
                            + Arrays.toString(input.batchShape(n)) + ".");
        }
        Map<String, float[]> outputs = new HashMap<>();
        Map<String, long[]> shapes = new HashMap<>();
        for (int start = 0; start < n; start += chunk) {
            int m = Math.min(chunk, n - start);
            try (OnnxTensor xt = buffers.tensor(
                            signature.input(), inputs.data(), start * per, m * per, input.batchShape(m));
                    OnnxTensor wt = buffers.tensor(
                            CompiledGraph.SCORE_WEIGHTS,
                            scoreWeights.data(),
                            start * classes,
                            m * classes,
                            m,
                            classes);
                    OrtSession.Result result =
                            session.run(Map.of(signature.input(), xt, CompiledGraph.SCORE_WEIGHTS, wt))) {
                modelRuns.incrementAndGet();
                for (Map.Entry<String, OnnxValue> e : result) {
                    OnnxTensor t = (OnnxTensor) e.getValue();
                    FloatBuffer buf = t.getFloatBuffer();
                    int perSample = buf.remaining() / m;
                    float[] all = outputs.computeIfAbsent(e.getKey(), k -> {
                        long[] shape = t.getInfo().getShape();
                        shape[0] = n;
                        shapes.put(k, shape);
                        return new float[perSample * n];
                    });
                    buf.get(all, start * perSample, m * perSample);
                }
            } catch (OrtException e) {
                throw new SaliencyException(
                        SaliencyException.Kind.RUNTIME,
                        "ONNX Runtime failed to run the gradient graph: " + e.getMessage(),
                        e);
            }
        }
        Map<String, Tensor> activations = new LinkedHashMap<>();
        Map<String, Tensor> gradients = new LinkedHashMap<>();
        for (int i = 0; i < signature.taps().size(); i++) {
            activations.put(signature.taps().get(i), tensor(outputs, shapes, CompiledGraph.activation(i)));
            if (i < signature.gradientTaps()) {
                gradients.put(signature.taps().get(i), tensor(outputs, shapes, CompiledGraph.gradient(i)));
            }
        }
        Map<String, GraphOutputs.ChannelSummary> summaries = new LinkedHashMap<>();
        for (int i = 0; i < signature.summaryTaps().size(); i++) {
            summaries.put(
                    signature.summaryTaps().get(i),
                    new GraphOutputs.ChannelSummary(
                            tensor(outputs, shapes, CompiledGraph.channelSum(i)),
                            tensor(outputs, shapes, CompiledGraph.maximum(i))));
        }
        Map<String, Tensor> biasMaps = new LinkedHashMap<>();
        for (int i = 0; i < signature.biasTaps().size(); i++) {
            biasMaps.put(signature.biasTaps().get(i), tensor(outputs, shapes, CompiledGraph.biasGradientMap(i)));
        }
        requireFinite(outputs.get(CompiledGraph.LOGITS), "logits", classes);
        requireFinite(outputs.get(CompiledGraph.SCORE), "score", 1);
        return new GraphOutputs(
                tensor(outputs, shapes, CompiledGraph.LOGITS),
                tensor(outputs, shapes, CompiledGraph.PROBABILITIES),
                outputs.get(CompiledGraph.SCORE),
                activations,
                gradients,
                summaries,
                biasMaps);
    }

    /**
     * Every input reaching a session is finite (the pipeline checks), so a NaN or infinity in what
     * the model computes means the model itself is broken, e.g. garbage weights.
     */
    private static void requireFinite(float[] values, String what, int perSample) {
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new SaliencyException(
                        SaliencyException.Kind.BAD_MODEL,
                        "the model's " + what + " are " + values[i] + " for input " + i / perSample
                                + ": the model file may be corrupt.");
            }
        }
    }

    private static Tensor tensor(Map<String, float[]> outputs, Map<String, long[]> shapes, String name) {
        return new Tensor(outputs.get(name), shapes.get(name));
    }

    @Override
    public void close() {
        ExplainerRuntime.close(session);
    }
}
