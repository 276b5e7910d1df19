package org.saliency4j.spark;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.saliency4j.methods.Targets;
import org.saliency4j.model.Layers;
import org.saliency4j.pipeline.ExplainRequest;
import org.saliency4j.pipeline.Inputs;

/**
 * What to compute for every image of a dataset, as explain and evaluate take it: methods with their
 * parameters, layers, one target for all images, the score, and the metrics (none for explain).
 *
 * @param failFast whether an unreadable image fails the job; otherwise it becomes a row with an error
 * @param parts    whether each row also carries its result's other parts ({@link ResultRows#PARTS}), for the
 *     CLI's files
 */
public record DatasetRequest(
        List<String> methods,
        Map<String, String> parameters,
        List<String> layers,
        String target,
        String score,
        List<String> metrics,
        Map<String, String> metricParameters,
        boolean failFast,
        boolean parts)
        implements Serializable {

    public DatasetRequest {
        methods = List.copyOf(methods);
        parameters = Map.copyOf(parameters);
        layers = List.copyOf(layers);
        metrics = List.copyOf(metrics);
        metricParameters = Map.copyOf(metricParameters);
    }

    /** The methods, with every other setting at its default and no metrics. */
    public static DatasetRequest of(List<String> methods) {
        return new DatasetRequest(
                methods, Map.of(), List.of(Layers.AUTO), Targets.TOP1, null, List.of(), Map.of(), false, false);
    }

    public DatasetRequest withParameters(Map<String, String> value) {
        return new DatasetRequest(methods, value, layers, target, score, metrics, metricParameters, failFast, parts);
    }

    public DatasetRequest withLayers(List<String> value) {
        return new DatasetRequest(
                methods, parameters, value, target, score, metrics, metricParameters, failFast, parts);
    }

    public DatasetRequest withTarget(String value) {
        return new DatasetRequest(
                methods, parameters, layers, value, score, metrics, metricParameters, failFast, parts);
    }

    public DatasetRequest withScore(String value) {
        return new DatasetRequest(
                methods, parameters, layers, target, value, metrics, metricParameters, failFast, parts);
    }

    public DatasetRequest withMetrics(List<String> names, Map<String, String> given) {
        return new DatasetRequest(methods, parameters, layers, target, score, names, given, failFast, parts);
    }

    public DatasetRequest withFailFast(boolean value) {
        return new DatasetRequest(methods, parameters, layers, target, score, metrics, metricParameters, value, parts);
    }

    public DatasetRequest withParts(boolean value) {
        return new DatasetRequest(
                methods, parameters, layers, target, score, metrics, metricParameters, failFast, value);
    }

    /** The library's request for these inputs of the model. */
    ExplainRequest on(Inputs inputs, ModelShipment model) {
        return ExplainRequest.of(inputs, model.preprocessing(), methods)
                .withLabels(model.labels())
                .withParameters(parameters)
                .withScore(score)
                .withLayers(layers)
                .withTargets(target);
    }
}
