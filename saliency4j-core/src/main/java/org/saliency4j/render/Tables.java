package org.saliency4j.render;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The published 256-entry colormap tables (colormaps.txt, written by tools/colormaps from
 * matplotlib's), looked up as matplotlib does: value v in [0, 1] takes entry min(255, floor(256 v)).
 */
final class Tables {
    private static final Map<String, int[]> TABLES = read();

    private Tables() {}

    /** The table of that name, read once. */
    static int[] get(String name) {
        return TABLES.get(name);
    }

    static int lookup(int[] table, float v) {
        float clamped = Math.max(0f, Math.min(1f, v));
        return table[Math.min(table.length - 1, (int) (clamped * table.length))];
    }

    private static Map<String, int[]> read() {
        Map<String, int[]> tables = new HashMap<>();
        try (InputStream in = Tables.class.getResourceAsStream("colormaps.txt");
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.trim().split(" ");
                int[] colours = new int[parts.length - 1];
                for (int i = 1; i < parts.length; i++) {
                    colours[i - 1] = Integer.parseInt(parts[i], 16);
                }
                tables.put(parts[0], colours);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tables;
    }
}
