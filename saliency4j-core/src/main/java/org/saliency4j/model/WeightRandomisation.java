package org.saliency4j.model;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.saliency4j.onnx.Attr;
import org.saliency4j.onnx.TensorProtos;

/**
 * The model parameter randomisation of Adebayo et al. (2018), as a rewrite of the initializers:
 * the parameterised layers (Conv, ConvTranspose, Gemm and MatMul with constant weights) in graph
 * order, and copies of the model with chosen layers re-initialised as PyTorch initialises them:
 * weights and biases uniform in [-1/sqrt(fan_in), 1/sqrt(fan_in)], and a BatchNormalization that
 * reads the layer's output reset to the identity (scale 1, bias 0, mean 0, variance 1).
 */
public final class WeightRandomisation {
    private static final Set<String> PARAMETERISED = Set.of("Conv", "ConvTranspose", "Gemm", "MatMul");

    /**
     * A parameterised layer: its node, the initializers a randomisation rewrites (weight and bias;
     * the BatchNormalization's scale, bias, mean and variance), and its inputs per output unit.
     */
    public record Layer(String node, String output, List<String> weights, List<String> batchNorm, double fanIn) {}

    private final OnnxModel model;
    private final List<Layer> layers;
    private final Map<String, TensorProto> initializers = new HashMap<>();

    public WeightRandomisation(OnnxModel model) {
        this.model = model;
        GraphProto graph = model.proto().getGraph();
        graph.getInitializerList().forEach(t -> initializers.put(t.getName(), t));
        List<Layer> found = new ArrayList<>();
        for (NodeProto node : graph.getNodeList()) {
            if (!PARAMETERISED.contains(node.getOpType())
                    || node.getInputCount() < 2
                    || !initializers.containsKey(node.getInput(1))) {
                continue;
            }
            List<String> weights = new ArrayList<>(List.of(node.getInput(1)));
            if (node.getInputCount() > 2 && initializers.containsKey(node.getInput(2))) {
                weights.add(node.getInput(2));
            }
            List<String> batchNorm = graph.getNodeList().stream()
                    .filter(n -> n.getOpType().equals("BatchNormalization")
                            && n.getInput(0).equals(node.getOutput(0)))
                    .findFirst()
                    .map(n -> n.getInputList().subList(1, 5))
                    .orElse(List.of());
            found.add(new Layer(
                    node.getName(),
                    node.getOutput(0),
                    weights,
                    batchNorm,
                    fanIn(node, initializers.get(weights.get(0)))));
        }
        this.layers = List.copyOf(found);
    }

    /** The parameterised layers, from the input to the logits. */
    public List<Layer> layers() {
        return layers;
    }

    /** A copy of the model with the given layers re-initialised, each from its own stream of the seed. */
    public OnnxModel randomised(List<Layer> chosen, long seed) {
        Map<String, TensorProto> replaced = new HashMap<>();
        for (Layer layer : chosen) {
            Random random = new Random(seed * 1_000_003L + layers.indexOf(layer));
            double bound = 1 / Math.sqrt(layer.fanIn());
            for (String name : layer.weights()) {
                replaced.put(name, uniform(initializers.get(name), bound, random));
            }
            float[] identity = {1, 0, 0, 1};
            for (int i = 0; i < layer.batchNorm().size(); i++) {
                TensorProto t = initializers.get(layer.batchNorm().get(i));
                if (t != null) {
                    float[] v = new float[TensorProtos.floats(t).length];
                    Arrays.fill(v, identity[i]);
                    replaced.put(t.getName(), TensorProtos.float32(t.getName(), v, dims(t)));
                }
            }
        }
        return model.withInitializers(replaced);
    }

    /** Inputs per output unit: dim 0 of a [K, N] MatMul or Gemm weight, else its size over dim 0. */
    private static double fanIn(NodeProto node, TensorProto weight) {
        boolean kByN = node.getOpType().equals("MatMul")
                || node.getOpType().equals("Gemm")
                        && (Attr.find(node, "transB") == null
                                || Attr.find(node, "transB").getI() == 0);
        long[] d = dims(weight);
        long size = Arrays.stream(d).reduce(1, (a, b) -> a * b);
        return kByN ? d[0] : (double) size / d[0];
    }

    private static TensorProto uniform(TensorProto t, double bound, Random random) {
        float[] v = new float[TensorProtos.floats(t).length];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) ((2 * random.nextDouble() - 1) * bound);
        }
        return TensorProtos.float32(t.getName(), v, dims(t));
    }

    private static long[] dims(TensorProto t) {
        return t.getDimsList().stream().mapToLong(Long::longValue).toArray();
    }
}
