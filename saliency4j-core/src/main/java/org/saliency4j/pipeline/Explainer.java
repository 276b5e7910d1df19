package org.saliency4j.pipeline;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.saliency4j.SaliencyException;
import org.saliency4j.autodiff.ScoreKind;
import org.saliency4j.image.Preprocessing;
import org.saliency4j.methods.AttributionMethod;
import org.saliency4j.methods.Batch;
import org.saliency4j.methods.Explanation;
import org.saliency4j.methods.MethodParameters;
import org.saliency4j.methods.Parameter;
import org.saliency4j.methods.Targets;
import org.saliency4j.model.InputSpec;
import org.saliency4j.model.Layers;
import org.saliency4j.model.OnnxModel;
import org.saliency4j.runtime.ExplainerRuntime;
import org.saliency4j.runtime.GraphOutputs;
import org.saliency4j.runtime.RuntimeOptions;
import org.saliency4j.tensor.Tensor;

/**
 * The library's entry point: open a model, predict, and explain inputs with any methods.
 *
 * <pre>{@code
 * try (Explainer explainer = Explainer.open(Path.of("model.onnx"))) {
 *     Preprocessing pre = explainer.preprocessing();
 *     ExplainRequest request = ExplainRequest.of(Inputs.ofImages(files, pre), pre, List.of("gradcam", "gradient"));
 *     explainer.run(request, result -> save(result.input(), result.method().name(), result.explanation()));
 * }
 * }</pre>
 */
public final class Explainer implements AutoCloseable {
    private final ExplainerRuntime runtime;

    private Explainer(ExplainerRuntime runtime) {
        this.runtime = runtime;
    }

    public static Explainer open(Path model) {
        return open(model, null, RuntimeOptions.defaults());
    }

    /** @param output the model output holding the logits; null for the first */
    public static Explainer open(Path model, String output, RuntimeOptions options) {
        return new Explainer(new ExplainerRuntime(OnnxModel.load(model), output, options));
    }

    public ExplainerRuntime runtime() {
        return runtime;
    }

    public InputSpec defaultInput() {
        return InputSpec.fromDeclared(runtime.model());
    }

    /** The model's own preprocessing: MODEL.onnx.json beside it if present, else the defaults for its input. */
    public Preprocessing preprocessing() {
        return Preprocessing.forModel(runtime.model(), null);
    }

    /** The number of classes of the scored output. */
    public int classes(InputSpec spec) {
        return runtime.analysis(spec).classCount(runtime.output());
    }

    /** Logits [N, K] of a batch. */
    public Tensor logits(InputSpec spec, Tensor inputs) {
        return forward(spec, inputs).logits();
    }

    /** Softmax probabilities [N, K] of a batch. */
    public Tensor probabilities(InputSpec spec, Tensor inputs) {
        return forward(spec, inputs).probabilities();
    }

    private GraphOutputs forward(InputSpec spec, Tensor inputs) {
        return runtime.forward(spec, inputs);
    }

    /**
     * Explains a request's inputs with its methods and hands each (input, method) result to the
     * consumer as soon as it is ready; see {@link ExplainRun}.
     */
    public void run(ExplainRequest request, Consumer<ExplainResult> consumer) {
        prepare(request).run(consumer);
    }

    /**
     * Checks everything a request names before anything runs (methods, parameters, layers and
     * targets), so that a front end can prepare its output only for a run that can start.
     */
    public ExplainRun prepare(ExplainRequest request) {
        return prepare(
                request,
                request.methods().stream().distinct().map(MethodRegistry::get).toList());
    }

