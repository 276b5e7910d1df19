package org.saliency4j;

/**
 * The one exception the library throws for problems a user can fix: a bad model, image, option,
 * layer or target. Its message says what is wrong; its {@link Kind} picks the exit code the
 * command-line tool returns, and its {@link Topic} lets a front end add how to look further.
 */
public class SaliencyException extends RuntimeException {

    /** What went wrong, each with its own process exit code. */
    public enum Kind {
        BAD_OPTION(2),
        BAD_MODEL(3),
        UNSUPPORTED_OP(4),
        BAD_IMAGE(5),
        BAD_SHAPE(6),
        UNKNOWN_LAYER(7),
        BAD_TARGET(8),
        IO(9),
        RUNTIME(10),
        /** NaN or infinity in an input, or in what the model or a method computed from finite inputs */
        NON_FINITE(11),
        /** the JVM ran out of memory */
        OUT_OF_MEMORY(12);

        private final int exitCode;

        Kind(int exitCode) {
            this.exitCode = exitCode;
        }

        public int exitCode() {
            return exitCode;
        }
    }

    /** What the user can look up to fix it; a front end turns it into its own hint. */
    public enum Topic {
        NONE,
        /** the model's layers and their names */
        LAYERS,
        /** the methods and their parameters */
        METHODS,
        /** which model output holds the logits */
        MODEL_OUTPUT,
        /** class names */
        LABELS,
        /** what inputs are accepted */
        INPUTS,
        /** the largest image read */
        PIXEL_LIMIT,
        /** a failure saliency4j should not have: worth a report */
        REPORT
    }

    private final Kind kind;
    private final Topic topic;

    public SaliencyException(Kind kind, String message) {
        this(kind, Topic.NONE, message, null);
    }

    public SaliencyException(Kind kind, String message, Throwable cause) {
        this(kind, Topic.NONE, message, cause);
    }

    public SaliencyException(Kind kind, Topic topic, String message) {
        this(kind, topic, message, null);
    }

    public SaliencyException(Kind kind, Topic topic, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.topic = topic;
    }

    public Kind kind() {
        return kind;
    }

    public Topic topic() {
        return topic;
    }
}
