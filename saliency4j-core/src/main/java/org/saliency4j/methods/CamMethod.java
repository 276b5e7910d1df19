package org.saliency4j.methods;

import org.saliency4j.autodiff.RuleSet;
import org.saliency4j.runtime.GraphOutputs;
import org.saliency4j.tensor.Tensor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shared frame of the class activation map methods: per sample and layer, a map from the
 * layer's activations A [C, h, w] and gradients G [C, h, w], ReLU'd, upsampled to the input and
 * combined over layers. A subclass gives only its map formula.
 */
abstract class CamMethod extends NamedMethod {

    CamMethod(String name, String description) {
        super(name, description, true);
    }

    /** The map before the final ReLU, [h * w], from one sample's A and G, each [C * h * w]. */
    abstract float[] camBeforeRelu(float[] a, float[] g, int channels, int area);

    /** Whether the formula uses gradients (Eigen-CAM does not). */
    boolean usesGradients() {
        return true;
    }

    @Override
    public List<MethodParameter> parameters() {
        return usesGradients() ? List.of(new MethodParameter("score", "logit", "what is differentiated: logit or probability")) : List.of();
    }

    @Override
    public List<Explanation> explain(MethodInput input, MethodParameters parameters) {
        GraphOutputs out = usesGradients() ? input.run(input.layers(), parameters.score(), RuleSet.standard()) : input.activations(input.layers());
        List<Explanation> result = new ArrayList<>();
        for (int n = 0; n < input.batchSize(); n++) {
            List<Tensor> layerMaps = new ArrayList<>();
            List<Tensor> upsampled = new ArrayList<>();
            for (String layer : input.layers()) {
                Tensor activations = out.activation(layer);
                LayerMaps.requireSpatial(layer, activations);
                int c = (int) activations.dim(1);
                int h = (int) activations.dim(2);
                int w = (int) activations.dim(3);
                float[] g = usesGradients() ? out.gradient(layer).slice(n).data() : null;
                Tensor layerMap = new Tensor(LayerMaps.relu(camBeforeRelu(activations.slice(n).data(), g, c, h * w)), h, w);
                layerMaps.add(layerMap);
                upsampled.add(LayerMaps.upsample(layerMap, input.spec()));
            }
            Map<String, Object> details = new LinkedHashMap<>();
            if (input.layers().size() > 1) {
                details.put("layers", input.layers());
                details.put("combination", LayerMaps.COMBINATION);
            }
            result.add(new Explanation(LayerMaps.combine(upsampled), layerMaps, null, out.scores()[n], details));
        }
        return result;
    }

    /** sum_c weight[c] * A[c], the weighted channel sum most CAMs end with. */
    static float[] weightedChannelSum(float[] a, float[] weights, int channels, int area) {
        float[] cam = new float[area];
        for (int c = 0; c < channels; c++) {
            float wc = weights[c];
            for (int i = 0; i < area; i++) {
                cam[i] += wc * a[c * area + i];
            }
        }
        return cam;
    }
}
