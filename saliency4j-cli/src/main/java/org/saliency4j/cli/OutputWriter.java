package org.saliency4j.cli;

import org.saliency4j.image.PreparedImage;
import org.saliency4j.methods.Explanation;
import org.saliency4j.render.Colormap;
import org.saliency4j.render.HeatmapRenderer;
import org.saliency4j.report.AtomicFiles;
import org.saliency4j.tensor.Npy;
import org.saliency4j.tensor.Tensor;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes one explanation's files under DIR/<input>/<method>/ and returns their relative paths. */
final class OutputWriter {
    private final Path root;
    private final HeatmapRenderer renderer;

    OutputWriter(Path root, Colormap colormap, float alpha) {
        this.root = root;
        this.renderer = new HeatmapRenderer(colormap, alpha);
    }

    Map<String, String> write(String input, String method, Explanation e, PreparedImage image) {
        String dir = input + "/" + method + "/";
        Map<String, String> files = new LinkedHashMap<>();
        npy(files, "map", dir, e.map());
        if (e.layerMap() != null) {
            npy(files, "layerMap", dir, e.layerMap());
        }
        if (e.attribution() != null) {
            npy(files, "attribution", dir, e.attribution());
        }
        int h = (int) e.map().dim(0);
        int w = (int) e.map().dim(1);
        HeatmapRenderer.writePng(renderer.heatmap(e.map().data(), h, w), root.resolve(dir + "heatmap.png"));
        files.put("heatmap", dir + "heatmap.png");
        if (image != null) {
            HeatmapRenderer.writePng(renderer.overlay(e.map().data(), h, w, image), root.resolve(dir + "overlay.png"));
            files.put("overlay", dir + "overlay.png");
        }
        return files;
    }

    private void npy(Map<String, String> files, String key, String dir, Tensor t) {
        String rel = dir + key + ".npy";
        AtomicFiles.write(root.resolve(rel), Npy.toBytes(t));
        files.put(key, rel);
    }
}
