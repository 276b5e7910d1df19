package org.saliency4j.cli;

import org.saliency4j.SaliencyException;
import org.saliency4j.image.Preprocessing;
import org.saliency4j.methods.AttributionMethod;
import org.saliency4j.methods.Explainer;
import org.saliency4j.methods.Explanation;
import org.saliency4j.methods.MethodInput;
import org.saliency4j.methods.MethodParameters;
import org.saliency4j.methods.MethodRegistry;
import org.saliency4j.methods.Targets;
import org.saliency4j.model.InputSpec;
import org.saliency4j.model.Labels;
import org.saliency4j.model.Layers;
import org.saliency4j.render.Colormap;
import org.saliency4j.render.GridRenderer;
import org.saliency4j.render.HeatmapRenderer;
import org.saliency4j.report.Manifest;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "explain", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Compute saliency maps for images (or a preprocessed tensor) and write maps, PNGs and manifest.json.",
        footer = {"", "Examples:",
                "  saliency4j explain --model demo/shapes_cnn.onnx --image demo/images/00_disc.png --method gradient",
                "  saliency4j explain --model m.onnx --image a.jpg b.jpg --target 281,285 --score probability --out maps",
                "  saliency4j explain --model m.onnx --input-npy batch.npy --method gradient --param score=probability",
                "",
                "Writes DIR/<input>/<method>/map.npy ([H, W] float32, raw), attribution.npy ([C, H, W], signed, input-level",
                "methods), layerMap.npy (layer methods), heatmap.png, overlay.png (images only), and DIR/manifest.json."})
