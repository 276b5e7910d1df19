package org.saliency4j.methods.optimisation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.saliency4j.autodiff.MaskUpsampling;
import org.saliency4j.image.Preprocessing;
import org.saliency4j.methods.Batch;
import org.saliency4j.methods.Explanation;
import org.saliency4j.methods.MethodParameters;
import org.saliency4j.methods.Samples;
import org.saliency4j.methods.path.Baselines;
import org.saliency4j.metrics.Similarity;
import org.saliency4j.model.InputSpec;
import org.saliency4j.pipeline.Explainer;
import org.saliency4j.runtime.RuntimeOptions;
import org.saliency4j.tensor.LinearResize;
import org.saliency4j.tensor.Npy;
import org.saliency4j.tensor.Tensor;
import org.saliency4j.testing.Fixtures;

/**
 * I-GOS, its khorram variant, iGOS+ and iGOS++ on the demo model (textured inputs, blur baseline, no noise),
 * against tools/fixtures/make_igos_fixtures.py: the descent direction at random masks and one
 * iteration with its line search, against float64 PyTorch written from the formulas; a full run
 * against the authors' own code.
 */
class IgosTest {
    static final Path DIR = Path.of("src/test/resources/methods/igos");
    static final JsonNode EXPECTED = Fixtures.json(DIR.resolve("expected.json"));
    static Explainer explainer;
    static Preprocessing pre;
    static Tensor x;

    @BeforeAll
    static void open() {
        explainer = Explainer.open(Path.of("../demo/shapes_cnn.onnx"), null, new RuntimeOptions(2, 16));
        pre = explainer.preprocessing();
        x = Npy.read(DIR.resolve("x.npy"));
    }

    @AfterAll
    static void close() {
        explainer.close();
    }

    static Stream<Arguments> kinds() {
        return Stream.of("igos", "igos-khorram", "igos+", "igos++").map(Arguments::of);
    }

    static MaskMethod method(String kind) {
        return switch (kind) {
            case "igos", "igos-khorram" -> new Igos();
            case "igos+" -> new IgosPlus();
            default -> new IgosPlusPlus();
        };
    }

    static MethodParameters parameters(String kind, Map<String, String> more) {
        Map<String, String> given = new HashMap<>(Map.of("noise", "0", "baseline", "blur"));
        if (kind.equals("igos-khorram")) {
            given.put("variant", "khorram");
        }
        given.putAll(more);
        return MethodParameters.of(method(kind), given);
    }

    static Batch batch(int n) {
        Tensor one = new Tensor(Samples.sample(x, n), pre.input().batchShape(1));
        int target = EXPECTED.get("targets").get(n).asInt();
        return new Batch(explainer.runtime(), pre.input(), one, new int[] {target}, List.of(), pre);
    }

    static float[] floats(JsonNode rows) {
        int s = rows.size();
        float[] out = new float[s * s];
        for (int y = 0; y < s; y++) {
            for (int c = 0; c < s; c++) {
                out[y * s + c] = (float) rows.get(y).get(c).asDouble();
            }
        }
        return out;
    }

