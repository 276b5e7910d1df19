package org.saliency4j.render;

import java.awt.image.BufferedImage;
import org.saliency4j.image.PreparedImage;
import org.saliency4j.tensor.Maps;

/** Turns a map [H, W] at the model's input resolution into a heatmap PNG and an overlay on the original image. */
public final class HeatmapRenderer {
    private final Colormap colormap;
    private final float alpha;

    public HeatmapRenderer(Colormap colormap, float alpha) {
        this.colormap = colormap;
        this.alpha = alpha;
    }

    /** The normalised map coloured, at input resolution. */
    public BufferedImage heatmap(float[] map, int h, int w) {
        float[] n = Maps.minMax(map);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, colormap.rgb(n[y * w + x]));
            }
        }
        return img;
    }

    /**
     * A signed attribution [C, H, W] summed over channels, in the diverging blue-white-red map,
     * symmetric around zero (white).
     */
    public static BufferedImage signed(float[] chw, int c, int h, int w) {
        float[] sum = new float[h * w];
        float max = 0;
        for (int i = 0; i < h * w; i++) {
            for (int k = 0; k < c; k++) {
                sum[i] += chw[k * h * w + i];
            }
            if (!Float.isFinite(sum[i])) {
                throw new IllegalStateException(
                        "attribution holds a non-finite value: this is a bug, please report it");
            }
            max = Math.max(max, Math.abs(sum[i]));
        }
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float v = max > 0 ? sum[y * w + x] / max : 0f;
                img.setRGB(x, y, Colormap.BWR.rgb(0.5f + 0.5f * v));
            }
        }
        return img;
    }

    /**
     * The map blended onto the original image: resized to the crop's extent in original pixels
     * and placed where the crop was taken; outside the crop the image shows unchanged.
     */
    public BufferedImage overlay(float[] map, int h, int w, PreparedImage image) {
        BufferedImage original = image.original();
        int[] crop = image.cropRectangle();
        float[] n = image.mapToOriginal(Maps.minMax(map), h, w);
        BufferedImage out = new BufferedImage(original.getWidth(), original.getHeight(), BufferedImage.TYPE_INT_RGB);
        out.getGraphics().drawImage(original, 0, 0, null);
        for (int y = crop[1]; y < crop[1] + crop[3]; y++) {
            for (int x = crop[0]; x < crop[0] + crop[2]; x++) {
                int heat = colormap.rgb(Math.max(0f, Math.min(1f, n[y * original.getWidth() + x])));
                out.setRGB(x, y, blend(original.getRGB(x, y), heat));
            }
        }
        return out;
    }

    private int blend(int base, int heat) {
        int r = Math.round((1 - alpha) * ((base >> 16) & 0xff) + alpha * ((heat >> 16) & 0xff));
        int g = Math.round((1 - alpha) * ((base >> 8) & 0xff) + alpha * ((heat >> 8) & 0xff));
        int b = Math.round((1 - alpha) * (base & 0xff) + alpha * (heat & 0xff));
        return (r << 16) | (g << 8) | b;
    }
}
