package org.saliency4j.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.saliency4j.IoErrors;
import org.saliency4j.SaliencyException;

/** Class names by index; a missing name prints as the index. */
public record Labels(List<String> names) {

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

    /**
     * The index of a label, ignoring case, or -1. A label like "tabby, tabby cat" also answers to
     * each of its comma-separated names, since --target lists are split at commas.
     */
    public int indexOf(String label) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(label)) {
                return i;
            }
        }
        for (int i = 0; i < names.size(); i++) {
            for (String synonym : names.get(i).split(",")) {
                if (synonym.strip().equalsIgnoreCase(label)) {
                    return i;
                }
            }
        }
        return -1;
    }
}
