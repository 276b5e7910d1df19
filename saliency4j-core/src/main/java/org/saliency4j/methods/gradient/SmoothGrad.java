package org.saliency4j.methods.gradient;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.saliency4j.autodiff.RuleSet;
import org.saliency4j.methods.BaseMethod;
import org.saliency4j.methods.Batch;
import org.saliency4j.methods.Explanation;
import org.saliency4j.methods.MapReduction;
import org.saliency4j.methods.MethodParameters;
import org.saliency4j.methods.Parameter;
import org.saliency4j.methods.Samples;
import org.saliency4j.methods.Seeds;
import org.saliency4j.runtime.GraphOutputs;
import org.saliency4j.tensor.Tensor;

/**
 * SmoothGrad (Smilkov et al. 2017) and its variants as Captum's NoiseTunnel computes them: the
 * gradient at noisy copies x + N(0, sigma^2), sigma = noise * (max(x) - min(x)); smoothgrad takes
 * the mean, sg-sq the mean of squares (SG²), vargrad the variance.
 */
public final class SmoothGrad extends BaseMethod {
    public SmoothGrad() {
        super(
                "smoothgrad",
                "mean of the gradients at `samples` copies x + N(0, σ²), σ = `noise` · (max x − min x); "
                        + "`sg-sq` takes the mean of squares, `vargrad` the variance (Captum's "
                        + "NoiseTunnel); map = max_c |a|",
                false,
                List.of(
                        Parameter.score("logit"),
                        Parameter.integer("samples", 25, 1, 10000, "noisy copies per input"),
                        Parameter.number("noise", 0.15, 0, 100, "noise std as a fraction of the input's value range"),
                        Parameter.seed(),
                        Parameter.choice(
                                "variant",
                                "smoothgrad",
                                "smoothgrad (mean), sg-sq (mean of squares) or vargrad (variance)",
                                "smoothgrad",
                                "sg-sq",
                                "vargrad")));
    }

    @Override
    public List<Explanation> explain(Batch batch, MethodParameters parameters) {
        int samples = parameters.integer("samples");
        double noise = parameters.number("noise");
        String variant = parameters.string("variant");
        List<String> taps = List.of(batch.inputName());
        List<Explanation> result = new ArrayList<>();
        for (int n = 0; n < batch.batchSize(); n++) {
            float[] x = Samples.sample(batch.inputs(), n);
            float[][] noisy = noisyCopies(x, samples, noise, Seeds.forSample(parameters.integer("seed"), x));
            // the clean input rides along as the last point, for its score
            float[][] points = Arrays.copyOf(noisy, samples + 1);
            points[samples] = x;
            GraphOutputs out = batch.runPoints(
                    Samples.batch(points, batch.spec()),
                    batch.targetWeightsOf(n, samples + 1),
                    taps,
                    parameters.score(),
                    RuleSet.standard());
            float[] attribution = combine(out.gradient(batch.inputName()), samples, x.length, variant);
            result.add(Explanation.ofAttribution(
                    Samples.toChw(attribution, batch.spec()),
                    MapReduction.MAX_ABS,
                    out.scores()[samples],
                    Map.of("noiseStd", sigma(x, noise))));
        }
        return result;
    }

    /** The noisy copies of one input, drawn from its own seeded stream. */
    public static float[][] noisyCopies(float[] x, int samples, double noise, long seed) {
        double sigma = sigma(x, noise);
        Random random = new Random(seed);
        float[][] out = new float[samples][x.length];
        for (int s = 0; s < samples; s++) {
            for (int i = 0; i < x.length; i++) {
                out[s][i] = (float) (x[i] + sigma * random.nextGaussian());
            }
        }
        return out;
    }

    static double sigma(float[] x, double noise) {
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (float v : x) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        return noise * (hi - lo);
    }

    private static float[] combine(Tensor gradients, int samples, int per, String variant) {
        float[] g = gradients.data();
        float[] out = new float[per];
        for (int i = 0; i < per; i++) {
            double sum = 0;
            double squares = 0;
            for (int s = 0; s < samples; s++) {
                double v = g[s * per + i];
                sum += v;
                squares += v * v;
            }
            double mean = sum / samples;
            out[i] = (float)
                    switch (variant) {
                        case "smoothgrad" -> mean;
                        case "sg-sq" -> squares / samples;
                        default -> squares / samples - mean * mean;
                    };
        }
        return out;
    }
}
