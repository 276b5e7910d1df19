package org.saliency4j.methods.cam;

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
        return gradCam.layerSamples(batch, parameters);
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
        GraphOutputs guided = batch.run(List.of(batch.inputName()), parameters.score(), RuleSet.guided());
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
