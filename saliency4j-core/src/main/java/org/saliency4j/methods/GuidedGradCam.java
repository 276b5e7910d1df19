package org.saliency4j.methods;

import org.saliency4j.SaliencyException;
import org.saliency4j.autodiff.RuleSet;
import org.saliency4j.model.InputSpec;
import org.saliency4j.runtime.GraphOutputs;
import org.saliency4j.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Guided Grad-CAM (Selvaraju et al. 2017), as Captum's GuidedGradCam: the Guided Backprop
 * attribution times the Grad-CAM map upsampled to the input (nearest by default, as Captum).
 */
final class GuidedGradCam extends NamedMethod {
    GuidedGradCam() {
        super("guided-gradcam", "Guided Grad-CAM: Guided Backprop attribution x upsampled Grad-CAM map; map = max |.| over channels", true);
    }

    private final GradCam gradCam = new GradCam();

    @Override
    public List<MethodParameter> parameters() {
        return List.of(Attributions.scoreParameter("logit"),
                new MethodParameter("interpolate", "nearest", "how the Grad-CAM map is upsampled: nearest or bilinear"));
    }

    @Override
    public List<Explanation> explain(MethodInput input, MethodParameters parameters) {
        String interpolate = parameters.string("interpolate");
        if (!interpolate.equals("nearest") && !interpolate.equals("bilinear")) {
            throw new SaliencyException(SaliencyException.Kind.BAD_OPTION, "interpolate must be nearest or bilinear, not '" + interpolate + "'.");
        }
        List<Explanation> cams = gradCam.explain(input, MethodParameters.of(gradCam, Map.of("score", parameters.string("score"))));
        GraphOutputs guided = input.run(List.of(input.inputName()), parameters.score(), RuleSet.guided());
        InputSpec spec = input.spec();
        int hw = spec.height() * spec.width();
        List<Explanation> result = new ArrayList<>();
        for (int n = 0; n < input.batchSize(); n++) {
            List<Tensor> upsampled = new ArrayList<>();
            for (Tensor layerMap : cams.get(n).layerMaps()) {
                upsampled.add(interpolate.equals("nearest") ? nearest(layerMap, spec) : LayerMaps.upsample(layerMap, spec));
            }
            float[] cam = LayerMaps.combine(upsampled).data();
            Tensor chw = Samples.toChw(Samples.sample(guided.gradient(input.inputName()), n), spec);
            float[] a = chw.data();
            for (int c = 0; c < spec.channels(); c++) {
                for (int i = 0; i < hw; i++) {
                    a[c * hw + i] *= cam[i];
                }
            }
            result.add(new Explanation(MapReduction.MAX_ABS.apply(chw), cams.get(n).layerMaps(), chw, guided.scores()[n], Map.of()));
        }
        return result;
    }

    /** Nearest-neighbour upsampling with PyTorch's index rule floor(dst * in / out). */
    static Tensor nearest(Tensor map, InputSpec spec) {
        int h = (int) map.dim(0);
        int w = (int) map.dim(1);
        float[] out = new float[spec.height() * spec.width()];
        for (int y = 0; y < spec.height(); y++) {
            int sy = Math.min(h - 1, (int) Math.floor((double) y * h / spec.height()));
            for (int x = 0; x < spec.width(); x++) {
                int sx = Math.min(w - 1, (int) Math.floor((double) x * w / spec.width()));
                out[y * spec.width() + x] = map.data()[sy * w + sx];
            }
        }
        return new Tensor(out, spec.height(), spec.width());
    }
}
