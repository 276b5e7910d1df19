package org.saliency4j.spark;

import org.saliency4j.cli.Main;
import picocli.CommandLine.Command;

@Command(
        name = "saliency4j-spark",
        mixinStandardHelpOptions = true,
        versionProvider = Main.VersionProvider.class,
        subcommands = {SparkJob.Explain.class, SparkJob.Evaluate.class},
        description = "Explain and evaluate image datasets on Apache Spark with one ONNX model.",
        footer = {
            "",
            "Examples:",
            "  saliency4j-spark explain --master 'local[*]' --model demo/shapes_cnn.onnx \\",
            "      --images 'demo/images/*.png' --method gradcam,gradient --out maps.parquet",
            "  saliency4j-spark evaluate --model m.onnx --images 'photos/*.jpg' \\",
            "      --method gradcam --metric deletion,insertion --out eval.parquet",
            "",
            "Exit codes as saliency4j's (saliency4j --help), and 13 when the Spark job fails."
        })
public final class SparkMain {
    public static void main(String[] args) {
        System.exit(Main.run(new SparkMain(), args));
    }
}
