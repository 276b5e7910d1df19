package org.saliency4j.runtime;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.saliency4j.SaliencyException;
import org.saliency4j.autodiff.AblationCompiler;
import org.saliency4j.autodiff.CompiledGraph;
import org.saliency4j.autodiff.GradientCompiler;
import org.saliency4j.autodiff.GradientSpec;
import org.saliency4j.autodiff.MaskCompiler;
import org.saliency4j.autodiff.MaskUpsampling;
import org.saliency4j.autodiff.RuleSet;
import org.saliency4j.autodiff.ScoreKind;
import org.saliency4j.model.BiasLayer;
import org.saliency4j.model.GraphTail;
import org.saliency4j.model.InputSpec;
import org.saliency4j.model.ModelAnalysis;
import org.saliency4j.model.OnnxModel;
import org.saliency4j.model.OrtEnvironments;
import org.saliency4j.tensor.Tensor;

/**
 * The runtime a method asks for activations and gradients. It analyses a model once per input
 * size and keeps one compiled session per (input size, taps, score kind, rule set, output).
 */
public final class ExplainerRuntime implements AutoCloseable {
    private final OnnxModel model;
    private final RuntimeOptions options;
    private final OrtEnvironment env = OrtEnvironments.get();
    private final Map<InputSpec, ModelAnalysis> analyses = new ConcurrentHashMap<>();
    private final Map<Key, GraphSession> sessions = new ConcurrentHashMap<>();
    private final String output;
    private final AtomicLong modelRuns = new AtomicLong();
    private final Map<MaskKey, MaskSession> maskSessions = new ConcurrentHashMap<>();

    private final Map<OptimisationKey, MaskOptimisationSession> optimisationSessions = new ConcurrentHashMap<>();

    private final Map<AblationKey, AblationSession> ablationSessions = new ConcurrentHashMap<>();

    private record AblationKey(InputSpec input, String layer) {}

    private record PathKey(InputSpec input, String tensor) {}

    /** The op types between a tensor and the output: Guided Grad-CAM asks for them for every sample. */
    private final Map<PathKey, Set<String>> pathOpTypes = new ConcurrentHashMap<>();

    private record MaskKey(InputSpec input, MaskUpsampling upsampling, ScoreKind score) {}

    /** A gradient session's mask size; 0 x 0 for a forward one. */
    private record OptimisationKey(InputSpec input, MaskUpsampling upsampling, ScoreKind score, int h, int w) {}

    private record Key(
            InputSpec input,
            List<String> gradientTaps,
            List<String> activationTaps,
            List<String> summaryTaps,
            List<String> biasLayers,
            ScoreKind score,
            String rules) {}

    public ExplainerRuntime(OnnxModel model, String output, RuntimeOptions options) {
        this.model = model;
        this.options = options;
        this.output = model.resolveOutput(output);
    }

    /** How many chunks all of this runtime's sessions have run through ONNX Runtime so far, for progress. */
    public long modelRuns() {
        return modelRuns.get();
    }

    public OnnxModel model() {
        return model;
    }

    public String output() {
        return output;
    }

    public RuntimeOptions options() {
        return options;
    }

    public ModelAnalysis analysis(InputSpec input) {
        return analyses.computeIfAbsent(input, spec -> ModelAnalysis.of(model, spec));
    }

    /** The op types a gradient at the tensor passes back through from the scored output. */
    public Set<String> opTypesToOutput(InputSpec input, String tensor) {
        return pathOpTypes.computeIfAbsent(
                new PathKey(input, tensor), k -> Set.copyOf(GraphTail.opTypesBetween(analysis(input), tensor, output)));
    }

    /** A session computing logits, probabilities, the score, and activations and gradients at the taps. */
    public GraphSession session(InputSpec input, List<String> taps, ScoreKind score, RuleSet rules) {
        return session(input, taps, List.of(), score, rules);
    }

