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
    /** index.html shows at most this many inputs, to stay a page a browser opens quickly. */
    public static final int PAGE_ROWS = 200;

    private final Path root;
    private final ExplanationFiles files;
    private final List<String> methods;
    private final Manifest manifest;
    private final List<String> rowNames = new ArrayList<>();
    private final List<List<BufferedImage>> grid = new ArrayList<>();
    private final RunFolder folder;
    private final RenderOptions options;
    private final boolean images;
    private final String model;
    private final String inputSize;
    private final List<Map<String, Object>> pageRows = new ArrayList<>();
    private final Map<String, Map<String, Object>> pageMethods = new LinkedHashMap<>();
    private final ConvergencePlots convergence = new ConvergencePlots();

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
        this.options = options;
        this.images = images;
        this.model = model;
        this.inputSize = spec.height() + " × " + spec.width();
    }

    /** Checks, before anything is computed, that the folder can be created and written into. */
    public void open() {
        folder.open();
    }

    @Override
    public void accept(ExplainResult r) {
        folder.start();
        ExplanationFiles.Written written = files.write(
                r.input(),
                r.method().name(),
                r.explanation(),
                r.image(),
                !r.method().usesLayer());
        Map<String, Object> entry = entry(r, written);
        manifest.add(entry);
        page(r, entry, written.files());
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
        manifest.put("files", Map.of("index", "index.html"));
        HtmlPage.write(root.resolve("index.html"), "explain", pageContext());
        folder.finish();
        return manifest.entries().size();
    }

    /** After a failure: the incomplete manifest of what finished, or nothing if nothing was written. */
    public void fail(Throwable error) {
        folder.fail(error);
    }

    private void page(ExplainResult r, Map<String, Object> entry, Map<String, String> written) {
        pageMethods.computeIfAbsent(r.method().name(), name -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", name);
            m.put("layer", r.layers().isEmpty() ? "—" : String.join(", ", r.layers()));
            m.put("parameters", Pictures.parameters(r.parameters().asMap()));
            return m;
        });
        convergence.add(r.method().name(), r.input(), r.explanation().details());
        if (r.index() >= PAGE_ROWS) {
            return;
        }
        if (r.index() == pageRows.size()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("input", r.input());
            row.put("cells", new ArrayList<Map<String, Object>>());
            pageRows.add(row);
        }
        Map<String, Object> cell = new LinkedHashMap<>();
        cell.put("input", r.input());
        cell.put("method", r.method().name());
        cell.put("picture", written.getOrDefault("overlay", written.get("heatmap")));
        cell.put("map", written.get("map"));
        cell.put("label", r.label());
        cell.put("target", r.target());
        // a method without a score parameter (Eigen-CAM, say) still shows the target's score
        cell.put("scoreKind", entry.get("scoreKind") == null ? "score" : entry.get("scoreKind"));
        cell.put("score", Pictures.number(r.explanation().score()));
        List<Map<String, String>> links = new ArrayList<>();
        written.forEach((kind, path) -> {
            if (!kind.equals("map") && !kind.equals("overlay")) {
                links.add(Map.of("kind", Path.of(path).getFileName().toString(), "path", path));
            }
        });
        cell.put("files", links);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> cells =
                (List<Map<String, Object>>) pageRows.get(r.index()).get("cells");
        cells.add(cell);
    }

    private Map<String, Object> pageContext() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("tool", Version.tool());
        c.put("model", model);
        c.put("inputSize", inputSize);
        c.put("inputCount", manifest.entries().size() / Math.max(1, methods.size()));
        c.put("methodCount", methods.size());
        c.put("complete", true);
        c.put("pictures", Pictures.note(options, images));
        c.put("truncated", manifest.entries().size() / Math.max(1, methods.size()) > PAGE_ROWS);
        c.put("shownRows", PAGE_ROWS);
        c.put("rows", pageRows);
        c.put("methods", new ArrayList<>(pageMethods.values()));
        List<Map<String, String>> plots = convergence.plots();
        c.put("convergence", plots);
        c.put("hasConvergence", !plots.isEmpty());
        return c;
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
        entry.put("scoreKind", r.method().scoreKind(r.parameters()));
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
