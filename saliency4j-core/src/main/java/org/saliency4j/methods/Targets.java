package org.saliency4j.methods;

import org.saliency4j.SaliencyException;
import org.saliency4j.model.Labels;
import org.saliency4j.tensor.Tensor;

/**
 * Resolves --target: "top1" (each input's own top class), a class index, or a label; one value
 * for all inputs, or a comma-separated list with exactly one entry per input.
 */
public final class Targets {
    public static final String TOP1 = "top1";

    private Targets() {
    }

    /** @param logits [N, K] logits of the inputs, for top1 */
    public static int[] resolve(String spec, Tensor logits, Labels labels) {
        int n = (int) logits.dim(0);
        int classes = (int) logits.dim(1);
        String[] parts = spec.split(",", -1);
        if (parts.length != 1 && parts.length != n) {
            throw new SaliencyException(SaliencyException.Kind.BAD_TARGET, "--target lists " + parts.length + " targets for "
                    + n + " inputs; give one target for all inputs, or exactly one per input.");
        }
        int[] targets = new int[n];
        for (int i = 0; i < n; i++) {
            String part = parts[parts.length == 1 ? 0 : i].strip();
            targets[i] = part.equalsIgnoreCase(TOP1) ? argmax(logits, i, classes) : parse(part, classes, labels);
        }
        return targets;
    }

    private static int parse(String part, int classes, Labels labels) {
        int index;
        if (part.matches("-?\\d+")) {
            index = Integer.parseInt(part);
        } else {
            index = labels.indexOf(part);
            if (index < 0) {
                throw new SaliencyException(SaliencyException.Kind.BAD_TARGET, "target '" + part + "' is neither top1, a class index nor a known label"
                        + (labels.names().isEmpty() ? " (the model has no labels; give --labels FILE to use names)" : "") + ".");
            }
        }
        if (index < 0 || index >= classes) {
            throw new SaliencyException(SaliencyException.Kind.BAD_TARGET, "target class " + index + " is out of range: the model has "
                    + classes + " classes (0 to " + (classes - 1) + ").");
        }
        return index;
    }

    static int argmax(Tensor logits, int row, int classes) {
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