    /**
     * As {@link #session(InputSpec, List, ScoreKind, RuleSet)}, also outputting channel summaries of
     * further tensors.
     */
    public GraphSession session(
            InputSpec input, List<String> taps, List<String> summaryTaps, ScoreKind score, RuleSet rules) {
        return session(input, new GradientSpec(output, taps, List.of(), summaryTaps, score, rules));
    }

    /**
     * A session computing logits, probabilities, the activations at the taps and the channel
     * summaries, with no backward pass.
     */
    public GraphSession forwardSession(InputSpec input, List<String> taps, List<String> summaryTaps) {
        return session(
                input, new GradientSpec(output, List.of(), taps, summaryTaps, ScoreKind.LOGIT, RuleSet.standard()));
    }

    /**
     * A session computing, besides logits, probabilities and the score, activations and gradients at
     * the taps and FullGrad's bias-gradient map of each bias layer, in one pass.
     */
    public GraphSession biasGradientSession(
            InputSpec input, List<String> taps, List<BiasLayer> biasLayers, ScoreKind score) {
        return session(
                input, new GradientSpec(output, taps, List.of(), List.of(), biasLayers, score, RuleSet.standard()));
    }

    private GraphSession session(InputSpec input, GradientSpec spec) {
        Key key = new Key(
                input,
                spec.gradientTaps(),
                spec.activationTaps(),
                spec.summaryTaps(),
                spec.biasLayers().stream().map(BiasLayer::tensor).toList(),
                spec.score(),
                spec.rules().name());
        return sessions.computeIfAbsent(key, k -> create(input, spec));
    }

    /** The logits and probabilities of a batch, from the plain forward pass. */
    public GraphOutputs forward(InputSpec input, Tensor inputs) {
        GraphSession session = session(input, List.of(), ScoreKind.LOGIT, RuleSet.standard());
        return session.run(inputs, Tensor.zeros((int) inputs.dim(0), session.classes()));
    }

    /**
     * Fails unless a chunk of the internal batch size fits the one direct buffer each session feeds
     * ONNX Runtime from (at most 2 GB).
     */
    public void requireBatchFits(InputSpec input) {
        long bytes = 4L * options.internalBatchSize() * input.elementsPerSample();
        if (bytes > Integer.MAX_VALUE) {
            long most = Integer.MAX_VALUE / (4L * input.elementsPerSample());
            throw new SaliencyException(
                    SaliencyException.Kind.BAD_OPTION,
                    "an internal batch of " + options.internalBatchSize() + " inputs of " + input.elementsPerSample()
                            + " values needs " + bytes / (1 << 20)
                            + " MB in one buffer, more than 2 GB; use a batch size of at most "
                            + most + ".");
        }
    }

    private GraphSession create(InputSpec input, GradientSpec spec) {
        requireBatchFits(input);
        ModelAnalysis analysis = analysis(input);
        CompiledGraph graph = GradientCompiler.compile(analysis, spec);
        OrtSession session = open(graph.model(), "compiled gradient graph");
        return new GraphSession(
                env,
                session,
                graph.signature(),
                input,
                analysis.classCount(output),
                options.internalBatchSize(),
                modelRuns);
    }

    /**
     * A session of the perturbation graph: the model's outputs for masked copies of one input,
     * blended inside the graph (see {@link MaskCompiler}); one per (input size, upsampling, score).
     */
    public MaskSession maskSession(InputSpec input, MaskUpsampling upsampling, ScoreKind score) {
        return maskSessions.computeIfAbsent(new MaskKey(input, upsampling, score), k -> {
            requireBatchFits(input);
            ModelAnalysis analysis = analysis(input);
            OrtSession session = open(MaskCompiler.compile(analysis, output, score, upsampling), "perturbation graph");
            return new MaskSession(
                    env, session, input, analysis.classCount(output), options.internalBatchSize(), modelRuns);
        });
    }

