package org.saliency4j.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicLong;
import org.saliency4j.IoErrors;
import org.saliency4j.SaliencyException;
import org.saliency4j.pipeline.Explainer;

/**
 * The compiled runtimes of one executor JVM, kept for every task it runs. A task borrows a runtime
 * and gives it back when done, so tasks running at once in one executor each have their own (a
 * runtime's sessions run one call at a time) and later tasks reuse them: an executor compiles at most
 * as many runtimes as it runs tasks at once, whatever the number of tasks.
 */
final class RuntimeCache {
    private static final Map<String, ConcurrentLinkedDeque<Explainer>> IDLE = new ConcurrentHashMap<>();
    private static final Map<String, Path> MODEL_FILES = new ConcurrentHashMap<>();
    private static final AtomicLong OPENED = new AtomicLong();

    private RuntimeCache() {}

    /** A runtime lent to one task. */
    static final class Lease implements AutoCloseable {
        private final String key;
        private final Explainer explainer;

        private Lease(String key, Explainer explainer) {
            this.key = key;
            this.explainer = explainer;
        }

        Explainer explainer() {
            return explainer;
        }

        @Override
        public void close() {
            IDLE.computeIfAbsent(key, k -> new ConcurrentLinkedDeque<>()).push(explainer);
        }
    }

    static Lease borrow(ModelShipment model) {
        Explainer idle = IDLE.computeIfAbsent(model.key(), k -> new ConcurrentLinkedDeque<>())
                .poll();
        if (idle != null) {
            return new Lease(model.key(), idle);
        }
        Explainer opened = Explainer.open(modelFile(model), model.output(), model.options());
        OPENED.incrementAndGet();
        return new Lease(model.key(), opened);
    }

    /** How many runtimes this JVM has opened. */
    static long openedCount() {
        return OPENED.get();
    }

    /** The broadcast model written once per JVM to a temporary file, as the runtime reads models from files. */
    private static Path modelFile(ModelShipment model) {
        return MODEL_FILES.computeIfAbsent(model.hash(), hash -> {
            try {
                Path file = Files.createTempFile("saliency4j-" + hash.substring(0, 12), ".onnx");
                file.toFile().deleteOnExit();
                Files.write(file, model.bytes().value());
                return file;
            } catch (IOException e) {
                throw new SaliencyException(
                        SaliencyException.Kind.IO, "cannot write the model to a temporary file: " + IoErrors.reason(e));
            }
        });
    }
}
