package org.saliency4j.model;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.ArrayList;
import java.util.List;
import org.saliency4j.onnx.Attr;
import org.saliency4j.onnx.TensorProtos;

/**
 * A 2-D layer that adds a bias per channel: a Conv with a constant bias, or a BatchNormalization,
 * whose effective bias is B - mean * scale / sqrt(var + epsilon) (FullGrad's bias layers). A Conv
 * with a BatchNormalization folded into it carries that effective bias itself.
 *
 * @param tensor the layer's output, [N, C, h, w]
 * @param node   the node's name
 * @param bias   the bias per output channel
 */
public record BiasLayer(String tensor, String node, float[] bias) {
    /** The model's bias layers with 4-D outputs, in graph order. */
    public static List<BiasLayer> of(ModelAnalysis analysis) {
        List<BiasLayer> layers = new ArrayList<>();
        for (NodeProto node : analysis.proto().getGraph().getNodeList()) {
            String output = node.getOutput(0);
            TensorInfo info = analysis.tensor(output);
            if (info == null || info.shape().length != 4) {
                continue;
            }
            float[] bias = switch (node.getOpType()) {
                case "Conv" -> node.getInputCount() > 2 ? constant(analysis, node.getInput(2)) : null;
                case "BatchNormalization" -> batchNormBias(analysis, node);
                default -> null;
            };
            if (bias != null) {
                layers.add(new BiasLayer(output, node.getName(), bias));
            }
        }
        return layers;
    }

    private static float[] constant(ModelAnalysis analysis, String name) {
        return name.isEmpty() || analysis.initializer(name) == null
                ? null
                : TensorProtos.floats(analysis.initializer(name));
    }

    private static float[] batchNormBias(ModelAnalysis analysis, NodeProto node) {
        float[] scale = constant(analysis, node.getInput(1));
        float[] b = constant(analysis, node.getInput(2));
        float[] mean = constant(analysis, node.getInput(3));
        float[] variance = constant(analysis, node.getInput(4));
        if (scale == null || b == null || mean == null || variance == null) {
            return null;
        }
        double epsilon = Attr.floatOf(node, "epsilon", 1e-5f);
        float[] bias = new float[b.length];
        for (int c = 0; c < bias.length; c++) {
            bias[c] = (float) (b[c] - mean[c] * scale[c] / Math.sqrt(variance[c] + epsilon));
        }
        return bias;
    }
}
