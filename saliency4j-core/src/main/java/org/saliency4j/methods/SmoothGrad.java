package org.saliency4j.methods;

import org.saliency4j.SaliencyException;
import org.saliency4j.autodiff.RuleSet;
import org.saliency4j.runtime.GraphOutputs;
import org.saliency4j.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * SmoothGrad (Smilkov et al. 2017) and its variants as Captum's NoiseTunnel computes them: the
 * gradient at noisy copies x + N(0, sigma^2), sigma = noise * (max(x) - min(x)); smoothgrad takes
 * the mean, sg-sq the mean of squares (SG²), vargrad the variance.
 */
final class SmoothGrad extends NamedMethod {
    SmoothGrad() {
        super("smoothgrad", "SmoothGrad: gradients averaged over noisy copies (variants smoothgrad, sg-sq, vargrad); map = max |.| over channels", false);
    }

    @Override
    public List<MethodParameter> parameters() {
        return List.of(Attributions.scoreParameter("logit"),
                new MethodParameter("samples", "25", "noisy copies per input"),
                new MethodParameter("noise", "0.15", "noise std as a fraction of the input's value range"),
                new MethodParameter("seed", "0", "seed of the noise (mixed with each input's content)"),
                new MethodParameter("variant", "smoothgrad", "smoothgrad (mean), sg-sq (mean of squares) or vargrad (variance)"));
    }

    @Override
    public List<Explanation> explain(MethodInput input, MethodParameters parameters) {
        int samples = parameters.integer("samples");
        double noise = parameters.number("noise");
        String variant = parameters.string("variant");
        if (samples < 1 || noise < 0 || !List.of("smoothgrad", "sg-sq", "vargrad").contains(variant)) {
            throw new SaliencyException(SaliencyException.Kind.BAD_OPTION,
                    "smoothgrad needs samples >= 1, noise >= 0 and variant smoothgrad, sg-sq or vargrad.");
        }
        List<String> taps = List.of(input.inputName());
        List<Explanation> result = new ArrayList<>();
        for (int n = 0; n < input.batchSize(); n++) {
            float[] x = Samples.sample(input.inputs(), n);
            float[][] noisy = noisyCopies(x, samples, noise, Seeds.forSample(parameters.integer("seed"), x));
            // the clean input rides along as the last point, for its score
            float[][] points = java.util.Arrays.copyOf(noisy, samples + 1);
            points[samples] = x;
            GraphOutputs out = input.runPoints(Samples.batch(points, input.spec()), input.targetWeightsOf(n, samples + 1), taps, parameters.score(), RuleSet.standard());
            float[] attribution = combine(out.gradient(input.inputName()), samples, x.length, variant);
            result.add(Attributions.explanation(input, attribution, MapReduction.MAX_ABS, out.scores()[samples], Map.of("noiseStd", sigma(x, noise))));
        }
        return result;
    }

    static float[][] noisyCopies(float[] x, int samples, double noise, long seed) {
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
            out[i] = (float) switch (variant) {
                case "smoothgrad" -> mean;
                case "sg-sq" -> squares / samples;
                default -> squares / samples - mean * mean;
            };
        }
        return out;
    }
}
