package org.saliency4j.methods.optimisation;

/**
 * The image weights of iGOS++'s bilateral total variation, as the authors' code computes them on
 * the normalised image I [C, H, W]: vertical pairs get exp(-(mean_c (I[y] - I[y+1]))^2 / sigma),
 * horizontal pairs mean_c exp(-(I[:, x] - I[:, x+1])^2 / sigma) (the channel mean inside the
 * square in one, outside the exponential in the other, as in their code).
 *
 * @param vertical   [H - 1, W]
 * @param horizontal [H, W - 1]
 */
record BilateralWeights(float[] vertical, float[] horizontal) {
    static BilateralWeights of(float[] chw, int channels, int h, int w, double sigma) {
        int hw = h * w;
        float[] vertical = new float[(h - 1) * w];
        for (int y = 0; y < h - 1; y++) {
            for (int x = 0; x < w; x++) {
                double mean = 0;
                for (int c = 0; c < channels; c++) {
                    mean += chw[c * hw + y * w + x] - chw[c * hw + (y + 1) * w + x];
                }
                mean /= channels;
                vertical[y * w + x] = (float) Math.exp(-mean * mean / sigma);
            }
        }
        float[] horizontal = new float[h * (w - 1)];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w - 1; x++) {
                double mean = 0;
                for (int c = 0; c < channels; c++) {
                    double d = chw[c * hw + y * w + x] - chw[c * hw + y * w + x + 1];
                    mean += Math.exp(-d * d / sigma);
                }
                horizontal[y * (w - 1) + x] = (float) (mean / channels);
            }
        }
        return new BilateralWeights(vertical, horizontal);
    }
}
