package org.saliency4j.report;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * A static HTML page from a Mustache template among this package's resources, written atomically.
 * The pages are self-contained (inline CSS, no script, no network), so they work from file://.
 */
final class HtmlPage {
    private static final Mustache.Compiler COMPILER =
            Mustache.compiler().escapeHTML(true).withLoader(HtmlPage::resource);

    private HtmlPage() {}

    static void write(Path file, String template, Map<String, Object> context) {
        Template compiled;
        try (Reader source = resource(template)) {
            compiled = COMPILER.compile(source);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        AtomicFiles.write(file, compiled.execute(context).getBytes(StandardCharsets.UTF_8));
    }

    private static Reader resource(String name) {
        InputStream in = HtmlPage.class.getResourceAsStream(name + ".mustache");
        if (in == null) {
            throw new IllegalStateException("template " + name + ".mustache is missing from the jar");
        }
        return new InputStreamReader(in, StandardCharsets.UTF_8);
    }
}
