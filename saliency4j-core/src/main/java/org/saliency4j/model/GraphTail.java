package org.saliency4j.model;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.saliency4j.SaliencyException;

/**
 * The nodes that compute an output from an inner tensor alone: the model run from a layer onwards.
 * That exists only when the tensor is a cut of the graph, every path from the input to the output
 * passing through it; a later node that also reads a tensor computed from the input some other way
 * (the skip connection around a residual block, say) makes it none.
 */
public final class GraphTail {
    private GraphTail() {}

    /** The tail's nodes in graph order, or an error naming the reason and the nearest cuts. */
    public static List<NodeProto> of(ModelAnalysis analysis, String tensor, String output) {
        Result result = find(analysis, tensor, output);
        if (!result.reaches) {
            throw new SaliencyException(
                    SaliencyException.Kind.UNKNOWN_LAYER,
                    SaliencyException.Topic.LAYERS,
                    "the output '" + output + "' does not depend on layer '" + tensor + "'; choose a layer before it.");
        }
        if (result.offender == null) {
            return result.nodes;
        }
        throw new SaliencyException(
                SaliencyException.Kind.UNKNOWN_LAYER,
                SaliencyException.Topic.LAYERS,
                "layer '" + tensor + "' is not a cut of the graph: node '" + result.offender.getName()
                        + "' also reads '" + result.bypass + "', computed from the input without passing through it, "
                        + "so the model cannot be run from that layer alone. Choose a layer every path to the output "
                        + "passes through; the nearest are "
                        + String.join(" and ", nearestCuts(analysis, tensor, output))
                        + ".");
    }

    /** Whether every path from the input to the output passes through the tensor. */
    public static boolean isCut(ModelAnalysis analysis, String tensor, String output) {
        Result result = find(analysis, tensor, output);
        return result.reaches && result.offender == null;
    }

    private record Result(boolean reaches, List<NodeProto> nodes, NodeProto offender, String bypass) {}

    private static Result find(ModelAnalysis analysis, String tensor, String output) {
        List<NodeProto> graph = analysis.proto().getGraph().getNodeList();
        Set<String> fromInput = downstream(graph, analysis.model().inputName());
        Set<String> fromLayer = downstream(graph, tensor);
        if (!fromLayer.contains(output)) {
            return new Result(false, List.of(), null, null);
        }
        Set<String> needed = upstream(graph, output);
        List<NodeProto> tail = new ArrayList<>();
        for (NodeProto node : graph) {
            if (!onPath(node, fromLayer, needed)) {
                continue;
            }
            for (String in : node.getInputList()) {
                if (!in.isEmpty() && fromInput.contains(in) && !fromLayer.contains(in)) {
                    return new Result(true, List.of(), node, in);
                }
            }
            tail.add(node);
        }
        return new Result(true, tail, null, null);
    }

    /**
     * The op types of the nodes on a path from the tensor to the output: the nodes a gradient at the
     * tensor passes back through.
     */
    public static Set<String> opTypesBetween(ModelAnalysis analysis, String tensor, String output) {
        List<NodeProto> graph = analysis.proto().getGraph().getNodeList();
        Set<String> fromTensor = downstream(graph, tensor);
        Set<String> needed = upstream(graph, output);
        Set<String> types = new TreeSet<>();
        for (NodeProto node : graph) {
            if (onPath(node, fromTensor, needed)) {
                types.add(node.getOpType());
            }
        }
        return types;
    }

    private static boolean onPath(NodeProto node, Set<String> downstream, Set<String> upstream) {
        return node.getInputList().stream().anyMatch(downstream::contains)
                && node.getOutputList().stream().anyMatch(upstream::contains);
    }

    /** The tensor and every tensor computed from it. */
    private static Set<String> downstream(List<NodeProto> graph, String tensor) {
        Set<String> reached = new HashSet<>(List.of(tensor));
        for (NodeProto node : graph) {
            if (node.getInputList().stream().anyMatch(reached::contains)) {
                reached.addAll(node.getOutputList());
            }
        }
        return reached;
    }

    /** The tensor and every tensor it is computed from. */
    private static Set<String> upstream(List<NodeProto> graph, String tensor) {
        Set<String> reached = new HashSet<>(List.of(tensor));
        for (int i = graph.size() - 1; i >= 0; i--) {
            NodeProto node = graph.get(i);
            if (node.getOutputList().stream().anyMatch(reached::contains)) {
                reached.addAll(node.getInputList());
            }
        }
        return reached;
    }

    /** The nearest spatial layers before and after the tensor (in graph order) that are cuts. */
    private static List<String> nearestCuts(ModelAnalysis analysis, String tensor, String output) {
        List<String> spatial = new Layers(analysis)
                .all().stream()
                        .filter(t ->
                                t.producerNode() != null && t.shape().length == 4 && t.height() > 1 && t.width() > 1)
                        .map(TensorInfo::name)
                        .toList();
        int at = spatial.indexOf(tensor);
        List<String> found = new ArrayList<>();
        for (int i = at - 1; i >= 0; i--) {
            if (isCut(analysis, spatial.get(i), output)) {
                found.add("'" + spatial.get(i) + "' (before it)");
                break;
            }
        }
        for (int i = at + 1; i < spatial.size(); i++) {
            if (isCut(analysis, spatial.get(i), output)) {
                found.add("'" + spatial.get(i) + "' (after it)");
                break;
            }
        }
        return found.isEmpty() ? List.of("none: no spatial layer of this model is a cut") : found;
    }
}
