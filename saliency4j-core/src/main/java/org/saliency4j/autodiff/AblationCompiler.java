package org.saliency4j.autodiff;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.List;
import org.saliency4j.model.GraphTail;
import org.saliency4j.model.ModelAnalysis;

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
        GraphBuilder b = new GraphBuilder();
        String ablated = b.node("Unsqueeze", List.of(ABLATED, b.ints(2, 3)));
        String values = b.node("Reshape", List.of(VALUES, b.ints(-1, 1, 1, 1)));
        String change = b.node("Mul", List.of(ablated, b.node("Sub", List.of(values, ACTIVATION))));
        b.namedNode("Add", List.of(ACTIVATION, change), layer);
        int frontEnd = b.nodes().size();
        GradientCompiler.scoreHead(b, output, score);

        return FrontEndGraph.build(
                analysis,
                b,
                frontEnd,
                tail,
                List.of(
                        GradientCompiler.floatValue(ACTIVATION, 4),
                        GradientCompiler.floatValue(ABLATED, 2),
                        GradientCompiler.floatValue(VALUES, 1)),
                List.of(CompiledGraph.LOGITS, CompiledGraph.PROBABILITIES, CompiledGraph.SCORE));
    }
}
