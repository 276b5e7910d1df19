package org.saliency4j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.saliency4j.autodiff.RuleSet;
import org.saliency4j.autodiff.ScoreKind;
import org.saliency4j.image.Preprocessing;
import org.saliency4j.methods.MethodParameters;
import org.saliency4j.methods.Targets;
import org.saliency4j.metrics.Metric;
import org.saliency4j.metrics.MetricInput;
import org.saliency4j.model.InputSpec;
import org.saliency4j.model.Layers;
import org.saliency4j.model.OnnxModel;
import org.saliency4j.pipeline.ExplainRequest;
import org.saliency4j.pipeline.Explainer;
import org.saliency4j.pipeline.Inputs;
import org.saliency4j.pipeline.MetricRegistry;
import org.saliency4j.runtime.ExplainerRuntime;
import org.saliency4j.runtime.GraphSession;
import org.saliency4j.runtime.RuntimeOptions;
import org.saliency4j.tensor.Npy;
import org.saliency4j.tensor.Tensor;

/**
 * One measurement per process, so that peak memory belongs to one configuration. Prints one JSON line.
 *
 * <pre>
 * time:   MODEL.onnx TASK BATCH ITERATIONS THREADS     TASK = forward | input | layer (default layer)
 * check:  MODEL.onnx --check DIR                      DIR holds x.npy, targets.txt, layer.txt,
 *                                                     grad_input.npy, grad_layer.npy
 * metric: MODEL.onnx --metric NAME ITERATIONS THREADS [NAME=VALUE...]
 *                                                     one metric, a random input and map
 * method: MODEL.onnx --method NAME BATCH ITERATIONS THREADS [NAME=VALUE...]
 *                                                     one method, on the default layer
 * </pre>
 */
public final class GradientBenchmark {
    private static final Set<String> PATH_METHODS = Set.of("integrated-gradients", "smoothgrad");
    private static final long WARM_UP_NANOS = 2_000_000_000L;

    private GradientBenchmark() {}

