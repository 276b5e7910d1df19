package org.saliency4j.metrics;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.saliency4j.autodiff.MaskUpsampling;
import org.saliency4j.autodiff.ScoreKind;
import org.saliency4j.methods.MethodParameters;
import org.saliency4j.methods.Parameter;
import org.saliency4j.model.InputSpec;
import org.saliency4j.tensor.Maps;
import org.saliency4j.tensor.Tensor;

/**
 * The target's softmax probability on the image multiplied by its min-max normalised map (O)
 * against the probability on the image itself (Y), per image:
 * <ul>
 *   <li>average-drop (Grad-CAM++, Chattopadhay et al. 2018): max(0, Y - O) / Y; lower is better;</li>
 *   <li>increase-in-confidence (the same paper): 1 when O > Y, else 0; higher is better;</li>
 *   <li>average-gain (Opti-CAM, Zhang et al. 2024): max(0, O - Y) / (1 - Y); higher is better.</li>
 * </ul>
 * The means over images are the papers' numbers (as fractions, not percent). {@code space=pixel}
 * multiplies the image's pixels, as the papers do: in the model's input space that is a blend with
 * a black image through the same preprocessing; {@code space=input} multiplies the model's input
 * itself. {@code auto} takes pixel for images and input for tensors.
 */
public final class ConfidenceChange extends BaseMetric {
    private enum Kind {
        AVERAGE_DROP(
                "average-drop",
                "max(0, Y - O) / Y (Grad-CAM++), Y the target's probability, O that on the image times its "
                        + "min-max normalised map",
                false),
        INCREASE_IN_CONFIDENCE(
                "increase-in-confidence",
                "1 when O > Y, else 0 (Grad-CAM++); its mean is the paper's percentage / 100",
                true),
        AVERAGE_GAIN("average-gain", "max(0, O - Y) / (1 - Y) (Opti-CAM)", true);

        final String name;
        final String description;
        final boolean higherIsBetter;

        Kind(String name, String description, boolean higherIsBetter) {
            this.name = name;
            this.description = description;
            this.higherIsBetter = higherIsBetter;
        }
    }

    private final Kind kind;

    private ConfidenceChange(Kind kind) {
        super(
                kind.name,
                kind.description,
                kind.higherIsBetter,
                List.of(Parameter.choice(
                        "space", "auto", "what the map multiplies: auto, pixel or input", "auto", "pixel", "input")));
        this.kind = kind;
    }

    public static ConfidenceChange averageDrop() {
        return new ConfidenceChange(Kind.AVERAGE_DROP);
    }

    public static ConfidenceChange increaseInConfidence() {
        return new ConfidenceChange(Kind.INCREASE_IN_CONFIDENCE);
    }

    public static ConfidenceChange averageGain() {
        return new ConfidenceChange(Kind.AVERAGE_GAIN);
    }

    @Override
    public MetricResult evaluate(MetricInput input, MethodParameters parameters) {
        InputSpec spec = input.preprocessing().input();
        String space = parameters.string("space");
        boolean pixel = space.equals("pixel") || space.equals("auto") && input.image() != null;
        Tensor substrate = input.substrate(pixel ? "black" : "zeros", 0);
        int hw = spec.height() * spec.width();
        float[] masks = new float[2 * hw];
        Arrays.fill(masks, 0, hw, 1f); // the image itself, then the image times its map
        System.arraycopy(Maps.minMax(input.map().data()), 0, masks, hw, hw);
        float[] p = input.maskedScores(
                substrate,
                new Tensor(masks, 2, spec.height(), spec.width()),
                MaskUpsampling.NEAREST,
                ScoreKind.PROBABILITY);
        double y = p[0];
        double o = p[1];
        double value = switch (kind) {
            case AVERAGE_DROP -> Math.max(0, y - o) / y;
            case INCREASE_IN_CONFIDENCE -> o > y ? 1 : 0;
            case AVERAGE_GAIN -> y < 1 ? Math.max(0, o - y) / (1 - y) : 0;
        };
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("original", y);
        details.put("masked", o);
        details.put("space", pixel ? "pixel" : "input");
        return new MetricResult(value, details, null);
    }
}
