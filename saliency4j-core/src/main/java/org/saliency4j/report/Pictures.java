package org.saliency4j.report;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.saliency4j.render.RenderOptions;

/** What the HTML pages say about their pictures and numbers, shared by explain's and evaluate's. */
final class Pictures {
    private Pictures() {}

    /** How the pictures were drawn, as a reader of the page needs to know it (HTML: options in code). */
    static String note(RenderOptions options, boolean images) {
        String clip = options.clipPercentile() >= 100
                ? "Maps are min-max normalised for colouring."
                : String.format(
                        Locale.ROOT,
                        "Input-level maps are clipped at their percentile %s before colouring, so that a few "
                                + "extreme pixels do not set the scale (<code>--clip-percentile</code>); "
                                + "layer maps are not.",
                        number(options.clipPercentile()));
        if (!images) {
            return clip + " The inputs were tensors: the pictures are heatmaps at the model's input size.";
        }
        return clip
                + (options.outside() == RenderOptions.Outside.DIM
                        ? " Overlays dim the photo outside the crop the model saw "
                                + "(<code>--outside crop</code> cuts it away)."
                        : " Overlays are cut to the crop the model saw "
                                + "(<code>--outside dim</code> shows the rest, dimmed).");
    }

    /** Parameters as NAME=VALUE, space-separated; a dash for none. */
    static String parameters(Map<String, ?> values) {
        return values.isEmpty()
                ? "—"
                : values.entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining(" "));
    }

    /** Four significant digits; a dash for NaN. */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return "—";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e6 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.4g", v);
    }
}
