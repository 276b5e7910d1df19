package org.saliency4j.cli;

import java.nio.file.Path;
import org.saliency4j.image.Preprocessing;
import org.saliency4j.model.Labels;
import org.saliency4j.pipeline.Explainer;
import org.saliency4j.runtime.RuntimeOptions;
import picocli.CommandLine.Option;

/** Options every model command shares. */
public final class CommonOptions {
    @Option(names = "--model", required = true, paramLabel = "MODEL.onnx", description = "the ONNX classifier")
    Path model;

    @Option(
            names = "--output",
            paramLabel = "NAME",
            description = "the model output holding the logits (default: the first)")
    String output;

    @Option(
            names = "--preprocess",
            paramLabel = "FILE.json",
            description = "preprocessing file (default: MODEL.onnx.json beside the model if present, else "
                    + "ImageNet defaults at the model's input size)")
    Path preprocess;

    @Option(names = "--labels", paramLabel = "FILE", description = "class names, one per line (line i names class i)")
    Path labels;

    @Option(
            names = "--threads",
            defaultValue = "2",
            description = "ONNX Runtime intra-op threads; 0 uses all cores (default: ${DEFAULT-VALUE})")
    int threads;

    @Option(
            names = "--batch-size",
            defaultValue = "16",
            description = "internal batch size, which bounds memory (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--debug", description = "print stack traces on errors")
    boolean debug;

    Explainer open() {
        return Explainer.open(model, output, new RuntimeOptions(threads, batchSize));
    }

    Preprocessing preprocessing(Explainer explainer) {
        return Preprocessing.forModel(explainer.runtime().model(), preprocess);
    }

    Labels labels(Preprocessing preprocessing) {
        if (labels != null) {
            return Labels.read(labels);
        }
        return preprocessing.labels().isEmpty() ? Labels.none() : new Labels(preprocessing.labels());
    }
}
