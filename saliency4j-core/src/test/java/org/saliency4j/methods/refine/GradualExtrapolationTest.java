package org.saliency4j.methods.refine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.saliency4j.testing.Fixtures.ints;
import static org.saliency4j.testing.Fixtures.json;
import static org.saliency4j.testing.Fixtures.shared;
import static org.saliency4j.testing.Fixtures.worstSampleError;

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
import org.saliency4j.image.ImageLoader;
import org.saliency4j.image.PreparedImage;
import org.saliency4j.image.Preprocessing;
import org.saliency4j.methods.Explanation;
import org.saliency4j.model.InputSpec;
import org.saliency4j.model.ModelAnalysis;
import org.saliency4j.model.OnnxModel;
import org.saliency4j.model.TensorInfo;
import org.saliency4j.pipeline.Explainer;
import org.saliency4j.runtime.RuntimeOptions;
import org.saliency4j.tensor.Npy;
import org.saliency4j.tensor.Resampler;
import org.saliency4j.tensor.Tensor;

/** Gradual Extrapolation against the authors' loop computed in float64 (make_method_fixtures.py). */
class GradualExtrapolationTest {
    static final Path DIR = Path.of("src/test/resources/methods");
    static Explainer explainer;
    static Tensor x;
    static int[] targets;
    static String layer;

    @BeforeAll
    static void open() {
        explainer = Explainer.open(DIR.resolve("model.onnx"), null, new RuntimeOptions(2, 8));
        x = Npy.read(DIR.resolve("x.npy"));
        targets = ints(json(DIR.resolve("case.json")).get("targets"));
        layer = json(DIR.resolve("case.json")).get("layer").asText();
    }

    @AfterAll
    static void close() {
        explainer.close();
    }

    private static List<Explanation> run(String method, Map<String, String> params) {
        return explainer.explain(
                method,
                explainer.batch(Preprocessing.defaults(explainer.defaultInput()), x, targets, List.of(layer)),
                params);
    }

    @Test
    void pyramidIsTheFirstPoolsInputAndEveryPoolOutput() {
        List<String> levels = ExtrapolationLevels.find(explainer.runtime().analysis(explainer.defaultInput())).stream()
                .map(TensorInfo::name)
                .toList();
        assertEquals(List.of("/Relu_output_0", "/MaxPool_output_0", "/MaxPool_1_output_0"), levels);
    }

    @ParameterizedTest
    @CsvSource({"image,gradcam+ge_image", "batch,gradcam+ge_batch"})
    void refinedGradCamMatchesTheAuthorsLoop(String normalise, String file) {
        List<Explanation> out = run("gradcam+ge", Map.of("ge-normalise", normalise));
        Tensor expected = Npy.read(DIR.resolve(file + ".npy"));
        double error = worstSampleError(expected, stack(out, Explanation::map));
        assertTrue(error <= 1e-4, "relative error " + error);
        // the base map is kept beside the refined one
        List<Explanation> base = run("gradcam", Map.of());
        assertArrayEquals(
                base.get(0).map().data(), out.get(0).extraMaps().get("baseMap").data());
    }

    @Test
    void explicitLevelsAreUsedAsGiven() {
        List<Explanation> out = run("gradcam+ge", Map.of("ge-levels", "/MaxPool_output_0"));
        Tensor expected = Npy.read(DIR.resolve("gradcam+ge_pool1_only.npy"));
        // one level at 16 x 16, then upsampled to the input's 32 x 32
        List<Tensor> upsampled = new ArrayList<>();
        for (int n = 0; n < 2; n++) {
            float[] up = Resampler.interpolate(expected.slice(n).data(), 16, 16, 32, 32);
            upsampled.add(new Tensor(up, 32, 32));
        }
        double error = worstSampleError(Tensor.stack(upsampled), stack(out, Explanation::map));
        assertTrue(error <= 1e-4, "relative error " + error);
    }

    @Test
    void perImageRefinementDoesNotDependOnTheBatch_needsShared() {
        try (Explainer real = Explainer.open(
                shared().resolve("models/mobilenet_v1_0.25_128.onnx"), null, new RuntimeOptions(2, 16))) {
            Preprocessing pre = Preprocessing.defaults(real.defaultInput());
            Tensor owl = PreparedImage.prepare(ImageLoader.read(shared().resolve("images/photos/owl.jpg")), pre)
                    .input();
            Tensor bird = PreparedImage.prepare(ImageLoader.read(shared().resolve("images/photos/bird.bmp")), pre)
                    .input();
            for (String method : new String[] {"gradcam+ge", "rsi-gradcam+ge"}) {
                Map<String, String> params = method.startsWith("rsi") ? Map.of("steps", "8") : Map.of();
                Tensor alone = real.explain(
                                method, real.batch(pre, Tensor.stack(List.of(owl)), new int[] {24}, List.of()), params)
                        .get(0)
                        .map();
                Tensor inPair = real.explain(
                                method,
                                real.batch(pre, Tensor.stack(List.of(owl, bird)), new int[] {24, 24}, List.of()),
                                params)
                        .get(0)
                        .map();
                assertArrayEquals(alone.shape(), new long[] {128, 128});
                assertArrayEquals(alone.data(), inPair.data(), 1e-5f, method);
                for (float v : inPair.data()) {
                    assertTrue(Float.isFinite(v) && v >= 0 && v <= 1);
                }
            }
        }
    }

    private static Tensor stack(List<Explanation> out, Function<Explanation, Tensor> part) {
        List<Tensor> parts = new ArrayList<>();
        out.forEach(e -> parts.add(part.apply(e)));
        return Tensor.stack(parts);
    }

    @Test
    void theDemoModelsPyramidHasThreeLevels() {
        OnnxModel model = OnnxModel.load(Path.of("../demo/shapes_cnn.onnx"));
        assertEquals(
                3,
                ExtrapolationLevels.find(ModelAnalysis.of(model, InputSpec.fromDeclared(model)))
                        .size());
    }
}
