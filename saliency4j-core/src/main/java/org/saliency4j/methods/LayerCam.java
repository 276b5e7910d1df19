package org.saliency4j.methods;

/** Layer-CAM (Jiang et al. 2021): positive gradients weight the activations element-wise. */
final class LayerCam extends CamMethod {
    LayerCam() {
        super("layercam", "Layer-CAM: ReLU(sum_c ReLU(G_c) * A_c), element-wise");
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
