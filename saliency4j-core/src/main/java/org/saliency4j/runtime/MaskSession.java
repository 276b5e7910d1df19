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
    private final NativeBuffers buffers;

    MaskSession(OrtEnvironment env, OrtSession session, InputSpec input, int classes, int chunk, AtomicLong modelRuns) {
        this.env = env;
        this.session = session;
        this.input = input;
        this.classes = classes;
        this.chunk = chunk;
        this.modelRuns = modelRuns;
        this.buffers = new NativeBuffers(env);
    }

    public int classes() {
        return classes;
    }

    /** What the model gives for each masked copy: logits and probabilities [K, classes], scores [K]. */
    public record Outputs(Tensor logits, Tensor probabilities, float[] scores) {
        /** Room for the outputs of k copies, filled a chunk at a time by {@link #copy}. */
        static Outputs of(int k, int classes) {
            return new Outputs(
                    new Tensor(new float[k * classes], k, classes),
                    new Tensor(new float[k * classes], k, classes),
                    new float[k]);
        }

        /** Copies one chunk's outputs, for the copies from {@code start} on. */
        void copy(OrtSession.Result result, int start) {
            int classes = (int) logits.dim(1);
            MaskSession.copy(result, CompiledGraph.LOGITS, logits.data(), start * classes);
            MaskSession.copy(result, CompiledGraph.PROBABILITIES, probabilities.data(), start * classes);
            MaskSession.copy(result, CompiledGraph.SCORE, scores, start);
        }
    }

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
        Outputs outputs = Outputs.of(k, classes);
        for (int start = 0; start < k; start += chunk) {
            int m = Math.min(chunk, k - start);
            try (OnnxTensor x = buffers.tensor(MaskCompiler.IMAGE, image.data(), 0, image.size(), shape);
                    OnnxTensor b =
                            buffers.tensor(MaskCompiler.SUBSTRATE, substrate.data(), 0, substrate.size(), shape);
                    OnnxTensor masked =
                            buffers.tensor(MaskCompiler.MASKS, masks.data(), start * h * w, m * h * w, 1, m, h, w);
                    OnnxTensor scoreWeights = buffers.tensor(
                            CompiledGraph.SCORE_WEIGHTS, weights.data(), start * classes, m * classes, m, classes);
                    OrtSession.Result result = session.run(Map.of(
                            MaskCompiler.IMAGE, x,
                            MaskCompiler.SUBSTRATE, b,
                            MaskCompiler.MASKS, masked,
                            CompiledGraph.SCORE_WEIGHTS, scoreWeights))) {
                modelRuns.incrementAndGet();
                outputs.copy(result, start);
            } catch (OrtException e) {
                throw new SaliencyException(
                        SaliencyException.Kind.RUNTIME,
                        "ONNX Runtime failed to run the perturbation graph: " + e.getMessage(),
                        e);
            }
        }
        return outputs;
    }

    private static void copy(OrtSession.Result result, String name, float[] into, int offset) {
        FloatBuffer values = ((OnnxTensor) result.get(name).orElseThrow()).getFloatBuffer();
        values.get(into, offset, values.remaining());
    }

    @Override
    public void close() {
        ExplainerRuntime.close(session);
    }
}
