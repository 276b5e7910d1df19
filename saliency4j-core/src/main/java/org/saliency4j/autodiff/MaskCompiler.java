package org.saliency4j.autodiff;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.ArrayList;
import java.util.List;
import org.saliency4j.model.InputSpec;
import org.saliency4j.model.ModelAnalysis;
import org.saliency4j.model.OnnxModel;
import org.saliency4j.onnx.Attr;

/**
 * Compiles a perturbation graph: the model fed K masked copies of one image, built inside the graph.
 * Its inputs are the image x and a substrate b [1, C, H, W] (model layout), masks m [1, K, h, w] at
 * any resolution, and score weights [K, classes]. Each mask is resized to H x W, the copies
 * x * up(m) + b * (1 - up(m)) are stacked to [K, C, H, W] and run through the model, so only the
 * small masks travel from Java. Outputs: logits, probabilities and the score of every copy.
 *
 * <p>The blend is written as nodes ahead of the model's own, so that a later reverse pass can reach
 * the masks through the existing Resize, Mul and Add rules (what I-GOS needs); today it is forward
 * only.
 */
public final class MaskCompiler {
    public static final String IMAGE = "s4j_image";
    public static final String SUBSTRATE = "s4j_substrate";
    public static final String MASKS = "s4j_masks";

    private MaskCompiler() {}

    public static byte[] compile(ModelAnalysis analysis, String output, ScoreKind score, MaskUpsampling upsampling) {
        ModelProto model = analysis.proto();
        GraphProto graph = model.getGraph();
        InputSpec spec = analysis.input();
        String input = analysis.model().inputName();
        boolean nchw = spec.layout() == InputSpec.Layout.NCHW;
        GraphBuilder b = new GraphBuilder();

        // sizes [1, K, H, W] from the masks' own shape, so that one graph takes any number of masks
        String shape = b.node("Shape", List.of(MASKS));
        String leading = b.node("Slice", List.of(shape, b.ints(0), b.ints(2)));
        String sizes = b.node("Concat", List.of(leading, b.ints(spec.height(), spec.width())), Attr.i("axis", 0));
        List<AttributeProto> resize = new ArrayList<>(List.of(
                Attr.s("mode", upsampling.mode()), Attr.s("coordinate_transformation_mode", upsampling.coordinates())));
        if (upsampling == MaskUpsampling.NEAREST) {
            resize.add(Attr.s("nearest_mode", "floor"));
        }
        String up = b.node("Resize", List.of(MASKS, "", "", sizes), resize.toArray(AttributeProto[]::new));
        // masks broadcast over the channels: [1, K, 1, H, W] (NCHW) or [1, K, H, W, 1] (NHWC)
        String masks = b.node("Unsqueeze", List.of(up, b.ints(nchw ? 2 : 4)));
        String image = b.node("Unsqueeze", List.of(IMAGE, b.ints(1)));
        String substrate = b.node("Unsqueeze", List.of(SUBSTRATE, b.ints(1)));
        String difference = b.node("Sub", List.of(image, substrate));
        String blended = b.node("Add", List.of(substrate, b.node("Mul", List.of(difference, masks))));
        long[] perSample = spec.batchShape(1);
        b.namedNode("Reshape", List.of(blended, b.ints(-1, perSample[1], perSample[2], perSample[3])), input);
        int frontEnd = b.nodes().size();

        GradientCompiler.scoreHead(b, output, score);

        List<ValueInfoProto> inputs = new ArrayList<>(graph.getInputList().stream()
                .filter(v -> !v.getName().equals(input))
                .toList());
        inputs.add(GradientCompiler.floatValue(IMAGE, 4));
        inputs.add(GradientCompiler.floatValue(SUBSTRATE, 4));
        inputs.add(GradientCompiler.floatValue(MASKS, 4));
        inputs.add(GradientCompiler.floatValue(CompiledGraph.SCORE_WEIGHTS, 2));
        // the blend, then the model's own nodes, then the score
        List<NodeProto> nodes = new ArrayList<>(b.nodes().subList(0, frontEnd));
        nodes.addAll(graph.getNodeList());
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
