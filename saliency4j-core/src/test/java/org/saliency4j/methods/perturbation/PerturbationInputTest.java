package org.saliency4j.methods.perturbation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.saliency4j.SaliencyException;
import org.saliency4j.image.Preprocessing;
import org.saliency4j.methods.Batch;
import org.saliency4j.methods.Explanation;
import org.saliency4j.methods.Samples;
import org.saliency4j.pipeline.Explainer;
import org.saliency4j.runtime.RuntimeOptions;
import org.saliency4j.tensor.Tensor;
import org.saliency4j.testing.Fixtures;

/** The perturbation family's bad input, constant models, and independence of the batch. */
class PerturbationInputTest extends DemoInputs {
    @Test
    void ablationAtALayerThatIsNotACutNamesTheNearestCuts() {
        Batch batch =
                explainer.batch(Preprocessing.defaults(spec), x, targets, List.of("/res_a/res_a.2/Relu_output_0"));
        SaliencyException e =
                assertThrows(SaliencyException.class, () -> explainer.explain("ablationcam", batch, Map.of()));
        assertEquals(SaliencyException.Kind.UNKNOWN_LAYER, e.kind());
        assertEquals(
                "layer '/res_a/res_a.2/Relu_output_0' is not a cut of the graph: node '/Add' also reads "
                        + "'/conv2/conv2.2/Relu_output_0', computed from the input without passing through it, so the "
                        + "model cannot be run from that layer alone. Choose a layer every path to the output passes "
                        + "through; the nearest are '/conv2/conv2.2/Relu_output_0' (before it) and '/Add_output_0' "
                        + "(after it).",
                e.getMessage());
    }

    @Test
    void windowsAndGridsLargerThanTheInputAreRefused() {
        Batch batch = explainer.batch(Preprocessing.defaults(spec), x, targets, List.of());
        SaliencyException window = assertThrows(
                SaliencyException.class, () -> explainer.explain("occlusion", batch, Map.of("window", "65")));
        assertEquals(SaliencyException.Kind.BAD_OPTION, window.kind());
        assertEquals("occlusion: window must be at most the input's size, 64 x 64, got '65'.", window.getMessage());
        SaliencyException cells =
                assertThrows(SaliencyException.class, () -> explainer.explain("rise", batch, Map.of("cells", "65")));
        assertEquals("rise: cells must be at most the input's size, 64 x 64, got '65'.", cells.getMessage());
    }

    /**
     * A model whose scores do not depend on its input gives finite, flat maps (RISE's with the
     * per-pixel normalisation: divided by N p, the map is the score times each pixel's coverage).
     */
    @ParameterizedTest
    @ValueSource(strings = {"occlusion", "rise", "fullgrad"})
    void aConstantModelGivesFiniteFlatMaps(String method) {
        try (Explainer constant =
                Explainer.open(Fixtures.MODELS.resolve("constant.onnx"), null, new RuntimeOptions(2, 16))) {
            Tensor one = new Tensor(Samples.sample(x, 0), 1, 3, 64, 64);
            Batch batch = constant.batch(Preprocessing.defaults(spec), one, new int[] {0}, List.of());
            Map<String, String> params =
                    method.equals("rise") ? Map.of("masks", "50", "normalisation", "mask-sum") : Map.of();
            float[] map = constant.explain(method, batch, params).get(0).map().data();
            for (float v : map) {
                assertTrue(Float.isFinite(v), method + " gave " + v);
                assertEquals(map[0], v, 1e-6, method + ": a constant model's map is flat");
            }
        }
    }

    /** The draws are seeded by the input's content, so an input gets the same map alone and in a batch. */
    @ParameterizedTest
    @ValueSource(strings = {"rise", "occlusion", "scorecam", "ablationcam"})
    void anInputsMapDoesNotDependOnItsBatch(String method) {
        Map<String, String> params = method.equals("rise") ? Map.of("masks", "60") : Map.of();
        List<Explanation> all = run(method, params);
        Tensor third = new Tensor(Samples.sample(x, 2), 1, 3, 64, 64);
        Batch alone = explainer.batch(Preprocessing.defaults(spec), third, new int[] {targets[2]}, List.of(LAYER));
        Explanation single = explainer.explain(method, alone, params).get(0);
        assertArrayEquals(all.get(2).map().data(), single.map().data(), 1e-6f);
    }
}
