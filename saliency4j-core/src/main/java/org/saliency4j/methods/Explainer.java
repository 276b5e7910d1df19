package org.saliency4j.methods;

import org.saliency4j.autodiff.RuleSet;
import org.saliency4j.autodiff.ScoreKind;
import org.saliency4j.model.InputSpec;
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
     * Explains a batch with one method.
     *
     * @param layer a layer name (tensor or node), "auto" or null for the default; ignored by input-level methods
     */
    public List<Explanation> explain(String method, InputSpec spec, Tensor inputs, int[] targets, String layer, Map<String, String> parameters) {
        AttributionMethod m = MethodRegistry.get(method);
        MethodParameters params = MethodParameters.of(m, parameters);
        int classes = runtime.analysis(spec).classCount(runtime.output());
        for (int t : targets) {
            if (t < 0 || t >= classes) {
                throw new org.saliency4j.SaliencyException(org.saliency4j.SaliencyException.Kind.BAD_TARGET, "target class " + t
                        + " is out of range: the model has " + classes + " classes (0 to " + (classes - 1) + ").");
            }
        }
        if (targets.length != inputs.dim(0)) {
            throw new IllegalArgumentException(targets.length + " targets for " + inputs.dim(0) + " inputs");
        }
        String resolvedLayer = m.usesLayer() ? new org.saliency4j.model.Layers(runtime.analysis(spec)).resolve(layer).name() : null;
        return m.explain(new MethodInput(runtime, spec, inputs, targets, resolvedLayer), params);
    }

    @Override
    public void close() {
        runtime.close();
    }
}
