package org.saliency4j.methods.cam;

import org.saliency4j.tensor.Maps;

/**
 * Grad-CAM++ (Chattopadhay et al. 2018) in pytorch-grad-cam's closed form: with
 * alpha = G^2 / (2 G^2 + sum_ij(A) G^3 + 1e-6) (0 where G = 0), the weight of channel c is
 * sum_ij alpha * ReLU(G).
 */
public final class GradCamPlusPlus extends CamMethod {
    public GradCamPlusPlus() {
        super(
                "gradcam++",
                "pytorch-grad-cam's closed form: w_c = Σ_ij α_ij ReLU(G), α = G² / (2G² + Σ_ij A · G³ + 1e-6)",
                true);
    }

    private static final double EPS = 1e-6;

    @Override
    float[] camBeforeRelu(float[] a, float[] g, int channels, int area) {
        float[] weights = new float[channels];
        for (int c = 0; c < channels; c++) {
            double activationSum = 0;
            for (int i = 0; i < area; i++) {
                activationSum += a[c * area + i];
            }
            double weight = 0;
            for (int i = 0; i < area; i++) {
                double gi = g[c * area + i];
                if (gi != 0) {
                    double g2 = gi * gi;
                    double alpha = g2 / (2 * g2 + activationSum * g2 * gi + EPS);
                    weight += alpha * Math.max(gi, 0);
                }
            }
            weights[c] = (float) weight;
        }
        return Maps.weightedChannelSum(a, weights, channels, area);
    }
}
