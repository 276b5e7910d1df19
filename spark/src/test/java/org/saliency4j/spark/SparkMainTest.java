package org.saliency4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
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
}
