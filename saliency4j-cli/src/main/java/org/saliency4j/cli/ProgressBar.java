package org.saliency4j.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress of a run, on stderr. On a terminal, a bar redrawn twice a second: results done (the
 * path methods count each input they finish, so the bar moves inside a long method), the model
 * runs so far (which move with every internal batch), the time taken and the time left. Elsewhere (CI logs,
 * files), a plain line
 * at every tenth of the results and at least every 30 seconds.
 */
final class ProgressBar implements AutoCloseable {
    private static final int WIDTH = 30;
    private static final long LINE_EVERY_NANOS = 30_000_000_000L;

    private final PrintStream out;
    private final String label;
    private final int total;
    private final LongSupplier modelRuns;
    private final LongSupplier clock;
    private final boolean terminal;
    private final long start;
    private final Thread redraw;
    private final String unit;
    private int done;
    /** Steps beyond the results (an evaluation's metric values), counted in done. */
    private int extra;

    private double progress;
    private long lastLine;
    private int lastTenth;

    /** @param unit what the steps are, as the lines name them: results, or steps when more than results count */
    ProgressBar(PrintStream out, String label, String unit, int total, LongSupplier modelRuns) {
        this(out, label, unit, total, modelRuns, System::nanoTime, System.console() != null);
    }

    ProgressBar(
            PrintStream out, String label, int total, LongSupplier modelRuns, LongSupplier clock, boolean terminal) {
        this(out, label, "results", total, modelRuns, clock, terminal);
    }

    ProgressBar(
            PrintStream out,
            String label,
            String unit,
            int total,
            LongSupplier modelRuns,
            LongSupplier clock,
            boolean terminal) {
        this.out = out;
        this.label = label;
        this.unit = unit;
        this.total = total;
        this.modelRuns = modelRuns;
        this.clock = clock;
        this.terminal = terminal;
        this.start = clock.getAsLong();
        this.lastLine = start;
        this.redraw = new Thread(this::redrawLoop, "progress");
        this.redraw.setDaemon(true);
        if (total > 1) {
            redraw.start();
        }
    }

    /** One more result is done. */
    synchronized void step() {
        done++;
        update(done);
    }

    /** One more step besides the results is done (a metric value of an evaluation). */
    synchronized void extraStep() {
        extra++;
        step();
    }

    /** So many results are done, counting the inputs a method has finished inside its chunk as parts of results. */
    synchronized void progress(double results) {
        update(results + extra);
    }

    private void update(double steps) {
        progress = Math.max(progress, steps);
        if (total <= 1) {
            return;
        }
        if (terminal) {
            draw();
        } else if ((int) (progress * 10 / total) > lastTenth || clock.getAsLong() - lastLine >= LINE_EVERY_NANOS) {
            line();
        }
    }

    @Override
    public synchronized void close() {
        redraw.interrupt();
        if (terminal && total > 1) {
            draw();
            out.println();
        }
    }

    private void redrawLoop() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(terminal ? 500 : 1000);
                synchronized (this) {
                    if (terminal) {
                        draw();
                    } else if (clock.getAsLong() - lastLine >= LINE_EVERY_NANOS) {
                        line();
                    }
                }
            }
        } catch (InterruptedException e) {
            // the run is over
        }
    }

    private void draw() {
        int filled = (int) (WIDTH * progress / Math.max(1, total));
        out.printf(
                "\r%s [%s%s] %d/%d · %d model runs · %s",
                label, "#".repeat(filled), ".".repeat(WIDTH - filled), done, total, modelRuns.getAsLong(), times());
        out.flush();
    }

    private void line() {
        lastLine = clock.getAsLong();
        lastTenth = (int) (progress * 10 / Math.max(1, total));
        out.printf(
                "%s: %d/%d %s (%.0f%%), %d model runs, %s%n",
                label, done, total, unit, 100 * progress / total, modelRuns.getAsLong(), times());
        out.flush();
    }

    private String times() {
        double seconds = (clock.getAsLong() - start) / 1e9;
        String taken = String.format(Locale.ROOT, "%.1f s", seconds);
        if (progress <= 0 || done >= total) {
            return taken;
        }
        return taken + String.format(Locale.ROOT, ", about %.0f s left", seconds * (total - progress) / progress);
    }
}
