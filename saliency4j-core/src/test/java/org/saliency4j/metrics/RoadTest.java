package org.saliency4j.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.saliency4j.SaliencyException;
import org.saliency4j.image.Preprocessing;
import org.saliency4j.methods.MethodParameters;
import org.saliency4j.pipeline.Explainer;
import org.saliency4j.runtime.RuntimeOptions;
import org.saliency4j.tensor.Npy;
import org.saliency4j.tensor.Tensor;
import org.saliency4j.testing.Fixtures;

/**
 * ROAD against pytorch-grad-cam's own ROAD, run on the same inputs, maps and model with its
 * imputer's noise set to 0 (tools/fixtures/make_road_fixtures.py).
 */
class RoadTest {
    static final Path DIR = Path.of("src/test/resources/metrics/road");
    static Explainer explainer;
    static Preprocessing pre;

    @BeforeAll
    static void open() {
        explainer = Explainer.open(Path.of("../demo/shapes_cnn.onnx"), null, new RuntimeOptions(2, 16));
        pre = explainer.preprocessing();
    }

    @AfterAll
    static void close() {
        explainer.close();
    }

    @Test
    void scoreChangesAgreeWithPytorchGradCam() throws Exception {
        JsonNode expected = Fixtures.json(DIR.resolve("expected.json"));
        Tensor x = Npy.read(DIR.resolve("x.npy"));
        Tensor maps = Npy.read(DIR.resolve("maps.npy"));
        for (int n = 0; n < x.dim(0); n++) {
            JsonNode e = expected.get("inputs").get(n);
            MetricInput input = MetricInput.of(
                    explainer.runtime(),
                    pre,
                    x.rows(n, n + 1),
                    expected.get("targets").get(n).asInt(),
                    maps.slice(n));
            double[] means = new double[2];
            int o = 0;
            for (Road metric : new Road[] {Road.mostRelevantFirst(), Road.leastRelevantFirst()}) {
                MetricResult r = metric.evaluate(input, parameters(metric, Map.of("noise", "0")));
                JsonNode changes = e.get(o == 0 ? "morf" : "lerf");
                int points = changes.size();
                assertEquals(points, r.curve().dim(1));
                for (int i = 0; i < points; i++) {
                    // the imputation is solved to a relative residual of 1e-6, theirs exactly
                    assertEquals(
                            changes.get(i).asDouble(),
                            r.curve().data()[points + i],
                            2e-4,
                            metric.name() + " of " + e.get("name").asText() + " at "
                                    + r.curve().data()[i]);
                    means[o] += changes.get(i).asDouble() / points;
                }
                assertEquals(means[o], r.value(), 2e-4, metric.name());
                o++;
            }
            Road combined = Road.combined();
            assertEquals(
                    (means[1] - means[0]) / 2,
                    combined.evaluate(input, parameters(combined, Map.of("noise", "0")))
                            .value(),
                    2e-4);
        }
    }

    @Test
    void percentilesAreChecked() throws Exception {
        Road metric = Road.mostRelevantFirst();
        Tensor x = Npy.read(DIR.resolve("x.npy"));
        MetricInput input = MetricInput.of(
                explainer.runtime(),
                pre,
                x.rows(0, 1),
                0,
                Npy.read(DIR.resolve("maps.npy")).slice(0));
        SaliencyException e = assertThrows(
                SaliencyException.class,
                () -> metric.evaluate(input, parameters(metric, Map.of("percentiles", "10,100"))));
        assertEquals("road-morf: percentiles must be integers from 1 to 99, got '100'.", e.getMessage());
    }

    private static MethodParameters parameters(Metric metric, Map<String, String> given) {
        return MethodParameters.of(metric.name(), metric.parameters(), given);
    }
}
