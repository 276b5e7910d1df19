package org.saliency4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.saliency4j.cli.Main;
import org.saliency4j.runtime.RuntimeOptions;
import org.saliency4j.tensor.Npy;

/** The dataset job on the demo model and images, in local mode, against the CLI on the same request. */
class DatasetExplainerTest {
    private static final Path MODEL =
            Path.of("..", "demo", "shapes_cnn.onnx").toAbsolutePath().normalize();
    private static final Path IMAGES =
            Path.of("..", "demo", "images").toAbsolutePath().normalize();
    private static final List<String> METHODS = List.of("gradcam", "integrated-gradients");
    private static final List<String> METRICS = List.of("deletion", "insertion");

    private static SparkSession spark;

    @BeforeAll
    static void start() {
        // two task slots, and a failed task tried once more
        spark = SparkSession.builder()
                .master("local[2,2]")
                .appName("saliency4j-test")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .getOrCreate();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static DatasetExplainer explainer(int batch) {
        return DatasetExplainer.open(spark, MODEL, null, new RuntimeOptions(1, batch), null, null);
    }

    private static DatasetRequest request() {
        return DatasetRequest.of(METHODS).withMetrics(METRICS, Map.of());
    }

    /** Each row by "image stem/method". */
    private static Map<String, Row> byResult(Dataset<Row> rows) {
        Map<String, Row> out = new TreeMap<>();
        for (Row r : rows.collectAsList()) {
            String stem =
                    Path.of(r.<String>getAs("input")).getFileName().toString().replaceFirst("\\.png$", "");
            Row old = out.put(stem + "/" + r.getAs("method"), r);
            assertNull(old, "one row per image and method: " + stem);
        }
        return out;
    }

    private static float[] map(Row r) {
        List<Float> values = r.getList(r.fieldIndex(ResultRows.MAP));
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }

    @Test
    void mapsAndMetricsAreTheClis(@TempDir Path dir) throws IOException {
        List<String> images = new ArrayList<>();
        try (var files = Files.list(IMAGES)) {
            files.sorted().forEach(f -> images.add(f.toString()));
        }
        List<String> common = new ArrayList<>(List.of("--model", MODEL.toString(), "--threads", "1"));
        common.add("--image");
        common.addAll(images);
        common.addAll(List.of("--method", String.join(",", METHODS)));
        List<String> explain = new ArrayList<>(List.of("explain"));
        explain.addAll(common);
        explain.addAll(List.of("--out", dir.resolve("explain").toString()));
        assertEquals(0, Main.run(explain.toArray(String[]::new)));
        List<String> evaluate = new ArrayList<>(List.of("evaluate"));
        evaluate.addAll(common);
        evaluate.addAll(List.of(
                "--metric",
                String.join(",", METRICS),
                "--out",
                dir.resolve("eval").toString()));
        assertEquals(0, Main.run(evaluate.toArray(String[]::new)));
        Map<String, Double> cliValues = new HashMap<>();
        for (String line : Files.readAllLines(dir.resolve("eval/metrics.csv")).subList(1, 33)) {
            String[] f = line.split(",");
            cliValues.put(f[0] + "/" + f[1] + "/" + f[3], Double.parseDouble(f[4]));
        }

        Map<String, Row> rows =
                byResult(explainer(16).explain(DatasetExplainer.images(spark, IMAGES + "/*.png"), request()));
        assertEquals(images.size() * METHODS.size(), rows.size());
        for (var e : rows.entrySet()) {
            Row r = e.getValue();
            float[] cli = Npy.read(dir.resolve("explain").resolve(e.getKey()).resolve("map.npy"))
                    .data();
            assertArrayEquals(cli, map(r), e.getKey() + ": the CLI's map, bit for bit");
            assertEquals(64 * 64, r.<Integer>getAs("height") * r.<Integer>getAs("width"));
            assertNull(r.getAs(ResultRows.ERROR));
            for (String metric : METRICS) {
                // metrics.csv prints 9 decimals
                assertEquals(cliValues.get(e.getKey() + "/" + metric), r.<Double>getAs(metric), 5e-10, metric);
            }
        }
    }

    @Test
    void resultsDoNotDependOnThePartitions() {
        Dataset<Row> images = DatasetExplainer.images(spark, IMAGES + "/*.png");
        DatasetExplainer explainer = explainer(3);
        long opened = RuntimeCache.openedCount();
        Map<String, Row> one = byResult(explainer.explain(images.coalesce(1), request()));
        for (int partitions : new int[] {2, 3}) {
            Map<String, Row> other = byResult(explainer.explain(images.repartition(partitions), request()));
            assertEquals(one.keySet(), other.keySet());
            for (String key : one.keySet()) {
                assertArrayEquals(map(one.get(key)), map(other.get(key)), key + " in " + partitions + " partitions");
                for (String metric : METRICS) {
                    assertEquals(
                            one.get(key).<Double>getAs(metric), other.get(key).<Double>getAs(metric), key);
                }
            }
        }
        // 6 tasks, at most 2 at once: a runtime per task slot, kept for the later tasks (and for other tests'
        // jobs with the same options, which may have opened them already)
        long more = RuntimeCache.openedCount() - opened;
        assertTrue(more <= 2, more + " runtimes opened");
    }

    @Test
    void anUnreadableImageIsAnErrorRow(@TempDir Path dir) throws IOException {
        try (var files = Files.list(IMAGES)) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        Files.writeString(dir.resolve("broken.png"), "not an image");
        Map<String, Row> rows = byResult(explainer(16)
                .explain(DatasetExplainer.images(spark, dir + "/*.png"), DatasetRequest.of(List.of("gradcam"))));
        assertEquals(9, rows.size());
        Row broken = rows.get("broken/null");
        assertTrue(broken.<String>getAs(ResultRows.ERROR).contains("no image reader recognises"), broken.toString());
        assertNull(broken.getAs(ResultRows.MAP));
        rows.remove("broken/null");
        rows.values().forEach(r -> assertNull(r.getAs(ResultRows.ERROR)));
        assertEquals(
                8, rows.keySet().stream().filter(k -> k.endsWith("/gradcam")).count());
    }

    @Test
    void aRetriedTaskWritesEachRowOnce(@TempDir Path dir) throws TimeoutException {
        Dataset<Row> images = DatasetExplainer.images(spark, IMAGES + "/*.png").coalesce(1);
        Path out = dir.resolve("maps.parquet");
        AtomicInteger failed = new AtomicInteger();
        spark.sparkContext().addSparkListener(new SparkListener() {
            @Override
            public void onTaskEnd(SparkListenerTaskEnd end) {
                if (!end.taskInfo().successful()) {
                    failed.incrementAndGet();
                }
            }
        });
        // the first attempt fails after its first chunk of 3 images has given rows
        explainer(3)
                .failingFirstAttemptOf(0)
                .explain(images, DatasetRequest.of(List.of("gradcam")))
                .write()
                .parquet(out.toString());
        assertTrue(Files.exists(out.resolve("_SUCCESS")));
        spark.sparkContext().listenerBus().waitUntilEmpty(10_000);
        assertEquals(1, failed.get(), "the first attempt failed");
        Map<String, Row> rows = byResult(spark.read().parquet(out.toString()));
        assertEquals(8, rows.size());
    }
}
