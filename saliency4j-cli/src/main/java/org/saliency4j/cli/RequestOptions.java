package org.saliency4j.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.saliency4j.image.Preprocessing;
import org.saliency4j.methods.Targets;
import org.saliency4j.model.Labels;
import org.saliency4j.model.Layers;
import org.saliency4j.pipeline.ExplainRequest;
import org.saliency4j.pipeline.Inputs;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** What to explain, as explain and evaluate both take it: inputs, methods, layers, targets and parameters. */
final class RequestOptions {
    static final String DEFAULT_METHOD = "gradient";

    @ArgGroup(multiplicity = "1")
    Sources sources;

    static final class Sources {
        @Option(
                names = "--image",
                arity = "1..*",
                paramLabel = "IMAGE",
                description = "images (PNG, JPEG, BMP, GIF, TIFF, WebP)")
        List<Path> images;

        @Option(names = "--input-npy", paramLabel = "X.npy", description = "a preprocessed float32 batch [N, C, H, W]")
        Path npy;
    }

    @Option(
            names = "--method",
            split = ",",
            paramLabel = "NAME",
            description = "methods, comma-separated (default: " + DEFAULT_METHOD + "); 'saliency4j methods' lists them")
    List<String> methods;

    @Option(
            names = "--layer",
            split = ",",
            defaultValue = Layers.AUTO,
            paramLabel = "LAYER",
            description = "layer(s) for layer methods, comma-separated: tensor name, node name or auto "
                    + "(default: ${DEFAULT-VALUE}); "
                    + "several layers' maps are averaged after min-max normalisation")
    List<String> layers;

    @Option(
            names = "--target",
            defaultValue = Targets.TOP1,
            paramLabel = "TARGET",
            description =
                    "top1, a class index, a label or classes joined by | (the highest-scoring); one for all inputs "
                            + "or a comma-separated list, one per input (default: ${DEFAULT-VALUE})")
    String target;

    @Option(
            names = "--score",
            paramLabel = "KIND",
            description = "logit or probability, for every method (default: each method's own)")
    String score;

    @Option(
            names = "--param",
            paramLabel = "NAME=VALUE",
            description = "a method parameter, repeatable; applies to each listed method that declares it")
    Map<String, String> params = new LinkedHashMap<>();

    boolean images() {
        return sources.images != null;
    }

    Inputs inputs(Preprocessing preprocessing, long maxPixels) {
        return sources.images != null
                ? Inputs.ofImages(sources.images, preprocessing, maxPixels)
                : Inputs.ofNpy(sources.npy, preprocessing.input());
    }

    ExplainRequest request(Inputs inputs, Preprocessing preprocessing, Labels labels) {
        return request(inputs, preprocessing, labels, target);
    }

    ExplainRequest request(Inputs inputs, Preprocessing preprocessing, Labels labels, String targets) {
        return ExplainRequest.of(inputs, preprocessing, methods == null ? List.of(DEFAULT_METHOD) : methods)
                .withLabels(labels)
                .withParameters(params)
                .withScore(score)
                .withLayers(layers)
                .withTargets(targets);
    }
}
