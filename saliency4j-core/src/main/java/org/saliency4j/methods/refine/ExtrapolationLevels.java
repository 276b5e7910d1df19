package org.saliency4j.methods.refine;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.saliency4j.model.ModelAnalysis;
import org.saliency4j.model.TensorInfo;
import org.saliency4j.onnx.Attr;

/**
 * The pyramid Gradual Extrapolation carries a map back through, found in the ONNX graph the way the
 * authors' hooks find it in a PyTorch model: the output of every MaxPool and of every Conv with a
 * stride above 1, plus the input of the first such op (followed back through Pad and Identity,
 * which only add borders or rename). Where several tensors share a resolution (a ResNet's strided
 * conv and its downsampling shortcut), the first in graph order is kept: one level per resolution.
 * Shallow to deep.
 */
public final class ExtrapolationLevels {
    private ExtrapolationLevels() {}

    public static List<TensorInfo> find(ModelAnalysis analysis) {
        Map<String, NodeProto> producers = new HashMap<>();
        List<String> candidates = new ArrayList<>();
        for (NodeProto node : analysis.proto().getGraph().getNodeList()) {
            node.getOutputList().forEach(o -> producers.put(o, node));
            if (node.getOpType().equals("MaxPool") || node.getOpType().equals("Conv") && strided(node)) {
                if (candidates.isEmpty()) {
                    candidates.add(unpadded(node.getInput(0), producers));
                }
                candidates.add(node.getOutput(0));
            }
        }
        List<TensorInfo> levels = new ArrayList<>();
        Set<String> resolutions = new HashSet<>();
        for (String name : candidates) {
            TensorInfo t = analysis.tensor(name);
            if (t != null
                    && t.floating()
                    && t.batched()
                    && t.shape().length == 4
                    && resolutions.add(t.height() + "x" + t.width())) {
                levels.add(t);
            }
        }
        return levels;
    }

    private static boolean strided(NodeProto conv) {
        long[] strides = Attr.intsOf(conv, "strides");
        return strides != null && Arrays.stream(strides).anyMatch(s -> s > 1);
    }

    private static String unpadded(String tensor, Map<String, NodeProto> producers) {
        NodeProto p = producers.get(tensor);
        while (p != null && (p.getOpType().equals("Pad") || p.getOpType().equals("Identity"))) {
            tensor = p.getInput(0);
            p = producers.get(tensor);
        }
        return tensor;
    }
}
