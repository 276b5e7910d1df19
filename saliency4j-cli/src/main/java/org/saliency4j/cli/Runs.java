package org.saliency4j.cli;

import java.util.function.Consumer;
import org.saliency4j.pipeline.ExplainResult;
import org.saliency4j.pipeline.ExplainRun;
import org.saliency4j.pipeline.Explainer;

/**
 * Runs a prepared request for a command: with progress on stderr, then {@code atEnd}, and its report
 * told of a failure in either.
 */
final class Runs {
    private Runs() {}

    static void drive(
            String label,
            Explainer explainer,
            ExplainRun run,
            Consumer<ExplainResult> consumer,
            Runnable atEnd,
            Consumer<Throwable> onFailure) {
        try (ProgressBar progress = bar(label, "results", explainer, run.results())) {
            drive(progress, run, consumer, atEnd, onFailure);
        }
    }

    /** A progress bar on stderr over so many steps. */
    static ProgressBar bar(String label, String unit, Explainer explainer, int steps) {
        return new ProgressBar(System.err, label, unit, steps, explainer.runtime()::modelRuns);
    }

    /** As above, on a bar the caller made, which may also count steps of its own ({@link ProgressBar#extraStep}). */
    static void drive(
            ProgressBar progress,
            ExplainRun run,
            Consumer<ExplainResult> consumer,
            Runnable atEnd,
            Consumer<Throwable> onFailure) {
        try {
            run.run(
                    result -> {
                        consumer.accept(result);
                        progress.step();
                    },
                    progress::progress);
            atEnd.run();
        } catch (RuntimeException | OutOfMemoryError e) {
            onFailure.accept(e);
            throw e;
        }
    }
}
