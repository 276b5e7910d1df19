package org.saliency4j.methods;

import org.saliency4j.SaliencyException;
import org.saliency4j.autodiff.ScoreKind;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** The parameter values of one method run: the declared defaults overridden by the user's. */
public final class MethodParameters {
    private final String method;
    private final Map<String, String> values;

    private MethodParameters(String method, Map<String, String> values) {
        this.method = method;
        this.values = values;
    }

    /** Checks the given names against the method's declared parameters and fills in defaults. */
    public static MethodParameters of(AttributionMethod method, Map<String, String> given) {
        Map<String, String> values = new LinkedHashMap<>();
        for (MethodParameter p : method.parameters()) {
            values.put(p.name(), p.defaultValue());
        }
        for (Map.Entry<String, String> e : given.entrySet()) {
            if (!values.containsKey(e.getKey())) {
                throw new SaliencyException(SaliencyException.Kind.BAD_OPTION, "method '" + method.name() + "' has no parameter '"
                        + e.getKey() + "'; its parameters are " + (values.isEmpty() ? "none" : String.join(", ", values.keySet()))
                        + ". Run 'saliency4j methods' to see them with their defaults.");
            }
            values.put(e.getKey(), e.getValue());
        }
        return new MethodParameters(method.name(), values);
    }

    public String string(String name) {
        return values.get(name);
    }

    public int integer(String name) {
        try {
            return Integer.parseInt(values.get(name).trim());
        } catch (NumberFormatException e) {
            throw bad(name, "a whole number");
        }
    }

    public double number(String name) {
        try {
            double v = Double.parseDouble(values.get(name).trim());
            if (!Double.isFinite(v)) {
                throw bad(name, "a finite number");
            }
            return v;
        } catch (NumberFormatException e) {
            throw bad(name, "a number");
        }
    }

    public ScoreKind score() {
        return ScoreKind.parse(values.get("score"));
    }

    private SaliencyException bad(String name, String what) {
        return new SaliencyException(SaliencyException.Kind.BAD_OPTION, "parameter " + name + " of method '" + method
                + "' must be " + what + ", not '" + values.get(name) + "'.");
    }

    /** All values, as recorded in the manifest. */
    public Map<String, String> asMap() {
        return Collections.unmodifiableMap(values);
    }

    @Override
    public String toString() {
        return values.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    }
}
