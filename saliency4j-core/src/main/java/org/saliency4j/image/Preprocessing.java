package org.saliency4j.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.saliency4j.SaliencyException;
import org.saliency4j.model.InputSpec;
import org.saliency4j.model.Labels;
import org.saliency4j.model.OnnxModel;

/**
 * How an image becomes a model input: resize the shorter side, take a central crop, order the
 * channels, scale, subtract the mean and divide by the std, in the model's layout.
 *
 * <p>Read from JSON (a file beside the model named {@code MODEL.onnx.json}, or given with
 * {@code --preprocess}); every key is optional:
 * {@code {"size": [H, W], "resize": 256, "crop": 224, "channels": "RGB", "scale": 0.00392156862745098,
 * "mean": [0.485, 0.456, 0.406], "std": [0.229, 0.224, 0.225], "layout": "NCHW", "labels": [...]}}.
 */
public record Preprocessing(
        InputSpec input,
        int resizeShorterSide,
        int cropHeight,
        int cropWidth,
        boolean bgr,
        float scale,
        float[] mean,
        float[] std,
        List<String> labels)
        implements Serializable {

    public static final float[] IMAGENET_MEAN = {0.485f, 0.456f, 0.406f};
    public static final float[] IMAGENET_STD = {0.229f, 0.224f, 0.225f};
    private static final Set<String> KEYS =
            Set.of("size", "resize", "crop", "channels", "scale", "mean", "std", "layout", "labels");

    /**
     * The defaults for a model input: resize the shorter side to the input size, crop the centre,
     * ImageNet statistics.
     */
    /** The class names this preprocessing file gives, or none. */
    public Labels classNames() {
        return labels.isEmpty() ? Labels.none() : new Labels(labels);
    }

    public static Preprocessing defaults(InputSpec input) {
        return new Preprocessing(
                input,
                Math.max(input.height(), input.width()),
                input.height(),
                input.width(),
                false,
                1f / 255f,
                IMAGENET_MEAN.clone(),
                IMAGENET_STD.clone(),
                List.of());
    }

    /** The defaults overridden by a JSON file. */
    public static Preprocessing fromJson(Path file, OnnxModel model) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readString(file));
        } catch (IOException e) {
            throw new SaliencyException(
                    SaliencyException.Kind.BAD_OPTION,
                    "cannot read preprocessing file " + file + ": " + e.getMessage(),
                    e);
        }
        if (root == null || !root.isObject()) {
            throw bad(file, "it must hold a JSON object");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!KEYS.contains(key)) {
                throw bad(file, "unknown key '" + key + "'; known keys are " + KEYS);
            }
        }
        InputSpec.Layout layout = null;
        if (root.has("layout")) {
            String text = root.get("layout").asText();
            if (!text.equals("NCHW") && !text.equals("NHWC")) {
                throw bad(file, "layout must be NCHW or NHWC, not " + text);
            }
            layout = InputSpec.Layout.valueOf(text);
        }
        int[] size = null;
        if (root.has("size")) {
            JsonNode s = root.get("size");
            if (!s.isArray()
                    || s.size() != 2
                    || s.get(0).asInt() <= 0
                    || s.get(1).asInt() <= 0) {
                throw bad(file, "size must be [height, width], two positive whole numbers");
            }
            size = new int[] {s.get(0).asInt(), s.get(1).asInt()};
        }
        InputSpec input = InputSpec.fromDeclared(model, layout, size);
        Preprocessing d = defaults(input);
        int crop = root.has("crop") ? positive(root, "crop", file) : -1;
        String channels = root.has("channels") ? root.get("channels").asText() : "RGB";
        if (!channels.equals("RGB") && !channels.equals("BGR")) {
            throw bad(file, "channels must be RGB or BGR, not " + channels);
        }
        List<String> labels = new ArrayList<>();
        if (root.has("labels")) {
            root.get("labels").forEach(l -> labels.add(l.asText()));
        }
        return new Preprocessing(
                input,
                root.has("resize") ? positive(root, "resize", file) : d.resizeShorterSide(),
                crop > 0 ? crop : input.height(),
                crop > 0 ? crop : input.width(),
                channels.equals("BGR"),
                root.has("scale") ? (float) root.get("scale").asDouble() : d.scale(),
                root.has("mean") ? vector(root, "mean", input.channels(), file) : d.mean(),
                root.has("std") ? vector(root, "std", input.channels(), file) : d.std(),
                List.copyOf(labels));
    }

    /** The preprocessing for a model: an explicit file, else MODEL.onnx.json beside it, else defaults. */
    public static Preprocessing forModel(OnnxModel model, Path explicitFile) {
        if (explicitFile != null) {
            return fromJson(explicitFile, model);
        }
        Path beside = besideModel(model);
        return Files.isRegularFile(beside) ? fromJson(beside, model) : defaults(InputSpec.fromDeclared(model));
    }

    /** Where a model's own preprocessing file lives: MODEL.onnx.json beside it. */
    public static Path besideModel(OnnxModel model) {
        return model.path().resolveSibling(model.path().getFileName() + ".json");
    }

    private static int positive(JsonNode root, String key, Path file) {
        int v = root.get(key).asInt(-1);
        if (v <= 0) {
            throw bad(file, key + " must be a positive whole number");
        }
        return v;
    }

    private static float[] vector(JsonNode root, String key, int channels, Path file) {
        JsonNode node = root.get(key);
        if (!node.isArray() || node.size() != channels) {
            throw bad(file, key + " must be a list of " + channels + " numbers, one per channel");
        }
        float[] v = new float[channels];
        for (int i = 0; i < channels; i++) {
            v[i] = (float) node.get(i).asDouble();
        }
        if (key.equals("std")) {
            for (float s : v) {
                if (s == 0f) {
                    throw bad(file, "std must not contain zeros");
                }
            }
        }
        return v;
    }

    private static SaliencyException bad(Path file, String why) {
        return new SaliencyException(
                SaliencyException.Kind.BAD_OPTION, "preprocessing file " + file + " is not valid: " + why + ".");
    }
}
