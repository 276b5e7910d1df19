package org.saliency4j.model;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.saliency4j.SaliencyException;
import org.saliency4j.onnx.TensorProtos;

/**
 * A model at one input size: every tensor's static shape and type, with shape computations folded
 * to constants and dead nodes removed. This is the graph that the gradient compiler rewrites.
 */
public final class ModelAnalysis {
    private final OnnxModel model;
    private final InputSpec input;
    private final ModelProto simplified;
    private final Map<String, TensorInfo> tensors;
    private final Map<String, TensorProto> initializers;
    private final Map<String, NodeProto> nodesByName;

    private ModelAnalysis(OnnxModel model, InputSpec input, ModelProto simplified, Map<String, TensorInfo> tensors) {
        this.model = model;
        this.input = input;
        this.simplified = simplified;
        this.tensors = Collections.unmodifiableMap(tensors);
        Map<String, TensorProto> inits = new HashMap<>();
        for (TensorProto t : simplified.getGraph().getInitializerList()) {
            inits.put(t.getName(), t);
        }
        this.initializers = inits;
        Map<String, NodeProto> byName = new LinkedHashMap<>();
        for (NodeProto node : simplified.getGraph().getNodeList()) {
            if (!node.getName().isEmpty()) {
                byName.putIfAbsent(node.getName(), node);
            }
        }
        this.nodesByName = byName;
    }

    /** Probes the model at the given input size and simplifies it. */
    public static ModelAnalysis of(OnnxModel model, InputSpec input) {
        ModelProto proto = model.proto();
        Map<String, GraphProbe.Observation> one = GraphProbe.observe(proto, model.inputName(), input, 1);
        Map<String, GraphProbe.Observation> two = GraphProbe.observe(proto, model.inputName(), input, 2);
        GraphProto graph = proto.getGraph();

        Set<String> constant = new HashSet<>();
        graph.getInitializerList().forEach(t -> constant.add(t.getName()));
        Set<String> shapeDerived = new HashSet<>();
        Map<String, long[]> folded = new LinkedHashMap<>();
        for (NodeProto node : graph.getNodeList()) {
            boolean fromShapes = node.getOpType().equals("Shape")
                    || node.getOpType().equals("Size")
                    || node.getInputList().stream()
                            .allMatch(in -> in.isEmpty() || constant.contains(in) || shapeDerived.contains(in));
            for (String out : node.getOutputList()) {
                GraphProbe.Observation a = one.get(out);
                GraphProbe.Observation b = two.get(out);
                if (!fromShapes || a == null || b == null || a.ints() == null) {
                    continue;
                }
                shapeDerived.add(out);
                if (b.ints() != null && Arrays.equals(a.ints(), b.ints()) && Arrays.equals(a.shape(), b.shape())) {
                    folded.put(out, a.ints());
                    constant.add(out);
                }
            }
        }

        int opset = model.opset();
        List<TensorProto> upgradeConstants = new ArrayList<>();
        List<NodeProto> kept = new ArrayList<>();
        for (NodeProto node : graph.getNodeList()) {
            if (!node.getOutputList().stream().allMatch(o -> o.isEmpty() || folded.containsKey(o))) {
                kept.add(OpsetUpgrade.upgrade(
                        node,
                        opset,
                        i -> one.containsKey(node.getInput(i))
                                ? one.get(node.getInput(i)).shape()
                                : input.batchShape(1),
                        upgradeConstants));
            }
        }
        List<NodeProto> liveNodes =
                live(kept, graph.getOutputList().stream().map(v -> v.getName()).toList());
        Set<String> used = new HashSet<>();
        liveNodes.forEach(n -> used.addAll(n.getInputList()));
        GraphProto.Builder builder = graph.toBuilder().clearNode().clearInitializer();
        // only the weights and constants some node still reads: folding leaves others unused
        graph.getInitializerList().stream()
                .filter(t -> used.contains(t.getName()))
                .forEach(builder::addInitializer);
        upgradeConstants.stream().filter(t -> used.contains(t.getName())).forEach(builder::addInitializer);
        folded.forEach((name, values) -> {
            if (used.contains(name)) {
                builder.addInitializer(TensorProtos.int64(name, one.get(name).shape(), values));
            }
        });
        builder.addAllNode(liveNodes);
        ModelProto simplified =
                OnnxModel.withDefaultOpset(proto.toBuilder().setGraph(builder), Math.max(opset, OpsetUpgrade.TARGET));

        Map<String, TensorInfo> tensors = new LinkedHashMap<>();
        long[] inShape = input.batchShape(1);
        tensors.put(model.inputName(), new TensorInfo(model.inputName(), inShape, true, true, null, null));
        for (NodeProto node : simplified.getGraph().getNodeList()) {
            for (String out : node.getOutputList()) {
                GraphProbe.Observation a = one.get(out);
                GraphProbe.Observation b = two.get(out);
                if (a == null) {
                    continue;
                }
                boolean batched = b != null
                        && a.shape().length > 0
                        && b.shape().length == a.shape().length
                        && a.shape()[0] != b.shape()[0];
                tensors.put(
                        out, new TensorInfo(out, a.shape(), a.floating(), batched, node.getName(), node.getOpType()));
            }
        }
        return new ModelAnalysis(model, input, simplified, tensors);
    }

    private static List<NodeProto> live(List<NodeProto> nodes, List<String> outputs) {
        Map<String, NodeProto> producer = new HashMap<>();
        for (NodeProto node : nodes) {
            node.getOutputList().forEach(o -> producer.put(o, node));
        }
        Set<NodeProto> needed = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(outputs);
        while (!todo.isEmpty()) {
            NodeProto node = producer.get(todo.pop());
            if (node != null && needed.add(node)) {
                node.getInputList().forEach(todo::push);
            }
        }
        return nodes.stream().filter(needed::contains).toList();
    }

    public OnnxModel model() {
        return model;
    }

    /** The opset of the simplified graph: the model's, raised to 13 where older ops were rewritten. */
    public int opset() {
        return OnnxModel.defaultDomainOpset(simplified);
    }

    public InputSpec input() {
        return input;
    }

    /** The simplified graph (for the autodiff package). */
    public ModelProto proto() {
        return simplified;
    }

    /** Every tensor produced by a node, plus the input, in graph order. */
    public Map<String, TensorInfo> tensors() {
        return tensors;
    }

    public TensorInfo tensor(String name) {
        return tensors.get(name);
    }

    /** A weight or folded constant, or null. */
    public TensorProto initializer(String name) {
        return initializers.get(name);
    }

    public NodeProto node(String name) {
        return nodesByName.get(name);
    }

    /** The classes the scored output has (its last dimension). */
    public int classCount(String output) {
        TensorInfo info = tensors.get(output);
        if (info == null || info.shape().length != 2) {
            throw new SaliencyException(
                    SaliencyException.Kind.BAD_MODEL,
                    SaliencyException.Topic.MODEL_OUTPUT,
                    "output '" + output
                            + "' is not a [batch, classes] tensor"
                            + (info == null ? "" : " (shape " + Shapes.format(info.shape()) + ")")
                            + "; name the output that holds the classifier's logits.");
        }
        return (int) info.shape()[1];
    }
}
