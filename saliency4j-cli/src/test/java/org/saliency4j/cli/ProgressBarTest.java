package org.saliency4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Progress off a terminal: a line at every tenth of the work, and one at least every 30 seconds. */
class ProgressBarTest {
    @Test
    void plainLinesAtEveryTenthAndEveryThirtySeconds() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long[] now = {0};
        long[] runs = {0};
        try (ProgressBar bar = new ProgressBar(
                new PrintStream(bytes, true, StandardCharsets.UTF_8),
                "explain",
                20,
                () -> runs[0],
                () -> now[0],
                false)) {
            bar.progress(0.5); // inside a method: less than a tenth, no line
            now[0] = 31_000_000_000L; // half a minute without a line
            runs[0] = 7;
            bar.progress(0.6);
            bar.step(); // 1 of 20
            bar.step(); // 2 of 20: a tenth
            for (int i = 0; i < 18; i++) {
                bar.step();
            }
        }
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals("explain: 0/20 results (3%), 7 model runs, 31.0 s, about 1002 s left", lines.get(0));
        assertEquals("explain: 2/20 results (10%), 7 model runs, 31.0 s, about 279 s left", lines.get(1));
        assertEquals(11, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(10).startsWith("explain: 20/20 results (100%)"));
    }
}
