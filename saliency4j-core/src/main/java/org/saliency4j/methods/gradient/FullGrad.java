package org.saliency4j.methods.gradient;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.saliency4j.methods.BaseMethod;
import org.saliency4j.methods.Batch;
import org.saliency4j.methods.Explanation;
import org.saliency4j.methods.MethodParameters;
import org.saliency4j.methods.Parameter;
import org.saliency4j.methods.Samples;
import org.saliency4j.methods.Upsampling;
import org.saliency4j.model.BiasLayer;
import org.saliency4j.model.InputSpec;
import org.saliency4j.runtime.GraphOutputs;
import org.saliency4j.tensor.Maps;
import org.saliency4j.tensor.Tensor;

/**
 * FullGrad (Srinivas and Fleuret 2019), as pytorch-grad-cam's {@code FullGrad} computes it: the
 * input term |x * d(score)/dx| and, for every 2-D bias layer (see {@link BiasLayer}), |b *
 * d(score)/d(output)|; every channel's plane is min-max normalised, (a - min) / (1e-7 + max -
 * min), the planes are summed, each layer's sum is upsampled to the input (bilinear), and the map is
 * the total. All bias layers are used, whatever --layer says. The library then min-max normalises the
 * total; the map here is the total itself (pictures normalise it the same way).
 */
public final class FullGrad extends BaseMethod {
    /** pytorch-grad-cam's epsilon in every min-max normalisation. */
    static final double EPSILON = 1e-7;

    public FullGrad() {
        super(
                "fullgrad",
                "FullGrad: Σ_c norm|x · ∂s/∂x| + Σ_layers up(Σ_c norm|b_c · ∂s/∂z_c|) over every Conv and "
                        + "BatchNormalization bias (pytorch-grad-cam's FullGrad)",
                false,
                List.of(Parameter.score("logit")));
    }

    @Override
    public List<Explanation> explain(Batch batch, MethodParameters parameters) {
        InputSpec spec = batch.spec();
        List<BiasLayer> layers = BiasLayer.of(batch.runtime().analysis(spec));
        GraphOutputs out = batch.biasGradients(layers, parameters.score());
        Tensor gradients = out.gradient(batch.inputName());
        int area = spec.height() * spec.width();
        List<Explanation> result = new ArrayList<>();
        for (int n = 0; n < batch.batchSize(); n++) {
            float[] x = Samples.toChw(Samples.sample(batch.inputs(), n), spec).data();
            float[] g = Samples.toChw(gradients.slice(n).data(), spec).data();
            double[] total = new double[area];
            for (int c = 0; c < spec.channels(); c++) {
                float[] plane = new float[area];
                for (int i = 0; i < area; i++) {
                    plane[i] = Math.abs(x[c * area + i] * g[c * area + i]);
                }
                float[] normalised = Maps.minMax(plane, EPSILON);
                for (int i = 0; i < area; i++) {
                    total[i] += normalised[i];
                }
            }
            for (BiasLayer layer : layers) {
                Tensor map = out.biasGradientMap(layer.tensor()).slice(n);
                Tensor plane = new Tensor(map.data(), map.dim(1), map.dim(2));
                float[] up = Upsampling.BILINEAR.apply(plane, spec).data();
                for (int i = 0; i < area; i++) {
                    total[i] += up[i];
                }
            }
            float[] map = new float[area];
            for (int i = 0; i < area; i++) {
                map[i] = (float) total[i];
            }
            result.add(new Explanation(
                    new Tensor(map, spec.height(), spec.width()),
                    List.of(),
                    null,
                    out.scores()[n],
                    Map.of("biasLayers", layers.size())));
        }
        return result;
    }
}
