package org.saliency4j.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.saliency4j.methods.MethodParameters;
import org.saliency4j.tensor.Npy;
import org.saliency4j.tensor.Tensor;
import org.saliency4j.testing.Fixtures;

/** Sparseness and complexity against their definitions in float64 numpy (tools/fixtures/make_metric_fixtures.py). */
class MapMetricsTest {
    static final Path DIR = Path.of("src/test/resources/metrics");

    @Test
    void sparsenessAndComplexityMatchTheirDefinitions() {
        Tensor maps = Npy.read(DIR.resolve("maps.npy"));
        JsonNode expected = Fixtures.json(DIR.resolve("expected.json"));
        for (Metric metric : new Metric[] {new Sparseness(), new Complexity()}) {
            for (int n = 0; n < maps.dim(0); n++) {
                MetricInput input = MetricInput.of(
                        null, null, null, 0, new Tensor(maps.slice(n).data(), 16, 16));
                double value = metric.evaluate(input, MethodParameters.of(metric.name(), metric.parameters(), Map.of()))
                        .value();
                assertEquals(
                        expected.get(metric.name()).get(n).asDouble(), value, 1e-9, metric.name() + " of map " + n);
            }
        }
    }
}
