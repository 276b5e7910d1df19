package org.saliency4j.runtime;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.saliency4j.SaliencyException;
import org.saliency4j.autodiff.AblationCompiler;
import org.saliency4j.autodiff.CompiledGraph;
import org.saliency4j.tensor.Tensor;

/**
 * An ONNX Runtime session of an ablation graph (see {@link AblationCompiler}): the model's outputs
 * from one layer onwards for M copies of one input's activation with channels ablated, a chunk of
 * the internal batch size of copies at a time.
 */
public final class AblationSession implements AutoCloseable {
    private final OrtEnvironment env;
    private final OrtSession session;
    private final int classes;
    private final int chunk;
    private final AtomicLong modelRuns;
    private final NativeBuffers buffers;

    AblationSession(OrtEnvironment env, OrtSession session, int classes, int chunk, AtomicLong modelRuns) {
        this.env = env;
        this.session = session;
        this.classes = classes;
        this.chunk = chunk;
        this.modelRuns = modelRuns;
        this.buffers = new NativeBuffers(env);
    }

    /**
     * @param activation one input's activation at the layer, [1, C, h, w]
     * @param ablated    [M, C]: 1 where channel c of copy m is set to that copy's value
     * @param values     [M]: what the ablated channels of each copy hold
     * @param weights    [M, classes]: the score of copy m is sum_c w[m, c] * s[m, c]
     */
    public synchronized MaskSession.Outputs run(Tensor activation, Tensor ablated, float[] values, Tensor weights) {
        int m = values.length;
        int channels = (int) ablated.dim(1);
        MaskSession.Outputs outputs = MaskSession.Outputs.of(m, classes);
        for (int start = 0; start < m; start += chunk) {
            int k = Math.min(chunk, m - start);
            try (OnnxTensor a = buffers.tensor(
                            AblationCompiler.ACTIVATION, activation.data(), 0, activation.size(), activation.shape());
                    OnnxTensor table = buffers.tensor(
                            AblationCompiler.ABLATED, ablated.data(), start * channels, k * channels, k, channels);
                    OnnxTensor v = buffers.tensor(AblationCompiler.VALUES, values, start, k, k);
                    OnnxTensor w = buffers.tensor(
                            CompiledGraph.SCORE_WEIGHTS, weights.data(), start * classes, k * classes, k, classes);
                    OrtSession.Result result = session.run(Map.of(
                            AblationCompiler.ACTIVATION, a,
                            AblationCompiler.ABLATED, table,
                            AblationCompiler.VALUES, v,
                            CompiledGraph.SCORE_WEIGHTS, w))) {
                modelRuns.incrementAndGet();
                outputs.copy(result, start);
            } catch (OrtException e) {
                throw new SaliencyException(
                        SaliencyException.Kind.RUNTIME,
                        "ONNX Runtime failed to run the ablation graph: " + e.getMessage(),
                        e);
            }
        }
        return outputs;
    }

    @Override
    public void close() {
        ExplainerRuntime.close(session);
    }
}
