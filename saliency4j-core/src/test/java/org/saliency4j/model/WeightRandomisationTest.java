package org.saliency4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.TensorProto;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.saliency4j.onnx.TensorProtos;

/** The re-initialisation of the demo model's layers: what changes, to what range, and what stays. */
class WeightRandomisationTest {
    @Test
    void chosenLayersAreReinitialisedAndEverythingElseKept() {
        OnnxModel model = OnnxModel.load(Path.of("../demo/shapes_cnn.onnx"));
        WeightRandomisation randomisation = new WeightRandomisation(model);
        List<WeightRandomisation.Layer> layers = randomisation.layers();
        long parameterised = model.proto().getGraph().getNodeList().stream()
                .filter(n -> n.getOpType().equals("Conv") || n.getOpType().equals("Gemm"))
                .count();
        assertEquals(parameterised, layers.size());
        WeightRandomisation.Layer last = layers.get(layers.size() - 1);
        WeightRandomisation.Layer firstConv = layers.get(0);
        assertTrue(last.batchNorm().isEmpty(), "the Gemm has no BatchNorm");
        assertEquals(4, firstConv.batchNorm().size(), "the demo's first conv feeds a BatchNorm");

        OnnxModel changed = randomisation.randomised(List.of(firstConv), 7);
        Map<String, TensorProto> before = initializers(model);
        Map<String, TensorProto> after = initializers(changed);
        double bound = 1 / Math.sqrt(firstConv.fanIn());
        for (String name : before.keySet()) {
            float[] b = TensorProtos.floats(before.get(name));
            float[] a = TensorProtos.floats(after.get(name));
            if (firstConv.weights().contains(name)) {
                double max = 0;
                for (float v : a) {
                    max = Math.max(max, Math.abs(v));
                }
                assertTrue(max <= bound && max > 0.9 * bound, name + ": uniform within ±1/sqrt(fan_in)");
            } else if (firstConv.batchNorm().contains(name)) {
                float value = new float[] {1, 0, 0, 1}[firstConv.batchNorm().indexOf(name)];
                for (float v : a) {
                    assertEquals(value, v, name);
                }
            } else {
                assertArrayEquals(b, a, name + " is kept");
            }
        }
        // the same seed gives the same weights
        assertArrayEquals(
                TensorProtos.floats(after.get(firstConv.weights().get(0))),
                TensorProtos.floats(initializers(randomisation.randomised(List.of(firstConv), 7))
                        .get(firstConv.weights().get(0))));
    }

    private static Map<String, TensorProto> initializers(OnnxModel model) {
        Map<String, TensorProto> out = new HashMap<>();
        model.proto().getGraph().getInitializerList().forEach(t -> out.put(t.getName(), t));
        return out;
    }
}
