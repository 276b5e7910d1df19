package org.saliency4j.cli;

import org.saliency4j.SaliencyException;
import org.saliency4j.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.ParseResult;

/** The saliency4j command: explain, layers, predict, methods. */
@Command(
        name = "saliency4j",
        mixinStandardHelpOptions = true,
        versionProvider = Main.VersionProvider.class,
        description = "Saliency maps for ONNX image classifiers, with gradients computed by ONNX Runtime.",
        subcommands = {
            ExplainCommand.class,
            EvaluateCommand.class,
            LayersCommand.class,
            PredictCommand.class,
            MethodsCommand.class,
            CommandLine.HelpCommand.class
        },
        footer = {
            "",
            "Examples:",
            "  saliency4j explain --model demo/shapes_cnn.onnx \\",
            "      --image demo/images/00_disc.png --method gradient --out out",
            "  saliency4j layers --model model.onnx",
            "  saliency4j predict --model model.onnx --image cat.jpg --top 5 \\",
            "      --labels labels.txt",
            "",
            "Exit codes: 0 ok, 1 internal error, 2 bad option, 3 bad model,",
            "4 unsupported op, 5 bad image, 6 wrong shape, 7 unknown layer,",
            "8 bad target, 9 file error, 10 ONNX Runtime failure,",
            "11 NaN or infinity in an input or result, 12 out of memory."
        })
public final class Main {

    /** --version prints the version the build recorded. */
    public static final class VersionProvider implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {Version.tool()};
        }
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (tests call this). */
    public static int run(String... args) {
        return run(new Main(), args);
    }

    /**
     * Runs a command line of any picocli command with this tool's handling of errors: one line and
     * the documented exit code, the stack trace only with --debug (other launchers call this).
     */
    public static int run(Object tool, String... args) {
        CommandLine cli = new CommandLine(tool);
        // "--image a.png --bogus" is an unknown option, not an image named --bogus
        cli.setUnmatchedOptionsAllowedAsOptionParameters(false);
        // a mistyped command line gets one line, as every other error does, not the whole usage
        cli.setParameterExceptionHandler((e, arguments) -> {
            String command = e.getCommandLine().getCommandSpec().qualifiedName();
            e.getCommandLine()
                    .getErr()
                    .println("error: " + e.getMessage() + ". Run '" + command + " --help' for the options.");
            return SaliencyException.Kind.BAD_OPTION.exitCode();
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            ParseResult command = parseResult.subcommand() != null ? parseResult.subcommand() : parseResult;
            boolean debug = parseResult.hasMatchedOption("--debug") || command.hasMatchedOption("--debug");
            if (e instanceof SaliencyException s) {
                commandLine.getErr().println("error: " + s.getMessage() + hint(s.topic(), command));
                if (debug) {
                    s.printStackTrace(commandLine.getErr());
                }
                return s.kind().exitCode();
            }
            commandLine.getErr().println("internal error: " + e + (debug ? "" : " (run with --debug for details)"));
            if (debug) {
                e.printStackTrace(commandLine.getErr());
            }
            return 1;
        });
        try {
            return cli.execute(args);
        } catch (OutOfMemoryError e) {
            System.err.println("error: out of memory: try a smaller --batch-size or a larger -Xmx"
                    + " (SALIENCY4J_JAVA_OPTS=-Xmx8g, say).");
            return SaliencyException.Kind.OUT_OF_MEMORY.exitCode();
        }
    }

    /** What the user can run or give to fix it, in this command line's terms. */
    static String hint(SaliencyException.Topic topic, ParseResult command) {
        return switch (topic) {
            case LAYERS ->
                " Run 'saliency4j layers --model "
                        + (command.hasMatchedOption("--model")
                                ? command.matchedOption("--model").getValue().toString()
                                : "MODEL")
                        + "' to list them, and name one with --layer.";
            case METHODS -> " Run 'saliency4j methods' to see each method's parameters.";
            case MODEL_OUTPUT -> " Name it with --output.";
            case LABELS -> " Give --labels FILE to use class names.";
            case INPUTS -> " A preprocessed tensor can be given with --input-npy.";
            case PIXEL_LIMIT -> " Raise the limit with --max-pixels N to read it.";
            case REPORT -> " Run with --debug and report this with the model.";
            case NONE -> "";
        };
    }
}
