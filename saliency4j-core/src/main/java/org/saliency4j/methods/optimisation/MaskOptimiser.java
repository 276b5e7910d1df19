package org.saliency4j.methods.optimisation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.saliency4j.SaliencyException;
import org.saliency4j.autodiff.MaskUpsampling;
import org.saliency4j.autodiff.ScoreKind;
import org.saliency4j.methods.Batch;
import org.saliency4j.runtime.MaskOptimisationSession;
import org.saliency4j.tensor.Tensor;

/**
 * Integrated-gradient descent on masks, for all inputs of a batch together, on the mask
 * optimiser's graph. Per iteration: the gradient of every path term of every input in one batched
 * call (ONNX Runtime returns d(score)/d(mask) through the blend and the upsampling; a path point
 * k/S * U is the same graph fed k/S * M, as bilinear upsampling is linear), plus the penalty's; then
 * an Armijo line search on the steps alpha, 0.2 alpha, 0.04 alpha, ... (c = 1e-4; the first step
 * below 1e-5 is taken if none passes, as in the authors' code), and M = clamp(M - t g, 0, 1).
 *
 * <p>The line search is speculative: while few inputs are left searching, several candidate steps
 * of each go through the model in one forward-only call (as many as fill the internal batch), and
 * the first that meets the condition is taken, so the step is the sequential search's.
 */
final class MaskOptimiser {
    static final double ARMIJO = 1e-4;
    static final double SHRINK = 0.2;
    static final double SMALLEST_STEP = 1e-5;

    private static final int GRADIENT_PHASE = 0;
    private static final int BASE_PHASE = 1;
    private static final int CANDIDATE_PHASE = 2;

    /**
     * @param size       the mask's side s
     * @param iterations how many descent steps
     * @param alpha      the line search's first step
     */
    record Settings(int size, int iterations, double alpha, PathNoise noise) {}

    /** One input's optimisation: its masks, the mask returned, and per iteration the loss, score and step. */
    record Outcome(
            float[][] masks,
            float[] result,
            List<Double> losses,
            List<Float> scores,
            List<Double> steps,
            float finalScore) {}

    /** A path through the model: K copies of one input's blend, the mask scaled by each alpha. */
    private record Row(
            int sample, boolean insertion, float[] mask, float[] factor, double[] alphas, boolean noisy, long key) {}

    /** A row's target probability per copy and, from the gradient graph, its gradients [K, s * s]. */
    private record Evaluated(float[] scores, float[] maskGradients, float[] factorGradients) {
        double value(PathTerm term) {
            double sum = 0;
            for (float s : scores) {
                sum += s;
            }
            return term.weight() * sum;
        }
    }

    private final Batch batch;
    private final Settings settings;
    private final float[][] inputs;
    private final float[][] baselines;
    private final long[] seeds;
    private final int cells;
    private final MaskOptimisationSession gradientSession;
    private final MaskOptimisationSession forwardSession;

    MaskOptimiser(Batch batch, Settings settings, float[][] inputs, float[][] baselines, long[] seeds) {
        this.batch = batch;
        this.settings = settings;
        this.inputs = inputs;
        this.baselines = baselines;
        this.seeds = seeds;
        this.cells = settings.size() * settings.size();
        int[] mask = {settings.size(), settings.size()};
        this.gradientSession = batch.runtime()
                .maskOptimisationSession(
                        batch.spec(), MaskUpsampling.BILINEAR_ALIGN_CORNERS, ScoreKind.PROBABILITY, mask);
        this.forwardSession = batch.runtime()
                .maskOptimisationSession(
                        batch.spec(), MaskUpsampling.BILINEAR_ALIGN_CORNERS, ScoreKind.PROBABILITY, null);
    }

