package org.saliency4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * explain's and evaluate's index.html in a real browser (Debian's chromium, headless; .ci/run
 * installs it): the page loads without console messages, holds the expected rows and plots, every
 * picture and link it names exists, and its screenshot is not blank.
 */
class HtmlReportTest {
    private static final Pattern REFERENCE = Pattern.compile("(?:src|href)=\"([^\"#:]+)\"");

    @TempDir
    Path tmp;

    @Test
    void explainsPageShowsEveryInputAndMethod() throws Exception {
        Path out = tmp.resolve("maps");
        assertEquals(
                0,
                CliTest.run(
                                "explain",
                                "--model",
                                CliTest.MODEL,
                                "--image",
                                "../demo/images/00_disc.png",
                                "../demo/images/01_square.png",
                                "../demo/images/02_triangle.png",
                                "--method",
                                "gradcam,integrated-gradients",
                                "--out",
                                out.toString())
                        .code());
        String dom = load(out.resolve("index.html"));
        assertEquals(3, count(dom, "<tr class=\"input\""));
        assertEquals(6, count(dom, "<figure>"));
        assertTrue(dom.contains("clipped at their percentile 98"), "the page says how the pictures were drawn");
        referencesExist(dom, out);
        notBlank(screenshot(out.resolve("index.html")));
    }

    @Test
    void evaluatesPageHasTheTableThePlotsAndARowPerInput() throws Exception {
        Path out = tmp.resolve("eval");
        assertEquals(
                0,
                CliTest.run(
                                "evaluate",
                                "--model",
                                CliTest.MODEL,
                                "--image",
                                "../demo/images/00_disc.png",
                                "../demo/images/01_square.png",
                                "../demo/images/03_cross.png",
                                "--method",
                                "gradcam,gradient",
                                "--metric",
                                "deletion,insertion,sparseness,randomisation",
                                "--metric-param",
                                "layers=2",
                                "--out",
                                out.toString())
                        .code());
        String dom = load(out.resolve("index.html"));
        assertEquals(2, count(dom, "<tr class=\"method\""), "one table row per method");
        assertEquals(3, count(dom, "<tr class=\"input\""), "one row per input");
        assertEquals(3, count(dom, "<svg class=\"plot\""), "deletion, insertion and randomisation curves");
        assertTrue(count(dom, "class=\"num best\"") >= 4, "the best method of each metric is marked");
        referencesExist(dom, out);
        notBlank(screenshot(out.resolve("index.html")));
    }

    /** The page's DOM after loading, failing on any console message. */
    private String load(Path page) throws Exception {
        Path err = tmp.resolve("chromium.err");
        String dom = chromium(
                err,
                "--enable-logging=stderr",
                "--v=0",
                "--dump-dom",
                page.toUri().toString());
        List<String> console = Files.readAllLines(err).stream()
                .filter(l -> l.contains(":CONSOLE"))
                .toList();
        assertEquals(List.of(), console, "console messages on " + page);
        return dom;
    }

    private BufferedImage screenshot(Path page) throws Exception {
        Path png = tmp.resolve("screenshot.png");
        chromium(
                tmp.resolve("shot.err"),
                "--hide-scrollbars",
                "--window-size=1100,1400",
                "--screenshot=" + png,
                page.toUri().toString());
        return ImageIO.read(png.toFile());
    }

    private String chromium(Path err, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(browser(), "--headless", "--no-sandbox", "--disable-gpu"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command)
                .redirectError(err.toFile())
                .directory(tmp.toFile())
                .start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "chromium did not finish");
        assertEquals(0, p.exitValue(), "chromium failed: " + Files.readString(err));
        return new String(out, StandardCharsets.UTF_8);
    }

    private static String browser() {
        for (String name : new String[] {"chromium", "chromium-browser", "google-chrome"}) {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
                if (Files.isExecutable(Path.of(dir, name))) {
                    return Path.of(dir, name).toString();
                }
            }
        }
        return fail("no chromium on the PATH: install Debian's chromium (bash .ci/run does)");
    }

    private static void referencesExist(String dom, Path root) {
        Matcher m = REFERENCE.matcher(dom);
        int found = 0;
        while (m.find()) {
            found++;
            assertTrue(Files.isRegularFile(root.resolve(m.group(1))), "the page names a missing file " + m.group(1));
        }
        assertTrue(found > 0);
    }

    private static void notBlank(BufferedImage shot) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < shot.getHeight(); y += 3) {
            for (int x = 0; x < shot.getWidth(); x += 3) {
                colours.add(shot.getRGB(x, y));
            }
        }
        assertTrue(colours.size() > 500, "the screenshot has only " + colours.size() + " colours");
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
