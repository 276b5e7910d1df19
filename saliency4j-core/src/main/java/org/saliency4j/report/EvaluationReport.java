package org.saliency4j.report;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.saliency4j.Version;
import org.saliency4j.pipeline.MetricRow;
import org.saliency4j.render.RenderOptions;
import org.saliency4j.tensor.Npy;

/**
 * The files of an evaluate run under one folder, fed metric value by value: metrics.csv (one row per
 * input x method x metric), summary.csv (per method x metric: n, mean, std and a 95 % bootstrap
 * confidence interval of the mean, seeded), curves/INPUT/METHOD/METRIC.npy for curve metrics (x, then
 * the y rows), pictures/INPUT/METHOD.png, index.html and manifest.json.
 */
public final class EvaluationReport implements Consumer<MetricRow> {
    public static final int BOOTSTRAP_RESAMPLES = 1000;
    public static final long BOOTSTRAP_SEED = 0;
    /** The longest side of the pictures on index.html. */
    static final int PICTURE_SIZE = 256;

    private final Path root;
    private final Manifest manifest;
    private final RunFolder folder;
    private final List<String[]> rows = new ArrayList<>();
    private final Map<String, List<Double>> values = new LinkedHashMap<>();
    /** Per method and metric whose summary is a mean over classes, each value's class. */
    private final Map<String, List<String>> classes = new LinkedHashMap<>();

    private final EvaluationPage page;
    private final ExplanationFiles pictures;
    private final Map<String, String> drawn = new LinkedHashMap<>();

    /**
     * @param model   the model, as the manifest names it
     * @param options how index.html draws each map's picture
     */
    public EvaluationReport(Path root, String model, RenderOptions options) {
        this.root = root;
        this.page = new EvaluationPage(model, options);
        this.pictures = new ExplanationFiles(root, options);
        Map<String, Object> bootstrap = new LinkedHashMap<>();
        bootstrap.put("resamples", BOOTSTRAP_RESAMPLES);
        bootstrap.put("seed", BOOTSTRAP_SEED);
        bootstrap.put("level", 0.95);
        this.manifest =
                new Manifest().put("tool", Version.tool()).put("model", model).put("bootstrap", bootstrap);
        this.folder = new RunFolder(root, manifest);
    }

    /** Checks, before anything is computed, that the folder can be created and written into. */
    public void open() {
        folder.open();
    }

    @Override
    public void accept(MetricRow row) {
        folder.start();
        String input = row.result().input();
        String method = row.result().method().name();
        String metric = row.metric().name();
        Map<String, String> files = new LinkedHashMap<>();
        if (row.value().curve() != null) {
            String curve = "curves/" + input + "/" + method + "/" + metric + ".npy";
            AtomicFiles.write(root.resolve(curve), Npy.toBytes(row.value().curve()));
            files.put("curve", curve);
        }
        String picture = picture(row, input, method);
        if (picture != null) {
            files.put("picture", picture);
        }
        page.add(row, picture);
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("input", row.result().source());
        entry.put("method", method);
        entry.put("target", row.result().target());
        entry.put("label", row.result().label());
        entry.put("metric", metric);
        entry.put("value", row.value().applies() ? row.value().value() : null);
        entry.put("higherIsBetter", row.metric().higherIsBetter());
        entry.put("parameters", row.parameters().asMap());
        entry.put("details", row.value().details());
        entry.put("files", files);
        manifest.add(entry);
        rows.add(new String[] {
            input,
            method,
            Integer.toString(row.result().target()),
            metric,
            row.value().applies() ? number(row.value().value()) : ""
        });
        if (row.value().applies()) {
            String key = method + "\u0000" + metric;
            values.computeIfAbsent(key, k -> new ArrayList<>()).add(row.value().value());
            if (row.metric().meanOverClasses()) {
                classes.computeIfAbsent(key, k -> new ArrayList<>())
                        .add(String.valueOf(row.value().details().get("class")));
            }
        }
    }

