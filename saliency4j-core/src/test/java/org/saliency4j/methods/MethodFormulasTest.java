package org.saliency4j.methods;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.saliency4j.testing.Fixtures.ints;
import static org.saliency4j.testing.Fixtures.json;
import static org.saliency4j.testing.Fixtures.worstSampleError;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.saliency4j.image.Preprocessing;
import org.saliency4j.methods.gradient.SmoothGrad;
import org.saliency4j.model.InputSpec;
import org.saliency4j.pipeline.Explainer;
import org.saliency4j.pipeline.MethodRegistry;
import org.saliency4j.runtime.RuntimeOptions;
import org.saliency4j.tensor.Maps;
import org.saliency4j.tensor.Npy;
import org.saliency4j.tensor.Tensor;

/**
 * Each method against its formula computed independently in float64 (PyTorch and NumPy, by
 * tools/fixtures/make_method_fixtures.py), per sample, on a small CNN at an inner layer.
 */
class MethodFormulasTest {
    static final Path DIR = Path.of("src/test/resources/methods");
    static final double TOLERANCE = 1e-4;
    static Explainer explainer;
    static Tensor x;
    static int[] targets;
    static String layer;
    static InputSpec spec;

    @BeforeAll
    static void open() {
        explainer = Explainer.open(DIR.resolve("model.onnx"), null, new RuntimeOptions(2, 8));
        spec = explainer.defaultInput();
        x = Npy.read(DIR.resolve("x.npy"));
        JsonNode c = json(DIR.resolve("case.json"));
        targets = ints(c.get("targets"));
        layer = c.get("layer").asText();
    }

    @AfterAll
    static void close() {
        explainer.close();
    }

    private static List<Explanation> run(String method, Map<String, String> params) {
        Batch batch = explainer.batch(Preprocessing.defaults(spec), x, targets, List.of(layer));
        return explainer.explain(method, batch, params);
    }