    /**
     * A session of the ablation graph: the model from a layer onwards, fed one input's activation at
     * the layer with channels ablated (see {@link AblationCompiler}); one per (input size, layer).
     */
    public AblationSession ablationSession(InputSpec input, String layer) {
        return ablationSessions.computeIfAbsent(new AblationKey(input, layer), k -> {
            requireBatchFits(input);
            ModelAnalysis analysis = analysis(input);
            byte[] graph = AblationCompiler.compile(analysis, output, layer, ScoreKind.LOGIT);
            return new AblationSession(
                    env,
                    open(graph, "ablation graph"),
                    analysis.classCount(output),
                    options.internalBatchSize(),
                    modelRuns);
        });
    }

    /**
     * A session of a mask optimiser's graph (see {@link MaskCompiler}): scores of masked, noisy
     * copies of inputs and, when {@code gradientMask} gives the masks' [h, w], their gradients at the
     * masks; one per (input size, upsampling, score, mask size).
     */
    public MaskOptimisationSession maskOptimisationSession(
            InputSpec input, MaskUpsampling upsampling, ScoreKind score, int[] gradientMask) {
        OptimisationKey key = gradientMask == null
                ? new OptimisationKey(input, upsampling, score, 0, 0)
                : new OptimisationKey(input, upsampling, score, gradientMask[0], gradientMask[1]);
        return optimisationSessions.computeIfAbsent(key, k -> {
            requireBatchFits(input);
            ModelAnalysis analysis = analysis(input);
            byte[] graph = gradientMask == null
                    ? MaskCompiler.compileOptimisation(analysis, output, score, upsampling)
                    : MaskCompiler.compileOptimisationGradient(
                            analysis, output, score, upsampling, gradientMask[0], gradientMask[1]);
            OrtSession session = open(graph, "mask optimiser's graph");
            return new MaskOptimisationSession(
                    env,
                    session,
                    input,
                    analysis.classCount(output),
                    options.internalBatchSize(),
                    gradientMask == null ? null : gradientMask.clone(),
                    modelRuns);
        });
    }

    /** Closes an ONNX Runtime session, reporting a failure as the runtime's. */
    static void close(OrtSession session) {
        try {
            session.close();
        } catch (OrtException e) {
            throw new SaliencyException(
                    SaliencyException.Kind.RUNTIME, "cannot close an ONNX Runtime session: " + e.getMessage(), e);
        }
    }

    private OrtSession open(byte[] model, String what) {
        try {
            OrtSession.SessionOptions so = new OrtSession.SessionOptions();
            so.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            so.setIntraOpNumThreads(options.threads());
            so.setInterOpNumThreads(1);
            // the memory pattern pre-allocates one block for a run's planned tensors beside the arena's own
            // buffers: without it the input gradient of MobileNet V2 at batch 16 peaks at 1.0 instead of
            // 1.7 GB, no slower
            so.setMemoryPatternOptimization(false);
            // weights and the constants folded from them (the flipped backward kernels) outside the arena, whose
            // power-of-two chunks otherwise stay reserved: ResNet-18's input gradient peaks 60 to 80 MB lower
            so.addConfigEntry("session.use_device_allocator_for_initializers", "1");
            so.addConfigEntry("session.intra_op.allow_spinning", "0");
            // tiny probability gradients underflow to denormals deep in the backward pass, which
            // are many times slower on x86; flushing them to zero changes nothing visible
            so.addConfigEntry("session.set_denormal_as_zero", "1");
            // failures reach Java as exceptions, so ONNX Runtime's own log lines stay off the terminal
            so.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL);
            return env.createSession(model, so);
        } catch (OrtException e) {
            throw new SaliencyException(
                    SaliencyException.Kind.RUNTIME,
                    SaliencyException.Topic.REPORT,
                    "ONNX Runtime rejected the " + what + ": " + e.getMessage(),
                    e);
        }
    }

    @Override
    public void close() {
        sessions.values().forEach(GraphSession::close);
        sessions.clear();
        maskSessions.values().forEach(MaskSession::close);
        maskSessions.clear();
        optimisationSessions.values().forEach(MaskOptimisationSession::close);
        optimisationSessions.clear();
        ablationSessions.values().forEach(AblationSession::close);
        ablationSessions.clear();
    }
}
