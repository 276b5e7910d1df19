package org.saliency4j.methods;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.saliency4j.SaliencyException;
import org.saliency4j.model.Labels;
import org.saliency4j.tensor.Tensor;

/**
 * Resolves target texts: "top1" (each input's own top class), a class index, a label, or classes
 * joined by "|" (the one the input scores highest); one value for all inputs, or a comma-separated
 * list with exactly one entry per input.
 */
public final class Targets {
    public static final String TOP1 = "top1";

    private Targets() {}

    /**
     * One target text per input: the single value repeated, or the comma-separated list, which must
     * have exactly one entry per input. Indices and labels are checked here, before anything runs.
     */
    public static List<String> perInput(String spec, int inputs, int classes, Labels labels) {
        String[] parts = spec.split(",", -1);
        if (parts.length != 1 && parts.length != inputs) {
            throw new SaliencyException(
                    SaliencyException.Kind.BAD_TARGET,
                    "the target list lists " + parts.length + " targets for " + inputs
                            + " inputs; give one target for all inputs, or exactly one per input.");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < inputs; i++) {
            String part = parts[parts.length == 1 ? 0 : i].strip();
            if (!part.equalsIgnoreCase(TOP1)) {
                for (String one : part.split("\\|", -1)) {
                    parse(one.strip(), classes, labels);
                }
            }
            out.add(part);
        }
        return out;
    }

    /**
     * The class index of each target text, with top1 taken from the inputs' logits [N, K]; the
     * forward pass for them runs only when some target is top1.
     */
    public static int[] resolve(List<String> parts, Supplier<Tensor> logits, int classes, Labels labels) {
        Tensor computed =
                parts.stream().anyMatch(p -> p.equalsIgnoreCase(TOP1) || p.contains("|")) ? logits.get() : null;
        int[] targets = new int[parts.size()];
        for (int i = 0; i < targets.length; i++) {
            String part = parts.get(i);
            if (part.equalsIgnoreCase(TOP1)) {
                targets[i] = argmax(computed, i, classes);
            } else if (part.contains("|")) {
                targets[i] = bestOf(part.split("\\|"), computed, i, classes, labels);
            } else {
                targets[i] = parse(part, classes, labels);
            }
        }
        return targets;
    }

    private static int bestOf(String[] candidates, Tensor logits, int row, int classes, Labels labels) {
        float[] d = logits.data();
        int best = -1;
        for (String candidate : candidates) {
            int k = parse(candidate.strip(), classes, labels);
            if (best < 0 || d[row * classes + k] > d[row * classes + best]) {
                best = k;
            }
        }
        return best;
    }

    private static int parse(String part, int classes, Labels labels) {
        int index;
        if (part.matches("-?\\d+")) {
            // a number too long for an int is out of range all the same
            if (part.length() > 10 || Long.parseLong(part) != (int) Long.parseLong(part)) {
                throw outOfRange(part, classes);
            }
            index = Integer.parseInt(part);
        } else {
            index = labels.indexOf(part);
            if (index < 0) {
                throw new SaliencyException(
                        SaliencyException.Kind.BAD_TARGET,
                        labels.names().isEmpty() ? SaliencyException.Topic.LABELS : SaliencyException.Topic.NONE,
                        "target '" + part + "' is neither top1, a class index nor a known label"
                                + (labels.names().isEmpty() ? " (the model has no labels)" : "") + ".");
            }
        }
        check(index, classes);
        return index;
    }

    /** Fails unless the class index is one of the model's. */
    public static void check(int index, int classes) {
        if (index < 0 || index >= classes) {
            throw outOfRange(Integer.toString(index), classes);
        }
    }

    private static SaliencyException outOfRange(String index, int classes) {
        return new SaliencyException(
                SaliencyException.Kind.BAD_TARGET,
                "target class " + index + " is out of range: the model has " + classes + " classes (0 to "
                        + (classes - 1) + ").");
    }

    /** One-hot score weights [N * repeats, K], each target repeated, sample-major. */
    public static Tensor oneHot(int[] targets, int classes, int repeats) {
        float[] w = new float[targets.length * repeats * classes];
        for (int n = 0; n < targets.length; n++) {
            for (int r = 0; r < repeats; r++) {
                w[(n * repeats + r) * classes + targets[n]] = 1f;
            }
        }
        return new Tensor(w, (long) targets.length * repeats, classes);
    }

    /** The first highest class of row {@code row} of logits [N, classes]. */
    public static int argmax(Tensor logits, int row, int classes) {
        float[] d = logits.data();
        int best = 0;
        for (int k = 1; k < classes; k++) {
            if (d[row * classes + k] > d[row * classes + best]) {
                best = k;
            }
        }
        return best;
    }
}
