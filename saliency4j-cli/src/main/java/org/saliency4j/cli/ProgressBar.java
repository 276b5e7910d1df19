package org.saliency4j.cli;

import java.io.PrintStream;

/** A one-line progress bar on the terminal; silent when output is not a terminal (CI logs). */
final class ProgressBar {
    private static final int WIDTH = 30;
    private final PrintStream out;
    private final String label;
    private final int total;
    private final boolean enabled;
    private final long start = System.nanoTime();
    private int done;

    ProgressBar(PrintStream out, String label, int total) {
        this.out = out;
        this.label = label;
        this.total = total;
        this.enabled = System.console() != null && total > 1;
    }

    void step() {
        done++;
        if (!enabled) {
            return;
        }
        int filled = (int) ((long) WIDTH * done / total);
        double seconds = (System.nanoTime() - start) / 1e9;
        out.printf(
                "\r%s [%s%s] %d/%d  %.1fs",
                label, "#".repeat(filled), ".".repeat(WIDTH - filled), done, total, seconds);
        if (done == total) {
            out.println();
        }
        out.flush();
    }
}
