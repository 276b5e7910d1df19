package org.saliency4j.spark;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.saliency4j.image.ImageLoader;
import org.saliency4j.image.PreparedImage;
import org.saliency4j.image.Preprocessing;
import org.saliency4j.methods.AttributionMethod;
import org.saliency4j.methods.Explanation;
import org.saliency4j.methods.MethodParameters;
import org.saliency4j.metrics.Metric;
import org.saliency4j.metrics.MetricResult;
import org.saliency4j.pipeline.Evaluation;
import org.saliency4j.pipeline.ExplainResult;
import org.saliency4j.pipeline.Inputs;
import org.saliency4j.pipeline.MetricRow;
import org.saliency4j.tensor.Tensor;

/**
 * Result rows, with their parts ({@link ExplanationParts}), back to the results and metric values
 * the CLI's reports take, on the driver, image by image in the rows' order (the images sorted by
 * path before the job); each image is decoded again
 * there for its overlay, so the files are the CLI's files.
 */
final class FilesOutput {
    private final DatasetExplainer explainer;
    private final DatasetRequest request;
    private final List<AttributionMethod> methods;
    private final Map<String, MethodParameters> parameters;
    private final List<String> errors = new ArrayList<>();

    FilesOutput(DatasetExplainer explainer, DatasetRequest request) {
        this.explainer = explainer;
        this.request = request;
        this.methods = explainer.methods(request);
        this.parameters = explainer.parameters(request, methods);
    }

    List<AttributionMethod> methods() {
        return methods;
    }

    /** The images that could not be read, with why. */
    List<String> errors() {
        return errors;
    }

    /** Feeds every result with its metrics, in path order and the request's method order, to the consumer. */
    void results(Dataset<Row> rows, BiConsumer<ExplainResult, List<MetricResult>> consumer) {
        Preprocessing preprocessing = explainer.preprocessing();
        Iterator<Row> sorted = rows.toLocalIterator();
        Set<String> used = new HashSet<>();
        List<Row> image = new ArrayList<>();
        int index = 0;
        while (sorted.hasNext() || !image.isEmpty()) {
            Row next = sorted.hasNext() ? sorted.next() : null;
            if (next != null && (image.isEmpty() || sameInput(image.get(0), next))) {
                image.add(next);
                continue;
            }
            Row first = image.get(0);
            String source = first.getAs(ResultRows.INPUT);
            if (first.getAs(ResultRows.ERROR) != null) {
                errors.add(source + ": " + first.getAs(ResultRows.ERROR));
            } else {
                String name = Inputs.unique(Inputs.stem(source), used);
                PreparedImage prepared = PreparedImage.prepare(
                        ImageLoader.read(
                                localPath(source), ImageLoader.DEFAULT_MAX_PIXELS, preprocessing.resizeShorterSide()),
                        preprocessing);
                for (AttributionMethod method : methods) {
                    Row r = image.stream()
                            .filter(row -> method.name().equals(row.getAs(ResultRows.METHOD)))
                            .findFirst()
                            .orElseThrow();
                    ExplanationParts.Decoded parts = decode(r);
                    consumer.accept(
                            result(index, name, source, method, r, parts.explanation(), prepared), parts.metrics());
                }
                index++;
            }
            image.clear();
            if (next != null) {
                image.add(next);
            }
        }
    }

    private ExplanationParts.Decoded decode(Row r) {
        List<Float> values = r.getList(r.fieldIndex(ResultRows.MAP));
        float[] map = new float[values.size()];
        for (int i = 0; i < map.length; i++) {
            map[i] = values.get(i);
        }
        int h = r.getAs("height");
        int w = r.getAs("width");
        List<Double> metrics = new ArrayList<>();
        for (String metric : request.metrics()) {
            metrics.add(r.getAs(metric));
        }
        return ExplanationParts.decode(
                r.getAs(ResultRows.PARTS), new Tensor(map, new long[] {h, w}), r.getAs("score"), metrics);
    }

    private ExplainResult result(
            int index,
            String name,
            String source,
            AttributionMethod method,
            Row r,
            Explanation explanation,
            PreparedImage image) {
        String layer = r.getAs("layer");
        return new ExplainResult(
                index,
                name,
                source,
                method,
                layer == null ? List.of() : List.of(layer.split(",")),
                r.getAs("target"),
                r.getAs("label"),
                parameters.get(method.name()),
                explanation,
                0,
                image,
                image.input());
    }

    /** The metric rows of a result. */
    static List<MetricRow> metricRows(ExplainResult result, List<MetricResult> values, Evaluation evaluation) {
        List<MetricRow> out = new ArrayList<>();
        for (int m = 0; m < values.size(); m++) {
            Metric metric = evaluation.metrics().get(m);
            out.add(new MetricRow(result, metric, evaluation.parameters(metric), values.get(m)));
        }
        return out;
    }

    private static boolean sameInput(Row a, Row b) {
        return a.getAs(ResultRows.INPUT).equals(b.getAs(ResultRows.INPUT));
    }

    private static Path localPath(String source) {
        return source.contains(":/") ? Path.of(URI.create(source)) : Path.of(source);
    }
}
