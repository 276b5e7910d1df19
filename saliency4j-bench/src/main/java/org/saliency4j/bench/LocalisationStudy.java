package org.saliency4j.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.saliency4j.image.ImageLoader;
import org.saliency4j.image.PreparedImage;
import org.saliency4j.image.Preprocessing;
import org.saliency4j.methods.Explainer;
import org.saliency4j.methods.Explanation;
import org.saliency4j.metrics.Box;
import org.saliency4j.metrics.Localisation;
import org.saliency4j.model.Labels;
import org.saliency4j.runtime.RuntimeOptions;
import org.saliency4j.tensor.Tensor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pointing game (15 px) and energy in boxes on ../shared/pointing, per (image, object class), for
 * the given methods. For each class present in an image, the target is the model's highest-scoring
 * ImageNet class among those the annotation lists for it; its boxes are that class's objects.
 * Prints one JSON line per (image, class, method).
 *
 * <pre>LocalisationStudy MODEL.onnx PREPROCESS.json ANNOTATIONS.json METHOD...</pre>
 */
public final class LocalisationStudy {
    private LocalisationStudy() {
    }

    public static void main(String[] args) throws IOException {
        Path annotations = Path.of(args[2]);
        JsonNode root = new ObjectMapper().readTree(annotations.toFile());
        try (Explainer explainer = Explainer.open(Path.of(args[0]), null, new RuntimeOptions(2, 16))) {
            Preprocessing pre = Preprocessing.fromJson(Path.of(args[1]), explainer.runtime().model());
            Labels labels = Labels.read(Path.of(args[0]).resolveSibling("imagenet_labels_1000.txt"));
            for (JsonNode image : root.get("images")) {
                PreparedImage prepared = PreparedImage.prepare(ImageLoader.read(annotations.resolveSibling(image.get("file").asText())), pre);
                Tensor x = Tensor.stack(List.of(prepared.input()));
                float[] logits = explainer.logits(pre.input(), x).data();
                for (Map.Entry<String, List<Box>> category : categories(image).entrySet()) {
                    int target = bestOf(category.getKey(), logits);
                    for (int m = 3; m < args.length; m++) {
                        Explanation e = explainer.explain(args[m], explainer.batch(pre, x, new int[]{target}, List.of()), Map.of()).get(0);
                        int h = (int) e.map().dim(0);
                        int w = (int) e.map().dim(1);
                        float[] onImage = prepared.mapToOriginal(e.map().data(), h, w);
                        int width = prepared.original().getWidth();
                        int height = prepared.original().getHeight();
                        boolean hit = Localisation.pointingHit(onImage, height, width, category.getValue(), Localisation.POINTING_TOLERANCE);
                        double energy = Localisation.energyInBoxes(onImage, height, width, category.getValue());
                        System.out.printf("{\"image\": \"%s\", \"target\": %d, \"label\": \"%s\", \"method\": \"%s\", \"hit\": %b, \"energy\": %.4f}%n",
                                image.get("file").asText(), target, labels.name(target), args[m], hit, energy);
                    }
                }
            }
        }
    }

    /** Boxes grouped by the ImageNet classes they stand for (objects with none are skipped). */
    private static Map<String, List<Box>> categories(JsonNode image) {
        Map<String, List<Box>> byClasses = new LinkedHashMap<>();
        for (JsonNode object : image.get("objects")) {
            if (object.get("imagenet_classes").isEmpty()) {
                continue;
            }
            JsonNode b = object.get("bbox");
            byClasses.computeIfAbsent(object.get("imagenet_classes").toString(), k -> new ArrayList<>())
                    .add(new Box(b.get(0).asDouble(), b.get(1).asDouble(), b.get(2).asDouble(), b.get(3).asDouble()));
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
