package org.saliency4j.report;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.saliency4j.Version;
import org.saliency4j.image.Preprocessing;
import org.saliency4j.model.InputSpec;
import org.saliency4j.pipeline.ExplainResult;
import org.saliency4j.render.GridRenderer;
import org.saliency4j.render.RenderOptions;

/**
 * The files of an explain run under one folder, fed result by result: each explanation's files,
 * manifest.json with what was given and what was written, and grid.png when several methods ran.
 */
public final class ExplainReport implements Consumer<ExplainResult> {
    /** The grid shows at most this many inputs, to bound its size and memory. */
    public static final int GRID_ROWS = 16;

    private final Path root;
    private final ExplanationFiles files;
    private final List<String> methods;
    private final Manifest manifest;
    private final List<String> rowNames = new ArrayList<>();
    private final List<List<BufferedImage>> grid = new ArrayList<>();
    private final RunFolder folder;

    /**
     * @param model   the model, as the manifest names it
     * @param images  whether the inputs are images (else a preprocessed tensor)
     * @param methods the methods of the run, in order (the grid's columns)
     */
    public ExplainReport(
            Path root,
            RenderOptions options,
            String model,
            Preprocessing preprocessing,
            boolean images,
            List<String> methods) {
        this.root = root;
        this.files = new ExplanationFiles(root, options);
        this.methods = List.copyOf(methods);
        InputSpec spec = preprocessing.input();
        this.manifest = new Manifest()
                .put("tool", Version.tool())
                .put("model", model)
                .put("input", inputRecord(spec))
                .put("preprocessing", preprocessingRecord(preprocessing, images));
        this.folder = new RunFolder(root, manifest);
    }

    /** Checks, before anything is computed, that the folder can be created and written into. */
    public void open() {
        folder.open();
    }

    @Override
    public void accept(ExplainResult r) {
        folder.start();
        ExplanationFiles.Written written = files.write(r.input(), r.method().name(), r.explanation(), r.image());
        manifest.add(entry(r, written));
        if (methods.size() > 1 && r.index() < GRID_ROWS) {
            if (r.index() == rowNames.size()) {
                rowNames.add(r.input());
                grid.add(new ArrayList<>());
            }
            grid.get(r.index()).add(written.preview());
        }
    }

    /** Writes the grid and the manifest of a finished run; returns how many explanations were written. */
    public int finish() {
        folder.start();
        if (methods.size() > 1) {
            AtomicFiles.writePng(GridRenderer.render(rowNames, methods, grid), root.resolve("grid.png"));
            manifest.put("grid", "grid.png");
        }
        folder.finish();
        return manifest.entries().size();
    }

    /** After a failure: the incomplete manifest of what finished, or nothing if nothing was written. */
    public void fail(Throwable error) {
        folder.fail(error);
    }

    private static Map<String, Object> entry(ExplainResult r, ExplanationFiles.Written written) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("input", r.source());
        entry.put("method", r.method().name());
        entry.put(
                "layer",
                r.layers().isEmpty()
                        ? null
                        : r.layers().size() == 1 ? r.layers().get(0) : r.layers());
        entry.put("target", r.target());
        entry.put("label", r.label());
        entry.put("score", r.explanation().score());
        entry.put("scoreKind", r.parameters().asMap().get("score"));
        entry.put("parameters", r.parameters().asMap());
        entry.put("details", r.explanation().details());
        entry.put("seconds", r.seconds());
        entry.put("files", written.files());
        return entry;
    }

    private static Map<String, Object> inputRecord(InputSpec spec) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("layout", spec.layout().name());
        r.put("channels", spec.channels());
        r.put("height", spec.height());
        r.put("width", spec.width());
        return r;
    }

    private static Map<String, Object> preprocessingRecord(Preprocessing p, boolean images) {
        Map<String, Object> r = new LinkedHashMap<>();
        if (!images) {
            r.put("note", "inputs given as a preprocessed tensor");
            return r;
        }
        r.put("resizeShorterSide", p.resizeShorterSide());
        r.put("crop", List.of(p.cropHeight(), p.cropWidth()));
        r.put("channels", p.bgr() ? "BGR" : "RGB");
        r.put("scale", p.scale());
        r.put("mean", p.mean());
        r.put("std", p.std());
        return r;
    }
}
