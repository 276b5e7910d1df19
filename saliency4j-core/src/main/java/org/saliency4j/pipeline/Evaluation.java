package org.saliency4j.pipeline;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.saliency4j.SaliencyException;
import org.saliency4j.image.Preprocessing;
import org.saliency4j.methods.MethodParameters;
import org.saliency4j.methods.Parameter;
import org.saliency4j.metrics.Metric;
import org.saliency4j.metrics.MetricInput;

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
    private final Consumer<MetricRow> rows;

    /**
     * @param given NAME=VALUE for every listed metric that declares NAME; each name must be declared by one
     */
    public Evaluation(
            Explainer explainer,
            Preprocessing preprocessing,
            List<String> metricNames,
            Map<String, String> given,
            Consumer<MetricRow> rows) {
        this.explainer = explainer;
        this.preprocessing = preprocessing;
        this.metrics = metricNames.stream()
                .map(String::strip)
                .distinct()
                .map(MetricRegistry::get)
                .toList();
        this.rows = rows;
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

    @Override
    public void accept(ExplainResult result) {
        MetricInput input = new MetricInput(
                explainer.runtime(),
                preprocessing,
                result.sample(),
                result.target(),
                result.explanation().map(),
                result.image() != null);
        for (Metric metric : metrics) {
            MethodParameters p = parameters.get(metric.name());
            rows.accept(new MetricRow(result, metric, p, metric.evaluate(input, p)));
        }
    }
}
