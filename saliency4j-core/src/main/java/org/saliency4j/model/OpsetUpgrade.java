package org.saliency4j.model;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.util.List;
import java.util.function.IntFunction;
import org.saliency4j.SaliencyException;
import org.saliency4j.onnx.Attr;
import org.saliency4j.onnx.TensorProtos;

/**
 * Rewrites the few ops whose signature changed before opset 13 (axes and split as inputs, the
 * meaning of Softmax's axis, Dropout's ratio), so that an opset 11 or 12 graph is valid at opset 13
 * and later, where the gradient compiler works.
 */
final class OpsetUpgrade {
    static final int TARGET = 13;

    private OpsetUpgrade() {}

    /** The node, valid at opset 13 and later; new constants go to the list. */
    static NodeProto upgrade(
            NodeProto node, int fromOpset, IntFunction<long[]> rankOfInput, List<TensorProto> constants) {
        if (fromOpset >= TARGET) {
            return node;
        }
        switch (node.getOpType()) {
            case "ReduceSum", "Squeeze", "Unsqueeze" -> {
                return attributeToInput(node, "axes", constants);
            }
            case "Split" -> {
                return attributeToInput(node, "split", constants);
            }
            case "Dropout" -> {
                return NodeProto.newBuilder()
                        .setName(node.getName())
                        .setOpType("Identity")
                        .addInput(node.getInput(0))
                        .addOutput(node.getOutput(0))
                        .build();
            }
            case "Softmax" -> {
                long rank = rankOfInput.apply(0).length;
                long axis = Attr.find(node, "axis") == null
                        ? 1
                        : Attr.find(node, "axis").getI();
                if (axis < 0) {
                    axis += rank;
                }
                if (axis != rank - 1) {
                    throw new SaliencyException(
                            SaliencyException.Kind.UNSUPPORTED_OP,
                            "Softmax node '" + node.getName()
                                    + "' uses the pre-opset-13 meaning of axis " + axis + " on a rank-" + rank
                                    + " tensor; re-export the model with opset 13 or later.");
                }
                return Attr.without(node, "axis").toBuilder()
                        .addAttribute(Attr.i("axis", axis))
                        .build();
            }
            default -> {
                return node;
            }
        }
    }

    private static NodeProto attributeToInput(NodeProto node, String name, List<TensorProto> constants) {
        AttributeProto attr = Attr.find(node, name);
        if (attr == null) {
            return node;
        }
        String constName = node.getName() + "/s4j_" + name;
        long[] values = attr.getIntsList().stream().mapToLong(Long::longValue).toArray();
        constants.add(TensorProtos.int64(constName, new long[] {values.length}, values));
        return Attr.without(node, name).toBuilder()
                .clearInput()
                .addInput(node.getInput(0))
                .addInput(constName)
                .build();
    }
}