    public static void main(String[] args) throws IOException {
        Path modelPath = Path.of(args[0]);
        if (args[1].equals("--method")) {
            method(
                    modelPath,
                    args[2],
                    Integer.parseInt(args[3]),
                    Integer.parseInt(args[4]),
                    Integer.parseInt(args[5]),
                    assignments(args, 6));
            return;
        }
        if (args[1].equals("--metric")) {
            metric(modelPath, args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]), assignments(args, 5));
            return;
        }
        // loaded here, after the modes that open their own Explainer, so that no second copy of the weights
        // stays live in the measured process
        OnnxModel model = OnnxModel.load(modelPath);
        InputSpec spec = InputSpec.fromDeclared(model);
        if (args[1].equals("--check")) {
            check(model, spec, Path.of(args[2]));
            return;
        }
        String task = args[1];
        int batch = Integer.parseInt(args[2]);
        int iterations = Integer.parseInt(args[3]);
        int threads = Integer.parseInt(args[4]);
        try (ExplainerRuntime runtime = new ExplainerRuntime(model, null, new RuntimeOptions(threads, batch))) {
            List<String> taps = switch (task) {
                case "forward" -> List.of();
                case "input" -> List.of(model.inputName());
                case "layer" ->
                    List.of(new Layers(runtime.analysis(spec)).defaultLayer().name());
                default -> throw new IllegalArgumentException("task must be forward, input or layer");
            };
            long t0 = System.nanoTime();
            GraphSession session = runtime.session(spec, taps, ScoreKind.LOGIT, RuleSet.standard());
            double compileSeconds = (System.nanoTime() - t0) / 1e9;
            Tensor x = random(spec, batch);
            Tensor w = Targets.oneHot(
                    IntStream.range(0, batch)
                            .map(n -> (n * 7) % session.classes())
                            .toArray(),
                    session.classes(),
                    1);
            session.run(x, w); // warm-up
            double[] ms = new double[iterations];
            for (int i = 0; i < iterations; i++) {
                long start = System.nanoTime();
                session.run(x, w);
                ms[i] = (System.nanoTime() - start) / 1e6 / batch;
            }
            Arrays.sort(ms);
            System.out.printf(
                    "{\"side\": \"saliency4j\", \"model\": \"%s\", \"task\": \"%s\", \"batch\": %d, "
                            + "\"ms_per_image\": %.3f, "
                            + "\"compile_s\": %.3f, \"peak_rss_mb\": %.0f}%n",
                    modelPath.getFileName(), task, batch, ms[iterations / 2], compileSeconds, peakRssMb());
        }
    }

    /** NAME=VALUE arguments from index {@code from} on. */
    private static Map<String, String> assignments(String[] args, int from) {
        Map<String, String> given = new LinkedHashMap<>();
        for (String a : Arrays.asList(args).subList(Math.min(from, args.length), args.length)) {
            given.put(a.substring(0, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
        }
        return given;
    }

    private static void method(
            Path model, String method, int batch, int iterations, int threads, Map<String, String> parameters)
            throws IOException {
        try (Explainer explainer =
                Explainer.open(model, null, new RuntimeOptions(threads, RuntimeOptions.DEFAULT_INTERNAL_BATCH))) {
            InputSpec spec = explainer.defaultInput();
            Preprocessing pre = new Preprocessing(
                    spec,
                    spec.height(),
                    spec.height(),
                    spec.width(),
                    false,
                    1f / 255f,
                    new float[] {0.5f, 0.5f, 0.5f},
                    new float[] {0.5f, 0.5f, 0.5f},
                    List.of());
            Tensor x = random(spec, batch);
            Inputs inputs = Inputs.ofTensor(
                    new Tensor(x.data(), batch, spec.channels(), spec.height(), spec.width()), spec, "random");
            String targets = String.join(
                    ",",
                    IntStream.range(0, batch)
                            .mapToObj(n -> Integer.toString((n * 7) % 1000))
                            .toList());
            ExplainRequest request = ExplainRequest.of(inputs, pre, List.of(method))
                    .withTargets(targets)
                    .withParameters(parameters);
            double[] seconds = new double[1];
            // compile the sessions and let the JIT warm the Java-side loops, as benchmarks/peer_methods.py warms
            // the peers: on the whole batch, or on its first input for the path methods (whose passes have the
            // internal batch's shape anyway)
            ExplainRequest warmUp = PATH_METHODS.contains(method)
                    ? ExplainRequest.of(
                                    Inputs.ofTensor(new Tensor(x.slice(0).data(), spec.batchShape(1)), spec, "random"),
                                    pre,
                                    List.of(method))
                            .withTargets("0")
                            .withParameters(parameters)
                    : request;
            // at least 2 calls and 2 seconds: pinned to one core, the JIT compiler threads take the timed
            // calls' time if they are still compiling (Eigen-CAM at batch 1 measured 43 instead of 24 ms)
            long warmStart = System.nanoTime();
            for (int i = 0; i < 2 || System.nanoTime() - warmStart < WARM_UP_NANOS; i++) {
                explainer.run(warmUp, r -> seconds[0] = r.seconds());
            }
            double[] ms = new double[iterations];
            for (int i = 0; i < iterations; i++) {
                explainer.run(request, r -> seconds[0] = r.seconds());
                ms[i] = seconds[0] * 1e3;
            }
            Arrays.sort(ms);
            System.out.printf(
                    "{\"side\": \"saliency4j\", \"model\": \"%s\", \"method\": \"%s\", \"batch\": %d, "
                            + "\"ms_per_image\": %.3f, \"peak_rss_mb\": %.0f}%n",
                    model.getFileName(), method, batch, ms[iterations / 2], peakRssMb());
        }
    }

    private static void metric(Path model, String name, int iterations, int threads, Map<String, String> given)
            throws IOException {
        try (Explainer explainer =
                Explainer.open(model, null, new RuntimeOptions(threads, RuntimeOptions.DEFAULT_INTERNAL_BATCH))) {
            InputSpec spec = explainer.defaultInput();
            Preprocessing pre = Preprocessing.defaults(spec);
            Metric metric = MetricRegistry.get(name);
            MethodParameters parameters = MethodParameters.of(name, metric.parameters(), given);
            // a smooth map, as benchmarks/metric_timing.py gives the peers: ROAD's imputation cost depends on it
            int h = spec.height();
            int w = spec.width();
            float[] map = new float[h * w];
            for (int i = 0; i < map.length; i++) {
                map[i] = (float) ((Math.sin(i / w / (h - 1.0) * 5) * Math.cos(i % w / (w - 1.0) * 3) + 1) / 2);
            }
            MetricInput input = MetricInput.of(
                    explainer.runtime(), pre, random(spec, 1), 7, new Tensor(map, spec.height(), spec.width()));
            metric.evaluate(input, parameters); // compile the session
            double[] ms = new double[iterations];
            for (int i = 0; i < iterations; i++) {
                long start = System.nanoTime();
                metric.evaluate(input, parameters);
                ms[i] = (System.nanoTime() - start) / 1e6;
            }
            Arrays.sort(ms);
            System.out.printf(
                    "{\"side\": \"saliency4j\", \"model\": \"%s\", \"metric\": \"%s\", \"parameters\": \"%s\", "
                            + "\"ms_per_image\": %.3f, \"peak_rss_mb\": %.0f}%n",
                    model.getFileName(), name, given, ms[iterations / 2], peakRssMb());
        }
    }

    private static void check(OnnxModel model, InputSpec spec, Path dir) throws IOException {
        Tensor x = Npy.read(dir.resolve("x.npy"));
        String layer = Files.readString(dir.resolve("layer.txt")).strip();
        int[] targets = Arrays.stream(
                        Files.readString(dir.resolve("targets.txt")).strip().split(","))
                .mapToInt(Integer::parseInt)
                .toArray();
        try (ExplainerRuntime runtime = new ExplainerRuntime(model, null, new RuntimeOptions(2, 16))) {
            GraphSession session =
                    runtime.session(spec, List.of(model.inputName(), layer), ScoreKind.LOGIT, RuleSet.standard());
            var out = session.run(x, Targets.oneHot(targets, session.classes(), 1));
            System.out.printf(
                    "{\"model\": \"%s\", \"case_dir\": \"%s\", \"layer\": \"%s\", \"input_rel_err\": %s, "
                            + "\"layer_rel_err\": %s}%n",
                    dir.getFileName(),
                    dir,
                    layer,
                    perSample(Npy.read(dir.resolve("grad_input.npy")), out.gradient(model.inputName())),
                    perSample(Npy.read(dir.resolve("grad_layer.npy")), out.gradient(layer)));
        }
    }

    /** max |a - e| / max |e| for each sample. */
    private static String perSample(Tensor expected, Tensor actual) {
        int n = (int) expected.dim(0);
        int per = expected.size() / n;
        List<String> errors = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            double scale = 0;
            double diff = 0;
            for (int i = s * per; i < (s + 1) * per; i++) {
                scale = Math.max(scale, Math.abs(expected.data()[i]));
                diff = Math.max(diff, Math.abs(expected.data()[i] - actual.data()[i]));
            }
            errors.add(String.format("%.2e", diff / scale));
        }
        return errors.toString().replace("[", "[\"").replace("]", "\"]").replace(", ", "\", \"");
    }

    private static Tensor random(InputSpec spec, int batch) {
        Random r = new Random(1);
        float[] x = new float[batch * spec.elementsPerSample()];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return new Tensor(x, spec.batchShape(batch));
    }

    /** The process's peak resident memory (VmHWM), in MB. */
    static double peakRssMb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        return -1;
    }
}
