package org.saliency4j.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.saliency4j.SaliencyException;
import org.saliency4j.autodiff.ScoreKind;
import org.saliency4j.methods.MethodParameters;
import org.saliency4j.methods.Parameter;
import org.saliency4j.methods.Seeds;
import org.saliency4j.methods.Targets;
import org.saliency4j.model.InputSpec;
import org.saliency4j.runtime.GraphOutputs;
import org.saliency4j.tensor.Tensor;

/**
 * ROAD, remove and debias (Rong et al. 2022), as pytorch-grad-cam runs it: at each percentile p,
 * the pixels at or above the map's p-th percentile (most relevant first, MoRF) or at or above that
 * of 1 - map (least relevant first, LeRF) are removed and filled by {@link LinearImputation} in the
 * model's input space; so p % of the pixels stay. Per percentile it records the change of the
 * target's score and whether the model's top class is still the original one (the paper's
 * accuracy). The value is the mean change over the percentiles: for road-morf lower is better
 * (removing what the map calls relevant should hurt), for road-lerf higher, and road is
 * (LeRF - MoRF) / 2, higher is better. All the imputed copies run through the model in one batch.
 */
public final class Road extends BaseMetric {
    private enum Kind {
        MORF("road-morf", "mean change of the target's score as the most relevant pixels are imputed", false),
        LERF("road-lerf", "mean change of the target's score as the least relevant pixels are imputed", true),
        COMBINED("road", "(LeRF − MoRF) / 2 of the mean score changes (pytorch-grad-cam's ROADCombined)", true);

        final String name;
        final String description;
        final boolean higherIsBetter;

        Kind(String name, String description, boolean higherIsBetter) {
            this.name = name;
            this.description = description;
            this.higherIsBetter = higherIsBetter;
        }
    }

    private static final List<String> ROWS = List.of("kept", "scoreChange", "sameTopClass");

    private final Kind kind;

    private Road(Kind kind) {
        super(
                kind.name,
                kind.description + " (Rong et al. 2022, noisy linear imputation)",
                kind.higherIsBetter,
                List.of(
                        Parameter.score("probability"),
                        Parameter.list(
                                "percentiles",
                                "10,20,30,40,50,60,70,80,90",
                                "the percentiles of the map kept, 1 to 99"),
                        Parameter.number("noise", 0.01, 0, 1e6, "the imputed pixels' Gaussian noise (std)"),
                        Parameter.seed()));
        this.kind = kind;
    }

    public static Road mostRelevantFirst() {
        return new Road(Kind.MORF);
    }

    public static Road leastRelevantFirst() {
        return new Road(Kind.LERF);
    }

    public static Road combined() {
        return new Road(Kind.COMBINED);
    }

    @Override
    public MetricResult evaluate(MetricInput input, MethodParameters parameters) {
        int[] percentiles = percentiles(parameters);
        InputSpec spec = input.preprocessing().input();
        int c = spec.channels();
        int h = spec.height();
        int w = spec.width();
        if (spec.layout() != InputSpec.Layout.NCHW) {
            throw new SaliencyException(SaliencyException.Kind.BAD_OPTION, name() + " needs an NCHW model input.");
        }
        float[] x = input.input().data();
        float[] map = input.map().data();
        float[] inverse = new float[map.length];
        for (int i = 0; i < map.length; i++) {
            inverse[i] = 1 - map[i];
        }
        // what is ranked, in batch order: the map (MoRF), 1 - map (LeRF), or LeRF then MoRF
        List<float[]> orders = switch (kind) {
            case MORF -> List.of(map);
            case LERF -> List.of(inverse);
            case COMBINED -> List.of(inverse, map);
        };
        long seed = Seeds.forSample(parameters.integer("seed"), x);
        int copies = orders.size() * percentiles.length;
        float[] batch = new float[(copies + 1) * x.length];
        System.arraycopy(x, 0, batch, 0, x.length);
        // each copy imputed on its own stream of the seed, so they can run in parallel
        // every percentile of an order from one sort of it
        double[][] thresholds = new double[orders.size()][];
        for (int o = 0; o < orders.size(); o++) {
            float[] sorted = orders.get(o).clone();
            Arrays.sort(sorted);
            thresholds[o] = Arrays.stream(percentiles)
                    .mapToDouble(p -> percentile(sorted, p))
                    .toArray();
        }
        IntStream.range(0, copies).parallel().forEach(k -> {
            float[] order = orders.get(k / percentiles.length);
            double threshold = thresholds[k / percentiles.length][k % percentiles.length];
            boolean[] removed = new boolean[map.length];
            for (int i = 0; i < map.length; i++) {
                removed[i] = order[i] >= threshold;
            }
            Random random = new Random(seed + k);
            float[] imputed = LinearImputation.impute(x, c, h, w, removed, parameters.number("noise"), random);
            System.arraycopy(imputed, 0, batch, (k + 1) * x.length, x.length);
        });
        long[] shape = input.input().shape().clone();
        shape[0] = copies + 1;
        GraphOutputs out = input.runtime().forward(spec, new Tensor(batch, shape));
        Tensor scores = parameters.score() == ScoreKind.LOGIT ? out.logits() : out.probabilities();
        int classes = (int) scores.dim(1);
        float[] s = scores.data();
        int original = Targets.argmax(out.logits(), 0, classes);
        int n = percentiles.length;
        double[][] change = new double[orders.size()][n];
        double[][] same = new double[orders.size()][n];
        for (int o = 0; o < orders.size(); o++) {
            for (int i = 0; i < n; i++) {
                int row = 1 + o * n + i;
                change[o][i] = s[row * classes + input.target()] - s[input.target()];
                same[o][i] = Targets.argmax(out.logits(), row, classes) == original ? 1 : 0;
            }
        }
        // the combined form: (LeRF - MoRF) / 2 per percentile, LeRF first in the batch
        double[] curve = new double[n];
        double[] kept = new double[n];
        for (int i = 0; i < n; i++) {
            curve[i] = kind == Kind.COMBINED ? (change[0][i] - change[1][i]) / 2 : change[0][i];
            kept[i] = kind == Kind.COMBINED ? (same[0][i] + same[1][i]) / 2 : same[0][i];
        }
        float[] rows = new float[3 * n];
        for (int i = 0; i < n; i++) {
            rows[i] = percentiles[i] / 100f;
            rows[n + i] = (float) curve[i];
            rows[2 * n + i] = (float) kept[i];
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("rows", ROWS);
        details.put("accuracy", Arrays.stream(kept).average().orElse(0));
        details.put("seed", seed);
        return new MetricResult(Arrays.stream(curve).average().orElse(0), details, new Tensor(rows, 3, n));
    }

    private int[] percentiles(MethodParameters parameters) {
        List<String> given = parameters.list("percentiles");
        List<Integer> out = new ArrayList<>();
        for (String p : given) {
            int v;
            try {
                v = Integer.parseInt(p.strip());
            } catch (NumberFormatException e) {
                v = -1;
            }
            if (v < 1 || v > 99) {
                throw new SaliencyException(
                        SaliencyException.Kind.BAD_OPTION,
                        name() + ": percentiles must be integers from 1 to 99, got '" + p.strip() + "'.");
            }
            out.add(v);
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** numpy's default percentile of sorted values: linear interpolation between the closest ranks. */
    static double percentile(float[] sorted, double p) {
        double position = p / 100 * (sorted.length - 1);
        int lo = (int) Math.floor(position);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (sorted[hi] - (double) sorted[lo]) * (position - lo);
    }
}
