package org.saliency4j.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.saliency4j.image.ImageLoader;
import org.saliency4j.image.PreparedImage;
import org.saliency4j.image.Preprocessing;
import org.saliency4j.methods.Batch;
import org.saliency4j.methods.MethodParameters;
import org.saliency4j.methods.Seeds;
import org.saliency4j.methods.gradient.InputGradient;
import org.saliency4j.model.WeightRandomisation;
import org.saliency4j.pipeline.Explainer;
import org.saliency4j.runtime.ExplainerRuntime;
import org.saliency4j.runtime.RuntimeOptions;
import org.saliency4j.tensor.Maps;
import org.saliency4j.tensor.Tensor;

/**
 * The metrics that explain again (max-sensitivity, random logit, randomisation) against their
 * formulas, with the gradient's maps computed here through the pipeline on the demo model.
 */
class SanityMetricsTest {
    static Explainer explainer;
    static Preprocessing pre;
    static Tensor x;
    static Tensor map;
    static final int TARGET = 0;
    static final InputGradient GRADIENT = InputGradient.vanilla();
    static final MethodParameters GRADIENT_PARAMETERS = MethodParameters.of(GRADIENT, Map.of());

    @BeforeAll
    static void open() {
        explainer = Explainer.open(Path.of("../demo/shapes_cnn.onnx"), null, new RuntimeOptions(2, 16));
        pre = explainer.preprocessing();
        x = Tensor.stack(List.of(PreparedImage.prepare(ImageLoader.read(Path.of("../demo/images/00_disc.png")), pre)
                .input()));
        map = gradientMaps(explainer.runtime(), x, new int[] {TARGET}).get(0);
    }

    @AfterAll
    static void close() {
        explainer.close();
    }

    static List<Tensor> gradientMaps(ExplainerRuntime runtime, Tensor inputs, int[] targets) {
        Batch batch = new Batch(runtime, pre.input(), inputs, targets, List.of(), pre);
        return GRADIENT.explain(batch, GRADIENT_PARAMETERS).stream()
                .map(e -> e.map())
                .toList();
    }

    static MetricInput input() {
        return MetricInput.of(explainer.runtime(), pre, x, TARGET, map).withMaps(SanityMetricsTest::gradientMaps);
    }

    static MethodParameters parameters(Metric metric, Map<String, String> given) {
        return MethodParameters.of(metric.name(), metric.parameters(), given);
    }

    @Test
    void maxSensitivityIsTheLargestRelativeChangeOverTheNoisyCopies() {
        MaxSensitivity metric = new MaxSensitivity();
        assertEquals(
                0,
                metric.evaluate(input(), parameters(metric, Map.of("radius", "0")))
                        .value(),
                1e-12);

        MetricResult r = metric.evaluate(input(), parameters(metric, Map.of("radius", "0.1", "samples", "3")));
        Random random = new Random(Seeds.forSample(0, x.data()));
        double worst = 0;
        for (int k = 0; k < 3; k++) {
            float[] noisy = new float[x.size()];
            for (int i = 0; i < noisy.length; i++) {
                noisy[i] = (float) (x.data()[i] + (2 * random.nextDouble() - 1) * 0.1);
            }
            float[] m = gradientMaps(explainer.runtime(), new Tensor(noisy, x.shape()), new int[] {TARGET})
                    .get(0)
                    .data();
            double diff = 0;
            double norm = 0;
            for (int i = 0; i < m.length; i++) {
                diff += Math.pow(m[i] - map.data()[i], 2);
                norm += Math.pow(map.data()[i], 2);
            }
            worst = Math.max(worst, Math.sqrt(diff / norm));
        }
        assertTrue(worst > 0.01, "the noise changes the gradient");
        assertEquals(worst, r.value(), 1e-6);
    }

    @Test
    void randomLogitIsTheSsimWithTheMapOfAnotherClass() {
        RandomLogit metric = new RandomLogit();
        MetricResult r = metric.evaluate(input(), parameters(metric, Map.of()));
        int other = (Integer) r.details().get("otherClass");
        assertNotEquals(TARGET, other);
        assertTrue(other >= 0 && other < 4);
        float[] theirs =
                gradientMaps(explainer.runtime(), x, new int[] {other}).get(0).data();
        double expected = Similarity.ssim(Maps.minMax(map.data()), Maps.minMax(theirs), 64, 64, 1);
        assertEquals(expected, r.value(), 1e-9);
        assertTrue(r.value() < 0.99, "another class's gradient differs");
    }

    @Test
    void randomisationComparesWithTheMapsOnTheRandomisedModels() {
        Randomisation metric = new Randomisation();
        WeightRandomisation randomisation =
                new WeightRandomisation(explainer.runtime().model());
        List<WeightRandomisation.Layer> layers = randomisation.layers();
        int n = layers.size();
        for (String order : new String[] {"cascading", "independent"}) {
            MetricResult r = metric.evaluate(input(), parameters(metric, Map.of("order", order, "layers", "2")));
            assertEquals(3, r.curve().dim(1));
            List<WeightRandomisation.Layer> second =
                    order.equals("cascading") ? layers.subList(n - 2, n) : List.of(layers.get(n - 2));
            double[] expected = new double[2];
            for (int s = 1; s <= 2; s++) {
                List<WeightRandomisation.Layer> chosen = s == 1 ? List.of(layers.get(n - 1)) : second;
                try (ExplainerRuntime model = new ExplainerRuntime(
                        randomisation.randomised(chosen, 0),
                        explainer.runtime().output(),
                        explainer.runtime().options())) {
                    float[] m =
                            gradientMaps(model, x, new int[] {TARGET}).get(0).data();
                    expected[s - 1] = Similarity.spearman(map.data(), m); // the gradient's map is |.| already
                    assertEquals(expected[s - 1], r.curve().data()[3 + s], 1e-6, order + " step " + s + " spearman");
                    assertEquals(expected[s - 1], r.curve().data()[6 + s], 1e-6, order + " step " + s + " abs");
                    double ssim = Similarity.ssim(Maps.minMax(map.data()), Maps.minMax(m), 64, 64, 1);
                    assertEquals(ssim, r.curve().data()[9 + s], 1e-6, order + " step " + s + " ssim");
                }
            }
            assertEquals((expected[0] + expected[1]) / 2, r.value(), 1e-6, order);
            assertTrue(r.value() < 0.95, "randomising the top layers changes the gradient");
        }
    }
}
