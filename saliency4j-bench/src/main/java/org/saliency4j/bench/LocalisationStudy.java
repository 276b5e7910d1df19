package org.saliency4j.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.saliency4j.image.Preprocessing;
import org.saliency4j.methods.MethodParameters;
import org.saliency4j.metrics.Annotations;
import org.saliency4j.metrics.ImageAnnotation;
import org.saliency4j.metrics.Localisation;
import org.saliency4j.metrics.Metric;
import org.saliency4j.metrics.MetricInput;
import org.saliency4j.model.Labels;
import org.saliency4j.pipeline.ExplainRequest;
import org.saliency4j.pipeline.ExplainResult;
import org.saliency4j.pipeline.Explainer;
import org.saliency4j.pipeline.Inputs;
import org.saliency4j.runtime.RuntimeOptions;

/**
 * Pointing game (15 px) and energy in boxes on ../shared/pointing, per (image, object class), for
 * the given methods. For each class present in an image, the target is the model's highest-scoring
 * ImageNet class among those the annotation lists for it; its boxes are that class's objects.
 * Prints one JSON line per (image, class, method).
 *
 * <pre>LocalisationStudy MODEL.onnx PREPROCESS.json ANNOTATIONS.json METHOD...</pre>
 */
public final class LocalisationStudy {
    private static final Metric POINTING = Localisation.pointingGame();
    private static final Metric ENERGY = Localisation.energyInBox();

    private LocalisationStudy() {}

    public static void main(String[] args) {
        Path file = Path.of(args[2]);
        Annotations annotations = Annotations.read(file);
        List<String> methods = Arrays.asList(args).subList(3, args.length);
        try (Explainer explainer = Explainer.open(Path.of(args[0]), null, new RuntimeOptions(2, 16))) {
            Preprocessing pre =
                    Preprocessing.fromJson(Path.of(args[1]), explainer.runtime().model());
            Labels labels = Labels.read(Path.of(args[0]).resolveSibling("imagenet_labels_1000.txt"));
            for (Path image : annotations.images()) {
                ImageAnnotation annotation = annotations.of(image);
                Inputs inputs = Inputs.ofImages(List.of(image), pre);
                Set<Set<Integer>> categories = new LinkedHashSet<>();
                annotation.objects().stream()
                        .filter(o -> !o.classes().isEmpty())
                        .forEach(o -> categories.add(o.classes()));
                for (Set<Integer> category : categories) {
                    String anyOf = String.join(
                            "|", category.stream().map(String::valueOf).toList());
                    ExplainRequest request = ExplainRequest.of(inputs, pre, methods)
                            .withLabels(labels)
                            .withTargets(anyOf);
                    explainer.run(request, r -> print(explainer, pre, annotation, r));
                }
            }
        }
    }

    private static void print(Explainer explainer, Preprocessing pre, ImageAnnotation annotation, ExplainResult r) {
        MetricInput input = MetricInput.of(
                        explainer.runtime(),
                        pre,
                        r.sample(),
                        r.target(),
                        r.explanation().map())
                .withImage(r.image())
                .withAnnotation(annotation);
        double hit = POINTING.evaluate(input, MethodParameters.of("pointing-game", POINTING.parameters(), Map.of()))
                .value();
        double energy = ENERGY.evaluate(input, MethodParameters.of("energy-in-box", ENERGY.parameters(), Map.of()))
                .value();
        System.out.printf(
                "{\"image\": \"%s\", \"target\": %d, \"label\": \"%s\", \"method\": \"%s\", \"hit\": %b, "
                        + "\"energy\": %.4f}%n",
                annotation.file(), r.target(), r.label(), r.method().name(), hit == 1, energy);
    }
}
