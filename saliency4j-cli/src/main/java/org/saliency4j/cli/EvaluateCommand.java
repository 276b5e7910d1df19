package org.saliency4j.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.saliency4j.image.Preprocessing;
import org.saliency4j.pipeline.Evaluation;
import org.saliency4j.pipeline.ExplainRun;
import org.saliency4j.pipeline.Explainer;
import org.saliency4j.pipeline.Inputs;
import org.saliency4j.report.EvaluationReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Compute maps with the methods and measure them with the metrics; write metrics.csv, "
                + "summary.csv, the curves and manifest.json.",
        footer = {
            "",
            "Examples:",
            "  saliency4j evaluate --model demo/shapes_cnn.onnx --image demo/images/*.png \\",
            "      --method gradcam,gradient --metric deletion,insertion --out eval",
            "  saliency4j evaluate --model m.onnx --image a.jpg --method rsi-gradcam \\",
            "      --metric deletion --metric-param resolution=28 --metric-param auc=igos",
            "",
            "Metrics: deletion, average-drop and complexity (lower is better);",
            "insertion, increase-in-confidence, average-gain and sparseness",
            "(higher is better). 'saliency4j methods' lists their parameters."
        })
final class EvaluateCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Mixin
    RequestOptions what;

    @Option(
            names = "--metric",
            split = ",",
            required = true,
            paramLabel = "NAME",
            description = "metrics, comma-separated: deletion, insertion, average-drop, "
                    + "increase-in-confidence, average-gain, sparseness, complexity")
    List<String> metrics;

    @Option(
            names = "--metric-param",
            paramLabel = "NAME=VALUE",
            description = "a metric parameter, repeatable; applies to each listed metric that declares it")
    Map<String, String> metricParams = new LinkedHashMap<>();

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
            ExplainRun run = explainer.prepare(what.request(inputs, preprocessing, common.labels(preprocessing)));
            EvaluationReport report = new EvaluationReport(out, common.model.toString());
            Evaluation evaluation = new Evaluation(explainer, preprocessing, metrics, metricParams, report);
            report.open();
            Runs.drive("evaluate", explainer, run, evaluation, report::fail);
            int written = report.finish();
            System.out.println(
                    "wrote " + written + " metric value(s) to " + out + " (see " + out.resolve("summary.csv") + ")");
        }
        return 0;
    }
}
