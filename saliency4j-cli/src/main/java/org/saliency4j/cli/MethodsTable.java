package org.saliency4j.cli;

import java.util.List;
import java.util.stream.Collectors;
import org.saliency4j.methods.AttributionMethod;
import org.saliency4j.methods.Parameter;
import org.saliency4j.methods.Refinement;
import org.saliency4j.metrics.Metric;

/** The README's methods and metrics tables, made from their declarations (a test keeps the README in step). */
final class MethodsTable {
    static final String BEGIN = "<!-- methods table: made by 'saliency4j methods --markdown'; a test checks it -->";
    static final String END = "<!-- end of methods table -->";
    static final String METRICS_BEGIN =
            "<!-- metrics table: made by 'saliency4j methods --markdown'; a test checks it -->";
    static final String METRICS_END = "<!-- end of metrics table -->";

    private MethodsTable() {}

    static String markdown(List<AttributionMethod> methods, List<Refinement> refinements) {
        StringBuilder out = new StringBuilder(BEGIN).append('\n');
        out.append("| method | level | what it computes | parameters (defaults) |\n|---|---|---|---|\n");
        for (AttributionMethod m : methods) {
            row(out, "`" + m.name() + "`", m.usesLayer() ? "layer" : "input", m.description(), m.parameters());
        }
        for (Refinement r : refinements) {
            row(
                    out,
                    "`METHOD" + r.suffix() + "`",
                    "any",
                    r.description() + ", with the base method's parameters and these",
                    r.parameters());
        }
        return out.append(END).append('\n').toString();
    }

    static String metrics(List<Metric> metrics) {
        StringBuilder out = new StringBuilder(METRICS_BEGIN).append('\n');
        out.append("| metric | better | what it measures | parameters (defaults) |\n|---|---|---|---|\n");
        for (Metric m : metrics) {
            row(out, "`" + m.name() + "`", m.higherIsBetter() ? "higher" : "lower", m.description(), m.parameters());
        }
        return out.append(METRICS_END).append('\n').toString();
    }

    private static void row(
            StringBuilder out, String name, String kind, String description, List<Parameter> parameters) {
        String defaults = parameters.isEmpty()
                ? "—"
                : "`"
                        + parameters.stream()
                                .map(p -> p.name() + "=" + p.defaultValue())
                                .collect(Collectors.joining(" "))
                        + "`";
        out.append("| ")
                .append(name)
                .append(" | ")
                .append(kind)
                .append(" | ")
                .append(description.replace("|", "\\|"))
                .append(" | ")
                .append(defaults)
                .append(" |\n");
    }
}