    /** Optimises one objective per input of the batch, in order. */
    List<Outcome> run(List<MaskObjective> objectives, String method) {
        int n = objectives.size();
        float[][][] masks = new float[n][][];
        List<List<Double>> losses = new ArrayList<>();
        List<List<Float>> scores = new ArrayList<>();
        List<List<Double>> steps = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            masks[s] = new float[objectives.get(s).masks()][cells];
            for (float[] m : masks[s]) {
                Arrays.fill(m, 1f);
            }
            losses.add(new ArrayList<>());
            scores.add(new ArrayList<>());
            steps.add(new ArrayList<>());
        }
        for (int it = 0; it < settings.iterations(); it++) {
            double[][][] g = gradients(objectives, masks, it, method);
            double[] base = new double[n];
            float[] score = new float[n];
            baseLosses(objectives, masks, it, base, score);
            double[] t = lineSearch(objectives, masks, g, base, it);
            for (int s = 0; s < n; s++) {
                for (int j = 0; j < masks[s].length; j++) {
                    masks[s][j] = step(masks[s][j], g[s][j], t[s]);
                }
                losses.get(s).add(base[s]);
                scores.get(s).add(score[s]);
                steps.get(s).add(t[s]);
                objectives.get(s).afterStep(it, settings.iterations(), scores.get(s));
            }
            batch.progress((double) n / settings.iterations());
        }
        List<Row> finals = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            finals.add(scoreRow(s, objectives.get(s).result(masks[s]), 0));
        }
        List<Evaluated> last = evaluate(finals, false);
        List<Outcome> outcomes = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            outcomes.add(new Outcome(
                    masks[s],
                    objectives.get(s).result(masks[s]),
                    losses.get(s),
                    scores.get(s),
                    steps.get(s),
                    last.get(s).scores()[0]));
        }
        return outcomes;
    }

    /** The descent direction of every input's masks: the path terms' integrated gradients plus the penalty's. */
    double[][][] gradients(List<MaskObjective> objectives, float[][][] masks, int it, String method) {
        List<Row> rows = new ArrayList<>();
        List<PathTerm> terms = new ArrayList<>();
        for (int s = 0; s < objectives.size(); s++) {
            List<PathTerm> own = objectives.get(s).gradientTerms();
            for (int i = 0; i < own.size(); i++) {
                rows.add(row(s, own.get(i), masks[s], key(s, it, GRADIENT_PHASE, i)));
                terms.add(own.get(i));
            }
        }
        List<Evaluated> evaluated = evaluate(rows, true);
        double[][][] g = new double[objectives.size()][][];
        for (int s = 0; s < objectives.size(); s++) {
            g[s] = new double[masks[s].length][cells];
        }
        for (int r = 0; r < rows.size(); r++) {
            PathTerm term = terms.get(r);
            double[][] into = g[rows.get(r).sample()];
            double[] alphas = rows.get(r).alphas();
            Evaluated e = evaluated.get(r);
            for (int k = 0; k < alphas.length; k++) {
                for (int i = 0; i < cells; i++) {
                    // the fed mask is alpha * M, so d/dM is alpha times the graph's gradient
                    into[term.mask()][i] += term.weight() * alphas[k] * e.maskGradients()[k * cells + i];
                    if (term.factor() >= 0) {
                        into[term.factor()][i] += term.weight() * e.factorGradients()[k * cells + i];
                    }
                }
            }
        }
        for (int s = 0; s < objectives.size(); s++) {
            if (it == 0 && Arrays.stream(g[s]).flatMapToDouble(Arrays::stream).allMatch(v -> v == 0)) {
                throw new SaliencyException(
                        SaliencyException.Kind.BAD_MODEL,
                        method + ": the target's probability does not change with the input (its gradient at the"
                                + " mask is zero all along the path), so no mask can explain it; check that the"
                                + " model's output depends on its input and that the baseline differs from it.");
            }
            objectives.get(s).penalty(masks[s], g[s]);
        }
        return g;
    }

    /** The line search's reference loss at the current masks, and the masked input's score. */
    private void baseLosses(List<MaskObjective> objectives, float[][][] masks, int it, double[] base, float[] score) {
        List<Row> rows = new ArrayList<>();
        for (int s = 0; s < objectives.size(); s++) {
            List<PathTerm> terms = objectives.get(s).searchTerms();
            for (int i = 0; i < terms.size(); i++) {
                rows.add(row(s, terms.get(i), masks[s], key(s, it, BASE_PHASE, i)));
            }
            rows.add(scoreRow(s, objectives.get(s).result(masks[s]), 0));
        }
        List<Evaluated> evaluated = evaluate(rows, false);
        int r = 0;
        for (int s = 0; s < objectives.size(); s++) {
            MaskObjective objective = objectives.get(s);
            base[s] = objective.penalty(masks[s], null);
            for (PathTerm term : objective.searchTerms()) {
                base[s] += evaluated.get(r++).value(term);
            }
            score[s] = evaluated.get(r++).scores()[0];
        }
    }

    /** Each input's step: the first candidate meeting the Armijo condition, or the first below 1e-5. */
    private double[] lineSearch(
            List<MaskObjective> objectives, float[][][] masks, double[][][] g, double[] base, int it) {
        List<Double> candidates = new ArrayList<>();
        for (double t = settings.alpha(); ; t *= SHRINK) {
            candidates.add(t);
            if (t < SMALLEST_STEP) {
                break;
            }
        }
        int n = objectives.size();
        double[] chosen = new double[n];
        Arrays.fill(chosen, Double.NaN);
        int[] next = new int[n];
        double[] slope = new double[n];
        for (int s = 0; s < n; s++) {
            double sum = 0;
            for (double[] gj : g[s]) {
                for (double v : gj) {
                    sum += v * v;
                }
            }
            slope[s] = ARMIJO * sum;
        }
        while (true) {
            List<Integer> open = new ArrayList<>();
            for (int s = 0; s < n; s++) {
                if (Double.isNaN(chosen[s])) {
                    open.add(s);
                }
            }
            if (open.isEmpty()) {
                return chosen;
            }
            int copies = objectives.get(open.get(0)).searchTerms().stream()
                    .mapToInt(PathTerm::steps)
                    .sum();
            int wave = Math.max(1, batch.chunkSize() / (open.size() * copies));
            List<Row> rows = new ArrayList<>();
            Map<Integer, List<float[][]>> tried = new LinkedHashMap<>();
            for (int s : open) {
                List<float[][]> mine = new ArrayList<>();
                for (int j = next[s]; j < Math.min(next[s] + wave, candidates.size()); j++) {
                    float[][] moved = new float[masks[s].length][];
                    for (int m = 0; m < moved.length; m++) {
                        moved[m] = step(masks[s][m], g[s][m], candidates.get(j));
                    }
                    List<PathTerm> terms = objectives.get(s).searchTerms();
                    for (int i = 0; i < terms.size(); i++) {
                        rows.add(row(s, terms.get(i), moved, key(s, it, CANDIDATE_PHASE + j, i)));
                    }
                    mine.add(moved);
                }
                tried.put(s, mine);
            }
            List<Evaluated> evaluated = evaluate(rows, false);
            int r = 0;
            for (int s : open) {
                MaskObjective objective = objectives.get(s);
                List<float[][]> mine = tried.get(s);
                for (int c = 0; c < mine.size(); c++) {
                    int j = next[s] + c;
                    double loss = objective.penalty(mine.get(c), null);
                    for (PathTerm term : objective.searchTerms()) {
                        loss += evaluated.get(r++).value(term);
                    }
                    double t = candidates.get(j);
                    if (Double.isNaN(chosen[s]) && (loss <= base[s] - t * slope[s] || j == candidates.size() - 1)) {
                        chosen[s] = t;
                    }
                }
                next[s] += mine.size();
            }
        }
    }

    private static float[] step(float[] mask, double[] gradient, double t) {
        float[] out = new float[mask.length];
        for (int i = 0; i < mask.length; i++) {
            out[i] = (float) Math.max(0, Math.min(1, mask[i] - t * gradient[i]));
        }
        return out;
    }

    private Row row(int sample, PathTerm term, float[][] masks, long key) {
        return new Row(
                sample,
                term.insertion(),
                masks[term.mask()],
                term.factor() < 0 ? null : masks[term.factor()],
                term.alphas(),
                term.noisy(),
                key);
    }

    /** The target's probability on the input masked by m, with no path and no noise. */
    private Row scoreRow(int sample, float[] m, long key) {
        return new Row(sample, false, m, null, new double[] {1}, false, key);
    }

    /** Runs rows through the model, those with the same number of copies in one call. */
    private List<Evaluated> evaluate(List<Row> rows, boolean gradient) {
        Map<Integer, List<Integer>> byCopies = new LinkedHashMap<>();
        for (int r = 0; r < rows.size(); r++) {
            byCopies.computeIfAbsent(rows.get(r).alphas().length, k -> new ArrayList<>())
                    .add(r);
        }
        Evaluated[] out = new Evaluated[rows.size()];
        for (Map.Entry<Integer, List<Integer>> group : byCopies.entrySet()) {
            List<Row> part = group.getValue().stream().map(rows::get).toList();
            List<Evaluated> evaluated = evaluateGroup(part, group.getKey(), gradient);
            for (int i = 0; i < part.size(); i++) {
                out[group.getValue().get(i)] = evaluated.get(i);
            }
        }
        return Arrays.asList(out);
    }

    private List<Evaluated> evaluateGroup(List<Row> rows, int copies, boolean gradient) {
        int per = batch.spec().elementsPerSample();
        int classes = forwardSession.classes();
        int count = rows.size();
        float[] images = new float[count * per];
        float[] substrates = new float[count * per];
        float[] masks = new float[count * copies * cells];
        float[] factors = new float[count * copies * cells];
        float[] weights = new float[count * copies * classes];
        for (int r = 0; r < count; r++) {
            Row row = rows.get(r);
            float[] x = inputs[row.sample()];
            float[] b = baselines[row.sample()];
            System.arraycopy(row.insertion() ? b : x, 0, images, r * per, per);
            System.arraycopy(row.insertion() ? x : b, 0, substrates, r * per, per);
            for (int k = 0; k < copies; k++) {
                int at = (r * copies + k) * cells;
                for (int i = 0; i < cells; i++) {
                    masks[at + i] = (float) (row.alphas()[k] * row.mask()[i]);
                    factors[at + i] = row.factor() == null ? 1f : row.factor()[i];
                }
                weights[(r * copies + k) * classes + batch.targets()[row.sample()]] = 1f;
            }
        }
        PathNoise noise = settings.noise();
        MaskOptimisationSession.CopyNoise copyNoise = (r, k, into, offset) -> {
            Row row = rows.get(r);
            if (row.noisy() && !noise.none()) {
                noise.fill(mix(row.key(), k), into, offset);
            }
        };
        MaskOptimisationSession.Outputs out = (gradient ? gradientSession : forwardSession)
                .run(
                        new Tensor(images, batch.spec().batchShape(count)),
                        new Tensor(substrates, batch.spec().batchShape(count)),
                        new Tensor(masks, count, copies, settings.size(), settings.size()),
                        new Tensor(factors, count, copies, settings.size(), settings.size()),
                        copyNoise,
                        new Tensor(weights, count * copies, classes));
        List<Evaluated> result = new ArrayList<>();
        for (int r = 0; r < count; r++) {
            float[] scores = Arrays.copyOfRange(out.scores(), r * copies, (r + 1) * copies);
            float[] dm = gradient ? slice(out.maskGradients(), r, copies) : null;
            float[] df = gradient ? slice(out.factorGradients(), r, copies) : null;
            result.add(new Evaluated(scores, dm, df));
        }
        return result;
    }

    private float[] slice(Tensor perRow, int r, int copies) {
        return Arrays.copyOfRange(perRow.data(), r * copies * cells, (r + 1) * copies * cells);
    }

    /** The noise stream of one row's draw: the input's seed, the iteration, the phase and the term. */
    private long key(int sample, int iteration, int phase, int term) {
        return mix(mix(mix(seeds[sample], iteration), phase), term);
    }

    private static long mix(long a, long b) {
        long h = a * 0x9E3779B97F4A7C15L + b;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        return h ^ (h >>> 33);
    }
}
