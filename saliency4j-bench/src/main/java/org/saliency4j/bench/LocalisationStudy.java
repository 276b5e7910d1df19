package org.saliency4j.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.saliency4j.image.Preprocessing;
import org.saliency4j.metrics.Box;
import org.saliency4j.metrics.Localisation;
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
    private LocalisationStudy() {}

    public static void main(String[] args) throws IOException {
        Path annotations = Path.of(args[2]);
        JsonNode root = new ObjectMapper().readTree(annotations.toFile());
        List<String> methods = Arrays.asList(args).subList(3, args.length);
        try (Explainer explainer = Explainer.open(Path.of(args[0]), null, new RuntimeOptions(2, 16))) {
            Preprocessing pre =
                    Preprocessing.fromJson(Path.of(args[1]), explainer.runtime().model());
            Labels labels = Labels.read(Path.of(args[0]).resolveSibling("imagenet_labels_1000.txt"));
            for (JsonNode image : root.get("images")) {
                Inputs inputs = Inputs.ofImages(
                        List.of(annotations.resolveSibling(image.get("file").asText())), pre);
                float[] logits = explainer
                        .logits(pre.input(), inputs.chunk(0, 1).inputs())
                        .data();
                for (Map.Entry<String, List<Box>> category : categories(image).entrySet()) {
                    int target = bestOf(category.getKey(), logits);
                    ExplainRequest request = ExplainRequest.of(inputs, pre, methods)
                            .withLabels(labels)
                            .withTargets(Integer.toString(target));
                    explainer.run(request, r -> print(image.get("file").asText(), r, category.getValue()));
                }
            }
        }
    }

    private static void print(String file, ExplainResult r, List<Box> boxes) {
        int h = (int) r.explanation().map().dim(0);
        int w = (int) r.explanation().map().dim(1);
        float[] onImage = r.image().mapToOriginal(r.explanation().map().data(), h, w);
        int width = r.image().original().getWidth();
        int height = r.image().original().getHeight();
        boolean hit = Localisation.pointingHit(onImage, height, width, boxes, Localisation.POINTING_TOLERANCE);
        double energy = Localisation.energyInBoxes(onImage, height, width, boxes);
        System.out.printf(
                "{\"image\": \"%s\", \"target\": %d, \"label\": \"%s\", \"method\": \"%s\", \"hit\": %b, "
                        + "\"energy\": %.4f}%n",
                file, r.target(), r.label(), r.method().name(), hit, energy);
    }

    /** Boxes grouped by the ImageNet classes they stand for (objects with none are skipped). */
    private static Map<String, List<Box>> categories(JsonNode image) {
        Map<String, List<Box>> byClasses = new LinkedHashMap<>();
        for (JsonNode object : image.get("objects")) {
            if (object.get("imagenet_classes").isEmpty()) {
                continue;
            }
            JsonNode b = object.get("bbox");
            byClasses
                    .computeIfAbsent(object.get("imagenet_classes").toString(), k -> new ArrayList<>())
                    .add(new Box(
                            b.get(0).asDouble(),
                            b.get(1).asDouble(),
                            b.get(2).asDouble(),
                            b.get(3).asDouble()));
        }
        return byClasses;
    }

    private static int bestOf(String classesJson, float[] logits) {
        int best = -1;
        for (String part : classesJson.replaceAll("[\\[\\] ]", "").split(",")) {
            int k = Integer.parseInt(part);
            if (best < 0 || logits[k] > logits[best]) {
                best = k;
            }
        }
        return best;
    }
}
