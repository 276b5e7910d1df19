package org.saliency4j.runtime;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.saliency4j.testing.Fixtures.worstSampleError;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.saliency4j.autodiff.MaskUpsampling;
import org.saliency4j.autodiff.ScoreKind;
import org.saliency4j.methods.Samples;
import org.saliency4j.model.InputSpec;
import org.saliency4j.model.OnnxModel;
import org.saliency4j.tensor.Npy;
import org.saliency4j.tensor.Tensor;
import org.saliency4j.testing.Fixtures;

/**
 * The mask optimiser's graph against float64 autograd in PyTorch (tools/fixtures/make_igos_fixtures.py):
 * a deletion row and an insertion row of three noisy copies each, U = up(masks) * up(factors).
 */
class MaskOptimisationSessionTest {
    static final Path DIR = Path.of("src/test/resources/methods/igos");
    static final OnnxModel MODEL = OnnxModel.load(Path.of("../demo/shapes_cnn.onnx"));
    static final InputSpec SPEC = InputSpec.fromDeclared(MODEL);

    /** A chunk of 2 copies splits each row's three; 16 takes both rows at once. */
    @ParameterizedTest
    @ValueSource(ints = {2, 16})
    void scoresAndMaskGradientsAgreeWithFloat64Autograd(int chunk) {
        Tensor x = Npy.read(DIR.resolve("x.npy"));
        int per = SPEC.elementsPerSample();
        Tensor b = Npy.read(DIR.resolve("baseline.npy"));
        Tensor images = Samples.batch(new float[][] {Samples.sample(x, 0), Samples.sample(b, 1)}, SPEC);
        Tensor substrates = Samples.batch(new float[][] {Samples.sample(b, 0), Samples.sample(x, 1)}, SPEC);
        Tensor noise = Npy.read(DIR.resolve("graph_noise.npy"));
        int[] targets =
                Fixtures.ints(Fixtures.json(DIR.resolve("expected.json")).get("graphTargets"));
        float[] weights = new float[6 * 4];
        for (int copy = 0; copy < 6; copy++) {
            weights[copy * 4 + targets[copy / 3]] = 1;
        }
        MaskOptimisationSession.CopyNoise copyNoise =
                (row, copy, into, offset) -> System.arraycopy(noise.data(), (row * 3 + copy) * per, into, offset, per);
        try (ExplainerRuntime runtime = new ExplainerRuntime(MODEL, null, new RuntimeOptions(2, chunk))) {
            MaskOptimisationSession.Outputs out = runtime.maskOptimisationSession(
                            SPEC, MaskUpsampling.BILINEAR_ALIGN_CORNERS, ScoreKind.PROBABILITY, new int[] {7, 7})
                    .run(
                            images,
                            substrates,
                            Npy.read(DIR.resolve("graph_masks.npy")),
                            Npy.read(DIR.resolve("graph_factors.npy")),
                            copyNoise,
                            new Tensor(weights, 6, 4));
            assertClose(Npy.read(DIR.resolve("graph_probabilities.npy")), out.probabilities(), 1e-5);
            assertClose(Npy.read(DIR.resolve("graph_mask_gradient.npy")), out.maskGradients(), 1e-4);
            assertClose(Npy.read(DIR.resolve("graph_factor_gradient.npy")), out.factorGradients(), 1e-4);
        }
    }

    static void assertClose(Tensor expected, Tensor actual, double tolerance) {
        double error = worstSampleError(expected, actual);
        assertTrue(error < tolerance, "relative error " + error);
    }
}