final class ExplainCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @ArgGroup(multiplicity = "1")
    Sources sources;

    static final class Sources {
        @Option(names = "--image", arity = "1..*", paramLabel = "IMAGE", description = "images (PNG, JPEG, BMP, GIF, TIFF, WebP)")
        List<Path> images;

        @Option(names = "--input-npy", paramLabel = "X.npy", description = "a preprocessed float32 batch [N, C, H, W]")
        Path npy;
    }

    @Option(names = "--method", split = ",", defaultValue = "gradient", paramLabel = "NAME",
            description = "methods, comma-separated (default: ${DEFAULT-VALUE}); 'saliency4j methods' lists them")
    List<String> methods;

    @Option(names = "--layer", split = ",", defaultValue = Layers.AUTO, paramLabel = "LAYER",
            description = "layer(s) for layer methods, comma-separated: tensor name, node name or auto (default: ${DEFAULT-VALUE}); "
                    + "several layers' maps are averaged after min-max normalisation")
    List<String> layers;

    @Option(names = "--target", defaultValue = Targets.TOP1, paramLabel = "TARGET",
            description = "top1, a class index or a label; one for all inputs or a comma-separated list, one per input (default: ${DEFAULT-VALUE})")
    String target;

    @Option(names = "--score", paramLabel = "KIND", description = "logit or probability, for every method (default: each method's own)")
    String score;

    @Option(names = "--param", paramLabel = "NAME=VALUE",
            description = "a method parameter, repeatable; applies to each listed method that declares it")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--out", defaultValue = "out", paramLabel = "DIR", description = "output folder (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--alpha", defaultValue = "0.5", description = "overlay opacity of the heatmap, 0 to 1 (default: ${DEFAULT-VALUE})")
    float alpha;

    @Option(names = "--colormap", defaultValue = "jet", description = "heatmap colours: jet, turbo, viridis or inferno (default: ${DEFAULT-VALUE})")
    String colormap;

    /** The grid shows at most this many inputs, to bound its size and memory. */
    static final int GRID_ROWS = 16;

    @Override
    public Integer call() {
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new SaliencyException(SaliencyException.Kind.BAD_OPTION, "--alpha must be between 0 and 1, not " + alpha + ".");
        }
        List<AttributionMethod> chosen = methods.stream().map(String::strip).map(MethodRegistry::get).toList();
        Map<String, MethodParameters> parameters = methodParameters(chosen);
        Colormap colours = Colormap.parse(colormap);
        try (Explainer explainer = common.open()) {
            Preprocessing preprocessing = common.preprocessing(explainer);
            InputSpec spec = preprocessing.input();
            Labels labels = common.labels(preprocessing);
            // named layers are resolved even when only input-level methods run, so a typo is never silent
            boolean layered = chosen.stream().anyMatch(AttributionMethod::usesLayer) || !layers.equals(List.of(Layers.AUTO));
            List<String> layerNames = layered ? layers.stream().map(String::strip).toList() : List.of();
            explainer.resolveLayers(spec, layerNames);
            InputBatch inputs = sources.images != null ? InputBatch.fromImages(sources.images, preprocessing) : InputBatch.fromNpy(sources.npy, spec);
            int classes = explainer.runtime().analysis(spec).classCount(explainer.runtime().output());
            List<String> targetTexts = Targets.perInput(target, inputs.size(), classes, labels);

            Manifest manifest = manifest(preprocessing, inputs.hasImages());
            OutputWriter writer = new OutputWriter(out, colours, alpha);
            ProgressBar progress = new ProgressBar(System.err, "explain", chosen.size() * inputs.size());
            List<List<BufferedImage>> grid = new ArrayList<>();
            int chunk = Math.max(1, common.batchSize);
            for (int start = 0; start < inputs.size(); start += chunk) {
                int end = Math.min(inputs.size(), start + chunk);
                InputBatch.Chunk part = inputs.chunk(start, end);
                int[] targets = Targets.resolve(targetTexts.subList(start, end), () -> explainer.logits(spec, part.inputs()), classes, labels);
                // one batch object for all methods, so that methods needing the same pass share it
                MethodInput batch = explainer.batch(preprocessing, part.inputs(), targets, layerNames);
                for (AttributionMethod method : chosen) {
                    long t0 = System.nanoTime();
                    List<Explanation> results = explainer.explain(method.name(), batch, parameters.get(method.name()).asMap());
                    double seconds = (System.nanoTime() - t0) / 1e9 / (end - start);
                    for (int i = start; i < end; i++) {
                        Explanation e = results.get(i - start);
                        OutputWriter.Written written = writer.write(inputs.name(i), method.name(), e, part.images() == null ? null : part.images().get(i - start));
                        manifest.add(entry(inputs.source(i), method, batch, targets[i - start], labels, e, parameters.get(method.name()), seconds, written));
                        if (chosen.size() > 1 && i < GRID_ROWS) {
                            (i < grid.size() ? grid.get(i) : addRow(grid)).add(written.preview());
                        }
                        progress.step();
                    }
                }
            }
            if (chosen.size() > 1) {
                List<String> rows = inputs.names(grid.size());
                HeatmapRenderer.writePng(GridRenderer.render(rows, chosen.stream().map(AttributionMethod::name).toList(), grid), out.resolve("grid.png"));
                manifest.put("grid", "grid.png");
            }
            manifest.write(out.resolve("manifest.json"));
            System.out.println("wrote " + manifest.entries().size() + " explanation(s) to " + out + " (see " + out.resolve("manifest.json") + ")");
        }
        return 0;
    }

    private Manifest manifest(Preprocessing preprocessing, boolean images) {
        InputSpec spec = preprocessing.input();
        return new Manifest()
                .put("tool", "saliency4j 0.1.0")
                .put("model", common.model.toString())
                .put("input", Map.of("layout", spec.layout().name(), "channels", spec.channels(), "height", spec.height(), "width", spec.width()))
                .put("preprocessing", preprocessingRecord(preprocessing, images));
    }

    private static List<BufferedImage> addRow(List<List<BufferedImage>> grid) {
        List<BufferedImage> row = new ArrayList<>();
        grid.add(row);
        return row;
    }

    private static Map<String, Object> entry(String source, AttributionMethod method, MethodInput batch, int target, Labels labels,
                                             Explanation e, MethodParameters parameters, double seconds, OutputWriter.Written written) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("input", source);
        entry.put("method", method.name());
        List<String> usedLayers = method.usesLayer() ? batch.layers() : List.of();
        entry.put("layer", usedLayers.isEmpty() ? null : usedLayers.size() == 1 ? usedLayers.get(0) : usedLayers);
        entry.put("target", target);
        entry.put("label", labels.name(target));
        entry.put("score", e.score());
        entry.put("scoreKind", parameters.string("score"));
        entry.put("parameters", parameters.asMap());
        entry.put("details", e.details());
        entry.put("seconds", seconds);
        entry.put("files", written.files());
        return entry;
    }

    /** Validates --param and --score against the chosen methods before anything runs. */
    private Map<String, MethodParameters> methodParameters(List<AttributionMethod> chosen) {
        Map<String, String> all = new LinkedHashMap<>(params);
        if (score != null) {
            all.put("score", score);
        }
        for (String name : all.keySet()) {
            boolean declared = chosen.stream().anyMatch(m -> m.parameters().stream().anyMatch(p -> p.name().equals(name)));
            if (!declared) {
                throw new SaliencyException(SaliencyException.Kind.BAD_OPTION, "no chosen method has a parameter '" + name
                        + "'. Run 'saliency4j methods' to see each method's parameters.");
            }
        }
        Map<String, MethodParameters> result = new LinkedHashMap<>();
        for (AttributionMethod m : chosen) {
            Map<String, String> own = new LinkedHashMap<>();
            all.forEach((k, v) -> {
                if (m.parameters().stream().anyMatch(p -> p.name().equals(k))) {
                    own.put(k, v);
                }
            });
            MethodParameters p = MethodParameters.of(m, own);
            if (p.asMap().containsKey("score")) {
                p.score(); // fails early on a bad score kind
            }
            result.put(m.name(), p);
        }
        return result;
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
