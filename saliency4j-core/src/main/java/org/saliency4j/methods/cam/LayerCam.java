package org.saliency4j.methods.cam;

/** Layer-CAM (Jiang et al. 2021): positive gradients weight the activations element-wise. */
public final class LayerCam extends CamMethod {
    public LayerCam() {
        super("layercam", "ReLU(Σ_c ReLU(G_c) ⊙ A_c)", true);
    }

    @Override
    float[] camBeforeRelu(float[] a, float[] g, int channels, int area) {
        float[] cam = new float[area];
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < area; i++) {
                cam[i] += Math.max(g[c * area + i], 0f) * a[c * area + i];
            }
        }
        return cam;
    }
}
