package org.saliency4j.methods.perturbation;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.saliency4j.methods.Explanation;

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
    @CsvSource({"16, 8", "12, 10"})
    void occlusionIsCaptums(int window, int stride) {
        List<Explanation> out = run("occlusion", Map.of("window", "" + window, "stride", "" + stride));
        assertClose("occlusion_" + window + "_" + stride, stacked(out, Explanation::map), 1e-4);
    }
}
