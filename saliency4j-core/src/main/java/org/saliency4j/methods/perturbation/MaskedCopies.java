package org.saliency4j.methods.perturbation;

import java.util.List;
import org.saliency4j.autodiff.MaskUpsampling;
import org.saliency4j.autodiff.ScoreKind;
import org.saliency4j.methods.Batch;
import org.saliency4j.methods.Samples;
import org.saliency4j.runtime.GraphOutputs;
import org.saliency4j.runtime.MaskSession;
import org.saliency4j.tensor.Tensor;

/**
 * One input's masked copies x * m + b * (1 - m), masks at the input's resolution, run through the
 * perturbation graph a chunk of the internal batch size at a time: the caller makes each chunk's
 * masks only when it is run and reads the target's scores on them, so that memory is bounded by the
 * chunk, not by the number of masks.
 */
final class MaskedCopies {
    /** Writes every value of masks first .. first + count - 1, each [H * W], into {@code into}. */
    interface Masks {
        void fill(int first, int count, float[] into);
    }

    /** Receives a chunk's masks [count * H * W] and the target's score on each of those copies. */
    interface Chunk {
        void accept(int first, int count, float[] masks, float[] scores);
    }

    private final Batch batch;
    private final MaskSession session;

    MaskedCopies(Batch batch) {
        this.batch = batch;
        // masks come at the input's size, where the graph's resize is the identity
        this.session = batch.runtime().maskSession(batch.spec(), MaskUpsampling.BILINEAR, ScoreKind.LOGIT);
    }

    /** A substrate of zeros: the masked pixels become 0 in the model's (normalised) input space. */
    Tensor zeros() {
        return Tensor.zeros(batch.spec().batchShape(1));
    }

    /**
     * Runs {@code count} copies of input n, scored by the target's logit or probability, telling
     * the batch's progress {@code share} of an input as they finish.
     */
    void run(int n, Tensor substrate, int count, ScoreKind kind, Masks masks, Chunk chunk, double share) {
        Tensor image =
                new Tensor(Samples.sample(batch.inputs(), n), batch.spec().batchShape(1));
        int h = batch.spec().height();
        int w = batch.spec().width();
        int size = batch.chunkSize();
        float[] buffer = new float[Math.min(size, count) * h * w];
        for (int first = 0; first < count; first += size) {
            int m = Math.min(size, count - first);
            float[] part = m * h * w == buffer.length ? buffer : new float[m * h * w];
            masks.fill(first, m, part);
            MaskSession.Outputs out =
                    session.run(image, substrate, new Tensor(part, m, h, w), batch.targetWeightsOf(n, m));
            // the session's score is the target's logit
            float[] scores = kind == ScoreKind.LOGIT ? out.scores() : target(out.probabilities(), batch.targets()[n]);
            chunk.accept(first, m, part, scores);
            batch.progress(share * m / count);
        }
    }

    /** Input n's own score of its target, unmasked, from the batch's forward pass. */
    float unmasked(int n, ScoreKind kind) {
        GraphOutputs out = batch.activations(List.of());
        return kind == ScoreKind.LOGIT
                ? out.scores()[n]
                : out.probabilities().data()[n * (int) out.probabilities().dim(1) + batch.targets()[n]];
    }

    /** The target's value in every row of [K, classes] values. */
    private static float[] target(Tensor values, int target) {
        int classes = (int) values.dim(1);
        float[] out = new float[(int) values.dim(0)];
        for (int k = 0; k < out.length; k++) {
            out[k] = values.data()[k * classes + target];
        }
        return out;
    }

    /** A map as a [C, H, W] attribution holding it in every channel (Captum's, where features span the channels). */
    static Tensor channelCopies(float[] map, int channels, int height, int width) {
        float[] chw = new float[channels * map.length];
        for (int c = 0; c < channels; c++) {
            System.arraycopy(map, 0, chw, c * map.length, map.length);
        }
        return new Tensor(chw, channels, height, width);
    }
}
