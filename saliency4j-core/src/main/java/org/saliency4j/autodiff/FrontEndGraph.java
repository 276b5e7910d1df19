package org.saliency4j.autodiff;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.ArrayList;
import java.util.List;
import org.saliency4j.model.ModelAnalysis;
import org.saliency4j.model.OnnxModel;

/**
 * The model rebuilt with a front end of its own: the builder's first nodes compute what the model's
 * input was (masked copies, an ablated layer), then come the model's nodes (all, or a tail of them),
 * then the builder's remaining nodes (the score head, a reverse pass). The graph takes the front
 * end's inputs in place of the model's input, and gives the named outputs.
 */
final class FrontEndGraph {
    private FrontEndGraph() {}

    /**
     * @param frontEnd how many of the builder's nodes come before the model's
     * @param inputs   the front end's inputs (the score weights are added)
     */
    static byte[] build(
            ModelAnalysis analysis,
            GraphBuilder b,
            int frontEnd,
            List<NodeProto> modelNodes,
            List<ValueInfoProto> inputs,
            List<String> outputs) {
        ModelProto model = analysis.proto();
        GraphProto graph = model.getGraph();
        String input = analysis.model().inputName();
        // initializers the model lists as graph inputs (IR < 4) stay inputs
        List<ValueInfoProto> all = new ArrayList<>(graph.getInputList().stream()
                .filter(v -> !v.getName().equals(input))
                .toList());
        all.addAll(inputs);
        all.add(GradientCompiler.floatValue(CompiledGraph.SCORE_WEIGHTS, 2));
        List<NodeProto> nodes = new ArrayList<>(b.nodes().subList(0, frontEnd));
        nodes.addAll(modelNodes);
        nodes.addAll(b.nodes().subList(frontEnd, b.nodes().size()));
        GraphProto.Builder out = graph.toBuilder()
                .clearNode()
                .addAllNode(nodes)
                .addAllInitializer(b.constants())
                .clearValueInfo()
                .clearInput()
                .addAllInput(all)
                .clearOutput();
        outputs.forEach(name -> out.addOutput(GradientCompiler.floatValue(name, -1)));
        return OnnxModel.withDefaultOpset(
                        model.toBuilder().setGraph(out), GradientCompiler.targetOpset(analysis.opset()))
                .toByteArray();
    }
}
