package org.saliency4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.saliency4j.image.Preprocessing;
import org.saliency4j.methods.MethodParameters;
import org.saliency4j.metrics.Metric;
import org.saliency4j.metrics.MetricInput;
import org.saliency4j.metrics.PerturbationCurve;
import org.saliency4j.pipeline.Explainer;
import org.saliency4j.pipeline.Inputs;
import org.saliency4j.runtime.RuntimeOptions;
import org.saliency4j.tensor.Npy;
import org.saliency4j.tensor.Tensor;

/** evaluate end to end: its tables hold what the library's metrics give on explain's own maps. */
class EvaluateTest {
    static final String MODEL = CliTest.MODEL;
    static final String[] IMAGES = {
        "../demo/images/00_disc.png", "../demo/images/01_square.png", "../demo/images/02_triangle.png"
    };

    @TempDir
    Path tmp;

    @Test
    void theTablesHoldTheMetricsOfExplainsMaps() throws IOException {
        Path eval = tmp.resolve("eval");
        Path maps = tmp.resolve("maps");
        String[] common = {"--model", MODEL, "--image", IMAGES[0], IMAGES[1], IMAGES[2], "--method", "gradcam,gradient"
        };
        assertEquals(
                0,
                CliTest.run(concat(new String[] {"evaluate"}, common, new String[] {
                            "--metric",
                            "deletion,insertion",
                            "--metric-param",
                            "auc=trapezoid",
                            "--out",
                            eval.toString()
                        }))
                        .code());
        assertEquals(
                0,
                CliTest.run(concat(new String[] {"explain"}, common, new String[] {"--out", maps.toString()}))
                        .code());

        List<String> rows = Files.readAllLines(eval.resolve("metrics.csv"));
        assertEquals("input,method,target,metric,value", rows.get(0));
        assertEquals(1 + 3 * 2 * 2, rows.size());
        try (Explainer explainer = Explainer.open(Path.of(MODEL), null, new RuntimeOptions(2, 16))) {
            Preprocessing pre = explainer.preprocessing();
            for (String row : rows.subList(1, rows.size())) {
                String[] f = row.split(",");
                int index = List.of("00_disc", "01_square", "02_triangle").indexOf(f[0]);
                Tensor x = Inputs.ofImages(List.of(Path.of(IMAGES[index])), pre)
                        .chunk(0, 1)
                        .inputs();
                Tensor map = Npy.read(maps.resolve(f[0] + "/" + f[1] + "/map.npy"));
                Metric metric = f[3].equals("deletion") ? PerturbationCurve.deletion() : PerturbationCurve.insertion();
                double expected = metric.evaluate(
                                MetricInput.of(explainer.runtime(), pre, x, Integer.parseInt(f[2]), map),
                                MethodParameters.of(f[3], metric.parameters(), Map.of()))
                        .value();
                assertEquals(expected, Double.parseDouble(f[4]), 1e-8 + 1e-7 * Math.abs(expected), row);
            }
        }

        List<String> summary = Files.readAllLines(eval.resolve("summary.csv"));
        assertEquals("method,metric,n,mean,std,ci_low,ci_high,mean_over", summary.get(0));
        for (String line : summary.subList(1, summary.size())) {
            String[] f = line.split(",");
            double mean = rows.stream()
                    .skip(1)
                    .map(r -> r.split(","))
                    .filter(r -> r[1].equals(f[0]) && r[3].equals(f[1]))
                    .mapToDouble(r -> Double.parseDouble(r[4]))
                    .average()
                    .orElseThrow();
            assertEquals(3, Integer.parseInt(f[2]));
            assertEquals(mean, Double.parseDouble(f[3]), 1e-8);
            assertTrue(Double.parseDouble(f[5]) <= mean && mean <= Double.parseDouble(f[6]), line);
        }
        JsonNode manifest =
                new ObjectMapper().readTree(eval.resolve("manifest.json").toFile());
        assertTrue(manifest.get("complete").asBoolean());
        JsonNode first = manifest.get("results").get(0);
        Tensor curve = Npy.read(eval.resolve(first.get("files").get("curve").asText()));
        assertEquals(2, curve.dim(0));
        assertEquals(0f, curve.data()[0]);
        assertEquals(1f, curve.data()[(int) curve.dim(1) - 1]);

        // the same run again gives the same tables, byte for byte (the bootstrap is seeded)
        byte[] before = Files.readAllBytes(eval.resolve("summary.csv"));
        assertEquals(
                0,
                CliTest.run(concat(new String[] {"evaluate"}, common, new String[] {
                            "--metric", "deletion,insertion", "--out", eval.toString()
                        }))
                        .code());
        assertArrayEquals(before, Files.readAllBytes(eval.resolve("summary.csv")));
    }

