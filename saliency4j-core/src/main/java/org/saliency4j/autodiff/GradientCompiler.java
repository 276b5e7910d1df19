package org.saliency4j.autodiff;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.saliency4j.SaliencyException;
import org.saliency4j.model.BiasLayer;
import org.saliency4j.model.ModelAnalysis;
import org.saliency4j.model.OnnxModel;
import org.saliency4j.model.TensorInfo;
import org.saliency4j.onnx.Attr;

/**
 * Compiles the reverse pass of a model into its own ONNX graph: one graph computes the forward
 * pass, the score, and the gradient of the score at each tap, so ONNX Runtime does all the work.
 * Only nodes on a path from a tap to the scored output are differentiated.
 */
public final class GradientCompiler {
    /** ScatterElements with reduction="add" (the MaxPool rule) needs opset 16. */
    static final int MIN_TARGET_OPSET = 16;

    private GradientCompiler() {}

    static int targetOpset(int modelOpset) {
        return Math.max(modelOpset, MIN_TARGET_OPSET);
    }

    public static CompiledGraph compile(ModelAnalysis analysis, GradientSpec spec) {
        ModelProto model = analysis.proto();
        GraphProto graph = model.getGraph();
        int modelOpset = analysis.opset();
        List<NodeProto> forward = graph.getNodeList();
        List<String> allTaps = spec.allTaps();
        for (String tap :
                Stream.concat(allTaps.stream(), spec.summaryTaps().stream()).toList()) {
            TensorInfo info = analysis.tensor(tap);
            if (info == null || !info.floating()) {
                throw new SaliencyException(
                        SaliencyException.Kind.UNKNOWN_LAYER,
                        "'" + tap + "' is not a floating-point tensor of the model.");
            }
        }

        GraphBuilder builder = new GraphBuilder();
        String logits = spec.output();
        scoreHead(builder, logits, spec.score());

        for (int i = 0; i < allTaps.size(); i++) {
            builder.namedNode("Identity", List.of(allTaps.get(i)), CompiledGraph.activation(i));
        }
        for (int i = 0; i < spec.summaryTaps().size(); i++) {
            String tap = spec.summaryTaps().get(i);
            builder.namedNode(
                    "ReduceSum", List.of(tap, builder.ints(1)), CompiledGraph.channelSum(i), Attr.i("keepdims", 1));
            // the maximum per sample, by TopK over the flattened sample (no axes-signature change across opsets)
            String flat = builder.node("Flatten", List.of(tap), Attr.i("axis", 1));
            builder.namedNodeOutputs(
                    "TopK",
                    List.of(flat, builder.ints(1)),
                    List.of(CompiledGraph.maximum(i), builder.fresh("topk_index")),
                    Attr.i("axis", 1));
        }
        if (!spec.backwardTargets().isEmpty()) {
            Map<String, String> gradients = gradients(analysis, spec, builder);
            for (int i = 0; i < spec.gradientTaps().size(); i++) {
                String tap = spec.gradientTaps().get(i);
                String g = gradients.get(tap);
                builder.namedNode(
                        "Identity", List.of(g == null ? builder.zerosLike(tap) : g), CompiledGraph.gradient(i));
            }
            for (int i = 0; i < spec.biasLayers().size(); i++) {
                BiasLayer layer = spec.biasLayers().get(i);
                String g = gradients.get(layer.tensor());
                biasGradientMap(
                        builder,
                        g == null ? builder.zerosLike(layer.tensor()) : g,
                        layer,
                        CompiledGraph.biasGradientMap(i));
            }
        }

        GraphProto.Builder out = graph.toBuilder()
                .clearNode()
                .addAllNode(forward)
                .addAllNode(builder.nodes())
                .addAllInitializer(builder.constants())
                .clearValueInfo()
                .addAllValueInfo(builder.declaredShapes())
                .clearOutput()
                .addInput(floatValue(CompiledGraph.SCORE_WEIGHTS, 2));
        List<String> outputs =
                new ArrayList<>(List.of(CompiledGraph.LOGITS, CompiledGraph.PROBABILITIES, CompiledGraph.SCORE));
        for (int i = 0; i < allTaps.size(); i++) {
            outputs.add(CompiledGraph.activation(i));
        }
        for (int i = 0; i < spec.gradientTaps().size(); i++) {
            outputs.add(CompiledGraph.gradient(i));
        }
        for (int i = 0; i < spec.summaryTaps().size(); i++) {
            outputs.add(CompiledGraph.channelSum(i));
            outputs.add(CompiledGraph.maximum(i));
        }
        for (int i = 0; i < spec.biasLayers().size(); i++) {
            outputs.add(CompiledGraph.biasGradientMap(i));
        }
        outputs.forEach(name -> out.addOutput(floatValue(name, -1)));
        ModelProto compiled = OnnxModel.withDefaultOpset(model.toBuilder().setGraph(out), targetOpset(modelOpset));
        return new CompiledGraph(
                compiled.toByteArray(),
                new CompiledGraph.Signature(
                        analysis.model().inputName(),
                        allTaps,
                        spec.gradientTaps().size(),
                        spec.summaryTaps(),
                        spec.biasLayers().stream().map(BiasLayer::tensor).toList()));
    }

