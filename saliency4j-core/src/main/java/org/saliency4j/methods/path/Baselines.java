package org.saliency4j.methods.path;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.saliency4j.image.ImageLoader;
import org.saliency4j.image.PreparedImage;
import org.saliency4j.image.Preprocessing;
import org.saliency4j.methods.Batch;
import org.saliency4j.methods.Parameter;
import org.saliency4j.methods.Samples;
import org.saliency4j.methods.Seeds;
import org.saliency4j.model.InputSpec;
import org.saliency4j.tensor.SeparableFilter;

/**
 * Reference inputs for path methods, in the model's input space:
 * black (a black image through the same preprocessing), zeros, mean (each channel filled with the
 * input's mean over that channel), blur (the I-GOS authors' Gaussian blur of the input: a 51 x 51
 * kernel with sigma 50 at 224 px, both scaled to the input size), noise (uniform over the input's
 * value range, seeded per input's content), or the path of an image file (preprocessed like the
 * inputs).
 */
public final class Baselines {
    private Baselines() {}

    /** The baseline parameter of a path method. */
    public static Parameter parameter(String defaultValue) {
        return parameter("baseline", defaultValue, "the path's start");
    }

    /** A parameter naming a baseline for another use (a metric's substrate, say). */
    public static Parameter parameter(String name, String defaultValue, String use) {
        return Parameter.path(
                name,
                defaultValue,
                use + ": black, zeros, mean, blur, noise or an image file",
                "black",
                "zeros",
                "mean",
                "blur",
                "noise");
    }

    /** The baseline for sample n (flat, model layout); noise is drawn from the sample's own seeded stream. */
    public static float[] of(String kind, Batch batch, int n, long seed) {
        InputSpec spec = batch.spec();
        float[] x = Samples.sample(batch.inputs(), n);
        return switch (kind) {
            case "zeros" -> new float[x.length];
            case "black" -> black(batch.preprocessing(), spec);
            case "mean" -> Samples.fromChw(channelMeans(Samples.toChw(x, spec).data(), spec), spec);
            case "blur" -> Samples.fromChw(blur(Samples.toChw(x, spec).data(), spec, spec.height() / 224.0), spec);
            case "noise" -> noise(x, Seeds.forSample(seed, x));
            default -> image(Path.of(kind), batch.preprocessing());
        };
    }

    private static float[] black(Preprocessing p, InputSpec spec) {
        int hw = spec.height() * spec.width();
        float[] chw = new float[spec.channels() * hw];
        for (int c = 0; c < spec.channels(); c++) {
            float v = (0f * p.scale() - p.mean()[c]) / p.std()[c];
            Arrays.fill(chw, c * hw, (c + 1) * hw, v);
        }
        return Samples.fromChw(chw, spec);
    }

    private static float[] channelMeans(float[] chw, InputSpec spec) {
        int hw = spec.height() * spec.width();
        float[] out = new float[chw.length];
        for (int c = 0; c < spec.channels(); c++) {
            double sum = 0;
            for (int i = c * hw; i < (c + 1) * hw; i++) {
                sum += chw[i];
            }
            Arrays.fill(out, c * hw, (c + 1) * hw, (float) (sum / hw));
        }
        return out;
    }

    private static float[] noise(float[] x, long seed) {
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (float v : x) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        SplittableRandom random = new SplittableRandom(seed);
        float[] out = new float[x.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = lo + (float) random.nextDouble() * (hi - lo);
        }
        return out;
    }

    private static float[] image(Path file, Preprocessing p) {
        return PreparedImage.prepare(ImageLoader.read(file), p).input().data();
    }

    /**
     * The I-GOS authors' blur (OpenCV's GaussianBlur with a 51 x 51 kernel, sigma 50, reflect-101
     * border) at 224 px, kernel and sigma scaled by {@code scale} for other input sizes.
     */
    static float[] blur(float[] chw, InputSpec spec, double scale) {
        double[] kernel = SeparableFilter.gaussian(50 * scale, Math.max(1, (int) Math.round(25 * scale)));
        return SeparableFilter.apply(chw, spec.channels(), spec.height(), spec.width(), kernel, false);
    }
}
