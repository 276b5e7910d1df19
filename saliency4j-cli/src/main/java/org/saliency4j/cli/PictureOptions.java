package org.saliency4j.cli;

import java.util.Locale;
import org.saliency4j.SaliencyException;
import org.saliency4j.render.Colormap;
import org.saliency4j.render.RenderOptions;
import picocli.CommandLine.Option;

/** How explain and evaluate draw their heatmaps and overlays. */
final class PictureOptions {
    @Option(
            names = "--alpha",
            defaultValue = "0.5",
            description = "overlay opacity of the heatmap, 0 to 1 (default: ${DEFAULT-VALUE})")
    float alpha;

    @Option(
            names = "--overlay-size",
            defaultValue = "2048",
            paramLabel = "PX",
            description = "longest side of an overlay; larger photos are drawn smaller (default: ${DEFAULT-VALUE})")
    int overlaySize;

    @Option(
            names = "--colormap",
            defaultValue = "jet",
            description = "heatmap colours: jet, turbo, viridis or inferno (default: ${DEFAULT-VALUE})")
    String colormap;

    @Option(
            names = "--clip-percentile",
            defaultValue = "98",
            paramLabel = "P",
            description = "input-level maps are clipped at their P-th percentile before colouring, 50 to 100; "
                    + "100 turns it off; the .npy files stay raw (default: ${DEFAULT-VALUE})")
    double clipPercentile;

    @Option(
            names = "--outside",
            defaultValue = "dim",
            paramLabel = "dim|crop",
            description = "overlays dim the photo outside the crop the model saw, or crop to it "
                    + "(default: ${DEFAULT-VALUE})")
    String outside;

    RenderOptions options() {
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new SaliencyException(
                    SaliencyException.Kind.BAD_OPTION, "--alpha must be between 0 and 1, not " + alpha + ".");
        }
        if (!outside.equals("dim") && !outside.equals("crop")) {
            throw new SaliencyException(
                    SaliencyException.Kind.BAD_OPTION, "--outside must be dim or crop, not '" + outside + "'.");
        }
        return new RenderOptions(
                Colormap.parse(colormap),
                alpha,
                overlaySize,
                clipPercentile,
                RenderOptions.Outside.valueOf(outside.toUpperCase(Locale.ROOT)));
    }
}
