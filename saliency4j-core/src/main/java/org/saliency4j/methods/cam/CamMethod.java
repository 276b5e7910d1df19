package org.saliency4j.methods.cam;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.saliency4j.autodiff.RuleSet;
import org.saliency4j.methods.Batch;
import org.saliency4j.methods.LayerMethod;
import org.saliency4j.methods.MethodParameters;
import org.saliency4j.methods.Parameter;
import org.saliency4j.runtime.GraphOutputs;
import org.saliency4j.tensor.Maps;
import org.saliency4j.tensor.Tensor;

/**
 * The class activation map methods: per sample and layer, ReLU of a formula over the layer's
 * activations A [C, h, w] and gradients G [C, h, w], from one shared pass over the batch. A
 * subclass gives only its formula.
 */
abstract class CamMethod extends LayerMethod {
    private final boolean usesGradients;

    CamMethod(String name, String description, boolean usesGradients) {
        super(name, description, usesGradients ? List.of(Parameter.score("logit")) : List.of());
        this.usesGradients = usesGradients;
    }

    /** The map before the final ReLU, [h * w], from one sample's A and G (null without gradients), each [C * h * w]. */
    abstract float[] camBeforeRelu(float[] a, float[] g, int channels, int area);

    @Override
    protected List<LayerSample> layerSamples(Batch batch, MethodParameters parameters) {
        return layerSamples(
                batch,
                usesGradients
                        ? batch.run(batch.layers(), parameters.score(), RuleSet.standard())
                        : batch.activations(batch.layers()));
    }

    /** The samples' maps from a pass with the layers' activations, and their true gradients if used. */
    List<LayerSample> layerSamples(Batch batch, GraphOutputs out) {
        List<LayerSample> result = new ArrayList<>();
        for (int n = 0; n < batch.batchSize(); n++) {
            List<Tensor> layerMaps = new ArrayList<>();
            for (String layer : batch.layers()) {
                Tensor activations = out.activation(layer);
                requireSpatial(layer, activations);
                int c = (int) activations.dim(1);
                int h = (int) activations.dim(2);
                int w = (int) activations.dim(3);
                float[] g = usesGradients ? out.gradient(layer).slice(n).data() : null;
                layerMaps.add(
                        new Tensor(Maps.relu(camBeforeRelu(activations.slice(n).data(), g, c, h * w)), h, w));
            }
            result.add(new LayerSample(layerMaps, out.scores()[n], Map.of()));
        }
        return result;
    }
}
