package org.saliency4j.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.saliency4j.image.ImageLoader;
import org.saliency4j.image.PreparedImage;
import org.saliency4j.image.Preprocessing;
import org.saliency4j.methods.MethodParameters;
import org.saliency4j.pipeline.Explainer;
import org.saliency4j.runtime.RuntimeOptions;
import org.saliency4j.tensor.Tensor;

/** Average drop, increase in confidence and average gain against their formulas, the images multiplied here. */
class ConfidenceChangeTest {
    @Test
    void theScoresOfTheImageTimesItsMapFollowTheFormulas() {
        try (Explainer explainer =
                Explainer.open(Path.of("../demo/shapes_cnn.onnx"), null, new RuntimeOptions(2, 16))) {
            Preprocessing pre = explainer.preprocessing();
            for (String file : new String[] {"00_disc", "03_cross"}) {
                Tensor x = Tensor.stack(
                        List.of(PreparedImage.prepare(ImageLoader.read(Path.of("../demo/images/" + file + ".png")), pre)
                                .input()));
                float[] map = new float[64 * 64];
                for (int i = 0; i < map.length; i++) {
                    map[i] = (float) (2 + Math.sin(i % 64 / 9.0) * Math.cos(i / 64 / 7.0)); // min 1, max 3
                }
                int target = file.startsWith("00") ? 0 : 3;
                for (String space : new String[] {"pixel", "input"}) {
                    float[] multiplied = new float[x.size()];
                    float lo = Float.POSITIVE_INFINITY;
                    float hi = Float.NEGATIVE_INFINITY;
                    for (float v : map) {
                        lo = Math.min(lo, v);
                        hi = Math.max(hi, v);
                    }
                    for (int c = 0; c < 3; c++) {
                        // a pixel of 0 through the preprocessing, which pixel-space multiplication moves towards
                        double zero = space.equals("pixel") ? (0 - pre.mean()[c]) / pre.std()[c] : 0;
                        for (int i = 0; i < 64 * 64; i++) {
                            double m = (map[i] - lo) / (hi - lo);
                            multiplied[c * 4096 + i] = (float) (zero + (x.data()[c * 4096 + i] - zero) * m);
                        }
                    }
                    double y = explainer.probabilities(pre.input(), x).data()[target];
                    double o = explainer.probabilities(pre.input(), new Tensor(multiplied, 1, 3, 64, 64))
                            .data()[target];
                    Map<String, Double> expected = Map.of(
                            "average-drop", Math.max(0, y - o) / y,
                            "increase-in-confidence", o > y ? 1.0 : 0.0,
                            "average-gain", Math.max(0, o - y) / (1 - y));
                    for (Metric metric : new Metric[] {
                        ConfidenceChange.averageDrop(),
                        ConfidenceChange.increaseInConfidence(),
                        ConfidenceChange.averageGain()
                    }) {
                        MetricResult r = metric.evaluate(
                                MetricInput.of(explainer.runtime(), pre, x, target, new Tensor(map, 64, 64)),
                                MethodParameters.of(metric.name(), metric.parameters(), Map.of("space", space)));
                        assertEquals(
                                expected.get(metric.name()), r.value(), 1e-5, metric.name() + " " + space + " " + file);
                        assertEquals(o, (Double) r.details().get("masked"), 1e-6);
                    }
                }
            }
        }
    }
}
