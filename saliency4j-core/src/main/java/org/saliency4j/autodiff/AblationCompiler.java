package org.saliency4j.autodiff;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.ArrayList;
import java.util.List;
import org.saliency4j.model.GraphTail;
import org.saliency4j.model.ModelAnalysis;
import org.saliency4j.model.OnnxModel;

/**
 * Compiles the ablation graph: the model run from an inner layer onwards (see {@link GraphTail}),
 * fed M copies of one input's activation at that layer [1, C, h, w], each with some channels set to
 * a value: A'_m = A + a_m (v_m - A), with a [M, C] (1 where channel c of copy m is ablated) and v
 * [M]. Only the activation and the small ablation tables travel from Java, and the layers before
 * the cut are not run again. Outputs: logits, probabilities and the score of every copy.
 */
public final class AblationCompiler {
    public static final String ACTIVATION = "s4j_layer_activation";
    public static final String ABLATED = "s4j_ablated_channels";
    public static final String VALUES = "s4j_ablation_values";

    private AblationCompiler() {}

    public static byte[] compile(ModelAnalysis analysis, String output, String layer, ScoreKind score) {
        List<NodeProto> tail = GraphTail.of(analysis, layer, output);
        ModelProto model = analysis.proto();
        GraphProto graph = model.getGraph();
        GraphBuilder b = new GraphBuilder();
        String ablated = b.node("Unsqueeze", List.of(ABLATED, b.ints(2, 3)));
        String values = b.node("Reshape", List.of(VALUES, b.ints(-1, 1, 1, 1)));
        String change = b.node("Mul", List.of(ablated, b.node("Sub", List.of(values, ACTIVATION))));
        b.namedNode("Add", List.of(ACTIVATION, change), layer);
        int frontEnd = b.nodes().size();
        GradientCompiler.scoreHead(b, output, score);

        String input = analysis.model().inputName();
        List<ValueInfoProto> inputs = new ArrayList<>(graph.getInputList().stream()
                .filter(v -> !v.getName().equals(input))
                .toList());
        inputs.add(GradientCompiler.floatValue(ACTIVATION, 4));
        inputs.add(GradientCompiler.floatValue(ABLATED, 2));
        inputs.add(GradientCompiler.floatValue(VALUES, 1));
        inputs.add(GradientCompiler.floatValue(CompiledGraph.SCORE_WEIGHTS, 2));
        List<NodeProto> nodes = new ArrayList<>(b.nodes().subList(0, frontEnd));
        nodes.addAll(tail);
        nodes.addAll(b.nodes().subList(frontEnd, b.nodes().size()));
        GraphProto.Builder out = graph.toBuilder()
                .clearNode()
                .addAllNode(nodes)
                .addAllInitializer(b.constants())
                .clearValueInfo()
                .clearInput()
                .addAllInput(inputs)
                .clearOutput();
        for (String name : List.of(CompiledGraph.LOGITS, CompiledGraph.PROBABILITIES, CompiledGraph.SCORE)) {
            out.addOutput(GradientCompiler.floatValue(name, -1));
        }
        return OnnxModel.withDefaultOpset(
                        model.toBuilder().setGraph(out), GradientCompiler.targetOpset(analysis.opset()))
                .toByteArray();
    }
}
