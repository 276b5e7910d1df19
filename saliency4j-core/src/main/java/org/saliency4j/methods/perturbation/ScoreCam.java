package org.saliency4j.methods.perturbation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.saliency4j.autodiff.MaskUpsampling;
import org.saliency4j.autodiff.ScoreKind;
import org.saliency4j.methods.Batch;
import org.saliency4j.methods.Explanation;
import org.saliency4j.methods.LayerMethod;
import org.saliency4j.methods.MethodParameters;
import org.saliency4j.methods.Parameter;
import org.saliency4j.runtime.GraphOutputs;
import org.saliency4j.tensor.LinearResize;
import org.saliency4j.tensor.Maps;
import org.saliency4j.tensor.Tensor;

/**
 * Score-CAM (Wang et al. 2020). Each channel A_k of the layer, upsampled to the input and min-max
 * normalised, masks the input (x * m_k, in the model's normalised space); the channel's weight is the
 * target's score on that copy. All channels of an input go through the perturbation graph in chunks.
 *
 * <p>{@code variant=official} is the authors' code: bilinear upsampling with align_corners=false,
 * the weight the target's softmax probability, constant channels skipped (weight 0), and the ReLU
 * taken after upsampling: map = ReLU(up(sum w_k A_k)); the layer map is sum w_k A_k before it.
 * {@code variant=pytorch-grad-cam} is that library's: align_corners=true, min-max with 1e-8 added
 * to the range (a constant channel gives an all-zero mask), the target's logits softmaxed over the
 * channels as weights, and map = up(ReLU(sum w_k A_k)).
 */
public final class ScoreCam extends LayerMethod {
    private static final String OFFICIAL = "official";
    private static final double LIBRARY_EPSILON = 1e-8;

    public ScoreCam() {
        super(
                "scorecam",
                "Score-CAM: channel k weighted by the target's score on x · norm(up(A_k)); the authors' code "
                        + "(softmax probability) or `variant=pytorch-grad-cam` (logits softmaxed over channels)",
                List.of(Parameter.choice(
                        "variant",
                        OFFICIAL,
                        "official (the authors' code) or pytorch-grad-cam (that library's ScoreCAM)",
                        OFFICIAL,
                        "pytorch-grad-cam")));
    }

    private static boolean official(MethodParameters p) {
        return p.string("variant").equals(OFFICIAL);
    }

    @Override
    public String scoreKind(MethodParameters parameters) {
        return official(parameters) ? "probability" : "logit";
    }

    @Override
    protected List<LayerSample> layerSamples(Batch batch, MethodParameters parameters) {
        boolean official = official(parameters);
        ScoreKind kind = official ? ScoreKind.PROBABILITY : ScoreKind.LOGIT;
        MaskUpsampling upsampling = official ? MaskUpsampling.BILINEAR : MaskUpsampling.BILINEAR_ALIGN_CORNERS;
        GraphOutputs out = batch.activations(batch.layers());
        MaskedCopies copies = new MaskedCopies(batch);
        List<LayerSample> result = new ArrayList<>();
        for (int n = 0; n < batch.batchSize(); n++) {
            List<Tensor> layerMaps = new ArrayList<>();
            for (String layer : batch.layers()) {
                Tensor activations = out.activation(layer);
                requireSpatial(layer, activations);
                int channels = (int) activations.dim(1);
                int h = (int) activations.dim(2);
                int w = (int) activations.dim(3);
                float[] a = activations.slice(n).data();
                LinearResize up = upsampling.resize(
                        h, w, batch.spec().height(), batch.spec().width());
                float[] scores = channelScores(batch, copies, n, a, up, official, kind);
                float[] weights = official ? scores : softmax(scores);
                float[] cam = Maps.weightedChannelSum(a, weights, channels, h * w);
                layerMaps.add(new Tensor(official ? cam : Maps.relu(cam), h, w));
            }
            result.add(new LayerSample(layerMaps, copies.unmasked(n, kind), Map.of()));
        }
        return result;
    }

    /**
     * The target's score on each channel's masked copy of input n (0 for the constant channels the
     * official code skips; the library masks with them, all zeros).
     */
    private static float[] channelScores(
            Batch batch, MaskedCopies copies, int n, float[] a, LinearResize up, boolean official, ScoreKind kind) {
        int plane = up.inHeight() * up.inWidth();
        int area = up.outHeight() * up.outWidth();
        int channels = a.length / plane;
        List<Integer> used = new ArrayList<>();
        for (int k = 0; k < channels; k++) {
            if (!official || !constant(a, k * plane, plane)) {
                used.add(k);
            }
        }
        float[] scores = new float[channels];
        copies.run(
                n,
                copies.zeros(),
                used.size(),
                kind,
                (first, count, into) -> {
                    for (int i = 0; i < count; i++) {
                        int k = used.get(first + i);
                        float[] upsampled = up.apply(Arrays.copyOfRange(a, k * plane, (k + 1) * plane));
                        float[] mask = Maps.minMax(upsampled, official ? 0 : LIBRARY_EPSILON);
                        System.arraycopy(mask, 0, into, i * area, area);
                    }
                },
                (first, count, masks, s) -> {
                    for (int i = 0; i < count; i++) {
                        scores[used.get(first + i)] = s[i];
                    }
                },
                1.0 / batch.layers().size());
        return scores;
    }

    private static boolean constant(float[] a, int offset, int length) {
        for (int i = 1; i < length; i++) {
            if (a[offset + i] != a[offset]) {
                return false;
            }
        }
        return true;
    }

    private static float[] softmax(float[] v) {
        double max = Double.NEGATIVE_INFINITY;
        for (float x : v) {
            max = Math.max(max, x);
        }
        double sum = 0;
        double[] e = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            e[i] = Math.exp(v[i] - max);
            sum += e[i];
        }
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (e[i] / sum);
        }
        return out;
    }

    @Override
    protected Explanation explanation(
            Batch batch,
            MethodParameters parameters,
            int n,
            LayerSample sample,
            Tensor combined,
            Map<String, Object> details) {
        Tensor map = official(parameters) ? new Tensor(Maps.relu(combined.data()), combined.shape()) : combined;
        return new Explanation(map, sample.layerMaps(), null, sample.score(), details);
    }
}
