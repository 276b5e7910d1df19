package org.saliency4j.methods.optimisation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.saliency4j.SaliencyException;
import org.saliency4j.methods.Batch;
import org.saliency4j.methods.Explanation;
import org.saliency4j.methods.MethodParameters;
import org.saliency4j.methods.Samples;
import org.saliency4j.model.InputSpec;
import org.saliency4j.pipeline.Explainer;
import org.saliency4j.runtime.RuntimeOptions;
import org.saliency4j.tensor.Npy;
import org.saliency4j.tensor.Tensor;

/** The I-GOS family's bad input, its noise, and its independence of the batch an input comes in. */
class MaskMethodInputTest {
    static final Path DIR = Path.of("src/test/resources/methods/igos");

    static Batch batch(Explainer explainer, Tensor x, int... targets) {
        return new Batch(
                explainer.runtime(),
                explainer.preprocessing().input(),
                x,
                targets,
                List.of(),
                explainer.preprocessing());
    }

    @Test
    void aMaskLargerThanTheInputOrNoIterationsIsRefusedInOneLine() {
        try (Explainer explainer =
                Explainer.open(Path.of("../demo/shapes_cnn.onnx"), null, new RuntimeOptions(2, 16))) {
            Tensor x = new Tensor(Samples.sample(Npy.read(DIR.resolve("x.npy")), 0), 1, 3, 64, 64);
            Igos igos = new Igos();
            SaliencyException e = assertThrows(
                    SaliencyException.class,
                    () -> igos.explain(batch(explainer, x, 0), MethodParameters.of(igos, Map.of("size", "65"))));
            assertEquals(SaliencyException.Kind.BAD_OPTION, e.kind());
            assertEquals("igos: size must be at most the input's size, 64 x 64, got '65'.", e.getMessage());
            for (String name : List.of("iterations", "steps")) {
                SaliencyException bad =
                        assertThrows(SaliencyException.class, () -> MethodParameters.of(igos, Map.of(name, "0")));
                assertEquals("igos: " + name + " must be an integer from 1 to 10000, got '0'.", bad.getMessage());
            }
        }
    }

    @Test
    void aScoreThatDoesNotDependOnTheInputIsNamed() {
        try (Explainer explainer =
                Explainer.open(Path.of("src/test/resources/models/constant.onnx"), null, new RuntimeOptions(2, 16))) {
            Tensor x = new Tensor(Samples.sample(Npy.read(DIR.resolve("x.npy")), 0), 1, 3, 64, 64);
            for (MaskMethod method : List.of(new Igos(), new IgosPlus(), new IgosPlusPlus())) {
                SaliencyException e = assertThrows(
                        SaliencyException.class,
                        () -> method.explain(batch(explainer, x, 0), MethodParameters.of(method, Map.of())));
                assertEquals(SaliencyException.Kind.BAD_MODEL, e.kind());
                assertTrue(
                        e.getMessage().startsWith(method.name() + ": the target's probability does not change"),
                        e.getMessage());
            }
        }
    }

    @Test
    void theAuthorsNoiseIsTwiceSigmaOnTheFirstChannelOnly() {
        InputSpec spec = new InputSpec(3, 64, 64, InputSpec.Layout.NCHW);
        float[] authors = new float[spec.elementsPerSample()];
        new PathNoise(PathNoise.AUTHORS, 0.2, spec).fill(11, authors, 0);
        float[] all = new float[spec.elementsPerSample()];
        new PathNoise(PathNoise.ALL_CHANNELS, 0.2, spec).fill(11, all, 0);
        int hw = 64 * 64;
        for (int c = 0; c < 3; c++) {
            double authorsSd = sd(authors, c * hw, hw);
            double allSd = sd(all, c * hw, hw);
            assertEquals(c == 0 ? 0.4 : 0, authorsSd, 0.02, "authors, channel " + c);
            assertEquals(0.2, allSd, 0.01, "all channels, channel " + c);
        }
        float[] again = new float[all.length];
        new PathNoise(PathNoise.ALL_CHANNELS, 0.2, spec).fill(11, again, 0);
        assertArrayEquals(all, again);
        new PathNoise(PathNoise.ALL_CHANNELS, 0.2, spec).fill(12, again, 0);
        assertNotEquals(all[0], again[0]);
    }

    @Test
    void theAuthorsNoiseFindsTheFirstChannelInChannelsLastInputs() {
        InputSpec spec = new InputSpec(3, 64, 64, InputSpec.Layout.NHWC);
        float[] authors = new float[spec.elementsPerSample()];
        new PathNoise(PathNoise.AUTHORS, 0.2, spec).fill(11, authors, 0);
        for (int c = 0; c < 3; c++) {
            float[] channel = new float[64 * 64];
            for (int i = 0; i < channel.length; i++) {
                channel[i] = authors[i * 3 + c];
            }
            assertEquals(c == 0 ? 0.4 : 0, sd(channel, 0, channel.length), 0.02, "channel " + c);
        }
    }

