package org.saliency4j.cli;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.saliency4j.SaliencyException;
import org.saliency4j.image.Preprocessing;
import org.saliency4j.model.Labels;
import org.saliency4j.pipeline.Explainer;
import org.saliency4j.pipeline.Inputs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "predict",
        mixinStandardHelpOptions = true,
        description = "Print each image's top classes with their labels and probabilities.",
        footer = {
            "",
            "Examples:",
            "  saliency4j predict --model demo/shapes_cnn.onnx --image demo/images/*.png",
            "  saliency4j predict --model mobilenet.onnx --image cat.jpg --top 5 \\",
            "      --labels imagenet_labels.txt"
        })
final class PredictCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(
            names = "--image",
            arity = "1..*",
            required = true,
            paramLabel = "IMAGE",
            description = "images to classify")
    List<Path> images;

    @Option(
            names = "--top",
            defaultValue = "5",
            description = "how many classes to print per image (default: ${DEFAULT-VALUE})")
    int top;

    @Override
    public Integer call() {
        if (top < 1) {
            throw new SaliencyException(
                    SaliencyException.Kind.BAD_OPTION, "--top must be at least 1, not " + top + ".");
        }
        try (Explainer explainer = common.open()) {
            Preprocessing preprocessing = common.preprocessing(explainer, true);
            Labels labels = common.labels(preprocessing).checkedAgainst(explainer.classes(preprocessing.input()));
            Inputs inputs = Inputs.ofImages(images, preprocessing, common.maxPixels);
            int chunk = explainer.runtime().options().internalBatchSize();
            for (int start = 0; start < inputs.size(); start += chunk) {
                int end = Math.min(inputs.size(), start + chunk);
                float[] p = explainer
                        .probabilities(
                                preprocessing.input(), inputs.chunk(start, end).inputs())
                        .data();
                int classes = p.length / (end - start);
                for (int n = start; n < end; n++) {
                    int row = n - start;
                    System.out.println(inputs.source(n));
                    IntStream.range(0, classes)
                            .boxed()
                            .sorted(Comparator.comparingDouble((Integer k) -> -p[row * classes + k]))
                            .limit(top)
                            .forEach(k ->
                                    System.out.printf("  %5d  %-32s %.6f%n", k, labels.name(k), p[row * classes + k]));
                }
            }
        }
        return 0;
    }
}
