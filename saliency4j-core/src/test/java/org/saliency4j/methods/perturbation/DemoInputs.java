package org.saliency4j.methods.perturbation;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.saliency4j.testing.Fixtures.ints;
import static org.saliency4j.testing.Fixtures.json;
import static org.saliency4j.testing.Fixtures.worstSampleError;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.saliency4j.image.Preprocessing;
import org.saliency4j.methods.Batch;
import org.saliency4j.methods.Explanation;
import org.saliency4j.model.InputSpec;
import org.saliency4j.pipeline.Explainer;
import org.saliency4j.runtime.RuntimeOptions;
import org.saliency4j.tensor.Npy;
import org.saliency4j.tensor.Tensor;
import org.saliency4j.testing.Fixtures;

/**
 * The demo model and the eight demo images as tools/fixtures/make_perturbation_fixtures.py fed them
 * to the peers, with each image's top class as its target, at the default layer.
 */
abstract class DemoInputs {
    static final Path DIR = Path.of("src/test/resources/methods/perturbation");
    static final String LAYER = "/conv3/conv3.2/Relu_output_0";
    static Explainer explainer;
    static Tensor x;
    static int[] targets;
    static InputSpec spec;

    @BeforeAll
    static void open() {
        explainer = Explainer.open(Fixtures.demo().resolve("shapes_cnn.onnx"), null, new RuntimeOptions(2, 16));
        spec = explainer.defaultInput();
        x = Npy.read(DIR.resolve("x.npy"));
        targets = ints(json(DIR.resolve("targets.json")).get("targets"));
    }

    @AfterAll
    static void close() {
        explainer.close();
    }

    static List<Explanation> run(String method, Map<String, String> params) {
        Batch batch = explainer.batch(Preprocessing.defaults(spec), x, targets, List.of(LAYER));
        return explainer.explain(method, batch, params);
    }

    static Tensor stacked(List<Explanation> results, Function<Explanation, Tensor> part) {
        List<Tensor> parts = new ArrayList<>();
        results.forEach(e -> parts.add(part.apply(e)));
        return Tensor.stack(parts);
    }

    static void assertClose(String fixture, Tensor actual, double tolerance) {
        double error = worstSampleError(Npy.read(DIR.resolve(fixture + ".npy")), actual);
        assertTrue(error <= tolerance, fixture + ": worst relative error " + error);
    }
}
