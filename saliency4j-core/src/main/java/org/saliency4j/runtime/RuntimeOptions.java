package org.saliency4j.runtime;

import java.io.Serializable;
import org.saliency4j.SaliencyException;

/**
 * How the runtime runs graphs: intra-op threads, and the internal batch size, which bounds
 * memory by splitting large batches into chunks.
 */
public record RuntimeOptions(int threads, int internalBatchSize) implements Serializable {
    public static final int DEFAULT_INTERNAL_BATCH = 16;

    public RuntimeOptions {
        if (threads < 0) {
            throw new SaliencyException(
                    SaliencyException.Kind.BAD_OPTION, "threads must be 0 (all cores) or more, not " + threads + ".");
        }
        if (internalBatchSize < 1) {
            throw new SaliencyException(
                    SaliencyException.Kind.BAD_OPTION,
                    "the internal batch size must be at least 1, not " + internalBatchSize + ".");
        }
    }

    public static RuntimeOptions defaults() {
        return new RuntimeOptions(Math.max(1, Runtime.getRuntime().availableProcessors()), DEFAULT_INTERNAL_BATCH);
    }
}
