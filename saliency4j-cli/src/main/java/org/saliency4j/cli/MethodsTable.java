package org.saliency4j.cli;

import java.util.List;
import java.util.stream.Collectors;
import org.saliency4j.methods.AttributionMethod;
import org.saliency4j.methods.Parameter;
import org.saliency4j.methods.Refinement;

/** The README's methods table, made from the methods' declarations (a test keeps the README in step). */
final class MethodsTable {
    static final String BEGIN = "<!-- methods table: made by 'saliency4j methods --markdown'; a test checks it -->";
    static final String END = "<!-- end of methods table -->";

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

    private static void row(
            StringBuilder out, String name, String level, String description, List<Parameter> parameters) {
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
                .append(level)
                .append(" | ")
                .append(description.replace("|", "\\|"))
                .append(" | ")
                .append(defaults)
                .append(" |\n");
    }
}
