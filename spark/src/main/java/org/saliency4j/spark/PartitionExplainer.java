package org.saliency4j.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.util.TaskCompletionListener;
import org.saliency4j.IoErrors;
import org.saliency4j.SaliencyException;
import org.saliency4j.image.ImageLoader;
import org.saliency4j.image.PreparedImage;
import org.saliency4j.image.Preprocessing;
import org.saliency4j.metrics.MetricResult;
import org.saliency4j.pipeline.Evaluation;
import org.saliency4j.pipeline.ExplainRequest;
import org.saliency4j.pipeline.ExplainResult;
import org.saliency4j.pipeline.Explainer;
import org.saliency4j.pipeline.Inputs;

/**
 * One partition's images to result rows, a chunk of the internal batch size at a time, on a runtime
 * borrowed from the executor's cache: the same library pipeline (targets, shared passes, metrics) as
 * explain and evaluate run, so the maps are the same. Rows are made lazily, so a partition's memory
 * is bounded by one chunk.
 */
final class PartitionExplainer implements MapPartitionsFunction<Row, Row> {
    /** The input rows' columns: the image's path, and optionally its bytes (as Spark's binaryFile source gives). */
    static final String PATH = "path";

    static final String CONTENT = "content";

    private final ModelShipment model;
    private final DatasetRequest request;
    /** A test hook: the partition whose first attempt fails after its first chunk, or -1. */
    private final int failFirstAttemptOf;

    PartitionExplainer(ModelShipment model, DatasetRequest request, int failFirstAttemptOf) {
        this.model = model;
        this.request = request;
        this.failFirstAttemptOf = failFirstAttemptOf;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> images) {
        RuntimeCache.Lease lease = RuntimeCache.borrow(model);
        TaskContext task = TaskContext.get();
        if (task != null) {
            task.addTaskCompletionListener((TaskCompletionListener) context -> lease.close());
        }
        return new Iterator<>() {
            private final ArrayDeque<Row> ready = new ArrayDeque<>();
            private int chunks;

            @Override
            public boolean hasNext() {
                while (ready.isEmpty() && images.hasNext()) {
                    injectFailure(task, chunks++);
                    ready.addAll(chunk(lease.explainer(), images));
                }
                return !ready.isEmpty();
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return ready.poll();
            }
        };
    }

    private void injectFailure(TaskContext task, int chunk) {
        if (task != null && chunk == 1 && task.partitionId() == failFirstAttemptOf && task.attemptNumber() == 0) {
            throw new IllegalStateException("injected failure of partition " + failFirstAttemptOf + "'s first attempt");
        }
    }

    /** The next chunk's rows: the unreadable images' error rows, then the others' results in input order. */
    private List<Row> chunk(Explainer explainer, Iterator<Row> images) {
        Preprocessing preprocessing = model.preprocessing();
        int size = model.options().internalBatchSize();
        List<Row> rows = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        List<PreparedImage> prepared = new ArrayList<>();
        while (prepared.size() < size && images.hasNext()) {
            Row image = images.next();
            String source = image.getAs(PATH);
            try {
                prepared.add(PreparedImage.prepare(
                        ImageLoader.read(
                                content(image, source),
                                source,
                                ImageLoader.DEFAULT_MAX_PIXELS,
                                preprocessing.resizeShorterSide()),
                        preprocessing));
                sources.add(source);
            } catch (SaliencyException e) {
                if (request.failFast()) {
                    throw e;
                }
                rows.add(ResultRows.failed(
                        source, e.getMessage(), request.metrics().size(), request.parts()));
            }
        }
        if (!prepared.isEmpty()) {
            rows.addAll(results(explainer, Inputs.ofPrepared(sources, prepared, preprocessing)));
        }
        return rows;
    }

    private List<Row> results(Explainer explainer, Inputs inputs) {
        ExplainRequest explain = request.on(inputs, model);
        List<ExplainResult> results = new ArrayList<>();
        // results are records of arrays: told apart by identity
        Map<ExplainResult, MetricResult[]> values = new IdentityHashMap<>();
        List<String> metrics = request.metrics();
        Evaluation evaluation = metrics.isEmpty()
                ? null
                : new Evaluation(explainer, model.preprocessing(), metrics, request.metricParameters(), null, row -> {
                    values.computeIfAbsent(row.result(), r -> new MetricResult[metrics.size()])[
                                    metrics.indexOf(row.metric().name())] =
                            row.value();
                });
        explainer.prepare(explain).run(result -> {
            results.add(result);
            if (evaluation != null) {
                evaluation.accept(result);
            }
        });
        if (evaluation != null) {
            evaluation.finish();
        }
        // image by image, each image's methods in the request's order
        results.sort(Comparator.comparingInt(ExplainResult::index));
        List<Row> rows = new ArrayList<>();
        for (ExplainResult r : results) {
            rows.add(ResultRows.of(r, List.of(values.getOrDefault(r, new MetricResult[0])), request.parts()));
        }
        return rows;
    }

    /** The image's bytes: its content column if it has one, else the file at its path. */
    private static byte[] content(Row image, String source) {
        if (Arrays.asList(image.schema().fieldNames()).contains(CONTENT)) {
            return image.getAs(CONTENT);
        }
        try {
            return Files.readAllBytes(Path.of(source));
        } catch (IOException e) {
            throw new SaliencyException(
                    SaliencyException.Kind.BAD_IMAGE, "cannot read image " + source + ": " + IoErrors.reason(e));
        }
    }
}
