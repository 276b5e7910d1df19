package org.saliency4j.report;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.saliency4j.IoErrors;
import org.saliency4j.SaliencyException;
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

    private static final String MANIFEST = "manifest.json";

    private final Path root;
    private final ExplanationFiles files;
    private final List<String> methods;
    private final Manifest manifest;
    private final List<String> rowNames = new ArrayList<>();
    private final List<List<BufferedImage>> grid = new ArrayList<>();
    private boolean created;
    private boolean started;

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
    }

    /** Checks, before anything is computed, that the folder can be created and written into. */
    public void open() {
        created = !Files.exists(root);
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new SaliencyException(
                    SaliencyException.Kind.IO, "cannot create output folder " + root + ": " + IoErrors.reason(e), e);
        }
        if (!Files.isWritable(root)) {
            throw new SaliencyException(
                    SaliencyException.Kind.IO, "cannot write into output folder " + root + ": Permission denied");
        }
    }

    /**
     * Before the first file: removes the temporary files an interrupted run left, and the files an
     * earlier run's manifest lists, so that the folder ends up holding what the new manifest lists.
     */
    private void start() {
        if (!started) {
            started = true;
            AtomicFiles.removeStaleParts(root);
            Manifest.removeListedFiles(root.resolve(MANIFEST));
        }
    }

    @Override
    public void accept(ExplainResult r) {
        start();
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
        start();
        if (methods.size() > 1) {
            AtomicFiles.writePng(GridRenderer.render(rowNames, methods, grid), root.resolve("grid.png"));
            manifest.put("grid", "grid.png");
        }
        manifest.put("complete", true);
        manifest.write(root.resolve(MANIFEST));
        return manifest.entries().size();
    }

    /**
     * After a failure: with some files written, the manifest, marked incomplete, with the error and
     * the entries that finished; with none, nothing (and no new empty folder).
     */
    public void fail(Throwable error) {
        if (!started) {
            removeIfCreatedAndEmpty();
            return;
        }
        manifest.put("complete", false);
        manifest.put("error", error.getMessage() == null ? error.toString() : error.getMessage());
        manifest.write(root.resolve(MANIFEST));
    }

    private void removeIfCreatedAndEmpty() {
        try (Stream<Path> entries = Files.list(root)) {
            if (created && entries.findAny().isEmpty()) {
                Files.delete(root);
            }
        } catch (IOException e) {
            // the run's own error is the one to report
        }
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
