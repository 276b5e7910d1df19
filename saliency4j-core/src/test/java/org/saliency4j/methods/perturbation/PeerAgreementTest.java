package org.saliency4j.methods.perturbation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.saliency4j.image.Preprocessing;
import org.saliency4j.methods.Batch;
import org.saliency4j.methods.Explanation;
import org.saliency4j.tensor.Tensor;

/**
 * The perturbation methods against the peers' own code (pytorch-grad-cam, Captum) and independent
 * float64 formulas, run by tools/fixtures/make_perturbation_fixtures.py on the demo model and images.
 */
class PeerAgreementTest extends DemoInputs {
    @Test
    void scoreCamIsTheAuthorsCode() {
        List<Explanation> out = run("scorecam", Map.of());
        assertClose("scorecam_official_layer", stacked(out, e -> e.layerMaps().get(0)), 1e-4);
        assertClose("scorecam_official_map", stacked(out, Explanation::map), 1e-4);
    }

    @Test
    void scoreCamLibraryVariantIsPytorchGradCams() {
        List<Explanation> out = run("scorecam", Map.of("variant", "pytorch-grad-cam"));
        assertClose("scorecam_library_layer", stacked(out, e -> e.layerMaps().get(0)), 1e-4);
    }

    @ParameterizedTest
    @CsvSource({"conv3, /conv3/conv3.2/Relu_output_0", "conv2, /conv2/conv2.2/Relu_output_0"})
    void ablationCamIsPytorchGradCams(String module, String layer) {
        Batch batch = explainer.batch(Preprocessing.defaults(spec), x, targets, List.of(layer));
        List<Explanation> out = explainer.explain("ablationcam", batch, Map.of());
        assertClose("ablationcam_" + module, stacked(out, e -> e.layerMaps().get(0)), 1e-4);
    }

    @ParameterizedTest
    @CsvSource({"16, 8", "12, 10"})
    void occlusionIsCaptums(int window, int stride) {
        List<Explanation> out = run("occlusion", Map.of("window", "" + window, "stride", "" + stride));
        assertClose("occlusion_" + window + "_" + stride, stacked(out, Explanation::map), 1e-4);
    }

    @Test
    void fullGradIsPytorchGradCams() {
        List<Explanation> out = run("fullgrad", Map.of());
        List<Tensor> normalised = new ArrayList<>();
        for (Explanation e : out) {
            normalised.add(libraryMinMax(e.map()));
        }
        // the per-channel min-max amplifies float32 rounding in channels of tiny range: the library
        // itself is 2.6e-4 from the float64 formula, so it is matched to twice that
        assertClose("fullgrad_float64", Tensor.stack(normalised), 1e-4);
        assertClose("fullgrad", Tensor.stack(normalised), 5e-4);
    }

    /** pytorch-grad-cam's final scaling: (m - min) / (1e-7 + max - min). */
    private static Tensor libraryMinMax(Tensor map) {
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (float v : map.data()) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        float[] out = new float[map.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) ((map.data()[i] - lo) / (1e-7 + hi - lo));
        }
        return new Tensor(out, map.shape());
    }
}
