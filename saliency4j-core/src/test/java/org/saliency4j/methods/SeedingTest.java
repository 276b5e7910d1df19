package org.saliency4j.methods;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.saliency4j.image.Preprocessing;
import org.saliency4j.pipeline.Explainer;
import org.saliency4j.runtime.RuntimeOptions;
import org.saliency4j.tensor.Npy;
import org.saliency4j.tensor.Tensor;

/**
 * Every random draw is seeded by the input's content: each seeded method, at each of its random
 * options, gives the same map bit for bit for an input explained alone and inside a batch, in any order.
 */
class SeedingTest {
    static final Path DIR = Path.of("src/test/resources/methods");
    static Explainer explainer;
    static Preprocessing preprocessing;
    static float[][] samples;

    @BeforeAll
    static void open() {
        explainer = Explainer.open(DIR.resolve("model.onnx"), null, new RuntimeOptions(2, 8));
        preprocessing = Preprocessing.defaults(explainer.defaultInput());
        Tensor x = Npy.read(DIR.resolve("x.npy"));
        float[] first = Samples.sample(x, 0);
        float[] third = first.clone();
        for (int i = 0; i < third.length; i++) {
            third[i] = -0.5f * third[i];
        }
        samples = new float[][] {first, Samples.sample(x, 1), third};
    }

    @AfterAll
    static void close() {
        explainer.close();
    }

    @ParameterizedTest
    @CsvSource({
        "smoothgrad,variant=smoothgrad",
        "smoothgrad,variant=sg-sq",
        "smoothgrad,variant=vargrad",
        "integrated-gradients,baseline=noise",
        "rsi-gradcam,baseline=noise"
    })
    void anInputGetsTheSameMapAloneAndInABatchInAnyOrder(String method, String option) {
        Map<String, String> parameters =
                new HashMap<>(Map.of(option.split("=")[0], option.split("=")[1], "seed", "11"));
        if (!method.equals("smoothgrad")) {
            parameters.put("steps", "6");
        } else {
            parameters.put("samples", "5");
        }
        List<Explanation> reversed = explain(method, new float[][] {samples[2], samples[1], samples[0]}, parameters);
        for (int i = 0; i < samples.length; i++) {
            float[] alone = explain(method, new float[][] {samples[i]}, parameters)
                    .get(0)
                    .map()
                    .data();
            float[] inBatch = reversed.get(samples.length - 1 - i).map().data();
            assertArrayEquals(alone, inBatch, method + " " + option + ", input " + i);
        }
        // and the seed is really used: another seed, another map
        parameters.put("seed", "12");
        float[] other = explain(method, new float[][] {samples[0]}, parameters)
                .get(0)
                .map()
                .data();
        assertFalse(Arrays.equals(other, reversed.get(2).map().data()), method + " ignores its seed");
    }

    private static List<Explanation> explain(String method, float[][] inputs, Map<String, String> parameters) {
        int[] targets = new int[inputs.length];
        Arrays.fill(targets, 1);
        List<Explanation> out = explainer.explain(
                method, preprocessing, Samples.batch(inputs, preprocessing.input()), targets, null, parameters);
        assertTrue(out.stream().allMatch(e -> e.map().size() > 0));
        return out;
    }
}