    @Test
    void givenMapsGiveTheSameValuesAsTheMethodsThatMadeThem() throws IOException {
        Path maps = tmp.resolve("maps");
        String[] images = {"--image", IMAGES[0], IMAGES[1], IMAGES[2]};
        String[] metrics = {"--metric", "deletion,sparseness,pointing-game", "--annotations", "../demo/annotations.json"
        };
        String[] model = {"--model", MODEL};
        assertEquals(
                0,
                CliTest.run(concat(new String[] {"explain"}, model, images, new String[] {
                            "--method", "gradcam,gradient", "--target", "2", "--out", maps.toString()
                        }))
                        .code());
        Path computed = tmp.resolve("computed");
        assertEquals(
                0,
                CliTest.run(concat(new String[] {"evaluate"}, model, images, metrics, new String[] {
                            "--method", "gradcam,gradient", "--target", "2", "--out", computed.toString()
                        }))
                        .code());
        // an explain folder: its methods and targets
        Path fromFolder = tmp.resolve("folder");
        assertEquals(
                0,
                CliTest.run(concat(new String[] {"evaluate"}, model, images, metrics, new String[] {
                            "--maps", maps.toString(), "--out", fromFolder.toString()
                        }))
                        .code());
        assertEquals(
                Files.readString(computed.resolve("metrics.csv")), Files.readString(fromFolder.resolve("metrics.csv")));
        // a stacked .npy: one method, named after the file, for the given targets
        Path stacked = tmp.resolve("theirs.npy");
        Files.write(
                stacked,
                Npy.toBytes(Tensor.stack(List.of(
                        Npy.read(maps.resolve("00_disc/gradient/map.npy")),
                        Npy.read(maps.resolve("01_square/gradient/map.npy")),
                        Npy.read(maps.resolve("02_triangle/gradient/map.npy"))))));
        Path fromNpy = tmp.resolve("npy");
        assertEquals(
                0,
                CliTest.run(concat(new String[] {"evaluate"}, model, images, metrics, new String[] {
                            "--maps", stacked.toString(), "--target", "2", "--out", fromNpy.toString()
                        }))
                        .code());
        List<String> expected = Files.readAllLines(computed.resolve("metrics.csv")).stream()
                .filter(r -> r.contains(",gradient,"))
                .map(r -> r.replace(",gradient,", ",theirs,"))
                .toList();
        assertEquals(
                expected, Files.readAllLines(fromNpy.resolve("metrics.csv")).subList(1, 1 + expected.size()));

        Path bad = tmp.resolve("bad");
        CliTest.Run r =
                CliTest.run(concat(new String[] {"evaluate"}, model, new String[] {"--image", IMAGES[0]}, new String[] {
                    "--maps", stacked.toString(), "--metric", "deletion", "--out", bad.toString()
                }));
        assertEquals(6, r.code());
        assertTrue(r.err().contains("holds maps of shape [3, 64, 64]; give one map per input, [1, 64, 64]"), r.err());
        r = CliTest.run(concat(new String[] {"evaluate"}, model, images, new String[] {
            "--maps", stacked.toString(), "--method", "gradient", "--metric", "deletion", "--out", bad.toString()
        }));
        assertEquals(2, r.code());
        assertTrue(r.err().contains("give --method or --maps, not both."), r.err());
        r = CliTest.run(concat(new String[] {"evaluate"}, model, images, new String[] {
            "--maps", maps.toString(), "--metric", "random-logit", "--out", bad.toString()
        }));
        assertEquals(2, r.code());
        assertTrue(r.err().contains("random-logit runs the method again, which given maps cannot"), r.err());
        assertFalse(Files.exists(bad));
    }

    @Test
    void unknownMetricsAndParametersFailBeforeAnythingIsWritten() {
        Path out = tmp.resolve("bad");
        CliTest.Run r = CliTest.run(
                "evaluate", "--model", MODEL, "--image", IMAGES[0], "--metric", "deletionn", "--out", out.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("unknown metric 'deletionn'; known metrics: deletion, insertion"), r.err());
        r = CliTest.run(
                "evaluate",
                "--model",
                MODEL,
                "--image",
                IMAGES[0],
                "--metric",
                "deletion",
                "--metric-param",
                "auc=simpson",
                "--out",
                out.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("deletion: auc must be trapezoid, igos or igos-legacy, got 'simpson'."), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void pictureOptionsAreCheckedBeforeAnythingIsWritten() {
        Path out = tmp.resolve("pictures");
        CliTest.Run r = CliTest.run(
                "explain", "--model", MODEL, "--image", IMAGES[0], "--clip-percentile", "20", "--out", out.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("the clip percentile must be from 50 to 100, not 20.0."), r.err());
        r = CliTest.run(
                "evaluate",
                "--model",
                MODEL,
                "--image",
                IMAGES[0],
                "--metric",
                "sparseness",
                "--outside",
                "blur",
                "--out",
                out.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--outside must be dim or crop, not 'blur'."), r.err());
        assertFalse(Files.exists(out));
    }

    private static String[] concat(String[]... parts) {
        return Arrays.stream(parts).flatMap(Arrays::stream).toArray(String[]::new);
    }
}
