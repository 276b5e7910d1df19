package org.saliency4j.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.saliency4j.image.Preprocessing;
import org.saliency4j.methods.AttributionMethod;
import org.saliency4j.pipeline.ExplainRequest;
import org.saliency4j.pipeline.ExplainRun;
import org.saliency4j.pipeline.Explainer;
import org.saliency4j.pipeline.Inputs;
import org.saliency4j.render.RenderOptions;
import org.saliency4j.report.ExplainReport;
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

    @Mixin
    RequestOptions what;

    @Option(
            names = "--out",
            defaultValue = "out",
            paramLabel = "DIR",
            description = "output folder (default: ${DEFAULT-VALUE})")
    Path out;

    @Mixin
    PictureOptions pictures;

    @Override
    public Integer call() {
        RenderOptions render = pictures.options();
        try (Explainer explainer = common.open()) {
            Preprocessing preprocessing = common.preprocessing(explainer, what.images());
            Inputs inputs = what.inputs(preprocessing, common.maxPixels);
            ExplainRequest request = what.request(inputs, preprocessing, common.labels(preprocessing));
            ExplainRun run = explainer.prepare(request);
            ExplainReport report = new ExplainReport(
                    out,
                    render,
                    common.model.toString(),
                    preprocessing,
                    inputs.hasImages(),
                    run.methods().stream().map(AttributionMethod::name).toList());
            report.open();
            Runs.drive("explain", explainer, run, report, () -> {}, report::fail);
            int written = report.finish();
            System.out.println(
                    "wrote " + written + " explanation(s) to " + out + " (see " + out.resolve("manifest.json") + ")");
        }
        return 0;
    }
}
