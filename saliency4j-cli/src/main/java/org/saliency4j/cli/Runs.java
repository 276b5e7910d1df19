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
        try (ProgressBar progress = new ProgressBar(System.err, label, run.results(), explainer.runtime()::modelRuns)) {
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
