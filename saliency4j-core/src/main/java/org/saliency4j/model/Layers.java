package org.saliency4j.model;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.saliency4j.SaliencyException;

/** The tensors a layer method can use, the default one, and resolving a user's layer name. */
public final class Layers {
    public static final String AUTO = "auto";

    private final ModelAnalysis analysis;

    public Layers(ModelAnalysis analysis) {
        this.analysis = analysis;
    }

    /** Every floating-point, batched tensor: the input and each node output. */
    public List<TensorInfo> all() {
        return analysis.tensors().values().stream()
                .filter(t -> t.floating() && t.batched())
                .toList();
    }

    /**
     * The default layer: the last spatial (H, W > 1) rank-4 tensor in graph order, which is the
     * output of the last block before the global pooling.
     */
    public TensorInfo defaultLayer() {
        TensorInfo last = null;
        for (TensorInfo t : all()) {
            if (t.producerNode() != null && t.shape().length == 4 && t.height() > 1 && t.width() > 1) {
                last = t;
            }
        }
        if (last == null) {
            throw new SaliencyException(
                    SaliencyException.Kind.UNKNOWN_LAYER,
                    SaliencyException.Topic.LAYERS,
                    "the model has no spatial layer (a rank-4 tensor with height and width > 1); name a layer.");
        }
        return last;
    }

    /** A tensor by tensor name, node name (its first output) or "auto". */
    public TensorInfo resolve(String name) {
        if (name == null || name.equals(AUTO)) {
            return defaultLayer();
        }
        TensorInfo byTensor = analysis.tensor(name);
        if (byTensor != null && byTensor.floating() && byTensor.batched()) {
            return byTensor;
        }
        NodeProto node = analysis.node(name);
        if (node != null && analysis.tensor(node.getOutput(0)) != null) {
            return analysis.tensor(node.getOutput(0));
        }
        throw new SaliencyException(
                SaliencyException.Kind.UNKNOWN_LAYER,
                SaliencyException.Topic.LAYERS,
                "the model has no layer named '" + name + "'. Closest names: " + String.join(", ", closest(name, 5))
                        + ".");
    }

    private List<String> closest(String name, int count) {
        List<String> candidates = new ArrayList<>();
        for (TensorInfo t : all()) {
            candidates.add(t.name());
            if (t.producerNode() != null && !t.producerNode().isEmpty()) {
                candidates.add(t.producerNode());
            }
        }
        return candidates.stream()
                .distinct()
                .sorted(Comparator.comparingInt((String c) -> editDistance(name.toLowerCase(), c.toLowerCase()))
                        .thenComparing(c -> c))
                .limit(count)
                .toList();
    }

    static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(substitute, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] swap = prev;
            prev = cur;
            cur = swap;
        }
        return prev[b.length()];
    }
}
