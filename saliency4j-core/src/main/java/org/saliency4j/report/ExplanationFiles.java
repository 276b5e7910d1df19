package org.saliency4j.report;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.saliency4j.image.PreparedImage;
import org.saliency4j.methods.Explanation;
import org.saliency4j.render.HeatmapRenderer;
import org.saliency4j.render.RenderOptions;
import org.saliency4j.tensor.Npy;
import org.saliency4j.tensor.Tensor;

/** Writes one explanation's files under DIR/<input>/<method>/. */
public final class ExplanationFiles {
    private final Path root;
    private final HeatmapRenderer renderer;
    private final int overlaySize;
    private final double clipPercentile;

    /** What was written: relative paths by kind, and the picture the grid shows for it. */
    public record Written(Map<String, String> files, BufferedImage preview) {}

    public ExplanationFiles(Path root, RenderOptions options) {
        this.root = root;
        this.renderer = new HeatmapRenderer(options.colormap(), options.alpha(), options.outside());
        this.overlaySize = options.overlaySize();
        this.clipPercentile = options.clipPercentile();
    }

    /**
     * @param inputLevel whether the map is an input-level method's, whose pictures are clipped at
     *                   the options' percentile (the .npy files never are)
     */
    public Written write(String input, String method, Explanation e, PreparedImage image, boolean inputLevel) {
        String dir = input + "/" + method + "/";
        Map<String, String> files = new LinkedHashMap<>();
        npy(files, "map", dir, e.map());
        e.extraMaps().forEach((name, map) -> npy(files, name, dir, map));
        for (int i = 0; i < e.layerMaps().size(); i++) {
            npy(
                    files,
                    e.layerMaps().size() == 1 ? "layerMap" : "layerMap_" + i,
                    dir,
                    e.layerMaps().get(i));
        }
        int h = (int) e.map().dim(0);
        int w = (int) e.map().dim(1);
        float[] shown = shown(e, inputLevel);
        BufferedImage heatmap = renderer.heatmap(shown, h, w);
        png(files, "heatmap", dir, heatmap);
        if (e.attribution() != null) {
            npy(files, "attribution", dir, e.attribution());
            Tensor a = e.attribution();
            png(files, "attributionImage", dir, HeatmapRenderer.signed(a.data(), (int) a.dim(0), (int) a.dim(1), (int)
                    a.dim(2)));
        }
        if (image == null) {
            return new Written(files, heatmap);
        }
        BufferedImage overlay = renderer.overlay(shown, h, w, image.fittedTo(overlaySize));
        png(files, "overlay", dir, overlay);
        return new Written(files, overlay);
    }

    /**
     * Only the picture of a map, at most {@code size} pixels on its longer side: the overlay on the
     * image, or the heatmap for a tensor input; written at {@code path} under the root.
     */
    public void picture(String path, Explanation e, PreparedImage image, boolean inputLevel, int size) {
        int h = (int) e.map().dim(0);
        int w = (int) e.map().dim(1);
        float[] shown = shown(e, inputLevel);
        BufferedImage picture =
                image == null ? renderer.heatmap(shown, h, w) : renderer.overlay(shown, h, w, image.fittedTo(size));
        AtomicFiles.writePng(picture, root.resolve(path));
    }

    /** The map as its pictures show it: an input-level map clipped at the percentile. */
    private float[] shown(Explanation e, boolean inputLevel) {
        return inputLevel
                ? HeatmapRenderer.clipped(e.map().data(), clipPercentile)
                : e.map().data();
    }

    private void npy(Map<String, String> files, String key, String dir, Tensor t) {
        String rel = dir + key + ".npy";
        AtomicFiles.write(root.resolve(rel), Npy.toBytes(t));
        files.put(key, rel);
    }

    private void png(Map<String, String> files, String key, String dir, BufferedImage image) {
        String rel = dir + (key.equals("attributionImage") ? "attribution" : key) + ".png";
        AtomicFiles.writePng(image, root.resolve(rel));
        files.put(key, rel);
    }
}
