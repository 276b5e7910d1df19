package org.saliency4j.methods;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleConsumer;
import java.util.function.Predicate;
import org.saliency4j.autodiff.RuleSet;
import org.saliency4j.autodiff.ScoreKind;
import org.saliency4j.image.Preprocessing;
import org.saliency4j.model.BiasLayer;
import org.saliency4j.model.InputSpec;
import org.saliency4j.runtime.ExplainerRuntime;
import org.saliency4j.runtime.GraphOutputs;
import org.saliency4j.runtime.GraphSession;
import org.saliency4j.tensor.Tensor;

/**
 * What a method explains: a batch of N inputs in the model's layout, a target class per input,
 * the resolved layers (layer methods), and the preprocessing (for baselines such as a black image).
 * Runs on the batch itself are shared: methods asking for the same taps, score and rules (Grad-CAM
 * and its relatives at one layer, say) get one forward and backward pass between them.
 * A method asks it for activations and gradients; it never sees the graph.
 */
public final class Batch {
    private final ExplainerRuntime runtime;
    private final InputSpec spec;
    private final Tensor inputs;
    private final int[] targets;
    private final List<String> layers;
    private final Preprocessing preprocessing;
    private final List<String> summaryTaps;
    private final Map<String, GraphOutputs> shared;
    private final DoubleConsumer sampleDone;

    public Batch(
            ExplainerRuntime runtime,
            InputSpec spec,
            Tensor inputs,
            int[] targets,
            List<String> layers,
            Preprocessing preprocessing) {
        this(runtime, spec, inputs, targets, layers, preprocessing, List.of(), new HashMap<>(), done -> {});
    }

    private Batch(
            ExplainerRuntime runtime,
            InputSpec spec,
            Tensor inputs,
            int[] targets,
            List<String> layers,
            Preprocessing preprocessing,
            List<String> summaryTaps,
            Map<String, GraphOutputs> shared,
            DoubleConsumer sampleDone) {
        this.sampleDone = sampleDone;
        this.runtime = runtime;
        this.spec = spec;
        this.inputs = inputs;
        this.targets = targets;
        this.layers = List.copyOf(layers);
        this.preprocessing = preprocessing;
        this.summaryTaps = List.copyOf(summaryTaps);
        this.shared = shared;
    }

    /** The same batch (sharing its runs) with the layers a layer method was given. */
    public Batch withLayers(List<String> newLayers) {
        return new Batch(runtime, spec, inputs, targets, newLayers, preprocessing, summaryTaps, shared, sampleDone);
    }

    /**
     * The same batch (sharing its runs), whose passes also output these tensors' channel summaries,
     * so that a refinement such as Gradual Extrapolation reads them from the method's own pass.
     */
    public Batch withChannelSummaries(List<String> tensors) {
        return new Batch(runtime, spec, inputs, targets, layers, preprocessing, tensors, shared, sampleDone);
    }

    /**
     * The same batch (sharing its runs), telling the listener how many more of its inputs are
     * explained each time a method that works input by input (the path methods) finishes one, or
     * one that works on all at once (the mask optimisers) finishes a step, so that progress moves
     * within a long method.
     */
    public Batch withSampleListener(DoubleConsumer listener) {
        return new Batch(runtime, spec, inputs, targets, layers, preprocessing, summaryTaps, shared, listener);
    }

    /** Says that one more input of this batch is explained; methods that loop over inputs call it. */
    public void sampleDone() {
        sampleDone.accept(1);
    }

    /** Says that this many more inputs' worth of work is done (a fraction of the batch, say). */
    public void progress(double inputs) {
        sampleDone.accept(inputs);
    }

    public ExplainerRuntime runtime() {
        return runtime;
    }

    public InputSpec spec() {
        return spec;
    }

    public Tensor inputs() {
        return inputs;
    }

    public int[] targets() {
        return targets;
    }

    public List<String> layers() {
        return layers;
    }

    public Preprocessing preprocessing() {
        return preprocessing;
    }

    public int batchSize() {
        return targets.length;
    }

    public String inputName() {
        return runtime.model().inputName();
    }

    /**
     * Whether these rules give the true gradients at this batch's layers: none of the rules they
     * replace applies between a layer and the output.
     */
    public boolean trueGradientsAtLayers(RuleSet rules) {
        return layers.stream().allMatch(layer -> rules.standardFor(runtime.opTypesToOutput(spec, layer)));
    }

    public GraphSession session(List<String> taps, ScoreKind score, RuleSet rules) {
        return runtime.session(spec, taps, score, rules);
    }

    /** Logits, score, and activations and gradients at the taps, for this batch and its targets. */
    public GraphOutputs run(List<String> taps, ScoreKind score, RuleSet rules) {
        String key = taps + "|" + summaryTaps + "|" + score + "|" + rules.name();
        GraphOutputs cached = shared.get(key);
        if (cached == null) {
            GraphSession session = runtime.session(spec, taps, summaryTaps, score, rules);
            cached = session.run(inputs, Targets.oneHot(targets, session.classes(), 1));
            shared.put(key, cached);
        }
        return cached;
    }

    /**
     * The input's gradient and FullGrad's bias-gradient map of each bias layer, for this batch and
     * its targets, from one pass.
     */
    public GraphOutputs biasGradients(List<BiasLayer> biasLayers, ScoreKind score) {
        String key = "bias|" + biasLayers.stream().map(BiasLayer::tensor).toList() + "|" + score;
        GraphOutputs cached = shared.get(key);
        if (cached == null) {
            GraphSession session = runtime.biasGradientSession(spec, List.of(inputName()), biasLayers, score);
            cached = session.run(inputs, Targets.oneHot(targets, session.classes(), 1));
            shared.put(key, cached);
        }
        return cached;
    }

    /**
     * Logits and the activations at the taps, from any earlier pass on this batch that has them, or a
     * forward-only one.
     */
    public GraphOutputs activations(List<String> taps) {
        return earlierOrForward(out -> out.hasActivations(taps), taps, summaryTaps);
    }

    /** Channel summaries of the tensors, from any earlier pass on this batch that has them, or a forward-only one. */
    public GraphOutputs summaries(List<String> tensors) {
        return earlierOrForward(out -> out.hasSummaries(tensors), List.of(), tensors);
    }

    private GraphOutputs earlierOrForward(Predicate<GraphOutputs> has, List<String> taps, List<String> summaries) {
        for (GraphOutputs earlier : shared.values()) {
            if (has.test(earlier)) {
                return earlier;
            }
        }
        GraphOutputs out =
                runtime.forwardSession(spec, taps, summaries).run(inputs, Targets.oneHot(targets, classes(), 1));
        shared.put(taps + "|" + summaries + "|forward", out);
        return out;
    }

    /** How many points a method runs through the model at once: the internal batch size, which bounds memory. */
    public int chunkSize() {
        return runtime.options().internalBatchSize();
    }

    /** The number of classes of the scored output. */
    public int classes() {
        return runtime.analysis(spec).classCount(runtime.output());
    }

    /** Runs arbitrary points (e.g. a path or noisy copies), [M, ...] in the model's layout, with weights [M, K]. */
    public GraphOutputs runPoints(Tensor points, Tensor weights, List<String> taps, ScoreKind score, RuleSet rules) {
        return session(taps, score, rules).run(points, weights);
    }

    /** One-hot weights [repeats, K] for sample n's target, for a batch of points derived from that sample. */
    public Tensor targetWeightsOf(int n, int repeats) {
        return Targets.oneHot(new int[] {targets[n]}, classes(), repeats);
    }
}
