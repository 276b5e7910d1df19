package org.saliency4j.model;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.saliency4j.IoErrors;
import org.saliency4j.SaliencyException;

/** Class names by index; a missing name prints as the index. */
public record Labels(List<String> names) implements Serializable {

    public static Labels none() {
        return new Labels(List.of());
    }

    /** One label per line; line i names class i. */
    public static Labels read(Path file) {
        try {
            return new Labels(
                    Files.readAllLines(file).stream().map(String::strip).toList());
        } catch (IOException e) {
            throw new SaliencyException(
                    SaliencyException.Kind.IO, "cannot read labels file " + file + ": " + IoErrors.reason(e), e);
        }
    }

    public String name(int index) {
        return index < names.size() ? names.get(index) : String.valueOf(index);
    }

    /** The labels, if they name exactly the model's classes (or there are none); else an error. */
    public Labels checkedAgainst(int classes) {
        if (!names.isEmpty() && names.size() != classes) {
            throw new SaliencyException(
                    SaliencyException.Kind.BAD_OPTION,
                    "the labels name " + names.size() + " classes, but the model has " + classes
                            + "; give one label per class, line i naming class i.");
        }
        return this;
    }

    /**
     * The index of a label, ignoring case, or -1. A label like "tabby, tabby cat" also answers to
     * each of its comma-separated names, since target lists are split at commas. A name that two
     * classes share (ImageNet's "crane" is a bird and a machine) is an error naming both.
     */
    public int indexOf(String label) {
        List<Integer> whole = new ArrayList<>();
        List<Integer> partial = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(label)) {
                whole.add(i);
            }
            for (String synonym : names.get(i).split(",")) {
                if (synonym.strip().equalsIgnoreCase(label)) {
                    partial.add(i);
                    break;
                }
            }
        }
        List<Integer> matches = whole.isEmpty() ? partial : whole;
        if (matches.size() > 1) {
            throw new SaliencyException(
                    SaliencyException.Kind.BAD_TARGET,
                    "label '" + label + "' names several classes: "
                            + String.join(
                                    ", ",
                                    matches.stream()
                                            .map(i -> i + " (" + names.get(i) + ")")
                                            .toList())
                            + "; give the class index instead.");
        }
        return matches.isEmpty() ? -1 : matches.get(0);
    }
}
