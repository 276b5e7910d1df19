package org.saliency4j.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.saliency4j.image.PreparedImage;
import org.saliency4j.image.Preprocessing;
import org.saliency4j.model.InputSpec;

/** Heatmaps, signed attributions, overlays and the grid, pixel by pixel. */
class RenderTest {
    @Test
    void aHeatmapColoursTheMinMaxNormalisedMap() {
        BufferedImage img = new HeatmapRenderer(Colormap.VIRIDIS, 0.5f, RenderOptions.Outside.DIM)
                .heatmap(new float[] {2, 4, 6, 10}, 1, 4);
        assertEquals(Colormap.VIRIDIS.rgb(0f), img.getRGB(0, 0) & 0xffffff);
        assertEquals(Colormap.VIRIDIS.rgb(0.25f), img.getRGB(1, 0) & 0xffffff);
        assertEquals(Colormap.VIRIDIS.rgb(1f), img.getRGB(3, 0) & 0xffffff);
        assertEquals(0x440154, Colormap.VIRIDIS.rgb(0f));
        assertEquals(0xfde725, Colormap.VIRIDIS.rgb(1f));
    }

    @Test
    void aConstantMapIsAllTheColourOfZero() {
        BufferedImage img = new HeatmapRenderer(Colormap.JET, 0.5f, RenderOptions.Outside.DIM)
                .heatmap(new float[] {3, 3, 3, 3}, 2, 2);
        for (int i = 0; i < 4; i++) {
            assertEquals(Colormap.JET.rgb(0f), img.getRGB(i % 2, i / 2) & 0xffffff);
        }
    }

    @Test
    void signedAttributionsAreWhiteAtZeroAndSymmetric() {
        // two channels summed: -2, 0, +1 -> scaled by the largest magnitude, 2
        float[] chw = {-1, 0, 0.5f, -1, 0, 0.5f};
        BufferedImage img = HeatmapRenderer.signed(chw, 2, 1, 3);
        assertEquals(Colormap.BWR.rgb(0f), img.getRGB(0, 0) & 0xffffff);
        assertEquals(0xffffff, img.getRGB(1, 0) & 0xffffff);
        assertEquals(Colormap.BWR.rgb(0.75f), img.getRGB(2, 0) & 0xffffff);
    }

    @Test
    void anOverlayWithoutOpacityIsTheOriginalAndFullOpacityIsTheHeatmap() {
        BufferedImage original = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < 64; i++) {
            original.setRGB(i % 8, i / 8, (i * 4) << 8);
        }
        Preprocessing pre = Preprocessing.defaults(new InputSpec(3, 8, 8, InputSpec.Layout.NCHW));
        PreparedImage image = PreparedImage.prepare(original, pre);
        float[] map = new float[64];
        map[0] = 1;
        BufferedImage same = new HeatmapRenderer(Colormap.JET, 0f, RenderOptions.Outside.DIM).overlay(map, 8, 8, image);
        BufferedImage heat = new HeatmapRenderer(Colormap.JET, 1f, RenderOptions.Outside.DIM).overlay(map, 8, 8, image);
        for (int i = 0; i < 64; i++) {
            assertEquals(original.getRGB(i % 8, i / 8), same.getRGB(i % 8, i / 8));
            assertEquals(Colormap.JET.rgb(i == 0 ? 1f : 0f), heat.getRGB(i % 8, i / 8) & 0xffffff);
        }
    }

    @Test
    void clippingCapsTheValuesAboveThePercentile() {
        float[] map = new float[101];
        for (int i = 0; i < map.length; i++) {
            map[i] = i == 100 ? 1e6f : i; // one extreme pixel
        }
        float[] clipped = HeatmapRenderer.clipped(map, 98);
        assertEquals(98f, clipped[100]);
        assertEquals(98f, clipped[99]);
        assertEquals(50f, clipped[50]);
        assertEquals(map, HeatmapRenderer.clipped(map, 100), "100 leaves the map as it is");
    }

    @Test
    void outsideTheCropTheOverlayIsDimmedOrCutAway() {
        BufferedImage original = new BufferedImage(12, 8, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < 96; i++) {
            original.setRGB(i % 12, i / 12, 0xc8c8c8);
        }
        // an 8 x 8 central crop of the 12 x 8 photo: columns 2 to 9
        Preprocessing pre = Preprocessing.defaults(new InputSpec(3, 8, 8, InputSpec.Layout.NCHW));
        PreparedImage image = PreparedImage.prepare(original, pre);
        float[] map = new float[64];
        BufferedImage dim = new HeatmapRenderer(Colormap.JET, 0f, RenderOptions.Outside.DIM).overlay(map, 8, 8, image);
        assertEquals(12, dim.getWidth());
        int grey = Math.round(HeatmapRenderer.DIMMED * 0xc8);
        assertEquals((grey << 16) | (grey << 8) | grey, dim.getRGB(0, 3) & 0xffffff, "dimmed outside");
        assertEquals(0xc8c8c8, dim.getRGB(5, 3) & 0xffffff, "untouched inside at opacity 0");
        BufferedImage crop =
                new HeatmapRenderer(Colormap.JET, 0f, RenderOptions.Outside.CROP).overlay(map, 8, 8, image);
        assertEquals(8, crop.getWidth());
        assertEquals(8, crop.getHeight());
        assertEquals(0xc8c8c8, crop.getRGB(0, 0) & 0xffffff);
    }

    @Test
    void theGridHasACellPerInputAndMethod() {
        BufferedImage cell = new BufferedImage(10, 10, BufferedImage.TYPE_INT_RGB);
        BufferedImage grid = GridRenderer.render(
                List.of("a", "b"),
                List.of("m1", "m2", "m3"),
                List.of(List.of(cell, cell, cell), List.of(cell, cell, cell)));
        assertEquals(140 + 3 * 192, grid.getWidth());
        assertEquals(22 + 2 * 192, grid.getHeight());
    }

    @Test
    void theColormapsAreThePublishedTables() {
        // entries of matplotlib's viridis and inferno and Google's turbo tables (index 0, 64, 128, 255)
        assertEquals(0x440154, Colormap.VIRIDIS.rgb(0f));
        assertEquals(0x3b528b, Colormap.VIRIDIS.rgb(64 / 256f));
        assertEquals(0x21918c, Colormap.VIRIDIS.rgb(128 / 256f));
        assertEquals(0xfde725, Colormap.VIRIDIS.rgb(1f));
        assertEquals(0x000004, Colormap.INFERNO.rgb(0f));
        assertEquals(0xbc3754, Colormap.INFERNO.rgb(128 / 256f));
        assertEquals(0xfcffa4, Colormap.INFERNO.rgb(1f));
        assertEquals(0x30123b, Colormap.TURBO.rgb(0f));
        assertEquals(0x7a0403, Colormap.TURBO.rgb(1f));
    }
}
