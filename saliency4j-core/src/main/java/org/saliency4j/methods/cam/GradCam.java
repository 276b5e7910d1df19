package org.saliency4j.methods.cam;

import org.saliency4j.tensor.Maps;

/** Grad-CAM (Selvaraju et al. 2017): channel weights are the spatial mean of the gradients. */
public final class GradCam extends CamMethod {
    public GradCam() {
        super("gradcam", "ReLU(Σ_c mean_ij(G_c) A_c)", true);
    }

    @Override
    float[] camBeforeRelu(float[] a, float[] g, int channels, int area) {
        float[] weights = new float[channels];
        for (int c = 0; c < channels; c++) {
            double sum = 0;
            for (int i = 0; i < area; i++) {
                sum += g[c * area + i];
            }
            weights[c] = (float) (sum / area);
        }
        return Maps.weightedChannelSum(a, weights, channels, area);
    }
}
