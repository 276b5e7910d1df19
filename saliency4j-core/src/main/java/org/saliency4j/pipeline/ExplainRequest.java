package org.saliency4j.pipeline;

import java.util.List;
import java.util.Map;
import org.saliency4j.image.Preprocessing;
import org.saliency4j.methods.Targets;
import org.saliency4j.model.Labels;
import org.saliency4j.model.Layers;

/**
 * What to explain: the inputs with their preprocessing, the methods, and the settings they share.
 *
 * @param labels     class names, for targets given by label and for the results
 * @param methods    method names, each optionally METHOD+SUFFIX for a refinement
 * @param parameters NAME=VALUE for every chosen method that declares NAME; each name must be declared by one
 * @param score      logit or probability for every method that has a score, or null for each method's own
 * @param layers     layer names (tensor, node or auto) for layer methods
 * @param targets    top1, a class index or a label; one for all inputs, or a comma-separated list of one per input
 */
public record ExplainRequest(
        Inputs inputs,
        Preprocessing preprocessing,
        Labels labels,
        List<String> methods,
        Map<String, String> parameters,
        String score,
        List<String> layers,
        String targets) {

    public ExplainRequest {
        methods = methods.stream().map(String::strip).toList();
        parameters = Map.copyOf(parameters);
        layers = layers.stream().map(String::strip).toList();
    }

    /** The methods on the inputs, with every other setting at its default. */
    public static ExplainRequest of(Inputs inputs, Preprocessing preprocessing, List<String> methods) {
        return new ExplainRequest(
                inputs, preprocessing, Labels.none(), methods, Map.of(), null, List.of(Layers.AUTO), Targets.TOP1);
    }

    public ExplainRequest withLabels(Labels value) {
        return new ExplainRequest(inputs, preprocessing, value, methods, parameters, score, layers, targets);
    }

    public ExplainRequest withParameters(Map<String, String> value) {
        return new ExplainRequest(inputs, preprocessing, labels, methods, value, score, layers, targets);
    }

    public ExplainRequest withScore(String value) {
        return new ExplainRequest(inputs, preprocessing, labels, methods, parameters, value, layers, targets);
    }

    public ExplainRequest withLayers(List<String> value) {
        return new ExplainRequest(inputs, preprocessing, labels, methods, parameters, score, value, targets);
    }

    public ExplainRequest withTargets(String value) {
        return new ExplainRequest(inputs, preprocessing, labels, methods, parameters, score, layers, value);
    }
}
