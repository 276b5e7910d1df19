package org.saliency4j.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.saliency4j.SaliencyException;
import org.saliency4j.image.Preprocessing;
import org.saliency4j.metrics.Annotations;
import org.saliency4j.pipeline.Evaluation;
import org.saliency4j.pipeline.ExplainRequest;
import org.saliency4j.pipeline.ExplainRun;
import org.saliency4j.pipeline.Explainer;
import org.saliency4j.pipeline.GivenMaps;
import org.saliency4j.pipeline.Inputs;
import org.saliency4j.pipeline.MetricRegistry;
import org.saliency4j.report.EvaluationReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Compute maps with the methods (or take them, --maps) and measure them with the metrics; "
                + "write metrics.csv, summary.csv, the curves, index.html and manifest.json.",
        footer = {
            "",
            "Examples:",
            "  saliency4j evaluate --model demo/shapes_cnn.onnx --image demo/images/*.png \\",
            "      --method gradcam,gradient --metric deletion,insertion --out eval",
            "  saliency4j evaluate --model m.onnx --image a.jpg b.jpg --maps captum_ig.npy \\",
            "      --metric deletion,insertion",
            "  saliency4j evaluate --model m.onnx --image a.jpg --method rsi-gradcam \\",
            "      --metric deletion --metric-param resolution=28 --metric-param auc=igos",
            "",
            "  saliency4j evaluate --model m.onnx --image ../shared/pointing/*.jpg \\",
            "      --annotations ../shared/pointing/annotations.json --target annotated \\",
            "      --method gradcam --metric pointing-game,energy-in-box",
            "",
            "Metrics: deletion, average-drop and complexity (lower is better);",
            "insertion, increase-in-confidence, average-gain, sparseness and",
            "the localisation metrics (higher is better). 'saliency4j methods'",
            "lists their parameters."
        })
final class EvaluateCommand implements Callable<Integer> {
    /** The target that takes each image's annotated classes. */
    static final String ANNOTATED = "annotated";

    @Mixin
    CommonOptions common;

    @Mixin
    RequestOptions what;

    @Mixin
    PictureOptions pictures;

    @Option(
            names = "--metric",
            split = ",",
            required = true,
            paramLabel = "NAME",
            description = "metrics, comma-separated: deletion, insertion, average-drop, "
                    + "increase-in-confidence, average-gain, sparseness, complexity, pointing-game, "
                    + "energy-in-box, relevance-mass, relevance-rank")
    List<String> metrics;

    @Option(
            names = "--annotations",
            paramLabel = "FILE",
            description = "the images' objects (boxes, classes, masks) as JSON, for the localisation metrics; "
                    + "--target annotated then explains each image's annotated class it scores highest")
    Path annotations;

    @Option(
            names = "--metric-param",
            paramLabel = "NAME=VALUE",
            description = "a metric parameter, repeatable; applies to each listed metric that declares it")
    Map<String, String> metricParams = new LinkedHashMap<>();

    @Option(
            names = "--maps",
            paramLabel = "MAPS",
            description = "evaluate maps made elsewhere instead of --method: a float32 .npy [N, H, W], one map per "
                    + "input in input order, or an explain output folder")
    Path maps;

    @Option(
            names = "--out",
            defaultValue = "eval",
            paramLabel = "DIR",
            description = "output folder (default: ${DEFAULT-VALUE})")
    Path out;

    @Override
    public Integer call() {
        try (Explainer explainer = common.open()) {
            Preprocessing preprocessing = common.preprocessing(explainer, what.images());
            Inputs inputs = what.inputs(preprocessing, common.maxPixels);
            if (annotations != null && !what.images()) {
                throw new SaliencyException(
                        SaliencyException.Kind.BAD_OPTION,
                        "--annotations describes images: give them with --image, not --input-npy.");
            }
            Annotations objects = annotations == null ? null : Annotations.read(annotations);
            GivenMaps given = given(inputs, preprocessing);
            String targets = given != null && given.targets() != null ? given.targets() : targets(objects);
            ExplainRequest request = what.request(inputs, preprocessing, common.labels(preprocessing), targets);
            ExplainRun run = given == null ? explainer.prepare(request) : explainer.prepare(request, given.methods());
            EvaluationReport report = new EvaluationReport(out, common.model.toString(), pictures.options());
            int metricCount = MetricRegistry.resolve(metrics).size();
            try (ProgressBar bar = Runs.bar("evaluate", "steps", explainer, run.results() * (1 + metricCount))) {
                Evaluation evaluation =
                        new Evaluation(explainer, preprocessing, metrics, metricParams, objects, row -> {
                            report.accept(row);
                            bar.extraStep();
                        });
                evaluation.requireMethodsFor(run.methods());
                report.open();
                Runs.drive(bar, run, evaluation, evaluation::finish, report::fail);
            }
            int written = report.finish();
            System.out.println(
                    "wrote " + written + " metric value(s) to " + out + " (see " + out.resolve("summary.csv") + ")");
        }
        return 0;
    }

    private GivenMaps given(Inputs inputs, Preprocessing preprocessing) {
        if (maps == null) {
            return null;
        }
        if (what.methods != null) {
            throw new SaliencyException(SaliencyException.Kind.BAD_OPTION, "give --method or --maps, not both.");
        }
        return GivenMaps.read(maps, inputs, preprocessing.input());
    }

    private String targets(Annotations objects) {
        if (!what.target.equals(ANNOTATED)) {
            return what.target;
        }
        if (objects == null || !what.images()) {
            throw new SaliencyException(
                    SaliencyException.Kind.BAD_OPTION, "--target annotated needs --image and --annotations FILE.");
        }
        return objects.targets(what.sources.images);
    }
}
