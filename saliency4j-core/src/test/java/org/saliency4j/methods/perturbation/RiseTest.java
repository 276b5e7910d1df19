package org.saliency4j.methods.perturbation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.saliency4j.methods.Explanation;
import org.saliency4j.methods.Samples;
import org.saliency4j.runtime.GraphOutputs;
import org.saliency4j.tensor.Npy;
import org.saliency4j.tensor.Tensor;
import org.saliency4j.testing.Fixtures;

/** RISE's masks against the authors' generator (scikit-image), and its sum against the formula. */
class RiseTest extends DemoInputs {
    @Test
    void masksAreTheAuthorsResizeAndCrop() {
        JsonNode cases = Fixtures.json(DIR.resolve("rise_masks.json"));
        Tensor expected = Npy.read(DIR.resolve("rise_masks.npy"));
        for (int i = 0; i < cases.size(); i++) {
            JsonNode c = cases.get(i);
            int cells = c.get("cells").asInt();
            boolean[] grid = new boolean[cells * cells];
            for (int j = 0; j < grid.length; j++) {
                grid[j] = c.get("grid").get(j).asInt() == 1;
            }
            float[] mask = new float[64 * 64];
            new RiseMasks(cells, 0.5, 64, 64)
                    .mask(grid, c.get("dy").asInt(), c.get("dx").asInt(), mask, 0);
            float[] want = expected.slice(i).data();
            for (int j = 0; j < mask.length; j++) {
                assertEquals(want[j], mask[j], 1e-6, "case " + i + ", pixel " + j);
            }
        }
    }

    /** The method's sum, against the same masks blended in Java and run through the plain forward pass. */
    @Test
    void saliencyIsTheNormalisedScoreWeightedSumOfItsMasks() {
        int count = 40;
        for (String normalisation : List.of("expectation", "mask-sum")) {
            List<Explanation> out = run(
                    "rise", Map.of("masks", "" + count, "cells", "5", "keep", "0.3", "normalisation", normalisation));
            for (int n = 0; n < 2; n++) {
                long seed = (Long) out.get(n).details().get("seed");
                float[] expected = formula(n, seed, count, normalisation.equals("expectation"));
                float[] actual = out.get(n).map().data();
                double scale = 0;
                for (float v : expected) {
                    scale = Math.max(scale, Math.abs(v));
                }
                for (int j = 0; j < actual.length; j++) {
                    assertEquals(expected[j], actual[j], 1e-5 * scale, normalisation + ", input " + n + ", pixel " + j);
                }
            }
        }
    }

    private static float[] formula(int n, long seed, int count, boolean expectation) {
        int area = 64 * 64;
        float[] x = Samples.sample(DemoInputs.x, n);
        SplittableRandom random = new SplittableRandom(seed);
        RiseMasks generator = new RiseMasks(5, 0.3, 64, 64);
        float[] masks = new float[count * area];
        float[] copies = new float[count * x.length];
        for (int i = 0; i < count; i++) {
            generator.draw(random, masks, i * area);
            for (int c = 0; c < 3; c++) {
                for (int j = 0; j < area; j++) {
                    copies[i * x.length + c * area + j] = x[c * area + j] * masks[i * area + j];
                }
            }
        }
        GraphOutputs forward = explainer.runtime().forward(spec, new Tensor(copies, count, 3, 64, 64));
        double[] weighted = new double[area];
        double[] coverage = new double[area];
        for (int i = 0; i < count; i++) {
            double p = forward.probabilities().data()[i * 4 + targets[n]];
            for (int j = 0; j < area; j++) {
                weighted[j] += p * masks[i * area + j];
                coverage[j] += masks[i * area + j];
            }
        }
        float[] map = new float[area];
        for (int j = 0; j < area; j++) {
            map[j] = (float) (weighted[j] / (expectation ? count * 0.3 : coverage[j]));
        }
        return map;
    }
}
