package org.saliency4j.runtime;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.saliency4j.SaliencyException;
import org.saliency4j.autodiff.CompiledGraph;
import org.saliency4j.autodiff.MaskCompiler;
import org.saliency4j.model.InputSpec;
import org.saliency4j.tensor.Tensor;

/**
 * An ONNX Runtime session of a mask optimiser's graph (see {@link MaskCompiler}): the scores of K
 * masked, noisy copies of each of R rows (an image and its substrate), and in its gradient form
 * the scores' gradients at the masks and their factors. It runs at most the internal batch size of
 * copies at a time, and draws each chunk's noise only when the chunk runs, so memory does not grow
 * with the copies.
 */
public final class MaskOptimisationSession implements AutoCloseable {
    /** Writes the noise of copy k of row r into {@code into} from {@code offset}: one input, model layout. */
    @FunctionalInterface
    public interface CopyNoise {
        CopyNoise NONE = (row, copy, into, offset) -> {};

        void fill(int row, int copy, float[] into, int offset);
    }

    /**
     * @param probabilities  [R * K, classes]
     * @param scores         [R * K], sum_c w[c] * s[c] for each copy's weights
     * @param maskGradients  [R, K, h, w], d(score)/d(mask) of each copy (gradient sessions only)
     * @param factorGradients [R, K, h, w], d(score)/d(factor) (gradient sessions only)
     */
    public record Outputs(Tensor probabilities, float[] scores, Tensor maskGradients, Tensor factorGradients) {}

    private final OrtEnvironment env;
    private final OrtSession session;
    private final InputSpec input;
    private final int classes;
    private final int chunk;
    private final int[] gradientMaskSize;
    private final AtomicLong modelRuns;
    private final NativeBuffers buffers;

    MaskOptimisationSession(
            OrtEnvironment env,
            OrtSession session,
            InputSpec input,
            int classes,
            int chunk,
            int[] gradientMaskSize,
            AtomicLong modelRuns) {
        this.env = env;
        this.session = session;
        this.input = input;
        this.classes = classes;
        this.chunk = chunk;
        this.gradientMaskSize = gradientMaskSize;
        this.modelRuns = modelRuns;
        this.buffers = new NativeBuffers(env);
    }

    public int classes() {
        return classes;
    }

