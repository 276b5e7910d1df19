package org.saliency4j.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.saliency4j.Version;
import org.saliency4j.image.Preprocessing;
import org.saliency4j.methods.Explanation;
import org.saliency4j.methods.MapReduction;
import org.saliency4j.methods.MethodParameters;
import org.saliency4j.model.InputSpec;
import org.saliency4j.pipeline.ExplainResult;
import org.saliency4j.pipeline.MethodRegistry;
import org.saliency4j.render.RenderOptions;
import org.saliency4j.tensor.Npy;
import org.saliency4j.tensor.Tensor;
import org.saliency4j.testing.Fixtures;

/** Every file a run writes: atomically, where the layout says, and listed in the manifest. */
class ReportTest {
    @TempDir
    Path tmp;

    @Test
    void aFileListedByTwoEntriesIsRemovedOnceWithItsFolder(@TempDir Path dir) throws IOException {
        Path shared = dir.resolve("pictures/a/m.png");
        Files.createDirectories(shared.getParent());
        Files.writeString(shared, "x");
        Manifest m = new Manifest();
        m.add(Map.of("files", Map.of("picture", "pictures/a/m.png")));
        m.add(Map.of("files", Map.of("picture", "pictures/a/m.png")));
        m.write(dir.resolve("manifest.json"));
        Manifest.removeListedFiles(dir.resolve("manifest.json"));
        assertFalse(Files.exists(dir.resolve("pictures")));
        assertFalse(Files.exists(dir.resolve("manifest.json")));
    }

    @Test
    void atomicWritesReplaceWholeFilesAndLeaveNoPartsBehind() throws IOException {
        Path file = tmp.resolve("a/b/c.bin");
        AtomicFiles.write(file, new byte[] {1, 2, 3});
        AtomicFiles.write(file, new byte[] {4, 5});
        assertArrayEquals(new byte[] {4, 5}, Files.readAllBytes(file));
        try (Stream<Path> files = Files.walk(tmp)) {
            assertEquals(List.of(file), files.filter(Files::isRegularFile).toList());
        }
    }

    @Test
    void aReportWritesEachExplanationTheManifestAndTheGrid() throws IOException {
        InputSpec spec = new InputSpec(3, 2, 2, InputSpec.Layout.NCHW);
        ExplainReport report = new ExplainReport(
                tmp,
                RenderOptions.defaults(),
                "model.onnx",
                Preprocessing.defaults(spec),
                false,
                List.of("gradient", "gradcam"));
        Tensor attribution = new Tensor(new float[] {1, -2, 3, 0, 0, 0, 0, 0, 0, 0, 0, -4}, 3, 2, 2);
        Explanation e = Explanation.ofAttribution(attribution, MapReduction.MAX_ABS, 0.25f, Map.of("k", 1));
        Explanation cam = new Explanation(
                new Tensor(new float[] {0, 1, 2, 3}, 2, 2),
                List.of(new Tensor(new float[] {5}, 1, 1)),
                null,
                0.5f,
                Map.of());
        report.accept(result(0, "input_0", "gradient", e));
        report.accept(result(0, "input_0", "gradcam", cam));
        assertEquals(2, report.finish());

        assertArrayEquals(
                new float[] {1, 2, 3, 4},
                Npy.read(tmp.resolve("input_0/gradient/map.npy")).data());
        assertArrayEquals(
                attribution.data(),
                Npy.read(tmp.resolve("input_0/gradient/attribution.npy")).data());
        assertArrayEquals(
                new float[] {5},
                Npy.read(tmp.resolve("input_0/gradcam/layerMap.npy")).data());
        assertTrue(Files.isRegularFile(tmp.resolve("input_0/gradient/attribution.png")));
        assertFalse(Files.exists(tmp.resolve("input_0/gradient/overlay.png")), "no overlay without an image");
        assertTrue(Files.isRegularFile(tmp.resolve("grid.png")));

        JsonNode manifest = Fixtures.json(tmp.resolve("manifest.json"));
        assertEquals(Version.tool(), manifest.get("tool").asText());
        assertEquals("grid.png", manifest.get("grid").asText());
        JsonNode first = manifest.get("results").get(0);
        assertEquals("X.npy[0]", first.get("input").asText());
        assertEquals(0.25, first.get("score").asDouble(), 1e-9);
        assertEquals("logit", first.get("scoreKind").asText());
        assertEquals(1, first.get("details").get("k").asInt());
        for (JsonNode entry : manifest.get("results")) {
            entry.get("files").forEach(f -> assertTrue(Files.isRegularFile(tmp.resolve(f.asText())), f.asText()));
        }
    }

    /** The I-GOS family's loss per iteration becomes one plot per method on the page, one curve per input. */
    @Test
    void thePageDrawsEachMaskOptimisationsLossPerIteration() throws IOException {
        InputSpec spec = new InputSpec(3, 2, 2, InputSpec.Layout.NCHW);
        ExplainReport report = new ExplainReport(
                tmp, RenderOptions.defaults(), "model.onnx", Preprocessing.defaults(spec), false, List.of("igos"));
        for (int n = 0; n < 3; n++) {
            Explanation e = new Explanation(
                    new Tensor(new float[] {0, 1, 2, 3}, 2, 2),
                    List.of(),
                    null,
                    0.9f,
                    Map.of("loss", List.of(1.0, 0.5 - 0.1 * n, 0.25 - 0.1 * n)));
            report.accept(result(n, "input_" + n, "igos", e));
        }
        report.finish();
        String page = Files.readString(tmp.resolve("index.html"));
        assertTrue(page.contains("<h2>Convergence</h2>"));
        assertTrue(page.contains("igos: loss per iteration"));
        assertEquals(3, page.split("class=\"curve\"", -1).length - 1);
        assertEquals(
                "probability",
                Fixtures.json(tmp.resolve("manifest.json"))
                        .get("results")
                        .get(0)
                        .get("scoreKind")
                        .asText());
    }

    /**
     * A method without a score parameter (Eigen-CAM) still gets its page, and a refined method
     * reports its base's score kind (igos+ge, ablationcam+ge: a regression once crashed the page).
     */
    @Test
    void methodsWithoutAScoreParameterAndRefinedMethodsGetTheirPage() throws IOException {
        InputSpec spec = new InputSpec(3, 2, 2, InputSpec.Layout.NCHW);
        List<String> methods = List.of("eigencam", "igos+ge", "ablationcam+ge");
        ExplainReport report = new ExplainReport(
                tmp, RenderOptions.defaults(), "model.onnx", Preprocessing.defaults(spec), false, methods);
        for (int i = 0; i < methods.size(); i++) {
            Explanation e =
                    new Explanation(new Tensor(new float[] {0, 1, 2, 3}, 2, 2), List.of(), null, 0.5f, Map.of());
            report.accept(result(0, "input_0", methods.get(i), e));
        }
        report.finish();
        assertTrue(Files.readString(tmp.resolve("index.html")).contains("score 0.5"));
        JsonNode results = Fixtures.json(tmp.resolve("manifest.json")).get("results");
        assertTrue(results.get(0).get("scoreKind").isNull());
        assertEquals("probability", results.get(1).get("scoreKind").asText());
        assertEquals("logit", results.get(2).get("scoreKind").asText());
    }

    private static ExplainResult result(int index, String input, String method, Explanation e) {
        var m = MethodRegistry.get(method);
        return new ExplainResult(
                index,
                input,
                "X.npy[" + index + "]",
                m,
                List.of(),
                1,
                "one",
                MethodParameters.of(m, Map.of()),
                e,
                0.01,
                null,
                null);
    }
}
