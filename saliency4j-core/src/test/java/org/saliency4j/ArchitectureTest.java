package org.saliency4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packages' imports follow the flow tensor/onnx -> model/image -> autodiff -> runtime ->
 * methods -> metrics -> pipeline -> render -> report: a package imports only packages below it.
 * Within methods, the families import the root and the path helpers, never the other way.
 */
class ArchitectureTest {
    private static final Map<String, Double> RANK = Map.ofEntries(
            Map.entry("", 0.0),
            Map.entry("tensor", 1.0),
            Map.entry("onnx", 1.0),
            Map.entry("model", 2.0),
            Map.entry("image", 3.0),
            Map.entry("autodiff", 3.0),
            Map.entry("runtime", 4.0),
            Map.entry("methods", 5.0),
            Map.entry("methods.path", 5.1),
            Map.entry("methods.gradient", 5.2),
            Map.entry("methods.cam", 5.2),
            Map.entry("methods.refine", 5.2),
            Map.entry("methods.perturbation", 5.2),
            Map.entry("methods.optimisation", 5.2),
            Map.entry("metrics", 6.0),
            Map.entry("pipeline", 7.0),
            Map.entry("render", 8.0),
            Map.entry("report", 9.0));
    private static final Path SOURCES = Path.of("src/main/java/org/saliency4j");
    private static final Pattern IMPORT =
            Pattern.compile("^import (?:static )?org\\.saliency4j\\.((?:[a-z0-9]+\\.)*)[A-Z]", Pattern.MULTILINE);

    @Test
    void importsRunWithTheFlow() throws IOException {
        List<String> against = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String from = packageOf(
                        SOURCES.relativize(file.getParent()).toString().replace('/', '.'));
                Matcher m = IMPORT.matcher(Files.readString(file));
                while (m.find()) {
                    String to = packageOf(
                            m.group(1).isEmpty()
                                    ? ""
                                    : m.group(1).substring(0, m.group(1).length() - 1));
                    if (!to.equals(from) && RANK.get(to) >= RANK.get(from)) {
                        against.add(file.getFileName() + " (" + from + ") imports " + to);
                    }
                }
            }
        }
        assertEquals(List.of(), against);
    }

    private static String packageOf(String name) {
        if (!RANK.containsKey(name)) {
            throw new AssertionError("package '" + name + "' has no place in the flow; add it to ArchitectureTest");
        }
        return name;
    }
}
