package org.saliency4j.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.saliency4j.methods.Targets;
import org.saliency4j.tensor.Tensor;

/** Test helpers: fixture paths, ../shared, and per-sample relative comparisons. */
public final class Fixtures {
    public static final Path MODELS = Path.of("src/test/resources/models");

    private Fixtures() {}

    /** ../shared, as Maven passes it; tests that need it say so in their names. */
    public static Path shared() {
        Path p = Path.of(System.getProperty("saliency4j.shared", "../../shared"));
        assertTrue(
                Files.isDirectory(p.resolve("models")),
                "../shared is needed beside the repository (looked in " + p.toAbsolutePath() + ")");
        return p;
    }

    public static Path demo() {
        return Path.of("..", "demo");
    }

    public static JsonNode json(Path file) {
        try {
            return new ObjectMapper().readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }

    /** One-hot [N, K] weights for the targets. */
    public static Tensor oneHot(int[] targets, int classes) {
        return Targets.oneHot(targets, classes, 1);
    }

    /** The worst per-sample relative error: max |a - e| / max |e| within each sample of the batch. */
    public static double worstSampleError(Tensor expected, Tensor actual) {
        assertTrue(
                Arrays.equals(expected.shape(), actual.shape()),
                "shapes differ: " + Arrays.toString(expected.shape()) + " vs " + Arrays.toString(actual.shape()));
        int n = (int) expected.dim(0);
        int per = expected.size() / n;
        double worst = 0;
        for (int s = 0; s < n; s++) {
            double scale = 0;
            double diff = 0;
            for (int i = s * per; i < (s + 1) * per; i++) {
                scale = Math.max(scale, Math.abs(expected.data()[i]));
                double d = Math.abs(expected.data()[i] - actual.data()[i]);
                diff = Double.isNaN(d) ? Double.POSITIVE_INFINITY : Math.max(diff, d);
            }
            worst = Math.max(worst, diff / Math.max(scale, 1e-30));
        }
        return worst;
    }
}
