package org.saliency4j.methods.perturbation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.saliency4j.methods.BaseMethod;
import org.saliency4j.methods.Batch;
import org.saliency4j.methods.Explanation;
import org.saliency4j.methods.MethodParameters;
import org.saliency4j.methods.Parameter;
import org.saliency4j.methods.Samples;
import org.saliency4j.methods.Seeds;
import org.saliency4j.methods.path.Baselines;
import org.saliency4j.tensor.Tensor;

/**
 * The frame of the surrogate methods (LIME, KernelSHAP): the input is cut into M superpixels; N
 * binary rows z (1 keeps a superpixel, 0 shows the baseline there) are drawn from a stream seeded
 * by the seed and the input's content; the model scores each copy (a chunk at a time through the
 * perturbation graph); a weighted linear model fits the scores on z (see {@link SurrogateFit}); a
 * pixel's attribution is its superpixel's coefficient. A subclass gives the draw, the weights and
 * the ridge penalty.
 */
abstract class SurrogateMethod extends BaseMethod {
    SurrogateMethod(String name, String description, String score, Parameter samples, List<Parameter> own) {
        super(name, description, false, parameters(score, samples, own));
    }

    private static List<Parameter> parameters(String score, Parameter samples, List<Parameter> own) {
        List<Parameter> all = new ArrayList<>(List.of(
                Parameter.score(score),
                samples,
                Parameter.choice(
                        "segmentation",
                        Superpixels.SLIC,
                        "slic (superpixels of the image's colours) or grid (equal rectangles)",
                        Superpixels.SLIC,
                        Superpixels.GRID),
                Parameter.integer("segments", 50, 2, 100_000, "about how many superpixels M to cut the input into"),
                Baselines.parameter("baseline", "zeros", "what a removed superpixel shows")));
        all.addAll(own);
        all.add(Parameter.seed());
        return all;
    }

    /** The N binary rows for M features. */
    abstract double[][] design(SplittableRandom random, int features, MethodParameters p);

    /**
     * The weight of a row, given the cosine distance between the input and its copy (in the model's
     * input space) for the methods that use it.
     */
    abstract double weight(double[] row, double inputDistance, MethodParameters p);

    /** Whether {@link #weight} reads the input distance (which costs a pass over each copy). */
    abstract boolean usesInputDistance(MethodParameters p);

    /** The ridge penalty alpha (0: least squares). */
    abstract double alpha(MethodParameters p);

    @Override
    public List<Explanation> explain(Batch batch, MethodParameters p) {
        int height = batch.spec().height();
        int width = batch.spec().width();
        MaskedCopies copies = new MaskedCopies(batch);
        List<Explanation> result = new ArrayList<>();
        for (int n = 0; n < batch.batchSize(); n++) {
            float[] x = Samples.sample(batch.inputs(), n);
            long seed = Seeds.forSample(p.integer("seed"), x);
            Superpixels superpixels = Superpixels.of(
                    p.string("segmentation"),
                    Samples.toChw(x, batch.spec()).data(),
                    batch.spec(),
                    batch.preprocessing(),
                    p.integer("segments"));
            double[][] design = design(new SplittableRandom(seed), superpixels.count(), p);
            SurrogateFit fit = fit(batch, copies, n, p, superpixels, design);
            float[] map = new float[height * width];
            for (int i = 0; i < map.length; i++) {
                map[i] = (float) fit.coefficients()[superpixels.labels()[i]];
            }
            result.add(new Explanation(
                    new Tensor(map, height, width),
                    List.of(),
                    MaskedCopies.channelCopies(map, batch.spec().channels(), height, width),
                    copies.unmasked(n, p.score()),
                    Map.of(
                            "segments",
                            superpixels.count(),
                            "samples",
                            design.length,
                            "intercept",
                            fit.intercept(),
                            "seed",
                            seed)));
        }
        return result;
    }

    /** Scores input n's copies for the rows of the design, weighs them, and fits the surrogate. */
    SurrogateFit fit(
            Batch batch, MaskedCopies copies, int n, MethodParameters p, Superpixels superpixels, double[][] design) {
        float[] baseline = Baselines.of(p.string("baseline"), batch, n, p.integer("seed"));
        Tensor substrate = new Tensor(baseline, batch.spec().batchShape(1));
        float[] x =
                Samples.toChw(Samples.sample(batch.inputs(), n), batch.spec()).data();
        float[] b = Samples.toChw(baseline, batch.spec()).data();
        boolean distances = usesInputDistance(p);
        int area = batch.spec().height() * batch.spec().width();
        int channels = batch.spec().channels();
        double norm = Math.sqrt(dot(x, x));
        double[] outputs = new double[design.length];
        double[] weights = new double[design.length];
        copies.run(
                n,
                substrate,
                design.length,
                p.score(),
                (first, m, into) -> superpixels.masks(design, first, m, into),
                (first, m, masks, scores) -> {
                    for (int r = 0; r < m; r++) {
                        outputs[first + r] = scores[r];
                        double distance = distances ? inputDistance(x, norm, b, masks, r * area, area, channels) : 0;
                        weights[first + r] = weight(design[first + r], distance, p);
                    }
                },
                1);
        return SurrogateFit.fit(design, outputs, weights, alpha(p));
    }

    /** 1 - cos(x, x * m + b * (1 - m)), over the whole input [C, H, W] (Captum's LIME distance). */
    private static double inputDistance(
            float[] chwX, double normX, float[] chwB, float[] masks, int offset, int area, int channels) {
        double dot = 0;
        double pp = 0;
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < area; i++) {
                double m = masks[offset + i];
                double xv = chwX[c * area + i];
                double pv = xv * m + chwB[c * area + i] * (1 - m);
                dot += xv * pv;
                pp += pv * pv;
            }
        }
        return 1 - dot / Math.max(normX * Math.sqrt(pp), 1e-8);
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }
}