    /**
     * FullGrad's map of one bias layer (as pytorch-grad-cam computes it): a = |b_c g_c| [N, C, h, w],
     * each channel's plane min-max normalised, (a - min) / (1e-7 + max - min), and summed over the
     * channels to [N, 1, h, w]. Minimum and maximum by TopK over the flattened plane, which reads the
     * same in every opset (ReduceMin's axes moved from attribute to input in opset 18).
     */
    private static void biasGradientMap(GraphBuilder b, String gradient, BiasLayer layer, String name) {
        String scaled = b.node(
                "Abs", List.of(b.node("Mul", List.of(gradient, b.floats(layer.bias(), 1, layer.bias().length, 1, 1)))));
        String flat = b.node("Reshape", List.of(scaled, b.ints(0, 0, -1)));
        String max = b.node("TopK", List.of(flat, b.ints(1)), 2, Attr.i("axis", 2), Attr.i("largest", 1))[0];
        String min = b.node("TopK", List.of(flat, b.ints(1)), 2, Attr.i("axis", 2), Attr.i("largest", 0))[0];
        String range = b.node("Add", List.of(b.node("Sub", List.of(max, min)), b.scalar(1e-7f)));
        String normalised = b.node("Div", List.of(b.node("Sub", List.of(flat, min)), range));
        String summed = b.node("ReduceSum", List.of(normalised, b.ints(1)), Attr.i("keepdims", 1));
        String shape = b.node("Shape", List.of(scaled));
        String planes = b.node(
                "Concat",
                List.of(
                        b.node("Slice", List.of(shape, b.ints(0), b.ints(1))),
                        b.ints(1),
                        b.node("Slice", List.of(shape, b.ints(2), b.ints(4)))),
                Attr.i("axis", 0));
        b.namedNode("Reshape", List.of(summed, planes), name);
    }

    /**
     * Appends the reverse pass from the score (whose head {@link #scoreHead} has added) to the
     * spec's gradient taps; returns each tap's gradient, or null for a tap the score does not reach.
     */
    static Map<String, String> gradients(ModelAnalysis analysis, GradientSpec spec, GraphBuilder builder) {
        String seed = spec.score() == ScoreKind.LOGIT
                ? CompiledGraph.SCORE_WEIGHTS
                : softmaxBackward(builder, CompiledGraph.PROBABILITIES, CompiledGraph.SCORE_WEIGHTS);
        return backward(analysis, analysis.proto().getGraph().getNodeList(), spec, spec.output(), seed, builder);
    }

