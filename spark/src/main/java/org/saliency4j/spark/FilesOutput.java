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
 * Result rows back to the results the CLI's reports take, on the driver, image by image in path
 * order: each image is decoded again there for its overlay, so the files are the CLI's files for
 * what the rows hold (the map, target, label, score and metric values; not the input-level
 * attribution, the layer maps, a method's details or a metric's curve, which the rows do not carry).
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

    /** Feeds every result with its row, in path order and the request's method order, to the consumer. */
    void results(Dataset<Row> rows, BiConsumer<ExplainResult, Row> consumer) {
        Preprocessing preprocessing = explainer.preprocessing();
        Iterator<Row> sorted = rows.orderBy(ResultRows.INPUT).toLocalIterator();
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
                    consumer.accept(result(index, name, source, method, r, prepared), r);
                }
                index++;
            }
            image.clear();
            if (next != null) {
                image.add(next);
            }
        }
    }

    private ExplainResult result(
            int index, String name, String source, AttributionMethod method, Row r, PreparedImage image) {
        String layer = r.getAs("layer");
        List<Float> values = r.getList(r.fieldIndex(ResultRows.MAP));
        float[] map = new float[values.size()];
        for (int i = 0; i < map.length; i++) {
            map[i] = values.get(i);
        }
        int h = r.getAs("height");
        int w = r.getAs("width");
        Explanation explanation =
                new Explanation(new Tensor(map, new long[] {h, w}), List.of(), null, r.getAs("score"), Map.of());
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

    /** The metric rows of a result, from its row's metric columns. */
    static List<MetricRow> metricRows(ExplainResult result, Row r, Evaluation evaluation) {
        List<MetricRow> out = new ArrayList<>();
        for (Metric m : evaluation.metrics()) {
            Double value = r.getAs(m.name());
            MetricResult v = value == null ? MetricResult.notApplicable("not applicable") : MetricResult.of(value);
            out.add(new MetricRow(result, m, evaluation.parameters(m), v));
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
