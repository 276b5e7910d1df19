package org.saliency4j.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.saliency4j.Version;
import org.saliency4j.metrics.Metric;
import org.saliency4j.metrics.Randomisation;
import org.saliency4j.pipeline.MetricRow;
import org.saliency4j.render.RenderOptions;
import org.saliency4j.tensor.Tensor;

/**
 * evaluate's index.html: the table of methods x metrics (mean and interval, the best marked), the
 * curves of the curve metrics as SVG (a mean per method with a band of one standard deviation, and
 * each input's curve light), and one row per input with its pictures and values.
 */
final class EvaluationPage {
    /** The per-input table shows at most this many inputs. */
    static final int PAGE_ROWS = 200;

    private final String model;
    private final RenderOptions options;
    private final Map<String, Metric> metrics = new LinkedHashMap<>();
    private final List<String> methods = new ArrayList<>();
    private final Map<String, List<double[][]>> curves = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> inputs = new LinkedHashMap<>();
    private boolean images;

    EvaluationPage(String model, RenderOptions options) {
        this.model = model;
        this.options = options;
    }

    /** @param picture the map's picture, relative to the page; null when none was drawn */
    void add(MetricRow row, String picture) {
        String method = row.result().method().name();
        metrics.putIfAbsent(row.metric().name(), row.metric());
        if (!methods.contains(method)) {
            methods.add(method);
        }
        images |= row.result().image() != null;
        Tensor curve = row.value().curve();
        if (curve != null) {
            int y = row.metric() instanceof Randomisation ? Randomisation.CURVE_ROWS.indexOf("spearman-abs") : 1;
            curves.computeIfAbsent(row.metric().name() + "\u0000" + method, k -> new ArrayList<>())
                    .add(new double[][] {rowOf(curve, 0), rowOf(curve, y)});
        }
        String input = row.result().input();
        if (!inputs.containsKey(input) && inputs.size() >= PAGE_ROWS) {
            return;
        }
        Map<String, Object> line = inputs.computeIfAbsent(input, k -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("input", input);
            m.put("target", row.result().target());
            m.put("label", row.result().label());
            m.put("cells", new LinkedHashMap<String, Map<String, Object>>());
            return m;
        });
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> cells = (Map<String, Map<String, Object>>) line.get("cells");
        Map<String, Object> cell = cells.computeIfAbsent(method, k -> {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("input", input);
            c.put("method", method);
            c.put("picture", picture);
            c.put("values", new ArrayList<Map<String, String>>());
            return c;
        });
        @SuppressWarnings("unchecked")
        List<Map<String, String>> values = (List<Map<String, String>>) cell.get("values");
        values.add(Map.of(
                "metric",
                row.metric().name(),
                "value",
                Pictures.number(row.value().value())));
    }

    /** @param summary per method and metric: mean, std, interval low and high */
    void write(Path file, Map<String, double[]> summary) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("tool", Version.tool());
        c.put("model", model);
        c.put("inputCount", inputs.size());
        c.put("methodCount", methods.size());
        c.put("metricCount", metrics.size());
        c.put("complete", true);
        c.put("pictures", Pictures.note(options, images));
        List<Map<String, Object>> header = new ArrayList<>();
        metrics.values()
                .forEach(m -> header.add(Map.of(
                        "name", m.name(), "description", m.description(), "arrow", m.higherIsBetter() ? "↑" : "↓")));
        c.put("metrics", header);
        c.put("summary", summaryRows(summary));
        List<Map<String, Object>> plots = plots();
        c.put("hasPlots", !plots.isEmpty());
        c.put("plots", plots);
        c.put("methodNames", methods);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> line : inputs.values()) {
            Map<String, Object> r = new LinkedHashMap<>(line);
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Object>> cells = (Map<String, Map<String, Object>>) line.get("cells");
            r.put(
                    "cells",
                    methods.stream().map(m -> cells.getOrDefault(m, Map.of())).toList());
            rows.add(r);
        }
        c.put("inputs", rows);
        HtmlPage.write(file, "evaluate", c);
    }

    private List<Map<String, Object>> summaryRows(Map<String, double[]> summary) {
        Map<String, String> best = new LinkedHashMap<>();
        for (Metric m : metrics.values()) {
            String winner = null;
            for (String method : methods) {
                double[] s = summary.get(method + "\u0000" + m.name());
                double[] w = winner == null ? null : summary.get(winner + "\u0000" + m.name());
                if (s != null && (w == null || (m.higherIsBetter() ? s[0] > w[0] : s[0] < w[0]))) {
                    winner = method;
                }
            }
            best.put(m.name(), winner);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String method : methods) {
            List<Map<String, Object>> cells = new ArrayList<>();
            for (Metric m : metrics.values()) {
                double[] s = summary.get(method + "\u0000" + m.name());
                Map<String, Object> cell = new LinkedHashMap<>();
                cell.put("mean", s == null ? "—" : Pictures.number(s[0]));
                cell.put("low", s == null ? "—" : Pictures.number(s[2]));
                cell.put("high", s == null ? "—" : Pictures.number(s[3]));
                cell.put("best", methods.size() > 1 && method.equals(best.get(m.name())));
                cells.add(cell);
            }
            rows.add(Map.of("method", method, "cells", cells));
        }
        return rows;
    }

    private List<Map<String, Object>> plots() {
        List<Map<String, Object>> plots = new ArrayList<>();
        for (Metric metric : metrics.values()) {
            boolean randomisation = metric instanceof Randomisation;
            List<String> drawn = methods.stream()
                    .filter(m -> curves.containsKey(metric.name() + "\u0000" + m))
                    .toList();
            if (drawn.isEmpty()) {
                continue;
            }
            double xMax = 0;
            double yMin = 0;
            double yMax = 1;
            for (String m : drawn) {
                for (double[][] xy : curves.get(metric.name() + "\u0000" + m)) {
                    for (int i = 0; i < xy[0].length; i++) {
                        xMax = Math.max(xMax, xy[0][i]);
                        yMin = Math.min(yMin, xy[1][i]);
                        yMax = Math.max(yMax, xy[1][i]);
                    }
                }
            }
            SvgPlot plot = new SvgPlot(
                    metric.name() + (metric.higherIsBetter() ? " (higher is better)" : " (lower is better)"),
                    randomisation ? "layers randomised, from the logits down" : "fraction of features changed",
                    randomisation ? "Spearman of |map| with the trained map" : "target's score",
                    0,
                    randomisation ? xMax : 1,
                    yMin,
                    yMax);
            for (int k = 0; k < drawn.size(); k++) {
                String colour = SvgPlot.colour(methods.indexOf(drawn.get(k)));
                List<double[][]> all = curves.get(metric.name() + "\u0000" + drawn.get(k));
                double[] x = all.get(0)[0];
                List<double[]> ys = all.stream()
                        .filter(xy -> xy[0].length == x.length)
                        .map(xy -> xy[1])
                        .toList();
                double[] mean = new double[x.length];
                double[] sd = new double[x.length];
                for (int i = 0; i < x.length; i++) {
                    for (double[] y : ys) {
                        mean[i] += y[i] / ys.size();
                    }
                    for (double[] y : ys) {
                        sd[i] += Math.pow(y[i] - mean[i], 2) / Math.max(1, ys.size() - 1);
                    }
                    sd[i] = Math.sqrt(sd[i]);
                }
                double[] lo = new double[x.length];
                double[] hi = new double[x.length];
                for (int i = 0; i < x.length; i++) {
                    lo[i] = mean[i] - sd[i];
                    hi[i] = mean[i] + sd[i];
                }
                plot.band(x, lo, hi, colour, 0.1);
                ys.forEach(y -> plot.curve(x, y, colour, 0.2, 0.7));
                plot.curve(x, mean, colour, 1, 2.2);
                plot.legend(drawn.get(k), colour);
            }
            plots.add(Map.of("svg", plot.svg()));
        }
        return plots;
    }

    private static double[] rowOf(Tensor curve, int row) {
        int n = (int) curve.dim(1);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = curve.data()[row * n + i];
        }
        return out;
    }
}