    private static Tensor stacked(List<Explanation> results, Function<Explanation, Tensor> part) {
        List<Tensor> parts = new ArrayList<>();
        results.forEach(e -> parts.add(part.apply(e)));
        return Tensor.stack(parts);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gradcam", "gradcam++", "xgradcam", "hirescam", "layercam", "eigencam"})
    void camLayerMapsMatchTheirFormulas(String method) {
        List<Explanation> out = run(method, Map.of());
        Tensor expected = Npy.read(DIR.resolve(method + ".npy"));
        double error =
                worstSampleError(expected, stacked(out, e -> e.layerMaps().get(0)));
        assertTrue(error <= TOLERANCE, method + ": relative error " + error);
        // the map is the layer map upsampled (bilinear, align_corners=false) to 32 x 32
        Tensor upsampled = Upsampling.BILINEAR.apply(out.get(0).layerMaps().get(0), spec);
        assertEquals(
                0,
                worstSampleError(
                        Tensor.stack(List.of(upsampled)),
                        Tensor.stack(List.of(out.get(0).map()))));
    }

    @ParameterizedTest
    @CsvSource({
        "keras,trapezoid",
        "keras,left",
        "keras,midpoint",
        "pytorch,trapezoid",
        "pytorch,left",
        "pytorch,midpoint"
    })
    void rsiGradCamMatchesTheAuthorsVariants(String variant, String rule) {
        List<Explanation> out =
                run("rsi-gradcam", Map.of("variant", variant, "rule", rule, "steps", "10", "baseline", "zeros"));
        Tensor expected = Npy.read(DIR.resolve("rsi-gradcam_" + variant + "_" + rule + ".npy"));
        double error =
                worstSampleError(expected, stacked(out, e -> e.layerMaps().get(0)));
        assertTrue(error <= TOLERANCE, "relative error " + error);
        JsonNode gaps =
                json(DIR.resolve("case.json")).get("rsi_completeness_gaps").get("rsi-gradcam_" + variant + "_" + rule);
        for (int n = 0; n < 2; n++) {
            @SuppressWarnings("unchecked")
            Map<String, Object> check =
                    ((List<Map<String, Object>>) out.get(n).details().get("completeness")).get(0);
            // the gap of an unselected Riemann-Stieltjes sum is the quadrature error: tiny, and the same as the
            // reference's
            assertEquals(gaps.get(n).asDouble(), (Double) check.get("gap"), 2e-5);
        }
    }

    @ParameterizedTest
    @CsvSource({"gauss-legendre,16,gl16", "right,10,right10"})
    void integratedGradientsMatchCaptumsRules(String rule, String steps, String file) {
        List<Explanation> out = run("integrated-gradients", Map.of("rule", rule, "steps", steps));
        Tensor expected = Npy.read(DIR.resolve("integrated-gradients_" + file + ".npy"));
        double error = worstSampleError(expected, stacked(out, Explanation::attribution));
        assertTrue(error <= TOLERANCE, "relative error " + error);
        for (int n = 0; n < 2; n++) {
            Explanation e = out.get(n);
            double referenceSum = 0;
            for (float v : expected.slice(n).data()) {
                referenceSum += v;
            }
            double expectedDelta =
                    referenceSum - (e.score() - (Float) e.details().get("scoreBaseline"));
            assertEquals(
                    expectedDelta, (Double) e.details().get("completenessDelta"), 1e-4 * Math.abs(referenceSum) + 1e-5);
        }
    }

    @Test
    void severalLayersAverageTheirNormalisedUpsampledMaps() {
        String first = explainer.resolveLayers(spec, List.of("auto")).get(0);
        Batch batch = explainer.batch(Preprocessing.defaults(spec), x, targets, List.of(layer, first));
        List<Explanation> out = explainer.explain("gradcam", batch, Map.of());
        assertEquals(2, out.get(0).layerMaps().size());
        Tensor expected = LayerMethod.combine(List.of(
                Upsampling.BILINEAR.apply(out.get(0).layerMaps().get(0), spec),
                Upsampling.BILINEAR.apply(out.get(0).layerMaps().get(1), spec)));
        float[] a = Maps.minMax(
                Upsampling.BILINEAR.apply(out.get(0).layerMaps().get(0), spec).data());
        float[] b = Maps.minMax(
                Upsampling.BILINEAR.apply(out.get(0).layerMaps().get(1), spec).data());
        for (int i = 0; i < a.length; i++) {
            assertEquals((a[i] + b[i]) / 2, out.get(0).map().data()[i], 1e-6);
            assertEquals(expected.data()[i], out.get(0).map().data()[i], 1e-6);
        }
        assertEquals(LayerMethod.COMBINATION, out.get(0).details().get("combination"));
    }

    @Test
    void gradientXInputAndGuidedGradCam() {
        for (String method : new String[] {"gradient-x-input", "guided-gradcam"}) {
            Tensor expected = Npy.read(DIR.resolve(method + ".npy"));
            double error = worstSampleError(expected, stacked(run(method, Map.of()), Explanation::attribution));
            assertTrue(error <= TOLERANCE, method + ": relative error " + error);
        }
    }

    /**
     * After the last rectifier the guided gradient at the layer is the true one, so Guided Grad-CAM
     * takes Grad-CAM's from its guided pass: one pass instead of two, the same map as the product of
     * the two methods run apart. The fixture's layer (a ReLU after it, checked above) keeps two.
     */
    @Test
    void guidedGradCamSharesItsPassAfterTheLastRectifier() {
        String last = "/Relu_2_output_0";
        long before = explainer.runtime().modelRuns();
        List<Explanation> shared = explainer.explain(
                "guided-gradcam", explainer.batch(Preprocessing.defaults(spec), x, targets, List.of(last)), Map.of());
        assertEquals(1, explainer.runtime().modelRuns() - before);
        before = explainer.runtime().modelRuns();
        run("guided-gradcam", Map.of());
        assertEquals(2, explainer.runtime().modelRuns() - before);

        List<Explanation> cams = explainer.explain(
                "gradcam", explainer.batch(Preprocessing.defaults(spec), x, targets, List.of(last)), Map.of());
        List<Explanation> guided = run("guided-backprop", Map.of());
        List<Tensor> expected = new ArrayList<>();
        for (int n = 0; n < targets.length; n++) {
            float[] cam = Upsampling.NEAREST
                    .apply(cams.get(n).layerMaps().get(0), spec)
                    .data();
            float[] product = guided.get(n).attribution().data().clone();
            for (int i = 0; i < product.length; i++) {
                product[i] *= cam[i % cam.length];
            }
            expected.add(new Tensor(product, 3, 32, 32));
        }
        double largest = 0;
        for (float v : Tensor.stack(expected).data()) {
            largest = Math.max(largest, Math.abs(v));
        }
        assertTrue(largest > 0, "the Grad-CAM map times the guided gradient is zero: nothing compared");
        double error = worstSampleError(Tensor.stack(expected), stacked(shared, Explanation::attribution));
        assertTrue(error <= 1e-6, "relative error " + error);
    }

    @Test
    void smoothGradAveragesGradientsAtItsNoisyCopies() {
        Map<String, String> params = Map.of("samples", "4", "noise", "0.2", "seed", "7");
        List<Explanation> out = run("smoothgrad", params);
        for (int n = 0; n < 2; n++) {
            float[] sample = Samples.sample(x, n);
            float[][] copies = SmoothGrad.noisyCopies(sample, 4, 0.2, Seeds.forSample(7, sample));
            List<Explanation> grads = explainer.explain(
                    "gradient",
                    Preprocessing.defaults(spec),
                    Samples.batch(copies, spec),
                    new int[] {targets[n], targets[n], targets[n], targets[n]},
                    null,
                    Map.of());
            float[] mean = new float[sample.length];
            for (Explanation g : grads) {
                for (int i = 0; i < mean.length; i++) {
                    mean[i] += g.attribution().data()[i] / 4;
                }
            }
            double error = worstSampleError(
                    Tensor.stack(List.of(new Tensor(mean, 3, 32, 32))),
                    Tensor.stack(List.of(out.get(n).attribution())));
            assertTrue(error <= 1e-5, "relative error " + error);
        }
        // the reported score is the clean input's
        List<Explanation> clean = run("gradient", Map.of());
        assertEquals(clean.get(0).score(), out.get(0).score(), 1e-5);
        // the same seed gives the same map; another seed another
        assertEquals(
                0,
                worstSampleError(stacked(out, Explanation::map), stacked(run("smoothgrad", params), Explanation::map)));
        assertTrue(worstSampleError(
                        stacked(out, Explanation::map),
                        stacked(
                                run("smoothgrad", Map.of("samples", "4", "noise", "0.2", "seed", "8")),
                                Explanation::map))
                > 1e-3);
    }

    @Test
    void smoothGradVariantsAreMomentsOfTheSameGradients() {
        Tensor sg = stacked(run("smoothgrad", Map.of("samples", "5")), Explanation::attribution);
        Tensor sq = stacked(run("smoothgrad", Map.of("samples", "5", "variant", "sg-sq")), Explanation::attribution);
        Tensor var = stacked(run("smoothgrad", Map.of("samples", "5", "variant", "vargrad")), Explanation::attribution);
        double worst = 0;
        for (int i = 0; i < sg.size(); i++) {
            double expectedVar = sq.data()[i] - sg.data()[i] * sg.data()[i];
            worst = Math.max(worst, Math.abs(expectedVar - var.data()[i]) / (Math.abs(sq.data()[i]) + 1e-12));
            assertTrue(sq.data()[i] >= 0);
        }
        assertTrue(worst < 1e-4, "vargrad = sg-sq - smoothgrad^2: " + worst);
    }

    @Test
    void mapsAreFiniteAndConstantMapsNormaliseToZeros() {
        for (AttributionMethod m : MethodRegistry.all()) {
            for (Explanation e : run(
                    m.name(),
                    m.parameters().stream().anyMatch(p -> p.name().equals("steps"))
                            ? Map.of("steps", "4")
                            : Map.of())) {
                for (float v : e.map().data()) {
                    assertTrue(Float.isFinite(v), m.name());
                }
            }
        }
        float[] normalised = Maps.minMax(new float[] {3f, 3f, 3f});
        assertEquals(0f, normalised[0]);
    }
}
