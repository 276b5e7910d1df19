package org.saliency4j.pipeline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.saliency4j.SaliencyException;
import org.saliency4j.image.Preprocessing;
import org.saliency4j.methods.AttributionMethod;
import org.saliency4j.methods.Batch;
import org.saliency4j.methods.MethodParameters;
import org.saliency4j.methods.Parameter;
import org.saliency4j.metrics.Annotations;
import org.saliency4j.metrics.MapSource;
import org.saliency4j.metrics.Metric;
import org.saliency4j.metrics.MetricInput;
import org.saliency4j.metrics.MetricResult;
import org.saliency4j.tensor.Tensor;

/**
 * Metrics of each explanation as the pipeline streams it: fed the results of an {@link ExplainRun},
 * it hands every (input, method, metric) value on. Metric names and parameters are checked when it
 * is made, before anything runs.
 */
public final class Evaluation implements Consumer<ExplainResult> {
    private final Explainer explainer;
    private final Preprocessing preprocessing;
    private final List<Metric> metrics;
    private final Map<String, MethodParameters> parameters;
    private final Annotations annotations;
    private final Consumer<MetricRow> rows;
    private final List<ExplainResult> pending = new ArrayList<>();
    private int pendingChunk;

    /**
     * @param given       NAME=VALUE for every listed metric that declares NAME; each name must be declared by one
     * @param annotations the images' objects, for the localisation metrics; null when none are given
     */
    public Evaluation(
            Explainer explainer,
            Preprocessing preprocessing,
            List<String> metricNames,
            Map<String, String> given,
            Annotations annotations,
            Consumer<MetricRow> rows) {
        this.explainer = explainer;
        this.preprocessing = preprocessing;
        this.metrics = MetricRegistry.resolve(metricNames);
        this.annotations = annotations;
        this.rows = rows;
        for (Metric m : metrics) {
            if (m.needsAnnotations() && annotations == null) {
                throw new SaliencyException(
                        SaliencyException.Kind.BAD_OPTION,
                        m.name() + " needs the images' objects: give --annotations FILE.");
            }
        }
        for (String name : given.keySet()) {
            if (metrics.stream()
                    .noneMatch(m -> m.parameters().stream().map(Parameter::name).anyMatch(name::equals))) {
                throw new SaliencyException(
                        SaliencyException.Kind.BAD_OPTION, "no chosen metric has a parameter '" + name + "'.");
            }
        }
        this.parameters = new LinkedHashMap<>();
        for (Metric m : metrics) {
            Map<String, String> own = new LinkedHashMap<>();
            given.forEach((name, value) -> {
                if (m.parameters().stream().map(Parameter::name).anyMatch(name::equals)) {
                    own.put(name, value);
                }
            });
            parameters.put(m.name(), MethodParameters.of(m.name(), m.parameters(), own));
        }
    }

    public List<Metric> metrics() {
        return metrics;
    }

    /** A metric's parameters, the given ones and its defaults. */
    public MethodParameters parameters(Metric metric) {
        return parameters.get(metric.name());
    }

    /**
     * Takes one result; the metrics run when its chunk of the run is complete, so that a metric can
     * share work across the chunk's inputs (a randomised model built once for all of them).
     */
    @Override
    public void accept(ExplainResult result) {
        int chunk = result.index() / explainer.runtime().options().internalBatchSize();
        if (!pending.isEmpty() && chunk != pendingChunk) {
            finish();
        }
        pendingChunk = chunk;
        pending.add(result);
    }

    /** Measures the results not yet measured; call it once the run is done. */
    public void finish() {
        List<MetricInput> inputs = pending.stream().map(this::inputOf).toList();
        MetricResult[][] values = new MetricResult[inputs.size()][metrics.size()];
        for (int m = 0; m < metrics.size(); m++) {
            Metric metric = metrics.get(m);
            List<MetricResult> all = metric.evaluateAll(inputs, parameters.get(metric.name()));
            for (int i = 0; i < inputs.size(); i++) {
                values[i][m] = all.get(i);
            }
        }
        for (int i = 0; i < inputs.size(); i++) {
            for (int m = 0; m < metrics.size(); m++) {
                Metric metric = metrics.get(m);
                rows.accept(new MetricRow(pending.get(i), metric, parameters.get(metric.name()), values[i][m]));
            }
        }
        pending.clear();
    }

    private MetricInput inputOf(ExplainResult result) {
        return MetricInput.of(
                        explainer.runtime(),
                        preprocessing,
                        result.sample(),
                        result.target(),
                        result.explanation().map())
                .withImage(result.image())
                .withAnnotation(
                        annotations == null || result.image() == null ? null : annotations.of(Path.of(result.source())))
                .withMaps(GivenMaps.isGiven(result.method()) ? null : mapsOf(result));
    }

    /** Fails, before anything runs, when a metric must run a method again and the maps were given. */
    public void requireMethodsFor(List<AttributionMethod> methods) {
        for (Metric m : metrics) {
            if (m.needsMethod() && methods.stream().anyMatch(GivenMaps::isGiven)) {
                throw new SaliencyException(
                        SaliencyException.Kind.BAD_OPTION,
                        m.name() + " runs the method again, which given maps cannot: use --method, not --maps.");
            }
        }
    }

    /** The result's method with its parameters and layers, run a chunk of the internal batch size at a time. */
    private MapSource mapsOf(ExplainResult result) {
        return (runtime, inputs, targets) -> {
            int chunk = runtime.options().internalBatchSize();
            int n = (int) inputs.dim(0);
            List<Tensor> maps = new ArrayList<>();
            for (int start = 0; start < n; start += chunk) {
                int end = Math.min(n, start + chunk);
                Batch batch = new Batch(
                        runtime,
                        preprocessing.input(),
                        inputs.rows(start, end),
                        Arrays.copyOfRange(targets, start, end),
                        result.layers(),
                        preprocessing);
                result.method().explain(batch, result.parameters()).forEach(e -> maps.add(e.map()));
            }
            return maps;
        };
    }
}
