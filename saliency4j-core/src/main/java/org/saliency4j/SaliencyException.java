package org.saliency4j;

/**
 * The one exception the library throws for problems a user can fix: a bad model, image, option,
 * layer or target. Its message says what is wrong and what to do; its {@link Kind} picks the exit
 * code the command-line tool returns.
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
        RUNTIME(10);

        private final int exitCode;

        Kind(int exitCode) {
            this.exitCode = exitCode;
        }

        public int exitCode() {
            return exitCode;
        }
    }

    private final Kind kind;

    public SaliencyException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public SaliencyException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