    /** Writes the tables and the manifest of a finished run; returns how many values were written. */
    public int finish() {
        folder.start();
        StringBuilder metrics = new StringBuilder("input,method,target,metric,value\n");
        rows.forEach(r -> metrics.append(csv(r)));
        AtomicFiles.write(root.resolve("metrics.csv"), metrics.toString().getBytes(StandardCharsets.UTF_8));
        StringBuilder summary = new StringBuilder("method,metric,n,mean,std,ci_low,ci_high,mean_over\n");
        Map<String, double[]> summaries = new LinkedHashMap<>();
        values.forEach((key, v) -> {
            String[] parts = key.split("\u0000");
            List<String> groups = classes.get(key);
            double[] s = summary(v, groups);
            summaries.put(key, s);
            summary.append(csv(new String[] {
                parts[0],
                parts[1],
                Integer.toString(v.size()),
                number(s[0]),
                number(s[1]),
                number(s[2]),
                number(s[3]),
                groups == null ? "inputs" : "classes"
            }));
        });
        AtomicFiles.write(root.resolve("summary.csv"), summary.toString().getBytes(StandardCharsets.UTF_8));
        Map<String, String> tables = new LinkedHashMap<>();
        tables.put("metrics", "metrics.csv");
        tables.put("summary", "summary.csv");
        tables.put("index", "index.html");
        page.write(root.resolve("index.html"), summaries);
        manifest.put("files", tables);
        folder.finish();
        return rows.size();
    }

    /** The map's picture for the page, drawn once per input and method (the first PAGE_ROWS inputs). */
    private String picture(MetricRow row, String input, String method) {
        String key = input + "/" + method;
        if (!drawn.containsKey(key) && row.result().index() < EvaluationPage.PAGE_ROWS) {
            String path = "pictures/" + input + "/" + method + ".png";
            pictures.picture(
                    path,
                    row.result().explanation(),
                    row.result().image(),
                    !row.result().method().usesLayer(),
                    PICTURE_SIZE);
            drawn.put(key, path);
        }
        return drawn.get(key);
    }

    /** After a failure: the incomplete manifest of what finished, or nothing if nothing was written. */
    public void fail(Throwable error) {
        folder.fail(error);
    }

    /**
     * Mean, sample std of the values (0 for one value), and the 2.5 and 97.5 percentiles of the
     * means of {@link #BOOTSTRAP_RESAMPLES} resamples of the values drawn with {@link #BOOTSTRAP_SEED}.
     * With {@code groups} (each value's class), the mean is the mean over classes of the per-class means.
     */
    static double[] summary(List<Double> v, List<String> groups) {
        int n = v.size();
        int[] all = new int[n];
        Arrays.setAll(all, i -> i);
        double mean = mean(v, groups, all);
        double plain = v.stream().mapToDouble(Double::doubleValue).sum() / n;
        double squares = v.stream().mapToDouble(x -> (x - plain) * (x - plain)).sum();
        double std = n > 1 ? Math.sqrt(squares / (n - 1)) : 0;
        Random random = new Random(BOOTSTRAP_SEED);
        double[] means = new double[BOOTSTRAP_RESAMPLES];
        int[] drawn = new int[n];
        for (int b = 0; b < means.length; b++) {
            for (int i = 0; i < n; i++) {
                drawn[i] = random.nextInt(n);
            }
            means[b] = mean(v, groups, drawn);
        }
        Arrays.sort(means);
        return new double[] {
            mean, std, means[(int) Math.floor(0.025 * means.length)], means[(int) Math.ceil(0.975 * means.length) - 1]
        };
    }

    private static double mean(List<Double> v, List<String> groups, int[] indices) {
        if (groups == null) {
            double sum = 0;
            for (int i : indices) {
                sum += v.get(i);
            }
            return sum / indices.length;
        }
        Map<String, double[]> perGroup = new LinkedHashMap<>();
        for (int i : indices) {
            double[] sumCount = perGroup.computeIfAbsent(groups.get(i), k -> new double[2]);
            sumCount[0] += v.get(i);
            sumCount[1]++;
        }
        return perGroup.values().stream()
                .mapToDouble(g -> g[0] / g[1])
                .average()
                .orElse(0);
    }

    private static String number(double v) {
        return String.format(Locale.ROOT, "%.9g", v);
    }

    private static String csv(String[] fields) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < fields.length; i++) {
            String f = fields[i];
            boolean quote = f.contains(",") || f.contains("\"") || f.contains("\n");
            line.append(i > 0 ? "," : "").append(quote ? "\"" + f.replace("\"", "\"\"") + "\"" : f);
        }
        return line.append('\n').toString();
    }
}
