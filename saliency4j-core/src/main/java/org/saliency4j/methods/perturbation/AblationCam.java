package org.saliency4j.methods.perturbation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.saliency4j.methods.Batch;
import org.saliency4j.methods.LayerMethod;
import org.saliency4j.methods.MethodParameters;
import org.saliency4j.runtime.AblationSession;
import org.saliency4j.runtime.GraphOutputs;
import org.saliency4j.runtime.MaskSession;
import org.saliency4j.tensor.Maps;
import org.saliency4j.tensor.Tensor;

/**
 * Ablation-CAM (Desai and Ramaswamy 2020), as pytorch-grad-cam's {@code AblationCAM} computes it:
 * weight_k = (y - y_k) / y, with y the target's logit and y_k its logit when channel k of the layer
 * is ablated; map = ReLU(sum_k w_k A_k). An ablated channel is set to 0 when the input's activation
 * at the layer has minimum 0 (after a ReLU), else to that minimum - 1e7. (The library's loop lowers
 * that value by a further 1e7 for each earlier copy of its chunk, as it takes the minimum of the
 * chunk it is changing; the intent, one value, is kept here. Both agree after a ReLU.)
 *
 * <p>Only the model from the layer onwards runs for the ablated copies (the ablation graph), so the
 * layer must be a cut of the graph; a layer inside a residual block is refused, naming the nearest
 * layers that are.
 */
public final class AblationCam extends LayerMethod {
    static final float ABLATION_OFFSET = 1e7f;

    public AblationCam() {
        super(
                "ablationcam",
                "Ablation-CAM: ReLU(Σ_k (y − y_k) / y · A_k), y_k the target's logit with channel k ablated "
                        + "(pytorch-grad-cam's); the model runs from the layer onwards",
                List.of());
    }

    @Override
    public String scoreKind(MethodParameters parameters) {
        return "logit";
    }

    @Override
    protected List<LayerSample> layerSamples(Batch batch, MethodParameters parameters) {
        GraphOutputs out = batch.activations(batch.layers());
        List<AblationSession> sessions = batch.layers().stream()
                .map(layer -> batch.runtime().ablationSession(batch.spec(), layer))
                .toList();
        List<LayerSample> result = new ArrayList<>();
        for (int n = 0; n < batch.batchSize(); n++) {
            float y = out.scores()[n]; // the forward pass scores the target's logit
            Map<String, Object> details = new LinkedHashMap<>();
            List<Tensor> layerMaps = new ArrayList<>();
            for (int l = 0; l < batch.layers().size(); l++) {
                Tensor activations = out.activation(batch.layers().get(l));
                requireSpatial(batch.layers().get(l), activations);
                int channels = (int) activations.dim(1);
                int area = (int) (activations.dim(2) * activations.dim(3));
                float[] a = activations.slice(n).data();
                float[] ablatedScores = ablatedScores(batch, sessions.get(l), n, a, activations);
                float[] weights = new float[channels];
                for (int k = 0; k < channels && y != 0; k++) {
                    weights[k] = (y - ablatedScores[k]) / y;
                }
                layerMaps.add(new Tensor(
                        Maps.relu(Maps.weightedChannelSum(a, weights, channels, area)),
                        activations.dim(2),
                        activations.dim(3)));
            }
            if (y == 0) {
                details.put("weights", "the target's logit is 0, so (y - y_k) / y is undefined: the map is zeros");
            }
            result.add(new LayerSample(layerMaps, y, details));
        }
        return result;
    }

    /** y_k for every channel k: one copy per channel, all through the ablation graph. */
    private static float[] ablatedScores(Batch batch, AblationSession session, int n, float[] a, Tensor activations) {
        int channels = (int) activations.dim(1);
        float min = Float.POSITIVE_INFINITY;
        for (float v : a) {
            min = Math.min(min, v);
        }
        float value = min == 0 ? 0 : min - ABLATION_OFFSET;
        float[] table = new float[channels * channels];
        float[] values = new float[channels];
        for (int k = 0; k < channels; k++) {
            table[k * channels + k] = 1;
            values[k] = value;
        }
        long[] shape = activations.shape().clone();
        shape[0] = 1;
        MaskSession.Outputs outputs = session.run(
                new Tensor(a, shape),
                new Tensor(table, channels, channels),
                values,
                batch.targetWeightsOf(n, channels));
        batch.progress(1.0 / batch.layers().size());
        return outputs.scores(); // the ablation graph scores the target's logit
    }
}