    /**
     * @param images     [R, ...] in the model's layout: what a mask's ones show
     * @param substrates what a mask's zeros show, the images' shape
     * @param masks      [R, K, h, w]
     * @param factors    [R, K, h, w]: the blend uses up(mask) * up(factor)
     * @param noise      added to each copy after the blend
     * @param weights    [R * K, classes]: the score of a copy is sum_c w[c] * s[c]
     */
    public synchronized Outputs run(
            Tensor images, Tensor substrates, Tensor masks, Tensor factors, CopyNoise noise, Tensor weights) {
        int per = input.elementsPerSample();
        int rows = (int) masks.dim(0);
        int copies = (int) masks.dim(1);
        int h = (int) masks.dim(2);
        int w = (int) masks.dim(3);
        int hw = h * w;
        if (images.size() != (long) rows * per || substrates.size() != images.size()) {
            throw new SaliencyException(
                    SaliencyException.Kind.BAD_SHAPE,
                    "a mask optimiser's graph takes " + rows + " inputs of shape "
                            + Arrays.toString(input.batchShape(1)) + " for " + rows + " rows of masks, not "
                            + Arrays.toString(images.shape()) + ".");
        }
        boolean gradient = gradientMaskSize != null;
        if (gradient && (h != gradientMaskSize[0] || w != gradientMaskSize[1])) {
            throw new IllegalArgumentException("this session's masks are " + gradientMaskSize[0] + " x "
                    + gradientMaskSize[1] + ", not " + h + " x " + w);
        }
        float[] probabilities = new float[rows * copies * classes];
        float[] scores = new float[rows * copies];
        float[] maskGradients = gradient ? new float[rows * copies * hw] : null;
        float[] factorGradients = gradient ? new float[rows * copies * hw] : null;
        int rowsPerRun = Math.max(1, chunk / copies);
        int copiesPerRun = Math.min(copies, chunk);
        for (int r0 = 0; r0 < rows; r0 += rowsPerRun) {
            int r = Math.min(rowsPerRun, rows - r0);
            for (int k0 = 0; k0 < copies; k0 += copiesPerRun) {
                int k = Math.min(copiesPerRun, copies - k0);
                Block block = new Block(r0, r, k0, k, copies);
                float[] noisy = new float[r * k * per];
                int firstRow = r0;
                int firstCopy = k0;
                int perRow = k;
                IntStream.range(0, r * k)
                        .parallel()
                        .forEach(i -> noise.fill(firstRow + i / perRow, firstCopy + i % perRow, noisy, i * per));
                Map<String, OnnxTensor> feeds = new LinkedHashMap<>();
                try {
                    feeds.put(
                            MaskCompiler.IMAGE,
                            tensor(MaskCompiler.IMAGE, images.data(), r0 * per, r * per, input.batchShape(r)));
                    feeds.put(
                            MaskCompiler.SUBSTRATE,
                            tensor(MaskCompiler.SUBSTRATE, substrates.data(), r0 * per, r * per, input.batchShape(r)));
                    feeds.put(
                            MaskCompiler.MASKS,
                            tensor(MaskCompiler.MASKS, block.gather(masks.data(), hw), 0, r * k * hw, r, k, h, w));
                    feeds.put(
                            MaskCompiler.FACTORS,
                            tensor(MaskCompiler.FACTORS, block.gather(factors.data(), hw), 0, r * k * hw, r, k, h, w));
                    feeds.put(
                            MaskCompiler.NOISE,
                            tensor(MaskCompiler.NOISE, noisy, 0, noisy.length, input.batchShape(r * k)));
                    feeds.put(
                            CompiledGraph.SCORE_WEIGHTS,
                            tensor(
                                    CompiledGraph.SCORE_WEIGHTS,
                                    block.gather(weights.data(), classes),
                                    0,
                                    r * k * classes,
                                    r * k,
                                    classes));
                    try (OrtSession.Result result = session.run(feeds)) {
                        modelRuns.incrementAndGet();
                        block.scatter(values(result, CompiledGraph.PROBABILITIES), probabilities, classes);
                        block.scatter(values(result, CompiledGraph.SCORE), scores, 1);
                        if (gradient) {
                            block.scatter(values(result, MaskCompiler.MASK_GRADIENT), maskGradients, hw);
                            block.scatter(values(result, MaskCompiler.FACTOR_GRADIENT), factorGradients, hw);
                        }
                    }
                } catch (OrtException e) {
                    throw new SaliencyException(
                            SaliencyException.Kind.RUNTIME,
                            "ONNX Runtime failed to run a mask optimiser's graph: " + e.getMessage(),
                            e);
                } finally {
                    feeds.values().forEach(OnnxTensor::close);
                }
            }
        }
        return new Outputs(
                new Tensor(probabilities, rows * copies, classes),
                scores,
                gradient ? new Tensor(maskGradients, rows, copies, h, w) : null,
                gradient ? new Tensor(factorGradients, rows, copies, h, w) : null);
    }

    /** Rows r0 .. r0 + r and copies k0 .. k0 + k of an [R, K, ...] array of per-copy items. */
    private record Block(int r0, int r, int k0, int k, int copies) {
        float[] gather(float[] all, int item) {
            float[] out = new float[r * k * item];
            for (int i = 0; i < r; i++) {
                System.arraycopy(all, ((r0 + i) * copies + k0) * item, out, i * k * item, k * item);
            }
            return out;
        }

        void scatter(float[] part, float[] all, int item) {
            for (int i = 0; i < r; i++) {
                System.arraycopy(part, i * k * item, all, ((r0 + i) * copies + k0) * item, k * item);
            }
        }
    }

    private OnnxTensor tensor(String name, float[] data, int offset, int length, long... shape) throws OrtException {
        return buffers.tensor(name, data, offset, length, shape);
    }

    private static float[] values(OrtSession.Result result, String name) {
        FloatBuffer buffer = ((OnnxTensor) result.get(name).orElseThrow()).getFloatBuffer();
        float[] out = new float[buffer.remaining()];
        buffer.get(out);
        return out;
    }

    @Override
    public void close() {
        ExplainerRuntime.close(session);
    }
}