    /** {@link #prepare(ExplainRequest)} with the methods given as objects, not by the request's names. */
    public ExplainRun prepare(ExplainRequest request, List<AttributionMethod> chosen) {
        Map<String, MethodParameters> parameters = parametersOf(chosen, request);
        InputSpec spec = request.preprocessing().input();
        runtime.requireBatchFits(spec);
        // named layers are resolved even when only input-level methods run, so a typo is never silent
        boolean layered = chosen.stream().anyMatch(AttributionMethod::usesLayer)
                || !request.layers().equals(List.of(Layers.AUTO));
        List<String> layers = layered ? resolveLayers(spec, request.layers()) : List.of();
        int classes = classes(spec);
        request.labels().checkedAgainst(classes);
        List<String> targets =
                Targets.perInput(request.targets(), request.inputs().size(), classes, request.labels());
        return new ExplainRun(this, request, chosen, parameters, layers, targets, classes);
    }

    /**
     * A batch ready for methods: targets checked against the model's classes, layer names (tensor
     * names, node names or "auto") resolved to tensors. Methods run on one batch share their runs.
     */
    public Batch batch(Preprocessing preprocessing, Tensor inputs, int[] targets, List<String> layers) {
        InputSpec spec = preprocessing.input();
        if (targets.length != inputs.dim(0)) {
            throw new IllegalArgumentException(targets.length + " targets for " + inputs.dim(0) + " inputs");
        }
        int classes = classes(spec);
        for (int t : targets) {
            Targets.check(t, classes);
        }
        return new Batch(runtime, spec, inputs, targets, resolveLayers(spec, layers), preprocessing);
    }

    /**
     * Layer names (tensor names, node names or "auto") as tensor names; an unknown name fails with the
     * closest ones.
     */
    public List<String> resolveLayers(InputSpec spec, List<String> layers) {
        Layers available = new Layers(runtime.analysis(spec));
        return layers.stream()
                .map(name -> available.resolve(name).name())
                .distinct()
                .toList();
    }

    /** Explains a batch with one method; parameters not given take the method's defaults. */
    public List<Explanation> explain(String method, Batch batch, Map<String, String> parameters) {
        AttributionMethod m = MethodRegistry.get(method);
        if (m.usesLayer() && batch.layers().isEmpty()) {
            batch = batch.withLayers(resolveLayers(batch.spec(), List.of(Layers.AUTO)));
        }
        return m.explain(batch, MethodParameters.of(m, parameters));
    }

    /**
     * Explains a batch with one method.
     *
     * @param preprocessing the inputs' preprocessing, which baselines such as a black image follow
     * @param layer         a layer name (tensor or node), "auto" or null for the default; ignored by input-level
     *   methods
     */
    public List<Explanation> explain(
            String method,
            Preprocessing preprocessing,
            Tensor inputs,
            int[] targets,
            String layer,
            Map<String, String> parameters) {
        boolean layered = MethodRegistry.get(method).usesLayer();
        List<String> layers = layered ? List.of(layer == null ? Layers.AUTO : layer) : List.of();
        return explain(method, batch(preprocessing, inputs, targets, layers), parameters);
    }

    /** Each chosen method's parameters, checked before anything runs: each given name must be some method's. */
    public static Map<String, MethodParameters> parametersOf(List<AttributionMethod> chosen, ExplainRequest request) {
        Map<String, String> given = new LinkedHashMap<>(request.parameters());
        if (request.score() != null) {
            given.put("score", ScoreKind.parse(request.score()).name().toLowerCase(Locale.ROOT));
        }
        for (String name : given.keySet()) {
            if (chosen.stream().noneMatch(m -> declares(m, name))) {
                throw new SaliencyException(
                        SaliencyException.Kind.BAD_OPTION,
                        SaliencyException.Topic.METHODS,
                        "no chosen method has a parameter '" + name + "'.");
            }
        }
        Map<String, MethodParameters> result = new LinkedHashMap<>();
        for (AttributionMethod m : chosen) {
            Map<String, String> own = new LinkedHashMap<>();
            given.forEach((name, value) -> {
                if (declares(m, name)) {
                    own.put(name, value);
                }
            });
            result.put(m.name(), MethodParameters.of(m, own));
        }
        return result;
    }

    private static boolean declares(AttributionMethod method, String name) {
        return method.parameters().stream().map(Parameter::name).anyMatch(name::equals);
    }

    @Override
    public void close() {
        runtime.close();
    }
}
