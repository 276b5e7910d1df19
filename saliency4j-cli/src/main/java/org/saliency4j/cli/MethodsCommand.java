package org.saliency4j.cli;

import org.saliency4j.methods.AttributionMethod;
import org.saliency4j.methods.MethodParameter;
import org.saliency4j.methods.MethodRegistry;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

@Command(name = "methods", mixinStandardHelpOptions = true,
        description = "List the methods with their parameters and defaults.",
        footer = {"", "Examples:", "  saliency4j methods",
                "  saliency4j explain --model m.onnx --image a.jpg --method gradient --param score=probability"})
final class MethodsCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        for (AttributionMethod m : MethodRegistry.all()) {
            System.out.println(m.name() + (m.usesLayer() ? " (layer method)" : " (input-level method)") + ": " + m.description());
            for (MethodParameter p : m.parameters()) {
                System.out.printf("    --param %s=%s   %s%n", p.name(), p.defaultValue(), p.description());
            }
        }
        System.out.println();
        System.out.println("Any method as METHOD+ge (e.g. gradcam+ge) is refined by Gradual Extrapolation, with two more parameters:");
        System.out.println("    --param ge-levels=     pyramid tensors, comma-separated (default: found in the graph; 'saliency4j layers' marks them g)");
        System.out.println("    --param ge-normalise=image   image or batch (the authors' batch-global normalisation)");
        return 0;
    }
}
