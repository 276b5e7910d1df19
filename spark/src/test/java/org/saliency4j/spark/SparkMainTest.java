package org.saliency4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.saliency4j.SaliencyException;
import org.saliency4j.cli.Main;

/** The launcher end to end in local mode: Parquet rows and a success marker, and its errors' exit codes. */
class SparkMainTest {
    private static final String MODEL = Path.of("..", "demo", "shapes_cnn.onnx").toString();
    private static final String IMAGES = Path.of("..", "demo", "images").toAbsolutePath() + "/*.png";

    private static int run(String... args) {
        return Main.run(new SparkMain(), args);
    }

    @Test
    void evaluateWritesParquetRows(@TempDir Path dir) {
        Path out = dir.resolve("eval");
        String[] args = {
            "evaluate",
            "--master",
            "local[2]",
            "--model",
            MODEL,
            "--images",
            IMAGES,
            "--method",
            "gradcam,gradient",
            "--metric",
            "deletion",
            "--batch-size",
            "3",
            "--out",
            out.toString()
        };
        assertEquals(0, run(args));
        assertTrue(Files.exists(out.resolve("_SUCCESS")));
        SparkSession spark = SparkSession.builder()
                .master("local[1]")
                .config("spark.ui.enabled", "false")
                .getOrCreate();
        try {
            List<Row> rows = spark.read().parquet(out.toString()).collectAsList();
            assertEquals(16, rows.size());
            for (Row r : rows) {
                double deletion = r.getAs("deletion");
                assertTrue(deletion >= 0 && deletion <= 1, r.toString());
                assertEquals(64 * 64, r.getList(r.fieldIndex(ResultRows.MAP)).size());
            }
        } finally {
            spark.stop();
        }
        // a second run never writes into a finished one
        assertEquals(SaliencyException.Kind.IO.exitCode(), run(args));
    }

    @Test
    void badRequestsExitWithTheirCodes(@TempDir Path dir) {
        String out = dir.resolve("out").toString();
        assertEquals(
                SaliencyException.Kind.BAD_IMAGE.exitCode(),
                run(
                        "explain",
                        "--master",
                        "local[1]",
                        "--model",
                        MODEL,
                        "--images",
                        dir + "/none/*.png",
                        "--out",
                        out));
        assertEquals(
                SaliencyException.Kind.BAD_OPTION.exitCode(),
                run(
                        "explain",
                        "--master",
                        "local[1]",
                        "--model",
                        MODEL,
                        "--images",
                        IMAGES,
                        "--method",
                        "gradcm",
                        "--out",
                        out));
        assertTrue(Files.notExists(Path.of(out)));
    }

    @Test
    void filesAreTheClisFiles(@TempDir Path dir) throws IOException {
        Path spark = dir.resolve("spark");
        Path cli = dir.resolve("cli");
        String[] request = {"--model", MODEL, "--method", "gradcam,gradient", "--batch-size", "3"};
        List<String> job = new ArrayList<>(List.of("explain", "--master", "local[2]", "--images", IMAGES));
        job.addAll(List.of(request));
        job.addAll(List.of("--format", "files", "--out", spark.toString()));
        assertEquals(0, run(job.toArray(String[]::new)));
        List<String> explain = new ArrayList<>(List.of("explain", "--image"));
        try (var images = Files.list(Path.of("..", "demo", "images"))) {
            images.sorted().forEach(f -> explain.add(f.toString()));
        }
        explain.addAll(List.of(request));
        explain.addAll(List.of("--out", cli.toString()));
        assertEquals(0, Main.run(explain.toArray(String[]::new)));
        List<Path> written;
        List<Path> cliFiles;
        try (var files = Files.walk(spark);
                var others = Files.walk(cli)) {
            written = files.filter(Files::isRegularFile)
                    .map(spark::relativize)
                    .sorted()
                    .toList();
            cliFiles = others.filter(Files::isRegularFile)
                    .map(cli::relativize)
                    .sorted()
                    .toList();
        }
        // every file the CLI writes: maps, layer maps, attributions, pictures, grid, page and manifest
        assertEquals(cliFiles, written);
        for (Path file : written) {
            // the manifest also records times, and lists the results image by image, not method by method
            if (!file.endsWith("manifest.json")) {
                assertArrayEquals(
                        Files.readAllBytes(cli.resolve(file)),
                        Files.readAllBytes(spark.resolve(file)),
                        file.toString());
            }
        }
    }
}