    /** The mask graph's blend, noise and reverse pass in the channels-last layout give the same mask. */
    @Test
    void aChannelsLastModelGetsTheSameMask() {
        Tensor x = Npy.read(DIR.resolve("x.npy"));
        Tensor one = new Tensor(Samples.sample(x, 3), 1, 3, 64, 64);
        InputSpec nhwc = new InputSpec(3, 64, 64, InputSpec.Layout.NHWC);
        Tensor channelsLast = new Tensor(Samples.fromChw(one.data(), nhwc), 1, 64, 64, 3);
        IgosPlusPlus method = new IgosPlusPlus();
        MethodParameters p = MethodParameters.of(method, Map.of("iterations", "3", "noise", "0"));
        float[] expected;
        try (Explainer explainer =
                Explainer.open(Path.of("../demo/shapes_cnn.onnx"), null, new RuntimeOptions(2, 16))) {
            expected = method.explain(batch(explainer, one, 3), p).get(0).map().data();
        }
        try (Explainer explainer = Explainer.open(
                Path.of("src/test/resources/models/shapes_cnn_nhwc.onnx"), null, new RuntimeOptions(2, 16))) {
            assertEquals(
                    InputSpec.Layout.NHWC, explainer.preprocessing().input().layout());
            float[] actual = method.explain(batch(explainer, channelsLast, 3), p)
                    .get(0)
                    .map()
                    .data();
            assertTrue(max(expected) > 0.01, "the mask moved");
            assertArrayEquals(expected, actual, 1e-4f);
        }
    }

    static double sd(float[] v, int from, int n) {
        double mean = 0;
        for (int i = from; i < from + n; i++) {
            mean += v[i] / (double) n;
        }
        double var = 0;
        for (int i = from; i < from + n; i++) {
            var += (v[i] - mean) * (v[i] - mean) / n;
        }
        return Math.sqrt(var);
    }

    /** The noise is seeded by each input's content: an input's map is its own in any batch. */
    @Test
    void anInputGetsTheSameMaskAloneAndInABatch() {
        try (Explainer explainer =
                Explainer.open(Path.of("../demo/shapes_cnn.onnx"), null, new RuntimeOptions(2, 16))) {
            Tensor x = Npy.read(DIR.resolve("x.npy"));
            Tensor pair = new Tensor(Arrays.copyOf(x.data(), 2 * 3 * 64 * 64), 2, 3, 64, 64);
            Tensor second = new Tensor(Samples.sample(x, 1), 1, 3, 64, 64);
            IgosPlusPlus method = new IgosPlusPlus();
            MethodParameters p = MethodParameters.of(method, Map.of("iterations", "3"));
            Explanation together =
                    method.explain(batch(explainer, pair, 0, 1), p).get(1);
            Explanation alone = method.explain(batch(explainer, second, 1), p).get(0);
            assertEquals(together.details().get("noiseSeed"), alone.details().get("noiseSeed"));
            assertEquals(together.details().get("step"), alone.details().get("step"));
            float[] a = together.map().data();
            float[] b = alone.map().data();
            for (int i = 0; i < a.length; i++) {
                assertEquals(a[i], b[i], 1e-5);
            }
        }
    }

    /** A mask of the input's own size is upsampled by the identity: the map is the layer map. */
    @Test
    void aMaskAtTheInputsResolutionIsItsOwnMap() {
        try (Explainer explainer =
                Explainer.open(Path.of("../demo/shapes_cnn.onnx"), null, new RuntimeOptions(2, 16))) {
            Tensor x = new Tensor(Samples.sample(Npy.read(DIR.resolve("x.npy")), 2), 1, 3, 64, 64);
            Igos igos = new Igos();
            Explanation e = igos.explain(
                            batch(explainer, x, 2),
                            MethodParameters.of(igos, Map.of("size", "64", "iterations", "2", "baseline", "black")))
                    .get(0);
            assertEquals(
                    List.of(64L, 64L),
                    List.of(e.layerMaps().get(0).dim(0), e.layerMaps().get(0).dim(1)));
            assertArrayEquals(e.layerMaps().get(0).data(), e.map().data(), 1e-6f);
            assertTrue(e.map().data().length == 64 * 64 && max(e.map().data()) > 0, "the mask moved");
        }
    }

    static float max(float[] v) {
        float m = Float.NEGATIVE_INFINITY;
        for (float f : v) {
            m = Math.max(m, f);
        }
        return m;
    }
}
