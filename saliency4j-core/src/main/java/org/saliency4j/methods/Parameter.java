package org.saliency4j.methods;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.saliency4j.SaliencyException;

/**
 * A parameter a method declares: its kind, default (as text), help line and, where it has them,
 * its allowed values or range. {@link #check} is the one place values are validated.
 *
 * @param choices a choice's values; a path's named alternatives to a file (e.g. black, zeros)
 * @param min     the smallest allowed number (integer and number kinds; a number's may be -infinity)
 * @param max     the largest allowed number (integer and number kinds; a number's may be +infinity)
 */
public record Parameter(
        String name, Kind kind, String defaultValue, String help, List<String> choices, double min, double max) {

    /** What a parameter's value is. */
    public enum Kind {
        INTEGER,
        NUMBER,
        CHOICE,
        BOOLEAN,
        PATH,
        LIST
    }

    /** What is differentiated; every gradient method declares it, each with its own default. */
    public static Parameter score(String defaultValue) {
        return choice("score", defaultValue, "what is differentiated", "logit", "probability");
    }

    public static Parameter integer(String name, long defaultValue, long min, long max, String help) {
        return new Parameter(name, Kind.INTEGER, Long.toString(defaultValue), help, List.of(), min, max);
    }

    public static Parameter number(String name, double defaultValue, double min, double max, String help) {
        return new Parameter(name, Kind.NUMBER, plain(defaultValue), help, List.of(), min, max);
    }

    public static Parameter choice(String name, String defaultValue, String help, String... choices) {
        return new Parameter(name, Kind.CHOICE, defaultValue, help, List.of(choices), 0, 0);
    }

    public static Parameter bool(String name, boolean defaultValue, String help) {
        return new Parameter(name, Kind.BOOLEAN, Boolean.toString(defaultValue), help, List.of(), 0, 0);
    }

    /** A file path, or one of the named alternatives. */
    public static Parameter path(String name, String defaultValue, String help, String... alternatives) {
        return new Parameter(name, Kind.PATH, defaultValue, help, List.of(alternatives), 0, 0);
    }

    /** A comma-separated list; empty by default means "not given". */
    public static Parameter list(String name, String help) {
        return list(name, "", help);
    }

    /** A comma-separated list with a default. */
    public static Parameter list(String name, String defaultValue, String help) {
        return new Parameter(name, Kind.LIST, defaultValue, help, List.of(), 0, 0);
    }

    /** The seed every random draw of a method mixes with each input's content. */
    public static Parameter seed() {
        return integer("seed", 0, 0, Integer.MAX_VALUE, "seed of the random draws, mixed with each input's content");
    }

    /** What a valid value is, in words: "an integer from 1 to 10000", "logit or probability". */
    public String allowed() {
        return switch (kind) {
            case INTEGER -> "an integer" + range(Long.toString((long) min), Long.toString((long) max));
            case NUMBER -> "a number" + range(plain(min), plain(max));
            case CHOICE -> words(choices);
            case BOOLEAN -> "true or false";
            case PATH -> choices.isEmpty() ? "an existing file" : String.join(", ", choices) + " or an existing file";
            case LIST -> "a comma-separated list";
        };
    }

    /** Checks a value, failing with "METHOD: NAME must be ALLOWED, got 'VALUE'." */
    public void check(String method, String value) {
        String v = value.strip();
        boolean ok = switch (kind) {
            case INTEGER -> isInteger(v) && Long.parseLong(v) >= min && Long.parseLong(v) <= max;
            case NUMBER -> isNumber(v) && Double.parseDouble(v) >= min && Double.parseDouble(v) <= max;
            case CHOICE -> choices.contains(v);
            case BOOLEAN -> v.equals("true") || v.equals("false");
            case PATH -> choices.contains(v) || Files.isRegularFile(Path.of(v));
            case LIST -> v.isEmpty() || Arrays.stream(v.split(",", -1)).noneMatch(String::isBlank);
        };
        if (!ok) {
            throw invalid(method, value, allowed());
        }
    }

    /** The error of a value this parameter does not accept, in the one message form. */
    public SaliencyException invalid(String method, String value, String allowed) {
        return new SaliencyException(
                SaliencyException.Kind.BAD_OPTION,
                SaliencyException.Topic.METHODS,
                method + ": " + name + " must be " + allowed + ", got '" + value + "'.");
    }

    private String range(String lo, String hi) {
        boolean bounded = min > Double.NEGATIVE_INFINITY;
        boolean capped = max < Double.POSITIVE_INFINITY;
        if (bounded && capped) {
            return " from " + lo + " to " + hi;
        }
        if (bounded) {
            return " of at least " + lo;
        }
        return capped ? " of at most " + hi : "";
    }

    private static String words(List<String> values) {
        if (values.size() == 1) {
            return values.get(0);
        }
        return String.join(", ", values.subList(0, values.size() - 1)) + " or " + values.get(values.size() - 1);
    }

    private static boolean isInteger(String v) {
        try {
            Long.parseLong(v);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean isNumber(String v) {
        try {
            return Double.isFinite(Double.parseDouble(v));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** 0.15 as "0.15" and 2.0 as "2", as people write them. */
    private static String plain(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