    /** The nodes checked and differentiated, in reverse order; returns each reached tensor's gradient. */
    private static Map<String, String> backward(
            ModelAnalysis analysis,
            List<NodeProto> nodes,
            GradientSpec spec,
            String output,
            String seed,
            GraphBuilder builder) {
        Set<String> onPath = pathTensors(analysis, nodes, spec.backwardTargets(), output);
        List<NodeProto> differentiated = new ArrayList<>();
        for (NodeProto node : nodes) {
            if (node.getOutputList().stream().anyMatch(onPath::contains)
                    && node.getInputList().stream().anyMatch(onPath::contains)) {
                if (spec.rules().rule(node.getOpType()) == null
                        || !node.getDomain().isEmpty() && !node.getDomain().equals("ai.onnx")) {
                    throw new SaliencyException(
                            SaliencyException.Kind.UNSUPPORTED_OP,
                            "cannot compute gradients through op "
                                    + node.getOpType()
                                    + (node.getDomain().isEmpty() ? "" : " (domain " + node.getDomain() + ")")
                                    + " at node '" + node.getName() + "': it has no backward rule in rule set '"
                                    + spec.rules().name()
                                    + "'. Supported ops: "
                                    + String.join(", ", spec.rules().supportedOps())
                                    + ". Choose a layer after this node, or ask for a rule for " + node.getOpType()
                                    + ".");
                }
                differentiated.add(node);
            }
        }
        Map<String, List<String>> contributions = new HashMap<>();
        contributions.computeIfAbsent(output, k -> new ArrayList<>()).add(seed);
        Set<String> taps = new HashSet<>(spec.backwardTargets());
        TensorShapeProto.Dimension batch = batchDimension(analysis);
        for (int n = differentiated.size() - 1; n >= 0; n--) {
            NodeProto node = differentiated.get(n);
            String[] outputGradients = new String[node.getOutputCount()];
            boolean any = false;
            for (int i = 0; i < node.getOutputCount(); i++) {
                outputGradients[i] = accumulate(contributions.get(node.getOutput(i)), builder);
                any |= outputGradients[i] != null;
                declareShape(analysis, builder, outputGradients[i], node.getOutput(i), batch);
            }
            if (!any) {
                continue;
            }
            boolean[] needs = new boolean[node.getInputCount()];
            for (int i = 0; i < needs.length; i++) {
                needs[i] = onPath.contains(node.getInput(i));
            }
            BackwardContext ctx = new BackwardContext(node, analysis, builder, outputGradients, needs);
            spec.rules().rule(node.getOpType()).backward(ctx);
            String[] inputGradients = ctx.inputGradients();
            for (int i = 0; i < inputGradients.length; i++) {
                if (inputGradients[i] != null) {
                    contributions
                            .computeIfAbsent(node.getInput(i), k -> new ArrayList<>())
                            .add(inputGradients[i]);
                }
            }
        }
        Map<String, String> result = new LinkedHashMap<>();
        for (String tap : taps) {
            result.put(tap, accumulate(contributions.get(tap), builder));
        }
        return result;
    }

    /**
     * Floating-point tensors that depend on a tap and that the output depends on: only these
     * carry gradients.
     */
    private static Set<String> pathTensors(
            ModelAnalysis analysis, List<NodeProto> nodes, List<String> taps, String output) {
        Set<String> reached = new HashSet<>(taps);
        for (NodeProto node : nodes) {
            if (node.getInputList().stream().anyMatch(reached::contains)) {
                for (String out : node.getOutputList()) {
                    TensorInfo info = analysis.tensor(out);
                    if (info != null && info.floating()) {
                        reached.add(out);
                    }
                }
            }
        }
        Set<String> needed = new HashSet<>();
        needed.add(output);
        for (int n = nodes.size() - 1; n >= 0; n--) {
            NodeProto node = nodes.get(n);
            if (node.getOutputList().stream().anyMatch(needed::contains)) {
                needed.addAll(node.getInputList());
            }
        }
        reached.retainAll(needed);
        return reached;
    }

