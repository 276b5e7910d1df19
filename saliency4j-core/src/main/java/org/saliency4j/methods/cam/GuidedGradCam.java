package org.saliency4j.methods.cam;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.saliency4j.autodiff.RuleSet;
import org.saliency4j.methods.Batch;
import org.saliency4j.methods.Explanation;
import org.saliency4j.methods.LayerMethod;
import org.saliency4j.methods.MapReduction;
import org.saliency4j.methods.MethodParameters;
import org.saliency4j.methods.Parameter;
import org.saliency4j.methods.Samples;
import org.saliency4j.methods.Upsampling;
import org.saliency4j.model.InputSpec;
import org.saliency4j.runtime.GraphOutputs;
import org.saliency4j.tensor.Tensor;

/**
 * Guided Grad-CAM (Selvaraju et al. 2017), as Captum's GuidedGradCam: the Guided Backprop
 * attribution times the Grad-CAM map upsampled to the input (nearest by default, as Captum).
 */
public final class GuidedGradCam extends LayerMethod {
    private static final RuleSet GUIDED = RuleSet.guided();
    private final GradCam gradCam = new GradCam();

    public GuidedGradCam() {
        super(
                "guided-gradcam",
                "Guided Backprop attribution × the Grad-CAM map upsampled (`nearest`, as Captum, or `bilinear`)",
                List.of(
                        Parameter.score("logit"),
                        Parameter.choice(
                                "interpolate", "nearest", "how the Grad-CAM map is upsampled", "nearest", "bilinear")));
    }

    @Override
    protected List<LayerSample> layerSamples(Batch batch, MethodParameters parameters) {
        return batch.trueGradientsAtLayers(GUIDED)
                ? gradCam.layerSamples(batch, guidedPass(batch, parameters))
                : gradCam.layerSamples(batch, parameters);
    }

    /**
     * Guided Backprop's pass: the input's gradient, and the layers' too where no rectifier lies
     * between them and the output (so their guided gradients are the true ones, and Grad-CAM takes
     * them from this pass instead of running its own).
     */
    private static GraphOutputs guidedPass(Batch batch, MethodParameters parameters) {
        List<String> taps = new ArrayList<>(List.of(batch.inputName()));
        if (batch.trueGradientsAtLayers(GUIDED)) {
            taps.addAll(batch.layers());
        }
        return batch.run(taps, parameters.score(), GUIDED);
    }

    @Override
    protected Upsampling upsampling(MethodParameters parameters) {
        return Upsampling.valueOf(parameters.string("interpolate").toUpperCase(Locale.ROOT));
    }

    @Override
    protected Explanation explanation(
            Batch batch,
            MethodParameters parameters,
            int n,
            LayerSample sample,
            Tensor cam,
            Map<String, Object> details) {
        GraphOutputs guided = guidedPass(batch, parameters);
        InputSpec spec = batch.spec();
        int hw = spec.height() * spec.width();
        Tensor chw = Samples.toChw(Samples.sample(guided.gradient(batch.inputName()), n), spec);
        float[] a = chw.data();
        for (int c = 0; c < spec.channels(); c++) {
            for (int i = 0; i < hw; i++) {
                a[c * hw + i] *= cam.data()[i];
            }
        }
        return new Explanation(MapReduction.MAX_ABS.apply(chw), sample.layerMaps(), chw, guided.scores()[n], details);
    }
}
