package org.saliency4j.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.saliency4j.IoErrors;
import org.saliency4j.SaliencyException;

/**
 * The object annotations of a set of images, in the format of the pointing data: {@code images},
 * each with its {@code file} (relative to the annotations file), optional {@code width} and
 * {@code height} of the stored file, optional {@code mask} (a label image) with the
 * {@code mask_values} of the image's objects, and {@code objects}, each with a {@code bbox} [x, y,
 * width, height] in the stored file's pixels, the {@code classes} (or {@code imagenet_classes})
 * whose saliency should point into it, and an optional {@code name}.
 */
public final class Annotations {
    private final Path file;
    private final Map<Path, ImageAnnotation> byImage;

    private Annotations(Path file, Map<Path, ImageAnnotation> byImage) {
        this.file = file;
        this.byImage = byImage;
    }

    public static Annotations read(Path file) {
        JsonNode root;
        try (InputStream in = Files.newInputStream(file)) {
            root = new ObjectMapper().readTree(in);
        } catch (NoSuchFileException e) {
            throw new SaliencyException(SaliencyException.Kind.IO, "annotations file " + file + " does not exist.");
        } catch (IOException e) {
            throw invalid(file, "it is not JSON (" + IoErrors.reason(e) + ")");
        }
        if (root == null || !root.path("images").isArray()) {
            throw invalid(file, "it has no list 'images'");
        }
        Path folder = file.toAbsolutePath().getParent();
        Map<Path, ImageAnnotation> byImage = new LinkedHashMap<>();
        for (JsonNode image : root.get("images")) {
            if (!image.path("file").isTextual()) {
                throw invalid(file, "an image has no 'file'");
            }
            String name = image.get("file").asText();
            List<AnnotatedObject> objects = new ArrayList<>();
            for (JsonNode object : image.path("objects")) {
                objects.add(object(file, name, object));
            }
            Path mask = image.path("mask").isTextual()
                    ? folder.resolve(image.get("mask").asText()).normalize()
                    : null;
            ImageAnnotation annotation = new ImageAnnotation(
                    name,
                    image.path("width").asInt(0),
                    image.path("height").asInt(0),
                    objects,
                    mask,
                    ints(file, name, image.path("mask_values")));
            byImage.put(folder.resolve(name).normalize(), annotation);
        }
        return new Annotations(file, byImage);
    }

    /** The annotation of an image file, or null when it has none. */
    public ImageAnnotation of(Path image) {
        return byImage.get(image.toAbsolutePath().normalize());
    }

    /**
     * The target text of each image: the classes its objects list, joined by "|", so that each
     * image is explained for the annotated class it scores highest.
     */
    public String targets(List<Path> images) {
        List<String> parts = new ArrayList<>();
        for (Path image : images) {
            ImageAnnotation annotation = of(image);
            if (annotation == null || annotation.classes().isEmpty()) {
                throw new SaliencyException(
                        SaliencyException.Kind.BAD_TARGET,
                        "image " + image + " has no annotated object with a class in " + file
                                + "; give its target with --target, or annotate it.");
            }
            parts.add(String.join(
                    "|", annotation.classes().stream().map(String::valueOf).toList()));
        }
        return String.join(",", parts);
    }

    /** The annotated image files, in the file's order. */
    public List<Path> images() {
        return List.copyOf(byImage.keySet());
    }

    public Path file() {
        return file;
    }

    private static AnnotatedObject object(Path file, String image, JsonNode object) {
        JsonNode box = object.path("bbox");
        if (!box.isArray()
                || box.size() != 4
                || !box.get(2).isNumber()
                || !box.get(3).isNumber()) {
            throw invalid(file, "an object of " + image + " has no 'bbox' [x, y, width, height]");
        }
        JsonNode classes = object.has("classes") ? object.get("classes") : object.path("imagenet_classes");
        return new AnnotatedObject(
                object.path("name").asText(""),
                new Box(
                        box.get(0).asDouble(),
                        box.get(1).asDouble(),
                        box.get(2).asDouble(),
                        box.get(3).asDouble()),
                ints(file, image, classes));
    }

    private static Set<Integer> ints(Path file, String image, JsonNode list) {
        Set<Integer> out = new LinkedHashSet<>();
        for (JsonNode v : list) {
            if (!v.canConvertToInt()) {
                throw invalid(file, "a class or mask value of " + image + " is not an integer: " + v);
            }
            out.add(v.asInt());
        }
        return out;
    }

    private static SaliencyException invalid(Path file, String why) {
        return new SaliencyException(
                SaliencyException.Kind.BAD_OPTION, "annotations file " + file + " is not valid: " + why + ".");
    }
}