    /**
     * Declares that a gradient has its tensor's shape, with the input's batch dimension. ONNX
     * Runtime cannot infer the gradients' shapes through the score's run-time Reshape, and without
     * them it cannot prove that a gradient and an activation have one shape, which it needs to
     * multiply them in its blocked NCHWc layout instead of reordering both to NCHW first.
     */
    private static void declareShape(
            ModelAnalysis analysis,
            GraphBuilder builder,
            String gradient,
            String tensor,
            TensorShapeProto.Dimension batch) {
        TensorInfo info = analysis.tensor(tensor);
        if (gradient == null
                || !builder.owns(gradient)
                || info == null
                || !info.floating()
                || info.batched() && batch == null) {
            return;
        }
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        long[] dims = info.shape();
        for (int i = 0; i < dims.length; i++) {
            if (info.batched() && i == 0) {
                shape.addDim(batch);
            } else if (dims[i] > 0) {
                shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(dims[i]));
            } else {
                return;
            }
        }
        builder.declare(gradient, shape.build());
    }

    /** The model input's first dimension, if it is named or fixed. */
    private static TensorShapeProto.Dimension batchDimension(ModelAnalysis analysis) {
        String input = analysis.model().inputName();
        for (ValueInfoProto v : analysis.proto().getGraph().getInputList()) {
            if (v.getName().equals(input)
                    && v.getType().getTensorType().getShape().getDimCount() > 0) {
                TensorShapeProto.Dimension d =
                        v.getType().getTensorType().getShape().getDim(0);
                return d.hasDimParam() || d.hasDimValue() ? d : null;
            }
        }
        return null;
    }

    private static String accumulate(List<String> parts, GraphBuilder builder) {
        if (parts == null || parts.isEmpty()) {
            return null;
        }
        return parts.size() == 1 ? parts.get(0) : builder.node("Sum", parts);
    }

    /**
     * d(sum_k w_k p_k)/d(logits) = p * (w - sum_k w_k p_k), with w - sum_k w_k p_k written as
     * (w - 1) + sum_k p_k (1 - w_k) (the same, as the p_k sum to 1). For a one-hot w at a confident
     * target, 1 - p_t is then the sum of the other classes' probabilities, exact to float32's
     * relative precision, where 1 - p_t itself would keep only a few digits.
     */
    private static String softmaxBackward(GraphBuilder builder, String probabilities, String weights) {
        String one = builder.scalar(1f);
        String rest = builder.node(
                "ReduceSum",
                List.of(
                        builder.node("Mul", List.of(probabilities, builder.node("Sub", List.of(one, weights)))),
                        builder.ints(1)),
                Attr.i("keepdims", 1));
        String centred = builder.node("Add", List.of(builder.node("Sub", List.of(weights, one)), rest));
        return builder.node("Mul", List.of(probabilities, centred));
    }

    /**
     * The outputs every compiled graph ends with: the logits, their softmax, and the score
     * sum_k w[n, k] * s[n, k] of the logits or probabilities, for the weights input.
     */
    static void scoreHead(GraphBuilder builder, String logits, ScoreKind score) {
        builder.namedNode("Identity", List.of(logits), CompiledGraph.LOGITS);
        builder.namedNode("Softmax", List.of(logits), CompiledGraph.PROBABILITIES, Attr.i("axis", 1));
        String scored = score == ScoreKind.LOGIT ? logits : CompiledGraph.PROBABILITIES;
        String weighted = builder.node("Mul", List.of(scored, CompiledGraph.SCORE_WEIGHTS));
        builder.namedNode("ReduceSum", List.of(weighted, builder.ints(1)), CompiledGraph.SCORE, Attr.i("keepdims", 0));
    }

    /** A float tensor of the given rank with symbolic dimensions of its own (any shape when rank < 1). */
    static ValueInfoProto floatValue(String name, int rank) {
        if (rank < 1) {
            return GraphBuilder.floatValue(name, null);
        }
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (int i = 0; i < rank; i++) {
            shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimParam(name + "_d" + i));
        }
        return GraphBuilder.floatValue(name, shape.build());
    }
}
