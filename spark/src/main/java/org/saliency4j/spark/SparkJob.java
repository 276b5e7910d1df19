package org.saliency4j.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.SparkException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.saliency4j.SaliencyException;
import org.saliency4j.methods.AttributionMethod;
import org.saliency4j.methods.Targets;
import org.saliency4j.model.Labels;
import org.saliency4j.model.Layers;
import org.saliency4j.pipeline.Evaluation;
import org.saliency4j.render.RenderOptions;
import org.saliency4j.report.EvaluationReport;
import org.saliency4j.report.ExplainReport;
import org.saliency4j.runtime.RuntimeOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The launcher's job: images in, Parquet of result rows out, with the options explain and evaluate share. */
abstract class SparkJob implements Callable<Integer> {
    /** The exit code of a job that Spark gave up on (a task failed on every attempt, say). */
    static final int JOB_FAILED = 13;

    @Option(names = "--master", defaultValue = "local[*]", description = "Spark master (default: ${DEFAULT-VALUE})")
    String master;

    @Option(names = "--model", required = true, paramLabel = "MODEL.onnx", description = "the model")
    Path model;

    @Option(
            names = "--images",
            required = true,
            paramLabel = "GLOB",
            description = "the images, as a path or glob Spark's binaryFile source reads (quote it)")
    String images;

    @Option(
            names = "--method",
            split = ",",
            defaultValue = "gradient",
            paramLabel = "NAME",
            description = "methods, comma-separated (default: ${DEFAULT-VALUE})")
    List<String> methods;

    @Option(
            names = "--layer",
            split = ",",
            defaultValue = Layers.AUTO,
            paramLabel = "LAYER",
            description = "layer(s) for layer methods (default: ${DEFAULT-VALUE})")
    List<String> layers;

    @Option(
            names = "--target",
            defaultValue = Targets.TOP1,
            paramLabel = "TARGET",
            description = "top1, a class index or a label, for every image (default: ${DEFAULT-VALUE})")
    String target;

    @Option(names = "--score", paramLabel = "KIND", description = "logit or probability, for every method")
    String score;

    @Option(names = "--param", paramLabel = "NAME=VALUE", description = "a method parameter, repeatable")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--labels", paramLabel = "FILE", description = "class names, one per line")
    Path labels;

    @Option(
            names = "--preprocess",
            paramLabel = "FILE",
            description = "the preprocessing as JSON (default: MODEL.onnx.json beside the model, if there)")
    Path preprocess;

    @Option(names = "--output", paramLabel = "NAME", description = "the model output holding the logits")
    String output;

    @Option(
            names = "--threads",
            defaultValue = "1",
            description = "ONNX Runtime threads per task; Spark runs a task per core (default: ${DEFAULT-VALUE})")
    int threads;

    @Option(
            names = "--batch-size",
            defaultValue = "" + RuntimeOptions.DEFAULT_INTERNAL_BATCH,
            description = "internal batch size, which bounds each task's memory (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--partitions", paramLabel = "N", description = "split the images into N partitions")
    Integer partitions;

