package org.saliency4j.methods;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.saliency4j.testing.Fixtures.MODELS;
import static org.saliency4j.testing.Fixtures.ints;
import static org.saliency4j.testing.Fixtures.json;
import static org.saliency4j.testing.Fixtures.worstSampleError;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.saliency4j.SaliencyException;
import org.saliency4j.image.Preprocessing;
import org.saliency4j.model.InputSpec;
import org.saliency4j.pipeline.Explainer;
import org.saliency4j.pipeline.MethodRegistry;
import org.saliency4j.runtime.RuntimeOptions;
import org.saliency4j.tensor.Npy;
import org.saliency4j.tensor.Tensor;

/** The gradient method against its formula computed independently from a float64 PyTorch gradient. */
class GradientMethodTest {
    static final Path CASE = MODELS.resolve("families/resnet");

    @Test
    void attributionIsTheInputGradientAndMapIsItsMaxAbsOverChannels() {
        JsonNode c = json(CASE.resolve("case.json"));
        Tensor x = Npy.read(CASE.resolve("x.npy"));
        Tensor reference = Npy.read(CASE.resolve("grad_input.npy"));
        int[] targets = ints(c.get("targets"));
        try (Explainer explainer = Explainer.open(CASE.resolve("model.onnx"), null, new RuntimeOptions(2, 16))) {
            InputSpec spec = explainer.defaultInput();
            List<Explanation> out =
                    explainer.explain("gradient", Preprocessing.defaults(spec), x, targets, null, Map.of());
            assertEquals(3, out.size());
            for (int n = 0; n < 3; n++) {
                Tensor refSample = reference.slice(n);
                Explanation e = out.get(n);
                assertArrayEquals(new long[] {3, 32, 32}, e.attribution().shape());
                assertTrue(worstSampleError(stack(refSample), stack(e.attribution())) <= 1e-4);
                float[] expectedMap = new float[32 * 32];
                for (int ch = 0; ch < 3; ch++) {
                    for (int i = 0; i < expectedMap.length; i++) {
                        expectedMap[i] =
                                Math.max(expectedMap[i], Math.abs(refSample.data()[ch * 1024 + i]));
                    }
                }
                assertTrue(worstSampleError(stack(new Tensor(expectedMap, 32, 32)), stack(e.map())) <= 1e-4);
                assertEquals(Npy.read(CASE.resolve("logits.npy")).data()[n * 10 + targets[n]], e.score(), 1e-4);
            }
        }
    }

    @Test
    void changingTheTargetChangesTheMap() {
        Tensor x = Npy.read(CASE.resolve("x.npy"));
        try (Explainer explainer = Explainer.open(CASE.resolve("model.onnx"), null, new RuntimeOptions(2, 16))) {
            InputSpec spec = explainer.defaultInput();
            Tensor a = explainer
                    .explain("gradient", Preprocessing.defaults(spec), x, new int[] {0, 0, 0}, null, Map.of())
                    .get(0)
                    .map();
            Tensor b = explainer
                    .explain("gradient", Preprocessing.defaults(spec), x, new int[] {5, 5, 5}, null, Map.of())
                    .get(0)
                    .map();
            assertTrue(worstSampleError(stack(a), stack(b)) > 1e-2);
        }
    }

    @Test
    void unknownParameterIsRejectedWithTheKnownOnes() {
        SaliencyException e = assertThrows(
                SaliencyException.class,
                () -> MethodParameters.of(MethodRegistry.get("gradient"), Map.of("steps", "3")));
        assertEquals(SaliencyException.Kind.BAD_OPTION, e.kind());
        assertTrue(e.getMessage().contains("score"), e.getMessage());
    }

    private static Tensor stack(Tensor t) {
        return Tensor.stack(List.of(t));
    }
}
