package org.saliency4j.tensor;

/**
 * A symmetric 1-D kernel applied along the rows and then the columns of [C, H, W] planes (a
 * Gaussian blur, say), with the border either mirrored without repeating the edge (reflect-101:
 * ... 2 1 | 0 1 2 ... n-1 | n-2 ..., OpenCV's default) or padded with zeros.
 */
public final class SeparableFilter {
    private SeparableFilter() {}

    /** The reflect-101 index of i in 0 .. n - 1, repeated for kernels wider than the image. */
    public static int reflect(int i, int n) {
        if (n == 1) {
            return 0;
        }
        int period = 2 * (n - 1);
        int m = Math.floorMod(i, period);
        return m < n ? m : period - m;
    }

    /** A normalised Gaussian kernel exp(-i^2 / (2 sigma^2)) for i = -radius .. radius. */
    public static double[] gaussian(double sigma, int radius) {
        double[] kernel = new double[2 * radius + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++) {
            kernel[i + radius] = sigma > 0 ? Math.exp(-0.5 * i * i / (sigma * sigma)) : i == 0 ? 1 : 0;
            sum += kernel[i + radius];
        }
        for (int i = 0; i < kernel.length; i++) {
            kernel[i] /= sum;
        }
        return kernel;
    }

    /** The planes filtered by the kernel (odd length) along both axes. */
    public static float[] apply(float[] chw, int channels, int h, int w, double[] kernel, boolean zeroBorder) {
        int radius = kernel.length / 2;
        float[] tmp = new float[chw.length];
        float[] out = new float[chw.length];
        for (int c = 0; c < channels; c++) {
            int base = c * h * w;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double acc = 0;
                    for (int k = -radius; k <= radius; k++) {
                        int at = x + k;
                        if (!zeroBorder || at >= 0 && at < w) {
                            acc += kernel[k + radius] * chw[base + y * w + reflect(at, w)];
                        }
                    }
                    tmp[base + y * w + x] = (float) acc;
                }
            }
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double acc = 0;
                    for (int k = -radius; k <= radius; k++) {
                        int at = y + k;
                        if (!zeroBorder || at >= 0 && at < h) {
                            acc += kernel[k + radius] * tmp[base + reflect(at, h) * w + x];
                        }
                    }
                    out[base + y * w + x] = (float) acc;
                }
            }
        }
        return out;
    }
}
