package org.saliency4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.saliency4j.pipeline.MethodRegistry;

/** The README's methods table is the one the declarations make; remake it with 'saliency4j methods --markdown'. */
class ReadmeTest {
    @Test
    void theMethodsTableIsUpToDate() throws IOException {
        String readme = Files.readString(Path.of("../README.md"));
        int begin = readme.indexOf(MethodsTable.BEGIN);
        int end = readme.indexOf(MethodsTable.END);
        assertTrue(begin >= 0 && end > begin, "README.md has no methods table between its markers");
        String table = readme.substring(begin, end + MethodsTable.END.length() + 1);
        assertEquals(
                MethodsTable.markdown(MethodRegistry.builtIn(), MethodRegistry.refinements()),
                table,
                "README.md's methods table is out of date: paste 'saliency4j methods --markdown' over it");
    }
}
