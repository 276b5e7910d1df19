package org.saliency4j.render;

import org.saliency4j.SaliencyException;

/**
 * How maps are drawn: the colormap, the heatmap's opacity over the image, the longest side an
 * overlay may have (a huge photo's overlay is drawn at that size, not at the photo's), the
 * percentile at which input-level maps are clipped before colouring (a few extreme pixels would
 * otherwise set the scale; 100 turns it off), and what the overlay shows outside the crop the model saw.
 */
public record RenderOptions(Colormap colormap, float alpha, int overlaySize, double clipPercentile, Outside outside) {
    public static final int DEFAULT_OVERLAY_SIZE = 2048;
    /** Captum's visualize_image_attr clips the top 2 %. */
    public static final double DEFAULT_CLIP_PERCENTILE = 98;

    /** The part of a photo outside the model's crop: dimmed, or cut away. */
    public enum Outside {
        DIM,
        CROP
    }

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
        if (!(clipPercentile >= 50 && clipPercentile <= 100)) {
            throw new SaliencyException(
                    SaliencyException.Kind.BAD_OPTION,
                    "the clip percentile must be from 50 to 100, not " + clipPercentile + ".");
        }
    }

    public static RenderOptions defaults() {
        return new RenderOptions(Colormap.JET, 0.5f, DEFAULT_OVERLAY_SIZE, DEFAULT_CLIP_PERCENTILE, Outside.DIM);
    }
}
