package org.saliency4j.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The explain page's convergence plots: for each method that reports a loss per iteration (the
 * I-GOS family's {@code loss} detail), the loss of its first inputs against the iteration.
 */
final class ConvergencePlots {
    static final int INPUTS = 10;

    private final Map<String, Map<String, double[]>> losses = new LinkedHashMap<>();

    /** Keeps the result's loss curve, if it has one and its method has fewer than {@link #INPUTS}. */
    void add(String method, String input, Map<String, Object> details) {
        if (!(details.get("loss") instanceof List<?> values) || values.isEmpty()) {
            return;
        }
        Map<String, double[]> curves = losses.computeIfAbsent(method, m -> new LinkedHashMap<>());
        if (curves.size() < INPUTS) {
            curves.put(
                    input,
                    values.stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray());
        }
    }

    /** One entry per method: its name and the plot as inline SVG. */
    List<Map<String, String>> plots() {
        List<Map<String, String>> out = new ArrayList<>();
        losses.forEach((method, curves) -> {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            int iterations = 1;
            for (double[] c : curves.values()) {
                for (double v : c) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
                iterations = Math.max(iterations, c.length);
            }
            // the axis to a multiple of 4 iterations, so that its five ticks fall on whole iterations
            int axis = 4 * (int) Math.ceil(iterations / 4.0);
            SvgPlot plot = new SvgPlot(method + ": loss per iteration", "iteration", "loss", 0, axis, lo, hi);
            int series = 0;
            for (Map.Entry<String, double[]> c : curves.entrySet()) {
                double[] x = new double[c.getValue().length];
                for (int i = 0; i < x.length; i++) {
                    x[i] = i + 1;
                }
                String colour = SvgPlot.colour(series++);
                plot.curve(x, c.getValue(), colour, 1, 1.5);
                plot.legend(c.getKey(), colour);
            }
            out.add(Map.of("method", method, "svg", plot.svg()));
        });
        return out;
    }
}
