package org.saliency4j.methods;

import org.saliency4j.SaliencyException;
import org.saliency4j.autodiff.RuleSet;
import org.saliency4j.autodiff.ScoreKind;
import org.saliency4j.image.Preprocessing;
import org.saliency4j.model.InputSpec;
import org.saliency4j.model.Layers;
import org.saliency4j.model.OnnxModel;
import org.saliency4j.runtime.ExplainerRuntime;
import org.saliency4j.runtime.GradientSession;
import org.saliency4j.runtime.GraphOutputs;
import org.saliency4j.runtime.RuntimeOptions;
import org.saliency4j.tensor.Tensor;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The library's entry point: open a model, predict, and explain batches with any method.
 *
 * <pre>{@code
 * try (Explainer explainer = Explainer.open(Path.of("model.onnx"))) {
 *     InputSpec spec = explainer.defaultInput();
 *     List<Explanation> maps = explainer.explain("gradient", spec, inputs, new int[]{281}, null, Map.of());
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

    /** Logits [N, K] of a batch. */
    public Tensor logits(InputSpec spec, Tensor inputs) {
        return forward(spec, inputs).logits();
    }

    /** Softmax probabilities [N, K] of a batch. */
    public Tensor probabilities(InputSpec spec, Tensor inputs) {
        return forward(spec, inputs).probabilities();
    }

    private GraphOutputs forward(InputSpec spec, Tensor inputs) {
        GradientSession session = runtime.session(spec, List.of(), ScoreKind.LOGIT, RuleSet.standard());
        int n = (int) inputs.dim(0);
        return session.run(inputs, Tensor.zeros(n, session.classes()));
    }

    /**
     * A batch ready for methods: targets checked against the model's classes, layer names (tensor
     * names, node names or "auto") resolved to tensors. Methods run on one batch share their runs.
     */
    public MethodInput batch(Preprocessing preprocessing, Tensor inputs, int[] targets, List<String> layers) {
        InputSpec spec = preprocessing.input();
        int classes = runtime.analysis(spec).classCount(runtime.output());
        if (targets.length != inputs.dim(0)) {
            throw new IllegalArgumentException(targets.length + " targets for " + inputs.dim(0) + " inputs");
        }
        for (int t : targets) {
            if (t < 0 || t >= classes) {
                throw new SaliencyException(SaliencyException.Kind.BAD_TARGET, "target class " + t
                        + " is out of range: the model has " + classes + " classes (0 to " + (classes - 1) + ").");
            }
        }
        return new MethodInput(runtime, spec, inputs, targets, resolveLayers(spec, layers), preprocessing);
    }

    /** Layer names (tensor names, node names or "auto") as tensor names; an unknown name fails with the closest ones. */
    public List<String> resolveLayers(InputSpec spec, List<String> layers) {
        Layers available = new Layers(runtime.analysis(spec));
        return layers.stream().map(name -> available.resolve(name).name()).distinct().toList();
    }

    /** Explains a batch with one method; parameters not given take the method's defaults. */
    public List<Explanation> explain(String method, MethodInput batch, Map<String, String> parameters) {
        AttributionMethod m = MethodRegistry.get(method);
        if (m.usesLayer() && batch.layers().isEmpty()) {
            batch = batch.withLayers(List.of(new Layers(runtime.analysis(batch.spec())).defaultLayer().name()));
        }
        return m.explain(batch, MethodParameters.of(m, parameters));
    }

    /**
     * Explains a batch with one method, with default preprocessing values for baselines.
     *
     * @param layer a layer name (tensor or node), "auto" or null for the default; ignored by input-level methods
     */
    public List<Explanation> explain(String method, InputSpec spec, Tensor inputs, int[] targets, String layer, Map<String, String> parameters) {
        boolean layered = MethodRegistry.get(method).usesLayer();
        List<String> layers = layered ? List.of(layer == null ? Layers.AUTO : layer) : List.of();
        return explain(method, batch(Preprocessing.defaults(spec), inputs, targets, layers), parameters);
    }

    @Override
    public void close() {
        runtime.close();
    }
}
