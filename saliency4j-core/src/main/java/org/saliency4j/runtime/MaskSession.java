package org.saliency4j.runtime;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.saliency4j.SaliencyException;
import org.saliency4j.autodiff.CompiledGraph;
import org.saliency4j.autodiff.MaskCompiler;
import org.saliency4j.model.InputSpec;
import org.saliency4j.tensor.Tensor;

/**
 * An ONNX Runtime session of a perturbation graph (see {@link MaskCompiler}): the model's outputs
 * for K masked copies of one image, run a chunk of the internal batch size of masks at a time.
 */
public final class MaskSession implements AutoCloseable {
    private final OrtEnvironment env;
    private final OrtSession session;
    private final InputSpec input;
    private final int classes;
    private final int chunk;
    private final AtomicLong modelRuns;

    MaskSession(OrtEnvironment env, OrtSession session, InputSpec input, int classes, int chunk, AtomicLong modelRuns) {
        this.env = env;
        this.session = session;
        this.input = input;
        this.classes = classes;
        this.chunk = chunk;
        this.modelRuns = modelRuns;
    }

    public int classes() {
        return classes;
    }

    /** What the model gives for each masked copy: logits and probabilities [K, classes], scores [K]. */
    public record Outputs(Tensor logits, Tensor probabilities, float[] scores) {}

    /**
     * @param image     one input, [1, ...] in the model's layout
     * @param substrate what a mask's zeros show, the image's shape
     * @param masks     [K, h, w], 1 keeping the image and 0 showing the substrate
     * @param weights   [K, classes]: the score of copy k is sum_c w[k, c] * s[k, c]
     */
    public synchronized Outputs run(Tensor image, Tensor substrate, Tensor masks, Tensor weights) {
        long[] shape = input.batchShape(1);
        if (image.size() != input.elementsPerSample() || substrate.size() != input.elementsPerSample()) {
            throw new SaliencyException(
                    SaliencyException.Kind.BAD_SHAPE,
                    "a perturbation graph takes one input of shape " + Arrays.toString(shape) + ", not "
                            + Arrays.toString(image.shape()) + ".");
        }
        int k = (int) masks.dim(0);
        int h = (int) masks.dim(1);
        int w = (int) masks.dim(2);
        float[] logits = new float[k * classes];
        float[] probabilities = new float[k * classes];
        float[] scores = new float[k];
        for (int start = 0; start < k; start += chunk) {
            int m = Math.min(chunk, k - start);
            try (OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(image.data()), shape);
                    OnnxTensor b = OnnxTensor.createTensor(env, FloatBuffer.wrap(substrate.data()), shape);
                    OnnxTensor masked = OnnxTensor.createTensor(
                            env, FloatBuffer.wrap(masks.data(), start * h * w, m * h * w), new long[] {1, m, h, w});
                    OnnxTensor scoreWeights = OnnxTensor.createTensor(
                            env, FloatBuffer.wrap(weights.data(), start * classes, m * classes), new long[] {m, classes
                            });
                    OrtSession.Result result = session.run(Map.of(
                            MaskCompiler.IMAGE, x,
                            MaskCompiler.SUBSTRATE, b,
                            MaskCompiler.MASKS, masked,
                            CompiledGraph.SCORE_WEIGHTS, scoreWeights))) {
                modelRuns.incrementAndGet();
                copy(result, CompiledGraph.LOGITS, logits, start * classes);
                copy(result, CompiledGraph.PROBABILITIES, probabilities, start * classes);
                copy(result, CompiledGraph.SCORE, scores, start);
            } catch (OrtException e) {
                throw new SaliencyException(
                        SaliencyException.Kind.RUNTIME,
                        "ONNX Runtime failed to run the perturbation graph: " + e.getMessage(),
                        e);
            }
        }
        return new Outputs(new Tensor(logits, k, classes), new Tensor(probabilities, k, classes), scores);
    }

    /** Copies a named float output into an array at an offset. */
    static void copy(OrtSession.Result result, String name, float[] into, int offset) {
        FloatBuffer values = ((OnnxTensor) result.get(name).orElseThrow()).getFloatBuffer();
        values.get(into, offset, values.remaining());
    }

    @Override
    public void close() {
        ExplainerRuntime.close(session);
    }
}
