package org.saliency4j.render;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import org.saliency4j.image.PreparedImage;
import org.saliency4j.tensor.Maps;

/**
 * Turns a map [H, W] at the model's input resolution into a heatmap PNG and an overlay on the
 * original image. Maps are min-max normalised for colouring; the caller may clip them first
 * ({@link #clipped}).
 */
public final class HeatmapRenderer {
    /** The share of brightness left to the photo outside the model's crop. */
    static final float DIMMED = 0.35f;

    private final Colormap colormap;
    private final float alpha;
    private final RenderOptions.Outside outside;

    public HeatmapRenderer(Colormap colormap, float alpha, RenderOptions.Outside outside) {
        this.colormap = colormap;
        this.alpha = alpha;
        this.outside = outside;
    }

    /**
     * The map with every value above its {@code percentile}-th percentile (nearest rank on the sorted
     * values) set to that value, as a new array; the map itself at 100.
     */
    public static float[] clipped(float[] map, double percentile) {
        if (percentile >= 100) {
            return map;
        }
        float[] sorted = map.clone();
        Arrays.sort(sorted);
        float top = sorted[(int) Math.floor(percentile / 100 * (sorted.length - 1))];
        float[] out = new float[map.length];
        for (int i = 0; i < map.length; i++) {
            out[i] = Math.min(map[i], top);
        }
        return out;
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
     * and placed where the crop was taken. Outside the crop, which the model never saw, the photo
     * is dimmed ({@link RenderOptions.Outside#DIM}) or cut away ({@link RenderOptions.Outside#CROP}).
     */
    public BufferedImage overlay(float[] map, int h, int w, PreparedImage image) {
        BufferedImage original = image.original();
        int[] crop = image.cropRectangle();
        float[] n = image.mapToOriginal(Maps.minMax(map), h, w);
        int width = original.getWidth();
        BufferedImage out = new BufferedImage(width, original.getHeight(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < original.getHeight(); y++) {
            for (int x = 0; x < width; x++) {
                int rgb = original.getRGB(x, y);
                boolean seen = x >= crop[0] && x < crop[0] + crop[2] && y >= crop[1] && y < crop[1] + crop[3];
                out.setRGB(
                        x,
                        y,
                        seen ? blend(rgb, colormap.rgb(Math.max(0f, Math.min(1f, n[y * width + x])))) : dimmed(rgb));
            }
        }
        return outside == RenderOptions.Outside.CROP ? out.getSubimage(crop[0], crop[1], crop[2], crop[3]) : out;
    }

    private static int dimmed(int rgb) {
        int r = Math.round(DIMMED * ((rgb >> 16) & 0xff));
        int g = Math.round(DIMMED * ((rgb >> 8) & 0xff));
        int b = Math.round(DIMMED * (rgb & 0xff));
        return (r << 16) | (g << 8) | b;
    }

    private int blend(int base, int heat) {
        int r = Math.round((1 - alpha) * ((base >> 16) & 0xff) + alpha * ((heat >> 16) & 0xff));
        int g = Math.round((1 - alpha) * ((base >> 8) & 0xff) + alpha * ((heat >> 8) & 0xff));
        int b = Math.round((1 - alpha) * (base & 0xff) + alpha * (heat & 0xff));
        return (r << 16) | (g << 8) | b;
    }
}
