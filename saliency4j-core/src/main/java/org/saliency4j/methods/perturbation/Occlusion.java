package org.saliency4j.methods.perturbation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import org.saliency4j.autodiff.ScoreKind;
import org.saliency4j.methods.BaseMethod;
import org.saliency4j.methods.Batch;
import org.saliency4j.methods.Explanation;
import org.saliency4j.methods.MethodParameters;
import org.saliency4j.methods.Parameter;
import org.saliency4j.methods.path.Baselines;
import org.saliency4j.tensor.Tensor;

/**
 * Occlusion (Zeiler and Fergus 2014), as Captum's {@code Occlusion} computes it: a window of
 * {@code window} x {@code window} pixels over all channels slides with {@code stride}; each position
 * shows the baseline inside the window, and every pixel the window covers is credited f(x) - f(x
 * occluded). A pixel's attribution is the mean over the windows covering it. As Captum, each axis
 * has ceil((D - window) / stride) + 1 positions, the last window cropped at the border, so every
 * pixel is covered.
 *
 * <p>Captum has no default window; 16 with stride 8 covers a 224 px input with 27 x 27 = 729 windows
 * (each pixel in up to 4), a few seconds per image, and is fine enough for a 7 x 7 CNN layer's objects.
 */
public final class Occlusion extends BaseMethod {
    public Occlusion() {
        super(
                "occlusion",
                "f(x) − f(x with a window showing the baseline), averaged over the windows covering each "
                        + "pixel (Captum's Occlusion); map = that mean (signed)",
                false,
                List.of(
                        Parameter.score("logit"),
                        Parameter.integer("window", 16, 1, 4096, "the window's side in pixels"),
                        Parameter.integer("stride", 8, 1, 4096, "the step between windows in pixels"),
                        Baselines.parameter("baseline", "zeros", "what the window shows")));
    }

    /** The start of each window along an axis of length d. */
    static int[] starts(int d, int window, int stride) {
        int count = (int) Math.ceil((double) (d - window) / stride) + 1;
        int[] starts = new int[count];
        for (int i = 0; i < count; i++) {
            starts[i] = i * stride;
        }
        return starts;
    }

    @Override
    public List<Explanation> explain(Batch batch, MethodParameters p) {
        int height = batch.spec().height();
        int width = batch.spec().width();
        int window = p.integer("window");
        if (window > height || window > width) {
            throw p.invalid("window", "at most the input's size, " + height + " x " + width);
        }
        int[] rows = starts(height, window, p.integer("stride"));
        int[] cols = starts(width, window, p.integer("stride"));
        ScoreKind kind = p.score();
        MaskedCopies copies = new MaskedCopies(batch);
        List<Explanation> result = new ArrayList<>();
        for (int n = 0; n < batch.batchSize(); n++) {
            float full = copies.unmasked(n, kind);
            Tensor baseline = new Tensor(
                    Baselines.of(p.string("baseline"), batch, n, 0),
                    batch.spec().batchShape(1));
            double[] sum = new double[height * width];
            int[] count = new int[height * width];
            copies.run(
                    n,
                    baseline,
                    rows.length * cols.length,
                    kind,
                    (first, m, into) -> {
                        Arrays.fill(into, 1f);
                        for (int i = 0; i < m; i++) {
                            visit(rows, cols, first + i, window, height, width, at -> into[at] = 0f, i);
                        }
                    },
                    (first, m, masks, scores) -> {
                        for (int i = 0; i < m; i++) {
                            double drop = full - scores[i];
                            visit(
                                    rows,
                                    cols,
                                    first + i,
                                    window,
                                    height,
                                    width,
                                    at -> {
                                        sum[at] += drop;
                                        count[at]++;
                                    },
                                    0);
                        }
                    },
                    1);
            float[] map = new float[height * width];
            for (int i = 0; i < map.length; i++) {
                map[i] = (float) (sum[i] / count[i]);
            }
            result.add(new Explanation(
                    new Tensor(map, height, width),
                    List.of(),
                    MaskedCopies.channelCopies(map, batch.spec().channels(), height, width),
                    full,
                    Map.of("windows", rows.length * cols.length)));
        }
        return result;
    }

    /** Calls {@code pixel} with the index (offset by copy * H * W) of every pixel window k covers. */
    private static void visit(
            int[] rows, int[] cols, int k, int window, int height, int width, IntConsumer pixel, int copy) {
        int top = rows[k / cols.length];
        int left = cols[k % cols.length];
        int offset = copy * height * width;
        for (int y = top; y < Math.min(top + window, height); y++) {
            for (int x = left; x < Math.min(left + window, width); x++) {
                pixel.accept(offset + y * width + x);
            }
        }
    }
}
