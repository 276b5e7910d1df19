package org.saliency4j.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.saliency4j.methods.AttributionMethod;
import org.saliency4j.methods.Parameter;
import org.saliency4j.methods.Refinement;
import org.saliency4j.metrics.Metric;
import org.saliency4j.pipeline.MethodRegistry;
import org.saliency4j.pipeline.MetricRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "methods",
        mixinStandardHelpOptions = true,
        description = "List the methods and metrics with their parameters and defaults.",
        footer = {
            "",
            "Examples:",
            "  saliency4j methods",
            "  saliency4j methods --markdown > table.md",
            "  saliency4j explain --model m.onnx --image a.jpg --method gradient \\",
            "      --param score=probability"
        })
final class MethodsCommand implements Callable<Integer> {
    @Option(names = "--markdown", description = "print the README's methods and metrics tables instead")
    boolean markdown;

    @Override
    public Integer call() {
        System.out.print(
                markdown
                        ? MethodsTable.markdown(MethodRegistry.builtIn(), MethodRegistry.refinements()) + "\n"
                                + MethodsTable.metrics(MetricRegistry.all())
                        : text(MethodRegistry.all(), MethodRegistry.refinements()));
        return 0;
    }

    private static String text(List<AttributionMethod> methods, List<Refinement> refinements) {
        StringBuilder out = new StringBuilder();
        for (AttributionMethod m : methods) {
            out.append(m.name())
                    .append(m.usesLayer() ? " (layer method): " : " (input-level method): ")
                    .append(m.description())
                    .append('\n');
            parameters(out, "--param", m.parameters());
        }
        out.append("\nMetrics, for evaluate --metric (--metric-param NAME=VALUE):\n");
        for (Metric m : MetricRegistry.all()) {
            out.append(m.name())
                    .append(m.higherIsBetter() ? " (higher is better): " : " (lower is better): ")
                    .append(m.description())
                    .append('\n');
            parameters(out, "--metric-param", m.parameters());
        }
        for (Refinement r : refinements) {
            out.append("\nAny method as METHOD")
                    .append(r.suffix())
                    .append(": ")
                    .append(r.description())
                    .append(", with these parameters besides its own:\n");
            parameters(out, "--param", r.parameters());
        }
        return out.toString();
    }

    private static void parameters(StringBuilder out, String option, List<Parameter> parameters) {
        for (Parameter p : parameters) {
            out.append(String.format(
                    "    %s %s=%s   %s (%s)%n", option, p.name(), p.defaultValue(), p.help(), p.allowed()));
        }
    }
}
