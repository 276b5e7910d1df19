package org.saliency4j.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.saliency4j.autodiff.MaskUpsampling;
import org.saliency4j.image.ImageLoader;
import org.saliency4j.image.PreparedImage;
import org.saliency4j.image.Preprocessing;
import org.saliency4j.methods.MethodParameters;
import org.saliency4j.methods.Targets;
import org.saliency4j.model.Labels;
import org.saliency4j.pipeline.Explainer;
import org.saliency4j.runtime.MaskSessionTest;
import org.saliency4j.runtime.RuntimeOptions;
import org.saliency4j.tensor.Npy;
import org.saliency4j.tensor.Tensor;
import org.saliency4j.testing.Fixtures;

/**
 * Deletion and insertion against the formula computed here: features ranked by a selection of
 * the largest remaining (ties: lowest index), each step's copy blended in float64 and run through
 * the plain model, the area taken by the trapezoid or the right Riemann sum.
 */
class PerturbationCurveTest {
    static Explainer explainer;
    static Preprocessing pre;
    static Tensor x;
    static Tensor map;

    @BeforeAll
    static void open() {
        explainer = Explainer.open(Path.of("../demo/shapes_cnn.onnx"), null, new RuntimeOptions(2, 16));
        pre = explainer.preprocessing();
        x = Tensor.stack(List.of(PreparedImage.prepare(ImageLoader.read(Path.of("../demo/images/00_disc.png")), pre)
                .input()));
        // a map with many ties (8 x 8 blocks of equal values), to exercise the tie rule
        float[] m = new float[64 * 64];
        for (int i = 0; i < m.length; i++) {
            m[i] = ((i / 64 / 8) * 3 + (i % 64 / 8) * 5) % 7;
        }
        map = new Tensor(m, 64, 64);
    }

    @AfterAll
    static void close() {
        explainer.close();
    }

    @ParameterizedTest
    @CsvSource({
        "deletion,0,0,trapezoid",
        "insertion,0,0,trapezoid",
        "deletion,0,100,igos",
        "insertion,8,0,trapezoid",
        "deletion,16,3,igos"
    })
    void theAreaIsTheScoreIntegratedOverTheFeaturesChanged(String name, int resolution, int step, String auc) {
        Metric metric = name.equals("deletion") ? PerturbationCurve.deletion() : PerturbationCurve.insertion();
        MethodParameters p = MethodParameters.of(
                name,
                metric.parameters(),
                Map.of(
                        "substrate",
                        "zeros",
                        "resolution",
                        Integer.toString(resolution),
                        "step",
                        Integer.toString(step),
                        "auc",
                        auc));
        MetricResult result = metric.evaluate(MetricInput.of(explainer.runtime(), pre, x, 0, map), p);

        int side = resolution == 0 ? 64 : resolution;
        float[] cells = PerturbationCurve.cells(map, side, side);
        int features = side * side;
        int perStep = step == 0 ? Math.max(1, features / 50) : step;
        List<Integer> ranked = new ArrayList<>();
        boolean[] taken = new boolean[features];
        for (int r = 0; r < features; r++) {
            int best = -1;
            for (int i = 0; i < features; i++) {
                if (!taken[i] && (best < 0 || cells[i] > cells[best])) {
                    best = i;
                }
            }
            taken[best] = true;
            ranked.add(best);
        }
        int points = (features + perStep - 1) / perStep + 1;
        float[] copies = new float[points * 3 * 64 * 64];
        for (int t = 0; t < points; t++) {
            float[] mask = new float[features];
            Arrays.fill(mask, name.equals("insertion") ? 0f : 1f);
            for (int r = 0; r < Math.min(features, t * perStep); r++) {
                mask[ranked.get(r)] = name.equals("insertion") ? 1f : 0f;
            }
            for (int y = 0; y < 64; y++) {
                for (int xx = 0; xx < 64; xx++) {
                    double m = MaskSessionTest.upsample(
                            mask,
                            0,
                            side,
                            side,
                            y,
                            xx,
                            64,
                            64,
                            resolution == 0 ? MaskUpsampling.NEAREST : MaskUpsampling.BILINEAR_ALIGN_CORNERS);
                    for (int c = 0; c < 3; c++) {
                        int i = (c * 64 + y) * 64 + xx;
                        copies[t * 3 * 64 * 64 + i] = (float) (x.data()[i] * m);
                    }
                }
            }
        }
        float[] p0 = explainer
                .probabilities(pre.input(), new Tensor(copies, points, 3, 64, 64))
                .data();
        double area = 0;
        for (int t = 1; t < points; t++) {
            double x1 = (double) Math.min(features, t * perStep) / features;
            double x0 = (double) Math.min(features, (t - 1) * perStep) / features;
            double y1 = p0[t * 4];
            double y0 = p0[(t - 1) * 4];
            area += auc.equals("trapezoid") ? (x1 - x0) * (y1 + y0) / 2 : (x1 - x0) * y1;
        }
        assertEquals(points, result.curve().dim(1));
        for (int t = 0; t < points; t++) {
            assertEquals(p0[t * 4], result.curve().data()[points + t], 1e-5, "score at step " + t);
        }
        assertEquals(area, result.value(), 1e-5);
        assertTrue(result.value() > 0 && result.value() < 1);
    }

    /**
     * The I-GOS authors' metric() itself, run on the same inputs, maps and model in PyTorch
     * (tools/fixtures/make_igos_metric_fixtures.py): 28 x 28 cells, step 15, a zero baseline.
     */
    @Test
    void igosLegacyAgreesWithTheIgosAuthorsMetric() throws Exception {
        Path dir = Path.of("src/test/resources/metrics/igos");
        JsonNode expected = Fixtures.json(dir.resolve("expected.json"));
        Tensor inputs = Npy.read(dir.resolve("x.npy"));
        Tensor maps = Npy.read(dir.resolve("maps.npy"));
        for (int n = 0; n < inputs.dim(0); n++) {
            JsonNode e = expected.get("inputs").get(n);
            Tensor one = inputs.rows(n, n + 1);
            int target = e.get("target").asInt();
            assertEquals(
                    target,
                    Targets.resolve(List.of("top1"), () -> explainer.logits(pre.input(), one), 4, Labels.none())[0]);
            for (Metric metric : new Metric[] {PerturbationCurve.deletion(), PerturbationCurve.insertion()}) {
                MethodParameters p = MethodParameters.of(
                        metric.name(),
                        metric.parameters(),
                        Map.of("resolution", "28", "auc", "igos-legacy", "substrate", "zeros"));
                MetricResult r =
                        metric.evaluate(MetricInput.of(explainer.runtime(), pre, one, target, maps.slice(n)), p);
                String which = metric.name() + " of " + e.get("name").asText();
                // float32 inference in two frameworks: probabilities agree to a few 1e-6
                assertEquals(e.get(metric.name()).asDouble(), r.value(), 1e-5, which);
                JsonNode curve = e.get(metric.name() + "Curve");
                assertEquals(curve.size(), r.curve().dim(1), which);
                for (int t = 0; t < curve.size(); t++) {
                    assertEquals(
                            curve.get(t).asDouble(), r.curve().data()[curve.size() + t], 1e-5, which + " step " + t);
                }
            }
        }
    }
}
