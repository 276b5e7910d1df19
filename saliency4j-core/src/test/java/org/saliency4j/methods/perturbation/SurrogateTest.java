package org.saliency4j.methods.perturbation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.saliency4j.image.Preprocessing;
import org.saliency4j.methods.Batch;
import org.saliency4j.methods.MethodParameters;
import org.saliency4j.tensor.Npy;
import org.saliency4j.tensor.Tensor;

/**
 * LIME and KernelSHAP: the fitted coefficients on a fixed design against Captum's Lime and
 * KernelShap fed the same rows, and against the lime package's definition in float64; the draws'
 * distributions; and SLIC's superpixels.
 */
class SurrogateTest extends DemoInputs {
    static double[][] design(String name) {
        Tensor t = Npy.read(DIR.resolve("surrogate_" + name + "_design.npy"));
        int rows = (int) t.dim(0);
        int features = (int) t.dim(1);
        double[][] out = new double[rows][features];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < features; j++) {
                out[r][j] = t.data()[r * features + j];
            }
        }
        return out;
    }

    static void assertCoefficients(String fixture, SurrogateMethod method, Map<String, String> params, String rows) {
        Tensor expected = Npy.read(DIR.resolve("surrogate_" + fixture + ".npy"));
        Batch batch = explainer.batch(Preprocessing.defaults(spec), x, targets, List.of());
        MaskedCopies copies = new MaskedCopies(batch);
        Superpixels grid = Superpixels.grid(64, 64, 16);
        for (int n = 0; n < 2; n++) {
            double[] fitted = method.fit(batch, copies, n, MethodParameters.of(method, params), grid, design(rows))
                    .coefficients();
            float[] want = expected.slice(n).data();
            double scale = 0;
            for (float v : want) {
                scale = Math.max(scale, Math.abs(v));
            }
            for (int j = 0; j < fitted.length; j++) {
                assertEquals(want[j], fitted[j], 1e-4 * scale, fixture + ", input " + n + ", feature " + j);
            }
        }
    }

    @Test
    void limeWithCaptumsDistanceFitsAsCaptumsLime() {
        assertCoefficients(
                "captum_lime", new Lime(), Map.of("score", "logit", "distance", "input", "segments", "16"), "lime");
    }

    @Test
    void limeByDefaultFitsAsTheLimePackageDefinesIt() {
        assertCoefficients("lime_package", new Lime(), Map.of("segments", "16"), "lime");
    }

    @Test
    void kernelShapFitsAsCaptumsKernelShap() {
        assertCoefficients("captum_shap", new KernelShap(), Map.of("segments", "16"), "shap");
    }

    /** KernelSHAP's rows: k ones with probability proportional to (M - 1) / (k (M - k)). */
    @Test
    void kernelShapDrawsSubsetSizesByTheShapleyKernel() {
        int features = 6;
        double[][] rows = new KernelShap()
                .design(
                        new SplittableRandom(3),
                        features,
                        MethodParameters.of(new KernelShap(), Map.of("samples", "40002")));
        assertEquals(features, rows[0].length);
        int[] counts = new int[features + 1];
        for (int r = 2; r < rows.length; r++) {
            int k = 0;
            for (double v : rows[r]) {
                k += (int) v;
            }
            counts[k]++;
        }
        double total = 0;
        for (int k = 1; k < features; k++) {
            total += (features - 1.0) / (k * (features - k));
        }
        assertEquals(0, counts[0] + counts[features]);
        for (int k = 1; k < features; k++) {
            double expected = (features - 1.0) / (k * (features - k)) / total;
            assertEquals(expected, counts[k] / 40000.0, 0.01, "share of rows with " + k + " ones");
        }
    }

    /** Two flat halves split at a vertical edge: no superpixel crosses it, and each is connected. */
    @Test
    void slicSuperpixelsFollowEdgesAndAreConnected() {
        int size = 64;
        float[] image = new float[3 * size * size];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    image[(c * size + y) * size + x] = x < 37 ? 0.1f * (c + 1) : 0.9f - 0.2f * c;
                }
            }
        }
        Superpixels s = Slic.segment(image, 3, size, size, 16);
        assertTrue(s.count() >= 10 && s.count() <= 24, "about 16 superpixels, got " + s.count());
        Set<Integer> left = new HashSet<>();
        Set<Integer> right = new HashSet<>();
        for (int i = 0; i < s.labels().length; i++) {
            (i % size < 37 ? left : right).add(s.labels()[i]);
        }
        left.retainAll(right);
        assertEquals(Set.of(), left, "superpixels crossing the edge");
        for (int label = 0; label < s.count(); label++) {
            assertEquals(1, components(s.labels(), size, label), "superpixel " + label + " is one piece");
        }
    }

    private static int components(int[] labels, int size, int label) {
        boolean[] seen = new boolean[labels.length];
        int count = 0;
        for (int start = 0; start < labels.length; start++) {
            if (labels[start] != label || seen[start]) {
                continue;
            }
            count++;
            ArrayDeque<Integer> queue = new ArrayDeque<>(List.of(start));
            seen[start] = true;
            while (!queue.isEmpty()) {
                int i = queue.poll();
                for (int n :
                        new int[] {i - size, i + size, i % size > 0 ? i - 1 : -1, i % size < size - 1 ? i + 1 : -1}) {
                    if (n >= 0 && n < labels.length && !seen[n] && labels[n] == label) {
                        seen[n] = true;
                        queue.add(n);
                    }
                }
            }
        }
        return count;
    }
}
