package org.saliency4j.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.saliency4j.testing.Fixtures.oneHot;
import static org.saliency4j.testing.Fixtures.worstSampleError;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.saliency4j.autodiff.MaskUpsampling;
import org.saliency4j.autodiff.RuleSet;
import org.saliency4j.autodiff.ScoreKind;
import org.saliency4j.model.InputSpec;
import org.saliency4j.model.OnnxModel;
import org.saliency4j.tensor.Tensor;

/**
 * The perturbation graph against the same copies blended here, in float64, with each upsampling
 * written out from its definition, and run through the plain model.
 */
public class MaskSessionTest {
    static final OnnxModel MODEL = OnnxModel.load(Path.of("../demo/shapes_cnn.onnx"));
    static final InputSpec SPEC = InputSpec.fromDeclared(MODEL);

    @ParameterizedTest
    @EnumSource(MaskUpsampling.class)
    void copiesBlendedInTheGraphScoreAsCopiesBlendedOutside(MaskUpsampling upsampling) {
        Random random = new Random(5);
        int c = SPEC.channels();
        int hh = SPEC.height();
        int ww = SPEC.width();
        float[] x = new float[c * hh * ww];
        float[] b = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian();
            b[i] = (float) (0.3 * random.nextGaussian());
        }
        int k = 21; // more than a chunk of 8: the masks run in three chunks
        int h = 7;
        int w = 5;
        float[] masks = new float[k * h * w];
        for (int i = 0; i < masks.length; i++) {
            masks[i] = random.nextFloat();
        }
        int[] targets = new int[k];
        for (int i = 0; i < k; i++) {
            targets[i] = i % 4;
        }
        try (ExplainerRuntime runtime = new ExplainerRuntime(MODEL, null, new RuntimeOptions(2, 8))) {
            MaskSession.Outputs out = runtime.maskSession(SPEC, upsampling, ScoreKind.PROBABILITY)
                    .run(
                            new Tensor(x, SPEC.batchShape(1)),
                            new Tensor(b, SPEC.batchShape(1)),
                            new Tensor(masks, k, h, w),
                            oneHot(targets, 4));

            float[] copies = new float[k * x.length];
            for (int n = 0; n < k; n++) {
                for (int y = 0; y < hh; y++) {
                    for (int xx = 0; xx < ww; xx++) {
                        double m = upsample(masks, n * h * w, h, w, y, xx, hh, ww, upsampling);
                        for (int ch = 0; ch < c; ch++) {
                            int i = (ch * hh + y) * ww + xx;
                            copies[n * x.length + i] = (float) (x[i] * m + b[i] * (1 - m));
                        }
                    }
                }
            }
            GraphOutputs expected = runtime.session(SPEC, List.of(), ScoreKind.PROBABILITY, RuleSet.standard())
                    .run(new Tensor(copies, SPEC.batchShape(k)), oneHot(targets, 4));
            assertArrayEquals(new long[] {k, 4}, out.logits().shape());
            assertTrue(worstSampleError(expected.logits(), out.logits()) < 1e-5, upsampling + " logits");
            assertTrue(
                    worstSampleError(expected.probabilities(), out.probabilities()) < 1e-5,
                    upsampling + " probabilities");
            for (int n = 0; n < k; n++) {
                assertEquals(expected.probabilities().data()[n * 4 + targets[n]], out.scores()[n], 1e-6);
            }
        }
    }

    /** The mask value at output pixel (y, x) of H x W, by the definition of each upsampling. */
    public static double upsample(
            float[] m, int offset, int h, int w, int y, int x, int hh, int ww, MaskUpsampling mode) {
        if (mode == MaskUpsampling.NEAREST) {
            int sy = Math.min(h - 1, (int) Math.floor((double) y * h / hh));
            int sx = Math.min(w - 1, (int) Math.floor((double) x * w / ww));
            return m[offset + sy * w + sx];
        }
        boolean corners = mode == MaskUpsampling.BILINEAR_ALIGN_CORNERS;
        double sy = corners ? (double) y * (h - 1) / (hh - 1) : Math.max(0, (y + 0.5) * h / hh - 0.5);
        double sx = corners ? (double) x * (w - 1) / (ww - 1) : Math.max(0, (x + 0.5) * w / ww - 0.5);
        int y0 = Math.min((int) sy, h - 1);
        int x0 = Math.min((int) sx, w - 1);
        int y1 = Math.min(y0 + 1, h - 1);
        int x1 = Math.min(x0 + 1, w - 1);
        double fy = sy - y0;
        double fx = sx - x0;
        double top = m[offset + y0 * w + x0] * (1 - fx) + m[offset + y0 * w + x1] * fx;
        double bottom = m[offset + y1 * w + x0] * (1 - fx) + m[offset + y1 * w + x1] * fx;
        return top * (1 - fy) + bottom * fy;
    }
}
