package org.saliency4j.methods.cam;

import org.saliency4j.tensor.Maps;

/** XGrad-CAM (Fu et al. 2020): channel weights sum_ij(G * A) / (sum_ij A + 1e-7). */
public final class XGradCam extends CamMethod {
    public XGradCam() {
        super("xgradcam", "w_c = Σ_ij(G·A) / (Σ_ij A + 1e-7)", true);
    }

    private static final double EPS = 1e-7;

    @Override
    float[] camBeforeRelu(float[] a, float[] g, int channels, int area) {
        float[] weights = new float[channels];
        for (int c = 0; c < channels; c++) {
            double ga = 0;
            double sum = 0;
            for (int i = 0; i < area; i++) {
                ga += (double) g[c * area + i] * a[c * area + i];
                sum += a[c * area + i];
            }
            weights[c] = (float) (ga / (sum + EPS));
        }
        return Maps.weightedChannelSum(a, weights, channels, area);
    }
}
