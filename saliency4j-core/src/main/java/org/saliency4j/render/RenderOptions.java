package org.saliency4j.render;

import org.saliency4j.SaliencyException;

/**
 * How maps are drawn: the colormap, the heatmap's opacity over the image, and the longest side an
 * overlay may have (a huge photo's overlay is drawn at that size, not at the photo's).
 */
public record RenderOptions(Colormap colormap, float alpha, int overlaySize) {
    public static final int DEFAULT_OVERLAY_SIZE = 2048;

    public RenderOptions {
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new SaliencyException(
                    SaliencyException.Kind.BAD_OPTION,
                    "the overlay opacity must be between 0 and 1, not " + alpha + ".");
        }
        if (overlaySize < 16 || overlaySize > 16384) {
            throw new SaliencyException(
                    SaliencyException.Kind.BAD_OPTION,
                    "the overlay size must be from 16 to 16384 pixels, not " + overlaySize + ".");
        }
    }

    public static RenderOptions defaults() {
        return new RenderOptions(Colormap.JET, 0.5f, DEFAULT_OVERLAY_SIZE);
    }
}
