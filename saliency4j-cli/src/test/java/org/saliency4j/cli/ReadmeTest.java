package org.saliency4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.saliency4j.pipeline.MethodRegistry;
import org.saliency4j.pipeline.MetricRegistry;

/**
 * The README's methods and metrics tables are the ones the declarations make; remake them with
 * 'saliency4j methods --markdown'.
 */
class ReadmeTest {
    @Test
    void theMethodsTableIsUpToDate() throws IOException {
        assertEquals(
                MethodsTable.markdown(MethodRegistry.builtIn(), MethodRegistry.refinements()),
                between(MethodsTable.BEGIN, MethodsTable.END),
                "README.md's methods table is out of date: paste 'saliency4j methods --markdown' over it");
    }

    @Test
    void theMetricsTableIsUpToDate() throws IOException {
        assertEquals(
                MethodsTable.metrics(MetricRegistry.all()),
                between(MethodsTable.METRICS_BEGIN, MethodsTable.METRICS_END),
                "README.md's metrics table is out of date: paste 'saliency4j methods --markdown' over it");
    }

    private static String between(String beginMarker, String endMarker) throws IOException {
        String readme = Files.readString(Path.of("../README.md"));
        int begin = readme.indexOf(beginMarker);
        int end = readme.indexOf(endMarker);
        assertTrue(begin >= 0 && end > begin, "README.md has no table between the markers " + beginMarker);
        return readme.substring(begin, end + endMarker.length() + 1);
    }
}
