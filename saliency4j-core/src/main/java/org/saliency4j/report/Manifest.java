package org.saliency4j.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
}
