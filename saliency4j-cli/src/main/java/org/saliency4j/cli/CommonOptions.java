package org.saliency4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
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

    @Option(
            names = "--max-pixels",
            defaultValue = "100000000",
            paramLabel = "N",
            description = "refuse images of more pixels than this, read from their headers (default: ${DEFAULT-VALUE})")
    long maxPixels;

    @Option(names = "--debug", description = "print stack traces on errors")
    boolean debug;

    Explainer open() {
        return Explainer.open(model, output, new RuntimeOptions(threads, batchSize));
    }

    /** The model's preprocessing; when images are read without one given or found, one line says what is assumed. */
    Preprocessing preprocessing(Explainer explainer, boolean images) {
        Preprocessing p = Preprocessing.forModel(explainer.runtime().model(), preprocess);
        if (images
                && preprocess == null
                && !Files.isRegularFile(
                        Preprocessing.besideModel(explainer.runtime().model()))) {
            System.err.println("note: no preprocessing file, so assuming resize " + p.resizeShorterSide() + ", crop "
                    + p.cropHeight() + "x" + p.cropWidth() + ", ImageNet mean " + Arrays.toString(p.mean())
                    + " and std "
                    + Arrays.toString(p.std()) + "; give --preprocess FILE or put "
                    + Preprocessing.besideModel(explainer.runtime().model()).getFileName() + " beside the model.");
        }
        return p;
    }

    Labels labels(Preprocessing preprocessing) {
        if (labels != null) {
            return Labels.read(labels);
        }
        return preprocessing.classNames();
    }
}
