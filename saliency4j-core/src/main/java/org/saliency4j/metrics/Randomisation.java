package org.saliency4j.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.saliency4j.methods.MethodParameters;
import org.saliency4j.methods.Parameter;
import org.saliency4j.model.WeightRandomisation;
import org.saliency4j.runtime.ExplainerRuntime;
import org.saliency4j.tensor.Maps;
import org.saliency4j.tensor.Tensor;

/**
 * Model parameter randomisation (Adebayo et al. 2018): the method's map on copies of the model whose
 * parameterised layers are re-initialised ({@link WeightRandomisation}), compared with the map on the
 * trained model. {@code order=cascading} randomises one more layer each step from the logits down;
 * {@code independent} one layer at a time, from the top. {@code layers} caps the steps (0: all).
 * Each step's similarity: Spearman's rank correlation of the maps and of their absolute values, and
 * SSIM of the min-max normalised maps. The value is the mean over the steps of the Spearman
 * correlation of the absolute maps: a map that explains the model should change as its weights are
 * destroyed, so lower is better. The curve holds the number of layers randomised (0 for the trained
 * model), then the three similarities.
 */
public final class Randomisation extends BaseMetric {
    public static final List<String> CURVE_ROWS = List.of("layers", "spearman", "spearman-abs", "ssim");

    public Randomisation() {
        super(
                "randomisation",
                "mean Spearman correlation of \\|map\\| with the map as the model's layers are re-initialised, "
                        + "from the logits down (Adebayo et al. 2018); the curve adds the signed Spearman and SSIM",
                false,
                List.of(
                        Parameter.choice(
                                "order",
                                "cascading",
                                "cascading (one more layer each step) or independent (one layer at a time)",
                                "cascading",
                                "independent"),
                        Parameter.integer("layers", 0, 0, 100000, "the most layers to randomise (0: all)"),
                        Parameter.seed()));
    }

    @Override
    public boolean needsMethod() {
        return true;
    }

    @Override
    public MetricResult evaluate(MetricInput input, MethodParameters parameters) {
        return evaluateAll(List.of(input), parameters).get(0);
    }

    /** Builds each randomised model once for all the inputs, and closes it before the next. */
    @Override
    public List<MetricResult> evaluateAll(List<MetricInput> inputs, MethodParameters parameters) {
        if (inputs.isEmpty()) {
            return List.of();
        }
        ExplainerRuntime trained = inputs.get(0).runtime();
        WeightRandomisation randomisation = new WeightRandomisation(trained.model());
        List<WeightRandomisation.Layer> layers = randomisation.layers();
        int cap = parameters.integer("layers");
        int steps = cap == 0 ? layers.size() : Math.min(cap, layers.size());
        boolean cascading = parameters.string("order").equals("cascading");
        float[][] curves = new float[inputs.size()][4 * (steps + 1)];
        for (float[] curve : curves) {
            for (int row = 1; row < 4; row++) {
                curve[row * (steps + 1)] = 1; // the trained model's map against itself
            }
        }
        List<String> randomised = new ArrayList<>();
        for (int s = 1; s <= steps; s++) {
            int top = layers.size() - s;
            List<WeightRandomisation.Layer> chosen =
                    cascading ? layers.subList(top, layers.size()) : List.of(layers.get(top));
            randomised.add(layers.get(top).node());
            try (ExplainerRuntime model = new ExplainerRuntime(
                    randomisation.randomised(chosen, parameters.integer("seed")),
                    trained.output(),
                    trained.options())) {
                for (int i = 0; i < inputs.size(); i++) {
                    MetricInput input = inputs.get(i);
                    Tensor map = input.maps()
                            .maps(model, input.input(), new int[] {input.target()})
                            .get(0);
                    similarities(input.map(), map, curves[i], s, steps + 1);
                }
            }
        }
        List<MetricResult> results = new ArrayList<>();
        for (float[] curve : curves) {
            double mean = 0;
            for (int s = 1; s <= steps; s++) {
                mean += curve[2 * (steps + 1) + s] / steps;
            }
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("rows", CURVE_ROWS);
            details.put("layersRandomised", randomised);
            details.put("seed", parameters.integer("seed"));
            results.add(new MetricResult(steps == 0 ? 1 : mean, details, new Tensor(curve, 4, steps + 1)));
        }
        return results;
    }

    private static void similarities(Tensor original, Tensor map, float[] curve, int step, int points) {
        float[] a = original.data();
        float[] b = map.data();
        curve[step] = step;
        curve[points + step] = (float) Similarity.spearman(a, b);
        curve[2 * points + step] = (float) Similarity.spearman(abs(a), abs(b));
        curve[3 * points + step] =
                (float) Similarity.ssim(Maps.minMax(a), Maps.minMax(b), (int) map.dim(0), (int) map.dim(1), 1);
    }

    private static float[] abs(float[] v) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Math.abs(v[i]);
        }
        return out;
    }
}
