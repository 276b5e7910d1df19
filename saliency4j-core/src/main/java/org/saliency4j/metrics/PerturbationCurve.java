package org.saliency4j.metrics;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.saliency4j.autodiff.MaskUpsampling;
import org.saliency4j.methods.MethodParameters;
import org.saliency4j.methods.Parameter;
import org.saliency4j.methods.path.Baselines;
import org.saliency4j.model.InputSpec;
import org.saliency4j.tensor.Maps;
import org.saliency4j.tensor.Tensor;

/**
 * Deletion and insertion (Petsiuk et al. 2018). The map's features (pixels, or the cells of an
 * N x N grid, each the mean of the map over it) are ranked in descending order, ties broken by
 * row-major index, lowest first. Deletion replaces {@code step} more of them per step by the
 * substrate, from none to all; insertion reveals them on the substrate. The curve is the target's
 * score at each step against the fraction of features changed; its area is the value (deletion:
 * lower is better; insertion: higher). All the masked copies run through one perturbation graph.
 *
 * <p>Defaults follow the I-GOS authors: step max(1, features / 50), the softmax probability, and
 * for a grid, cell masks upsampled bilinearly with align_corners=true. {@code auc=trapezoid}
 * integrates over the fraction of features including the first point; {@code auc=igos} is their
 * right Riemann sum, without it; {@code auc=igos-legacy} is what their {@code metric()} computes,
 * whose last, partial step adds the fraction of features it changes instead of that times the score
 * (+4/784 at 28 x 28), so that their published numbers can be reproduced.
 */
public final class PerturbationCurve extends BaseMetric {
    private final boolean insertion;

    private PerturbationCurve(boolean insertion) {
        super(
                insertion ? "insertion" : "deletion",
                insertion
                        ? "area under the target's score as the most salient features are revealed on the substrate"
                        : "area under the target's score as the most salient features are replaced by the substrate "
                                + "(Petsiuk et al. 2018)",
                insertion,
                List.of(
                        Parameter.score("probability"),
                        Parameter.integer(
                                "step", 0, 0, Integer.MAX_VALUE, "features per step; 0 for max(1, features / 50)"),
                        Parameter.integer(
                                "resolution", 0, 0, 1024, "0 to rank pixels; N to rank the cells of an N x N grid"),
                        Baselines.parameter("substrate", "blur", "what replaces the features"),
                        Parameter.choice(
                                "auc",
                                "trapezoid",
                                "trapezoid (from the first point), igos (right Riemann sum) or igos-legacy "
                                        + "(theirs with its last-step bug)",
                                "trapezoid",
                                "igos",
                                "igos-legacy"),
                        Parameter.seed()));
        this.insertion = insertion;
    }

    public static PerturbationCurve deletion() {
        return new PerturbationCurve(false);
    }

    public static PerturbationCurve insertion() {
        return new PerturbationCurve(true);
    }

    @Override
    public MetricResult evaluate(MetricInput input, MethodParameters parameters) {
        InputSpec spec = input.preprocessing().input();
        int resolution = parameters.integer("resolution");
        int rows = resolution == 0 ? spec.height() : resolution;
        int columns = resolution == 0 ? spec.width() : resolution;
        float[] cells = cells(input.map(), rows, columns);
        int features = cells.length;
        int step = parameters.integer("step") == 0 ? Math.max(1, features / 50) : parameters.integer("step");
        int[] order = Maps.descendingOrder(cells);

        int points = (features + step - 1) / step + 1;
        float[] masks = new float[points * features];
        double[] x = new double[points];
        for (int t = 0; t < points; t++) {
            int changed = Math.min(features, t * step);
            x[t] = (double) changed / features;
            Arrays.fill(masks, t * features, (t + 1) * features, insertion ? 0f : 1f);
            for (int r = 0; r < changed; r++) {
                masks[t * features + order[r]] = insertion ? 1f : 0f;
            }
        }
        Tensor substrate = input.substrate(parameters.string("substrate"), parameters.integer("seed"));
        MaskUpsampling upsampling = resolution == 0 ? MaskUpsampling.NEAREST : MaskUpsampling.BILINEAR_ALIGN_CORNERS;
        float[] y =
                input.maskedScores(substrate, new Tensor(masks, points, rows, columns), upsampling, parameters.score());
        String auc = parameters.string("auc");
        double area = 0;
        for (int t = 1; t < points; t++) {
            double width = x[t] - x[t - 1];
            boolean legacyLast = auc.equals("igos-legacy") && t == points - 1;
            area += auc.equals("trapezoid") ? width * (y[t] + y[t - 1]) / 2 : legacyLast ? width : width * y[t];
        }
        float[] curve = new float[2 * points];
        for (int t = 0; t < points; t++) {
            curve[t] = (float) x[t];
            curve[points + t] = y[t];
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("features", features);
        details.put("step", step);
        details.put("points", points);
        return new MetricResult(area, details, new Tensor(curve, 2, points));
    }

    /** The map averaged over the cells of a rows x columns grid (the map itself at its own size). */
    static float[] cells(Tensor map, int rows, int columns) {
        int h = (int) map.dim(0);
        int w = (int) map.dim(1);
        if (h == rows && w == columns) {
            return map.data();
        }
        float[] cells = new float[rows * columns];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                int y0 = r * h / rows;
                int y1 = Math.max(y0 + 1, (r + 1) * h / rows);
                int x0 = c * w / columns;
                int x1 = Math.max(x0 + 1, (c + 1) * w / columns);
                double sum = 0;
                for (int y = y0; y < y1; y++) {
                    for (int xx = x0; xx < x1; xx++) {
                        sum += map.data()[y * w + xx];
                    }
                }
                cells[r * columns + c] = (float) (sum / ((y1 - y0) * (x1 - x0)));
            }
        }
        return cells;
    }
}
