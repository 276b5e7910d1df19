package org.saliency4j.methods.perturbation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.saliency4j.autodiff.ScoreKind;
import org.saliency4j.methods.BaseMethod;
import org.saliency4j.methods.Batch;
import org.saliency4j.methods.Explanation;
import org.saliency4j.methods.MethodParameters;
import org.saliency4j.methods.Parameter;
import org.saliency4j.methods.Samples;
import org.saliency4j.methods.Seeds;
import org.saliency4j.tensor.Tensor;

/**
 * RISE (Petsiuk, Das, Saenko 2018): N random masks M_i (see {@link RiseMasks}) on the input, and
 * saliency = sum_i P_c(x * M_i) M_i / (N p), the paper's and its authors' code's normalisation (the
 * expectation of the score given that a pixel is kept). {@code normalisation=mask-sum} divides by
 * each pixel's own sum of masks instead, as xplique does. The masks show zeros (in the model's
 * normalised input space), as the authors' code multiplies the input by them; they are drawn from a
 * stream seeded by the seed and the input's content, and made a chunk at a time.
 *
 * <p>Defaults are xplique's (4000 masks, 7 x 7 cells, p = 0.5); the authors' demo used 6000, 8, 0.1.
 */
public final class Rise extends BaseMethod {
    public Rise() {
        super(
                "rise",
                "RISE: Σ_i P_c(x · M_i) M_i / (N p) over N random s × s binary grids upsampled with a random shift "
                        + "(`normalisation=mask-sum`: xplique's per-pixel Σ M_i)",
                false,
                List.of(
                        Parameter.score("probability"),
                        Parameter.integer("masks", 4000, 1, 1_000_000, "the number of random masks N"),
                        Parameter.integer("cells", 7, 1, 1024, "the grid's side s (cells per axis)"),
                        Parameter.number("keep", 0.5, 1e-6, 1, "the probability p that a cell is kept"),
                        Parameter.choice(
                                "normalisation",
                                "expectation",
                                "expectation (divide by N p, the paper's) or mask-sum (by each pixel's Σ M_i, "
                                        + "xplique's)",
                                "expectation",
                                "mask-sum"),
                        Parameter.seed()));
    }

    @Override
    public List<Explanation> explain(Batch batch, MethodParameters p) {
        int height = batch.spec().height();
        int width = batch.spec().width();
        int cells = p.integer("cells");
        if (cells > height || cells > width) {
            throw p.invalid("cells", "at most the input's size, " + height + " x " + width);
        }
        int count = p.integer("masks");
        double keep = p.number("keep");
        boolean expectation = p.string("normalisation").equals("expectation");
        ScoreKind kind = p.score();
        RiseMasks generator = new RiseMasks(cells, keep, height, width);
        MaskedCopies copies = new MaskedCopies(batch);
        List<Explanation> result = new ArrayList<>();
        for (int n = 0; n < batch.batchSize(); n++) {
            long seed = Seeds.forSample(p.integer("seed"), Samples.sample(batch.inputs(), n));
            SplittableRandom random = new SplittableRandom(seed);
            double[] weighted = new double[height * width];
            double[] coverage = new double[height * width];
            int area = height * width;
            copies.run(
                    n,
                    copies.zeros(),
                    count,
                    kind,
                    (first, m, into) -> {
                        for (int i = 0; i < m; i++) {
                            generator.draw(random, into, i * area);
                        }
                    },
                    (first, m, masks, scores) -> {
                        for (int i = 0; i < m; i++) {
                            for (int j = 0; j < area; j++) {
                                weighted[j] += scores[i] * masks[i * area + j];
                                coverage[j] += masks[i * area + j];
                            }
                        }
                    },
                    1);
            float[] map = new float[area];
            for (int j = 0; j < area; j++) {
                double divisor = expectation ? count * keep : coverage[j];
                map[j] = divisor > 0 ? (float) (weighted[j] / divisor) : 0f;
            }
            result.add(new Explanation(
                    new Tensor(map, height, width), List.of(), null, copies.unmasked(n, kind), Map.of("seed", seed)));
        }
        return result;
    }
}
