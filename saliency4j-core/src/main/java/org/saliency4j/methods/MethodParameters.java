package org.saliency4j.methods;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.saliency4j.SaliencyException;
import org.saliency4j.autodiff.ScoreKind;

/** The parameter values of one method run: the declared defaults overridden by the user's, all checked. */
public final class MethodParameters {
    private final String method;
    private final Map<String, Parameter> declared;
    private final Map<String, String> values;

    private MethodParameters(String method, Map<String, Parameter> declared, Map<String, String> values) {
        this.method = method;
        this.declared = declared;
        this.values = values;
    }

    /** Checks the given names and values against the method's declarations and fills in defaults. */
    public static MethodParameters of(AttributionMethod method, Map<String, String> given) {
        return of(method.name(), method.parameters(), given);
    }

    /** As for a method, for anything else that declares parameters (a metric, say), named {@code owner}. */
    public static MethodParameters of(String owner, List<Parameter> parameters, Map<String, String> given) {
        Map<String, Parameter> declared = new LinkedHashMap<>();
        Map<String, String> values = new LinkedHashMap<>();
        for (Parameter p : parameters) {
            declared.put(p.name(), p);
            values.put(p.name(), p.defaultValue());
        }
        for (Map.Entry<String, String> e : given.entrySet()) {
            Parameter p = declared.get(e.getKey());
            if (p == null) {
                throw new SaliencyException(
                        SaliencyException.Kind.BAD_OPTION,
                        SaliencyException.Topic.METHODS,
                        owner + ": there is no parameter '" + e.getKey() + "'; its parameters are "
                                + (values.isEmpty() ? "none" : String.join(", ", values.keySet())) + ".");
            }
            p.check(owner, e.getValue());
            values.put(e.getKey(), e.getValue().strip());
        }
        return new MethodParameters(owner, declared, values);
    }

    public String string(String name) {
        return value(name);
    }

    public int integer(String name) {
        return Integer.parseInt(value(name));
    }

    public double number(String name) {
        return Double.parseDouble(value(name));
    }

    public boolean bool(String name) {
        return Boolean.parseBoolean(value(name));
    }

    /** A list parameter's items, stripped; empty when not given. */
    public List<String> list(String name) {
        String v = value(name);
        return v.isEmpty()
                ? List.of()
                : Arrays.stream(v.split(",")).map(String::strip).toList();
    }

    public ScoreKind score() {
        return ScoreKind.parse(value("score"));
    }

    /** A value that is valid alone but not with the others, reported in the one message form. */
    public SaliencyException invalid(String name, String allowed) {
        return declared.get(name).invalid(method, values.get(name), allowed);
    }

    /** All values, as recorded in the manifest. */
    public Map<String, String> asMap() {
        return Collections.unmodifiableMap(values);
    }

    private String value(String name) {
        String v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException(method + " declares no parameter '" + name + "'");
        }
        return v;
    }

    @Override
    public String toString() {
        return values.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
    }
}
