package org.saliency4j.cli;

import org.saliency4j.SaliencyException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The saliency4j command: explain, layers, predict, methods. */
@Command(name = "saliency4j", mixinStandardHelpOptions = true, version = "saliency4j 0.1.0",
        description = "Saliency maps for ONNX image classifiers, with gradients computed by ONNX Runtime.",
        subcommands = {ExplainCommand.class, LayersCommand.class, PredictCommand.class, MethodsCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Examples:",
                "  saliency4j explain --model demo/shapes_cnn.onnx --image demo/images/00_disc.png --method gradient --out out",
                "  saliency4j layers --model model.onnx",
                "  saliency4j predict --model model.onnx --image cat.jpg --top 5 --labels labels.txt",
                "",
                "Exit codes: 0 ok, 1 internal error, 2 bad option, 3 bad model, 4 unsupported op, 5 bad image,",
                "6 wrong shape, 7 unknown layer, 8 bad target, 9 file error, 10 ONNX Runtime failure."})
public final class Main {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (tests call this). */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            boolean debug = parseResult.hasMatchedOption("--debug")
                    || parseResult.subcommand() != null && parseResult.subcommand().hasMatchedOption("--debug");
            if (e instanceof SaliencyException s) {
                commandLine.getErr().println("error: " + s.getMessage());
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
        return cli.execute(args);
    }
}
