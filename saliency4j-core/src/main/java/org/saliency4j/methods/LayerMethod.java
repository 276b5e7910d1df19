package org.saliency4j.methods;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.saliency4j.SaliencyException;
import org.saliency4j.tensor.Maps;
import org.saliency4j.tensor.Tensor;

/**
 * The frame every layer method shares: a subclass gives, per sample, its map at each of the
 * batch's layers [h, w]; the frame upsamples them to the input, combines several layers, and
 * records the same details for every method.
 */
public abstract class LayerMethod extends BaseMethod {
    /** How maps of several layers are combined; recorded with the explanation. */
    public static final String COMBINATION =
            "mean of the per-layer maps, each min-max normalised after upsampling (as pytorch-grad-cam)";

    protected LayerMethod(String name, String description, List<Parameter> parameters) {
        super(name, description, true, parameters);
    }

    /** One sample's maps at the batch's layers (in order), its score, and method-specific details. */
    public record LayerSample(List<Tensor> layerMaps, float score, Map<String, Object> details) {}

    /** The layer maps of every sample of the batch, in order. */
    protected abstract List<LayerSample> layerSamples(Batch batch, MethodParameters parameters);

    /** How layer maps are carried to the input size: bilinear unless a method says otherwise. */
    protected Upsampling upsampling(MethodParameters parameters) {
        return Upsampling.BILINEAR;
    }

    /** The explanation of sample n, given its combined upsampled map: that map, by default. */
    protected Explanation explanation(
            Batch batch,
            MethodParameters parameters,
            int n,
            LayerSample sample,
            Tensor combined,
            Map<String, Object> details) {
        return new Explanation(combined, sample.layerMaps(), null, sample.score(), details);
    }

    @Override
    public final List<Explanation> explain(Batch batch, MethodParameters parameters) {
        List<LayerSample> samples = layerSamples(batch, parameters);
        Upsampling upsampling = upsampling(parameters);
        List<Explanation> result = new ArrayList<>();
        for (int n = 0; n < samples.size(); n++) {
            LayerSample sample = samples.get(n);
            List<Tensor> upsampled = sample.layerMaps().stream()
                    .map(m -> upsampling.apply(m, batch.spec()))
                    .toList();
            Map<String, Object> details = new LinkedHashMap<>(sample.details());
            if (batch.layers().size() > 1) {
                details.put("layers", batch.layers());
                details.put("combination", COMBINATION);
            }
            result.add(explanation(batch, parameters, n, sample, combine(upsampled), details));
        }
        return result;
    }

    /** One layer's upsampled map as it is; several layers' as the mean of their normalised maps. */
    public static Tensor combine(List<Tensor> upsampled) {
        if (upsampled.size() == 1) {
            return upsampled.get(0);
        }
        float[] sum = new float[upsampled.get(0).size()];
        for (Tensor t : upsampled) {
            float[] n = Maps.minMax(t.data());
            for (int i = 0; i < sum.length; i++) {
                sum[i] += n[i] / upsampled.size();
            }
        }
        return new Tensor(sum, upsampled.get(0).shape());
    }

    /** Checks that a layer holds [N, C, h, w] activations, as layer methods need. */
    protected static void requireSpatial(String layer, Tensor activations) {
        if (activations.rank() == 4 && activations.dim(2) * activations.dim(3) == 1) {
            throw new SaliencyException(
                    SaliencyException.Kind.UNKNOWN_LAYER,
                    SaliencyException.Topic.LAYERS,
                    "layer '" + layer + "' is 1 x 1: a map over a single position is constant and shows nothing; "
                            + "choose a layer before the global pooling.");
        }
        if (activations.rank() != 4) {
            throw new SaliencyException(
                    SaliencyException.Kind.UNKNOWN_LAYER,
                    SaliencyException.Topic.LAYERS,
                    "layer '" + layer + "' has shape " + Arrays.toString(activations.shape())
                            + "; layer methods need a [N, C, h, w] layer.");
        }
    }
}
