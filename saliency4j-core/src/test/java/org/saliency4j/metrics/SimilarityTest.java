package org.saliency4j.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.saliency4j.tensor.Npy;
import org.saliency4j.tensor.Tensor;
import org.saliency4j.testing.Fixtures;

/** Spearman and SSIM against scipy and scikit-image in float64 (tools/fixtures/make_similarity_fixtures.py). */
class SimilarityTest {
    private static final Path DIR = Path.of("src/test/resources/metrics/similarity");

    @Test
    void spearmanAndSsimEqualScipyAndScikitImage() throws Exception {
        Tensor pairs = Npy.read(DIR.resolve("pairs.npy"));
        JsonNode expected = Fixtures.json(DIR.resolve("expected.json"));
        for (int n = 0; n < pairs.dim(0); n++) {
            Tensor pair = pairs.slice(n);
            float[] a = pair.slice(0).data();
            float[] b = pair.slice(1).data();
            assertEquals(expected.get("spearman").get(n).asDouble(), Similarity.spearman(a, b), 1e-9, "pair " + n);
            assertEquals(expected.get("ssim").get(n).asDouble(), Similarity.ssim(a, b, 20, 24, 1), 1e-9, "pair " + n);
        }
    }

    @Test
    void aConstantMapHasNoRankCorrelation() {
        assertEquals(0, Similarity.spearman(new float[] {1, 1, 1}, new float[] {1, 2, 3}));
        assertEquals(5, Similarity.distance(new float[] {3, 0}, new float[] {0, 4}), 1e-12);
    }
}
