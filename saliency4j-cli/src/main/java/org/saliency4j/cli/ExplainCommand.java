package org.saliency4j.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.saliency4j.SaliencyException;
import org.saliency4j.image.Preprocessing;
import org.saliency4j.methods.AttributionMethod;
import org.saliency4j.methods.Targets;
import org.saliency4j.model.Layers;
import org.saliency4j.pipeline.ExplainRequest;
import org.saliency4j.pipeline.ExplainRun;
import org.saliency4j.pipeline.Explainer;
import org.saliency4j.pipeline.Inputs;
import org.saliency4j.render.Colormap;
import org.saliency4j.render.RenderOptions;
import org.saliency4j.report.ExplainReport;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "explain",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description =
                "Compute saliency maps for images (or a preprocessed tensor) and write maps, PNGs and manifest.json.",
        footer = {
            "",
            "Examples:",
            "  saliency4j explain --model demo/shapes_cnn.onnx \\",
            "      --image demo/images/00_disc.png --method gradient",
            "  saliency4j explain --model m.onnx --image a.jpg b.jpg \\",
            "      --target 281,285 --score probability --out maps",
            "  saliency4j explain --model m.onnx --input-npy batch.npy \\",
            "      --method gradient --param score=probability",
            "",
            "Writes DIR/<input>/<method>/map.npy ([H, W] float32, raw),",
            "attribution.npy ([C, H, W], signed, input-level methods),",
            "layerMap.npy (layer methods), heatmap.png, overlay.png (images only),",
            "and DIR/manifest.json."
        })
final class ExplainCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @ArgGroup(multiplicity = "1")
    Sources sources;

    static final class Sources {
        @Option(
                names = "--image",
                arity = "1..*",
                paramLabel = "IMAGE",
                description = "images (PNG, JPEG, BMP, GIF, TIFF, WebP)")
        List<Path> images;

        @Option(names = "--input-npy", paramLabel = "X.npy", description = "a preprocessed float32 batch [N, C, H, W]")
        Path npy;
    }

    @Option(
            names = "--method",
            split = ",",
            defaultValue = "gradient",
            paramLabel = "NAME",
            description = "methods, comma-separated (default: ${DEFAULT-VALUE}); 'saliency4j methods' lists them")
    List<String> methods;

    @Option(
            names = "--layer",
            split = ",",
            defaultValue = Layers.AUTO,
            paramLabel = "LAYER",
            description = "layer(s) for layer methods, comma-separated: tensor name, node name or auto "
                    + "(default: ${DEFAULT-VALUE}); "
                    + "several layers' maps are averaged after min-max normalisation")
    List<String> layers;

    @Option(
            names = "--target",
            defaultValue = Targets.TOP1,
            paramLabel = "TARGET",
            description = "top1, a class index or a label; one for all inputs or a comma-separated list, one "
                    + "per input (default: ${DEFAULT-VALUE})")
    String target;

    @Option(
            names = "--score",
            paramLabel = "KIND",
            description = "logit or probability, for every method (default: each method's own)")
    String score;

    @Option(
            names = "--param",
            paramLabel = "NAME=VALUE",
            description = "a method parameter, repeatable; applies to each listed method that declares it")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(
            names = "--out",
            defaultValue = "out",
            paramLabel = "DIR",
            description = "output folder (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(
            names = "--alpha",
            defaultValue = "0.5",
            description = "overlay opacity of the heatmap, 0 to 1 (default: ${DEFAULT-VALUE})")
    float alpha;

    @Option(
            names = "--overlay-size",
            defaultValue = "2048",
            paramLabel = "PX",
            description = "longest side of an overlay; larger photos are drawn smaller (default: ${DEFAULT-VALUE})")
    int overlaySize;

    @Option(
            names = "--colormap",
            defaultValue = "jet",
            description = "heatmap colours: jet, turbo, viridis or inferno (default: ${DEFAULT-VALUE})")
    String colormap;

    @Override
    public Integer call() {
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new SaliencyException(
                    SaliencyException.Kind.BAD_OPTION, "--alpha must be between 0 and 1, not " + alpha + ".");
        }
        Colormap colours = Colormap.parse(colormap);
        try (Explainer explainer = common.open()) {
            Preprocessing preprocessing = common.preprocessing(explainer, sources.images != null);
            Inputs inputs = sources.images != null
                    ? Inputs.ofImages(sources.images, preprocessing, common.maxPixels)
                    : Inputs.ofNpy(sources.npy, preprocessing.input());
            ExplainRequest request = ExplainRequest.of(inputs, preprocessing, methods)
                    .withLabels(common.labels(preprocessing))
                    .withParameters(params)
                    .withScore(score)
                    .withLayers(layers)
                    .withTargets(target);
            ExplainRun run = explainer.prepare(request);
            ExplainReport report = new ExplainReport(
                    out,
                    new RenderOptions(colours, alpha, overlaySize),
                    common.model.toString(),
                    preprocessing,
                    inputs.hasImages(),
                    run.methods().stream().map(AttributionMethod::name).toList());
            report.open();
            try (ProgressBar progress =
                    new ProgressBar(System.err, "explain", run.results(), explainer.runtime()::modelRuns)) {
                run.run(
                        result -> {
                            report.accept(result);
                            progress.step();
                        },
                        progress::progress);
            } catch (RuntimeException | OutOfMemoryError e) {
                report.fail(e);
                throw e;
            }
            int written = report.finish();
            System.out.println(
                    "wrote " + written + " explanation(s) to " + out + " (see " + out.resolve("manifest.json") + ")");
        }
        return 0;
    }
}
