package org.saliency4j.methods;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.saliency4j.testing.Fixtures.shared;
import static org.saliency4j.testing.Fixtures.worstSampleError;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.saliency4j.image.ImageLoader;
import org.saliency4j.image.PreparedImage;
import org.saliency4j.image.Preprocessing;
import org.saliency4j.pipeline.Explainer;
import org.saliency4j.pipeline.MethodRegistry;
import org.saliency4j.runtime.RuntimeOptions;
import org.saliency4j.tensor.Tensor;

/**
 * Every method at its defaults on a real pretrained model and real photos from ../shared; the
 * perturbation methods that draw thousands of copies with fewer, to keep the suite short.
 */
class SharedModelMethodsTest {
    static final Map<String, Map<String, String>> FEWER_DRAWS = Map.of(
            "rise", Map.of("masks", "1000"),
            "lime", Map.of("samples", "500"),
            "kernelshap", Map.of("samples", "500"),
            "extremal-perturbation", Map.of("iterations", "100"));

    @Test
    void everyMethodGivesFiniteNonConstantMapsThatFollowTheTarget_needsShared() {
        try (Explainer explainer = Explainer.open(
                shared().resolve("models/mobilenet_v1_0.25_128.onnx"), null, new RuntimeOptions(2, 16))) {
            Preprocessing pre = Preprocessing.defaults(explainer.defaultInput());
            pre = new Preprocessing(
                    pre.input(),
                    146,
                    128,
                    128,
                    false,
                    1f / 255f,
                    new float[] {0.5f, 0.5f, 0.5f},
                    new float[] {0.5f, 0.5f, 0.5f},
                    List.of());
            Tensor x = Tensor.stack(List.of(
                    PreparedImage.prepare(ImageLoader.read(shared().resolve("images/photos/owl.jpg")), pre)
                            .input(),
                    PreparedImage.prepare(ImageLoader.read(shared().resolve("images/photos/sunflower.bmp")), pre)
                            .input()));
            int[] top =
                    new int[] {argmax(explainer.logits(pre.input(), x), 0), argmax(explainer.logits(pre.input(), x), 1)
                    };
            for (AttributionMethod m : MethodRegistry.all()) {
                List<Explanation> out = explainer.explain(
                        m.name(),
                        explainer.batch(pre, x, top, List.of()),
                        FEWER_DRAWS.getOrDefault(m.name(), Map.of()));
                for (Explanation e : out) {
                    float lo = Float.POSITIVE_INFINITY;
                    float hi = Float.NEGATIVE_INFINITY;
                    for (float v : e.map().data()) {
                        assertTrue(Float.isFinite(v), m.name());
                        lo = Math.min(lo, v);
                        hi = Math.max(hi, v);
                    }
                    assertTrue(hi > lo, m.name() + " gave a constant map");
                }
                if (!m.name().equals("eigencam")) { // Eigen-CAM does not depend on the target
                    int[] other = new int[] {(top[0] + 500) % 1000, (top[1] + 500) % 1000};
                    List<Explanation> changed = explainer.explain(
                            m.name(),
                            explainer.batch(pre, x, other, List.of()),
                            FEWER_DRAWS.getOrDefault(m.name(), Map.of()));
                    assertTrue(
                            worstSampleError(
                                            Tensor.stack(List.of(out.get(0).map())),
                                            Tensor.stack(List.of(changed.get(0).map())))
                                    > 1e-3,
                            m.name() + " ignores the target");
                }
            }
        }
    }

    private static int argmax(Tensor logits, int row) {
        int k = (int) logits.dim(1);
        int best = 0;
        for (int i = 1; i < k; i++) {
            if (logits.data()[row * k + i] > logits.data()[row * k + best]) {
                best = i;
            }
        }
        return best;
    }
}
