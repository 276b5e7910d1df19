package org.saliency4j.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.saliency4j.IoErrors;
import org.saliency4j.SaliencyException;
import org.saliency4j.image.Preprocessing;
import org.saliency4j.methods.AttributionMethod;
import org.saliency4j.methods.MethodParameters;
import org.saliency4j.model.Labels;
import org.saliency4j.pipeline.Evaluation;
import org.saliency4j.pipeline.ExplainRequest;
import org.saliency4j.pipeline.Explainer;
import org.saliency4j.pipeline.Inputs;
import org.saliency4j.runtime.RuntimeOptions;

/**
 * Explains and evaluates the images of a Spark dataset with one model.
 *
 * <pre>{@code
 * DatasetExplainer explainer = DatasetExplainer.open(spark, Path.of("model.onnx"), null, options, null, null);
 * Dataset<Row> images = DatasetExplainer.images(spark, "photos/*.jpg");
 * Dataset<Row> maps = explainer.explain(images, DatasetRequest.of(List.of("gradcam")));
 * }</pre>
 *
 * The model's bytes are broadcast once; each executor compiles a runtime per task slot and keeps it
 * for every task it runs ({@link RuntimeCache}); the plan maps partitions only, with no shuffle.
 */
public final class DatasetExplainer implements AutoCloseable {
    private final SparkSession spark;
    private final ModelShipment model;
    private final Explainer driver;
    private int failFirstAttemptOf = -1;

    private DatasetExplainer(SparkSession spark, ModelShipment model, Explainer driver) {
        this.spark = spark;
        this.model = model;
        this.driver = driver;
    }

    /**
     * Reads the model and what lies beside it (preprocessing, labels) on the driver, which checks
     * each request before any task runs, and broadcasts its bytes.
     *
     * @param output the model output holding the logits; null for the first
     * @param preprocess the preprocessing file; null for MODEL.onnx.json beside the model, or the defaults
     * @param labels the class names; null for those the preprocessing file gives, if any
     */
    public static DatasetExplainer open(
            SparkSession spark, Path modelFile, String output, RuntimeOptions options, Path preprocess, Labels labels) {
        Explainer driver = Explainer.open(modelFile, output, options);
        Preprocessing preprocessing = Preprocessing.forModel(driver.runtime().model(), preprocess);
        Labels names = labels != null ? labels : preprocessing.classNames();
        byte[] bytes = read(modelFile);
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        ModelShipment model =
                new ModelShipment(context.broadcast(bytes), sha256(bytes), output, options, preprocessing, names);
        return new DatasetExplainer(spark, model, driver);
    }

    /** The image files a glob matches, as Spark's binaryFile source reads them: path and content. */
    public static Dataset<Row> images(SparkSession spark, String glob) {
        try {
            return spark.read()
                    .format("binaryFile")
                    .load(glob)
                    .select(PartitionExplainer.PATH, PartitionExplainer.CONTENT);
        } catch (Exception e) {
            if (e instanceof AnalysisException) {
                throw new SaliencyException(
                        SaliencyException.Kind.BAD_IMAGE,
                        "no image matches " + glob + ": give a path or glob of images.");
            }
            throw e;
        }
    }

    /**
     * Result rows ({@link ResultRows#schema}) for every image and method, and every metric's value
     * when the request names metrics. The images need a {@code path} column, and a {@code content}
     * column with their bytes unless every executor can read the paths.
     */
    public Dataset<Row> explain(Dataset<Row> images, DatasetRequest request) {
        check(request);
        return images.mapPartitions(
                new PartitionExplainer(model, request, failFirstAttemptOf),
                Encoders.row(ResultRows.schema(request.metrics(), request.parts())));
    }

    /** Closes the driver's copy of the model; the executors keep theirs for later jobs. */
    @Override
    public void close() {
        driver.close();
    }

    /** Test hook: the given partition's first attempt fails after its first chunk. */
    DatasetExplainer failingFirstAttemptOf(int partition) {
        failFirstAttemptOf = partition;
        return this;
    }

    public SparkSession spark() {
        return spark;
    }

    /** The model's preprocessing, as the executors apply it. */
    public Preprocessing preprocessing() {
        return model.preprocessing();
    }

    /** The request's methods, each once, in the order given. */
    List<AttributionMethod> methods(DatasetRequest request) {
        return driver.prepare(explainRequest(request)).methods();
    }

    /** Each method's parameters, as the executors run it. */
    Map<String, MethodParameters> parameters(DatasetRequest request, List<AttributionMethod> methods) {
        return Explainer.parametersOf(methods, explainRequest(request));
    }

    /** The request's metrics with their parameters, checked. */
    Evaluation evaluation(DatasetRequest request) {
        return new Evaluation(
                driver, model.preprocessing(), request.metrics(), request.metricParameters(), null, row -> {});
    }

    /** Methods, parameters, layers, target and metrics checked on the driver, so a typo fails before any task. */
    private void check(DatasetRequest request) {
        evaluation(request).requireMethodsFor(methods(request));
    }

    /** The request with no inputs, for the driver's checks. */
    private ExplainRequest explainRequest(DatasetRequest request) {
        return request.on(Inputs.ofPrepared(List.of(), List.of(), model.preprocessing()), model);
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new SaliencyException(SaliencyException.Kind.IO, "cannot read " + file + ": " + IoErrors.reason(e));
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