    @Test
    void theBlurBaselineIsTheFixtures() {
        Tensor expected = Npy.read(DIR.resolve("baseline.npy"));
        for (int n = 0; n < 4; n++) {
            float[] blurred = Baselines.of("blur", batch(n), 0, 0);
            float[] e = Samples.sample(expected, n);
            for (int i = 0; i < e.length; i++) {
                assertEquals(e[i], blurred[i], 1e-5);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void theDescentDirectionAtRandomMasksIsTheLossGradient(String kind) {
        InputSpec spec = pre.input();
        for (int n = 0; n < 4; n++) {
            JsonNode e = EXPECTED.get("inputs").get(n).get(kind);
            Batch batch = batch(n);
            MaskMethod method = method(kind);
            MethodParameters p = parameters(kind, Map.of());
            float[] input = Samples.sample(x, n);
            int size = EXPECTED.get("size").asInt();
            LinearResize up = MaskUpsampling.BILINEAR_ALIGN_CORNERS.resize(size, size, spec.height(), spec.width());
            MaskObjective objective =
                    method.objective(p, Samples.toChw(input, spec).data(), spec, up);
            float[][] masks = new float[e.get("masks").size()][];
            for (int m = 0; m < masks.length; m++) {
                masks[m] = floats(e.get("masks").get(m));
            }
            MaskOptimiser optimiser = new MaskOptimiser(
                    batch,
                    new MaskOptimiser.Settings(
                            size, 1, method.alpha(p), new PathNoise(PathNoise.ALL_CHANNELS, 0, spec)),
                    new float[][] {input},
                    new float[][] {Baselines.of("blur", batch, 0, 0)},
                    new long[] {0});
            double[][] g = optimiser.gradients(List.of(objective), new float[][][] {masks}, 1, kind)[0];
            for (int m = 0; m < masks.length; m++) {
                assertNear(floats(e.get("gradient").get(m)), g[m], kind + " input " + n + " mask " + m);
            }
        }
    }

    /**
     * Float32 against float64: within 1e-3 in the relative L2 norm, and every cell within 2e-3 of the
     * largest. Most cases agree to 1e-6; but a ReLU or max-pooling decision that float32 and float64
     * take differently at one path point moves a few neighbouring cells by up to 7e-4 of the largest
     * (1.3e-4 in the norm, seen here). A wrong weight or a missing term is off by far more.
     */
    static void assertNear(float[] expected, double[] actual, String what) {
        double scale = 0;
        double worst = 0;
        double squares = 0;
        double errors = 0;
        for (int i = 0; i < expected.length; i++) {
            double d = actual[i] - expected[i];
            scale = Math.max(scale, Math.abs(expected[i]));
            worst = Math.max(worst, Math.abs(d));
            squares += (double) expected[i] * expected[i];
            errors += d * d;
        }
        double relative = Math.sqrt(errors / squares);
        assertTrue(
                relative < 1e-3 && worst < 2e-3 * scale,
                what + ": relative L2 " + relative + ", worst cell " + worst / scale);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void oneIterationTakesTheReferenceStepAndMasks(String kind) {
        for (int n = 0; n < 4; n++) {
            JsonNode e = EXPECTED.get("inputs").get(n).get(kind);
            Explanation result = method(kind)
                    .explain(batch(n), parameters(kind, Map.of("iterations", "1")))
                    .get(0);
            @SuppressWarnings("unchecked")
            List<Double> steps = (List<Double>) result.details().get("step");
            assertEquals(e.get("step").asDouble(), steps.get(0), 1e-9 * steps.get(0), kind + " input " + n);
            float[] expected = floats(e.get("after").get(0));
            if (e.get("after").size() == 2) {
                float[] insertion = floats(e.get("after").get(1));
                for (int i = 0; i < expected.length; i++) {
                    expected[i] *= insertion[i];
                }
            }
            float[] layer = result.layerMaps().get(0).data();
            double[] shown = new double[layer.length];
            for (int i = 0; i < expected.length; i++) {
                expected[i] = 1 - expected[i];
                shown[i] = layer[i];
            }
            assertNear(expected, shown, kind + " input " + n);
        }
    }

    /** The authors' code with their noise set to 0, at their defaults (iterations 15, steps 20, size 28). */
    @ParameterizedTest
    @MethodSource("kinds")
    void aFullRunFindsTheAuthorsMask(String kind) {
        // all four inputs in one batch, as the pipeline gives them
        Batch all =
                new Batch(explainer.runtime(), pre.input(), x, Fixtures.ints(EXPECTED.get("targets")), List.of(), pre);
        List<Explanation> results = method(kind).explain(all, parameters(kind, Map.of()));
        for (int n = 0; n < 4; n++) {
            float[] expected =
                    floats(EXPECTED.get("inputs").get(n).get("authors").get(kind));
            float[] layer = results.get(n).layerMaps().get(0).data();
            double worst = 0;
            double[] a = new double[layer.length];
            double[] b = new double[layer.length];
            for (int i = 0; i < layer.length; i++) {
                a[i] = 1 - expected[i];
                b[i] = layer[i];
                worst = Math.max(worst, Math.abs(a[i] - b[i]));
            }
            // float32 in two frameworks through 15 line searches: seen 0.9996 and 0.022 at worst
            double r = Similarity.pearson(a, b);
            assertTrue(
                    r > 0.999 && worst < 0.05, kind + " input " + n + ": correlation " + r + ", worst cell " + worst);
        }
    }
}
