package org.saliency4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.saliency4j.image.ImageLoader;
import org.saliency4j.image.PreparedImage;
import org.saliency4j.image.Preprocessing;
import org.saliency4j.pipeline.Explainer;
import org.saliency4j.tensor.Npy;
import org.saliency4j.tensor.Tensor;

/**
 * evaluate --annotations on the demo scenes: each image is explained for its annotated shape, and the
 * pointing game and energy in box equal their definitions computed here on explain's maps.
 */
class LocalisationEvaluateTest {
    private static final String ANNOTATIONS = "../demo/annotations.json";
    private static final List<String> NAMES = List.of("00_disc", "01_square", "02_triangle", "03_cross");

    @TempDir
    Path tmp;

    @Test
    void pointingAndEnergyEqualTheirDefinitionsOnExplainsMaps() throws IOException {
        Path eval = tmp.resolve("eval");
        Path maps = tmp.resolve("maps");
        List<String> images =
                NAMES.stream().map(n -> "../demo/images/" + n + ".png").toList();
        List<String> args = new ArrayList<>(List.of("--model", CliTest.MODEL, "--method", "gradient"));
        args.add("--image");
        args.addAll(images);
        // an explicit target: the class each demo image shows
        assertEquals(
                0,
                CliTest.run(concat(List.of("explain"), args, List.of("--target", "0,1,2,3", "--out", maps.toString())))
                        .code());
        assertEquals(
                0,
                CliTest.run(concat(
                                List.of("evaluate"),
                                args,
                                List.of(
                                        "--annotations",
                                        ANNOTATIONS,
                                        "--target",
                                        "annotated",
                                        "--metric",
                                        "pointing-game,energy-in-box",
                                        "--out",
                                        eval.toString())))
                        .code());
        JsonNode annotations = new ObjectMapper().readTree(Path.of(ANNOTATIONS).toFile());
        Map<String, JsonNode> boxes = new HashMap<>();
        for (JsonNode image : annotations.get("images")) {
            boxes.put(
                    Path.of(image.get("file").asText()).getFileName().toString().replace(".png", ""),
                    image.get("objects").get(0).get("bbox"));
        }
        List<String> rows = Files.readAllLines(eval.resolve("metrics.csv"));
        assertEquals(1 + 2 * NAMES.size(), rows.size());
        try (Explainer explainer = Explainer.open(Path.of(CliTest.MODEL))) {
            Preprocessing pre = explainer.preprocessing();
            for (String row : rows.subList(1, rows.size())) {
                String[] f = row.split(",");
                assertEquals(NAMES.indexOf(f[0]), Integer.parseInt(f[2]), "the annotated class is the target: " + row);
                PreparedImage image =
                        PreparedImage.prepare(ImageLoader.read(Path.of("../demo/images/" + f[0] + ".png")), pre);
                Tensor map = Npy.read(maps.resolve(f[0] + "/gradient/map.npy"));
                float[] m = image.mapToOriginal(map.data(), (int) map.dim(0), (int) map.dim(1));
                int w = image.original().getWidth();
                JsonNode b = boxes.get(f[0]);
                double value = Double.parseDouble(f[4]);
                if (f[3].equals("pointing-game")) {
                    assertEquals(pointingHit(m, w, b) ? 1 : 0, value, row);
                } else {
                    assertEquals(energy(m, w, b), value, 1e-6, row);
                }
            }
        }
        List<String> summary = Files.readAllLines(eval.resolve("summary.csv"));
        assertTrue(
                summary.get(1).startsWith("gradient,pointing-game,4,")
                        && summary.get(1).endsWith(",classes"),
                summary.get(1));
    }

    @Test
    void localisationNeedsAnnotationsAndAReadableFile() throws IOException {
        Path out = tmp.resolve("bad");
        String[] base = {
            "evaluate", "--model", CliTest.MODEL, "--image", "../demo/images/00_disc.png", "--out", out.toString()
        };
        CliTest.Run r = CliTest.run(concat(List.of(base), List.of(), List.of("--metric", "pointing-game")));
        assertEquals(2, r.code());
        assertTrue(r.err().contains("pointing-game needs the images' objects: give --annotations FILE."), r.err());
        r = CliTest.run(concat(List.of(base), List.of(), List.of("--metric", "sparseness", "--target", "annotated")));
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--target annotated needs --image and --annotations FILE."), r.err());
        r = CliTest.run(
                concat(List.of(base), List.of(), List.of("--metric", "pointing-game", "--annotations", "nope.json")));
        assertEquals(9, r.code());
        assertTrue(r.err().contains("annotations file nope.json does not exist."), r.err());
        Path broken = tmp.resolve("broken.json");
        Files.writeString(broken, "{\"images\": [{\"file\": \"a.png\", \"objects\": [{\"bbox\": [1, 2]}]}]}");
        r = CliTest.run(concat(
                List.of(base), List.of(), List.of("--metric", "pointing-game", "--annotations", broken.toString())));
        assertEquals(2, r.code());
        assertTrue(r.err().contains("is not valid: an object of a.png has no 'bbox' [x, y, width, height]."), r.err());
        r = CliTest.run(concat(
                List.of(base),
                List.of(),
                List.of("--metric", "pointing-game", "--annotations", broken.toString(), "--target", "annotated")));
        assertEquals(2, r.code());
        Path other = tmp.resolve("other.json");
        Files.writeString(other, "{\"images\": []}");
        r = CliTest.run(concat(
                List.of(base),
                List.of(),
                List.of("--metric", "pointing-game", "--annotations", other.toString(), "--target", "annotated")));
        assertEquals(8, r.code());
        assertTrue(r.err().contains("has no annotated object with a class in"), r.err());
        Path npy = tmp.resolve("x.npy");
        Files.write(npy, Npy.toBytes(new Tensor(new float[3 * 64 * 64], 1, 3, 64, 64)));
        r = CliTest.run(
                "evaluate",
                "--model",
                CliTest.MODEL,
                "--input-npy",
                npy.toString(),
                "--annotations",
                ANNOTATIONS,
                "--metric",
                "pointing-game",
                "--out",
                out.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--annotations describes images: give them with --image"), r.err());
        assertFalse(Files.exists(out));
    }

    /** TorchRay's rule: the first maximum lies less than 15 px from a pixel whose centre is in the box. */
    private static boolean pointingHit(float[] m, int w, JsonNode b) {
        int best = 0;
        for (int i = 1; i < m.length; i++) {
            best = m[i] > m[best] ? i : best;
        }
        for (int i = 0; i < m.length; i++) {
            double dx = i % w - best % w;
            double dy = i / w - best / w;
            if (inBox(i % w + 0.5, i / w + 0.5, b) && dx * dx + dy * dy < 15 * 15) {
                return true;
            }
        }
        return false;
    }

    private static double energy(float[] m, int w, JsonNode b) {
        double inside = 0;
        double total = 0;
        for (int i = 0; i < m.length; i++) {
            double v = Math.max(0, m[i]);
            total += v;
            inside += inBox(i % w + 0.5, i / w + 0.5, b) ? v : 0;
        }
        return inside / total;
    }

    private static boolean inBox(double x, double y, JsonNode b) {
        return x >= b.get(0).asDouble()
                && x <= b.get(0).asDouble() + b.get(2).asDouble()
                && y >= b.get(1).asDouble()
                && y <= b.get(1).asDouble() + b.get(3).asDouble();
    }

    private static String[] concat(List<String> a, List<String> b, List<String> c) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        all.addAll(c);
        return all.toArray(String[]::new);
    }
}
