package org.saliency4j.methods.optimisation;

import org.saliency4j.tensor.SeparableFilter;

/**
 * Extremal Perturbation's blur perturbation (TorchRay's Perturbation): L copies of an input [C, H,
 * W], level l blurred with sigma = max_blur (1 - l / (L - 1)) (a Gaussian of radius ceil(4 sigma),
 * zero border: level 0 the most blurred, level L - 1 the input). A mask value v in [0, 1] picks the
 * point s = v (L - 1) between levels floor(s) and floor(s) + 1, linearly.
 */
final class BlurPyramid {
    private final float[][] levels;
    private final int area;

    BlurPyramid(float[] chw, int channels, int height, int width, int count, double maxBlur) {
        this.area = height * width;
        this.levels = new float[count][];
        for (int l = 0; l < count; l++) {
            double sigma = maxBlur * (1 - (double) l / (count - 1));
            levels[l] = sigma > 0
                    ? SeparableFilter.apply(
                            chw,
                            channels,
                            height,
                            width,
                            SeparableFilter.gaussian(sigma, (int) Math.ceil(4 * sigma)),
                            true)
                    : chw.clone();
        }
    }

    /** The perturbed input [C, H, W] for mask values v [H * W]. */
    float[] apply(double[] v) {
        float[] out = new float[levels[0].length];
        int last = levels.length - 1;
        for (int i = 0; i < area; i++) {
            double s = v[i] * last;
            int k = (int) Math.floor(s);
            double w = s - k;
            int k1 = Math.min(k + 1, last);
            for (int c = 0; c * area < out.length; c++) {
                int at = c * area + i;
                out[at] = (float) ((1 - w) * levels[k][at] + w * levels[k1][at]);
            }
        }
        return out;
    }

    /** sum_c g_c dx_c/dv at every pixel: (L - 1) (y_{k+1} - y_k) for the level k the value falls in. */
    double[] backward(double[] v, float[] gradient) {
        double[] out = new double[area];
        int last = levels.length - 1;
        for (int i = 0; i < area; i++) {
            int k = (int) Math.floor(v[i] * last);
            int k1 = Math.min(k + 1, last);
            double sum = 0;
            for (int c = 0; c * area < gradient.length; c++) {
                int at = c * area + i;
                sum += gradient[at] * (levels[k1][at] - levels[k][at]);
            }
            out[i] = last * sum;
        }
        return out;
    }
}