    @Option(names = "--fail-fast", description = "fail the job on an unreadable image, instead of an error row")
    boolean failFast;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "the folder to write")
    Path out;

    enum Format {
        parquet,
        files
    }

    @Option(
            names = "--format",
            defaultValue = "parquet",
            paramLabel = "FORMAT",
            description = "parquet (the rows), or files: the CLI's folder layout, manifest.json and index.html, "
                    + "written on the driver from the rows (default: ${DEFAULT-VALUE})")
    Format format;

    @Option(names = "--debug", description = "print stack traces on errors")
    boolean debug;

    /** The request, from the shared options and the command's own. */
    abstract DatasetRequest request(DatasetRequest shared);

    /** Writes the CLI's files for the rows; returns how many results or values were written. */
    abstract int writeFiles(FilesOutput files, DatasetExplainer explainer, DatasetRequest request, Dataset<Row> rows);

    @Override
    public Integer call() throws Exception {
        if (Files.exists(out)) {
            throw new SaliencyException(
                    SaliencyException.Kind.IO, out + " exists already: give a new --out folder, or remove it.");
        }
        DatasetRequest request = request(DatasetRequest.of(methods)
                .withParameters(params)
                .withLayers(layers)
                .withTarget(target)
                .withScore(score)
                .withFailFast(failFast));
        SparkSession spark = SparkSession.builder()
                .master(master)
                .appName("saliency4j")
                .config("spark.ui.showConsoleProgress", "true")
                .getOrCreate();
        try (DatasetExplainer explainer = DatasetExplainer.open(
                spark,
                model,
                output,
                new RuntimeOptions(threads, batchSize),
                preprocess,
                labels == null ? null : Labels.read(labels))) {
            return write(spark, explainer, request);
        } catch (Exception e) {
            // an executor's error arrives wrapped in Spark's; its own line is the one to show
            SaliencyException cause = causeOf(e);
            if (cause != null) {
                throw cause;
            }
            if (!(e instanceof SparkException)) {
                throw e;
            }
            System.err.println("error: the Spark job failed: "
                    + e.getMessage().lines().findFirst().orElse("") + (debug ? "" : " (run with --debug for details)"));
            if (debug) {
                e.printStackTrace();
            }
            return JOB_FAILED;
        } finally {
            spark.stop();
        }
    }

    /** Runs the job and writes its output in the chosen format. */
    private int write(SparkSession spark, DatasetExplainer explainer, DatasetRequest request) {
        Dataset<Row> input = DatasetExplainer.images(spark, images);
        if (partitions != null) {
            input = input.repartition(partitions);
        }
        long t0 = System.nanoTime();
        if (format == Format.files) {
            FilesOutput files = new FilesOutput(explainer, request);
            // sorted before the job, which keeps the order (sorting its rows would run it twice, to sample
            // them), by range into as many partitions as run at once
            int slots = partitions != null ? partitions : spark.sparkContext().defaultParallelism();
            Column path = input.col(PartitionExplainer.PATH);
            Dataset<Row> sorted = input.repartitionByRange(slots, path).sortWithinPartitions(path);
            int written = writeFiles(files, explainer, request, explainer.explain(sorted, request.withParts(true)));
            files.errors().forEach(e -> System.err.println("unreadable: " + e));
            System.out.printf(
                    "wrote %d result(s), skipped %d unreadable image(s), to %s in %.1f s%n",
                    written, files.errors().size(), out, (System.nanoTime() - t0) / 1e9);
            return 0;
        }
        // Spark's committer moves each task's file into place once, and writes _SUCCESS last
        explainer.explain(input, request).write().parquet(out.toString());
        double seconds = (System.nanoTime() - t0) / 1e9;
        Dataset<Row> written = spark.read().parquet(out.toString());
        long rows = written.count();
        long errors = written.filter(written.col(ResultRows.ERROR).isNotNull()).count();
        System.out.printf(
                "wrote %d row(s), %d of them unreadable images, to %s in %.1f s%n", rows, errors, out, seconds);
        return 0;
    }

    private static SaliencyException causeOf(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SaliencyException s) {
                return s;
            }
        }
        return null;
    }

    @Command(
            name = "explain",
            mixinStandardHelpOptions = true,
            sortOptions = false,
            description = "Saliency maps of every image, one Parquet row per image and method.",
            footer = {
                "",
                "Examples:",
                "  saliency4j-spark explain --master 'local[*]' --model demo/shapes_cnn.onnx \\",
                "      --images 'demo/images/*.png' --method gradcam,gradient --out maps.parquet",
                "  saliency4j-spark explain --model m.onnx --images 'photos/*.jpg' \\",
                "      --format files --out maps"
            })
    static final class Explain extends SparkJob {
        @Override
        DatasetRequest request(DatasetRequest shared) {
            return shared;
        }

        @Override
        int writeFiles(FilesOutput files, DatasetExplainer explainer, DatasetRequest request, Dataset<Row> rows) {
            ExplainReport report = new ExplainReport(
                    out,
                    RenderOptions.defaults(),
                    model.toString(),
                    explainer.preprocessing(),
                    true,
                    files.methods().stream().map(AttributionMethod::name).toList());
            report.open();
            try {
                files.results(rows, (result, metrics) -> report.accept(result));
                return report.finish();
            } catch (RuntimeException e) {
                report.fail(e);
                throw e;
            }
        }
    }

    @Command(
            name = "evaluate",
            mixinStandardHelpOptions = true,
            sortOptions = false,
            description = "Saliency maps and their metrics: one column per metric.",
            footer = {
                "",
                "Examples:",
                "  saliency4j-spark evaluate --master 'local[2]' --model demo/shapes_cnn.onnx \\",
                "      --images 'demo/images/*.png' --method gradcam \\",
                "      --metric deletion,insertion --out eval.parquet"
            })
    static final class Evaluate extends SparkJob {
        @Option(
                names = "--metric",
                split = ",",
                required = true,
                paramLabel = "NAME",
                description = "metrics, comma-separated ('saliency4j methods' lists them)")
        List<String> metrics;

        @Option(names = "--metric-param", paramLabel = "NAME=VALUE", description = "a metric parameter, repeatable")
        Map<String, String> metricParams = new LinkedHashMap<>();

        @Override
        DatasetRequest request(DatasetRequest shared) {
            return shared.withMetrics(metrics, metricParams);
        }

        @Override
        int writeFiles(FilesOutput files, DatasetExplainer explainer, DatasetRequest request, Dataset<Row> rows) {
            Evaluation evaluation = explainer.evaluation(request);
            EvaluationReport report = new EvaluationReport(out, model.toString(), RenderOptions.defaults());
            report.open();
            try {
                files.results(
                        rows,
                        (result, metrics) -> FilesOutput.metricRows(result, metrics, evaluation)
                                .forEach(report));
                return report.finish();
            } catch (RuntimeException e) {
                report.fail(e);
                throw e;
            }
        }
    }
}
