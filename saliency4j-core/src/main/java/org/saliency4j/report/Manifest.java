package org.saliency4j.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.saliency4j.IoErrors;
import org.saliency4j.SaliencyException;

/** manifest.json: what a run was given and, for each (input, method), what it wrote. */
public final class Manifest {
    private final Map<String, Object> header = new LinkedHashMap<>();
    private final List<Map<String, Object>> entries = new ArrayList<>();

    public Manifest put(String key, Object value) {
        header.put(key, value);
        return this;
    }

    public void add(Map<String, Object> entry) {
        entries.add(entry);
    }

    public List<Map<String, Object>> entries() {
        return entries;
    }

    public void write(Path file) {
        Map<String, Object> root = new LinkedHashMap<>(header);
        root.put("results", entries);
        try {
            byte[] json = new ObjectMapper()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(root)
                    .getBytes(StandardCharsets.UTF_8);
            AtomicFiles.write(file, json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("manifest is not serialisable", e);
        }
    }

    /**
     * Removes the files an earlier manifest lists (its results' files, its grid and tables), and the
     * folders left empty by that, all inside the manifest's own folder; then the manifest itself.
     */
    public static void removeListedFiles(Path manifest) {
        if (!Files.isRegularFile(manifest)) {
            return;
        }
        Path root = manifest.toAbsolutePath().getParent().normalize();
        JsonNode earlier;
        try {
            earlier = new ObjectMapper().readTree(manifest.toFile());
        } catch (IOException e) {
            return; // not a manifest of ours: leave the folder as it is
        }
        // a file may be listed by several entries (a picture shared by an input's metrics): remove it once
        Set<Path> listed = new LinkedHashSet<>();
        if (earlier.path("grid").isTextual()) {
            listed.add(root.resolve(earlier.get("grid").asText()));
        }
        earlier.path("files").forEach(f -> listed.add(root.resolve(f.asText())));
        for (JsonNode entry : earlier.path("results")) {
            entry.path("files").forEach(f -> listed.add(root.resolve(f.asText())));
        }
        listed.add(manifest.toAbsolutePath());
        for (Path file : listed) {
            Path p = file.normalize();
            if (!p.startsWith(root)) {
                continue;
            }
            try {
                Files.deleteIfExists(p);
                for (Path dir = p.getParent();
                        !dir.equals(root) && Files.isDirectory(dir) && isEmptyDirectory(dir);
                        dir = dir.getParent()) {
                    Files.delete(dir);
                }
            } catch (IOException e) {
                throw new SaliencyException(
                        SaliencyException.Kind.IO,
                        "cannot remove " + p + ", a file of the earlier run in this folder: " + IoErrors.reason(e),
                        e);
            }
        }
    }

    private static boolean isEmptyDirectory(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }
}
