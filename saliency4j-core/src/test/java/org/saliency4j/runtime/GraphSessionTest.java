package org.saliency4j.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.saliency4j.testing.Fixtures.oneHot;
import static org.saliency4j.testing.Fixtures.worstSampleError;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.saliency4j.SaliencyException;
import org.saliency4j.autodiff.RuleSet;
import org.saliency4j.autodiff.ScoreKind;
import org.saliency4j.model.InputSpec;
import org.saliency4j.model.OnnxModel;
import org.saliency4j.tensor.Tensor;

/** Sessions of the compiled graphs on the demo model: chunking, caching, forward-only graphs, shape checks. */
class GraphSessionTest {
    static final OnnxModel MODEL = OnnxModel.load(Path.of("../demo/shapes_cnn.onnx"));
    static final InputSpec SPEC = InputSpec.fromDeclared(MODEL);
    static final String LAYER = "/conv3/conv3.2/Relu_output_0";

    private static Tensor inputs(int n) {
        Random random = new Random(3);
        float[] x = new float[n * SPEC.elementsPerSample()];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian();
        }
        return new Tensor(x, SPEC.batchShape(n));
    }

    @Test
    void chunksOfTheInternalBatchSizeGiveWhatOneRunGives() {
        Tensor x = inputs(5);
        Tensor weights = oneHot(new int[] {0, 1, 2, 3, 1}, 4);
        List<String> taps = List.of(MODEL.inputName(), LAYER);
        try (ExplainerRuntime whole = new ExplainerRuntime(MODEL, null, new RuntimeOptions(2, 16));
                ExplainerRuntime chunked = new ExplainerRuntime(MODEL, null, new RuntimeOptions(2, 2))) {
            GraphOutputs a = whole.session(SPEC, taps, ScoreKind.LOGIT, RuleSet.standard())
                    .run(x, weights);
            GraphOutputs b = chunked.session(SPEC, taps, ScoreKind.LOGIT, RuleSet.standard())
                    .run(x, weights);
            assertArrayEquals(new long[] {5, 4}, b.logits().shape());
            assertEquals(5, b.scores().length);
            for (String tap : taps) {
                assertArrayEquals(a.gradient(tap).shape(), b.gradient(tap).shape());
                assertTrue(worstSampleError(a.gradient(tap), b.gradient(tap)) < 1e-5, tap);
                assertTrue(worstSampleError(a.activation(tap), b.activation(tap)) < 1e-5, tap);
            }
            // the score of sample n is its target's logit
            for (int n = 0; n < 5; n++) {
                int target = new int[] {0, 1, 2, 3, 1}[n];
                assertEquals(b.logits().data()[n * 4 + target], b.scores()[n], 1e-6);
            }
        }
    }

    @Test
    void sessionsAreCachedPerTapsScoreAndRules() {
        try (ExplainerRuntime runtime = new ExplainerRuntime(MODEL, null, new RuntimeOptions(2, 16))) {
            GraphSession s = runtime.session(SPEC, List.of(LAYER), ScoreKind.LOGIT, RuleSet.standard());
            assertSame(s, runtime.session(SPEC, List.of(LAYER), ScoreKind.LOGIT, RuleSet.standard()));
            assertTrue(s != runtime.session(SPEC, List.of(LAYER), ScoreKind.PROBABILITY, RuleSet.standard()));
            assertTrue(s != runtime.session(SPEC, List.of(LAYER), ScoreKind.LOGIT, RuleSet.guided()));
        }
    }

    @Test
    void aForwardSessionGivesActivationsAndSummariesWithoutGradients() {
        try (ExplainerRuntime runtime = new ExplainerRuntime(MODEL, null, new RuntimeOptions(2, 16))) {
            Tensor x = inputs(2);
            GraphOutputs out =
                    runtime.forwardSession(SPEC, List.of(LAYER), List.of(LAYER)).run(x, oneHot(new int[] {0, 0}, 4));
            assertTrue(out.gradients().isEmpty());
            Tensor a = out.activation(LAYER);
            GraphOutputs.ChannelSummary summary = out.summary(LAYER);
            int c = (int) a.dim(1);
            int hw = (int) (a.dim(2) * a.dim(3));
            for (int n = 0; n < 2; n++) {
                float max = Float.NEGATIVE_INFINITY;
                for (int i = 0; i < hw; i++) {
                    float sum = 0;
                    for (int k = 0; k < c; k++) {
                        sum += a.data()[(n * c + k) * hw + i];
                        max = Math.max(max, a.data()[(n * c + k) * hw + i]);
                    }
                    assertEquals(sum, summary.channelSum().data()[n * hw + i], 1e-4 * Math.max(1, Math.abs(sum)));
                }
                // the maximum over the whole sample, every channel and position
                assertEquals(max, summary.maximum().data()[n]);
            }
        }
    }

    @Test
    void anInputOfTheWrongSizeIsRefused() {
        try (ExplainerRuntime runtime = new ExplainerRuntime(MODEL, null, new RuntimeOptions(2, 16))) {
            GraphSession s = runtime.session(SPEC, List.of(), ScoreKind.LOGIT, RuleSet.standard());
            SaliencyException e = assertThrows(
                    SaliencyException.class, () -> s.run(new Tensor(new float[10], 1, 10), oneHot(new int[] {0}, 4)));
            assertEquals(SaliencyException.Kind.BAD_SHAPE, e.kind());
        }
    }
}
