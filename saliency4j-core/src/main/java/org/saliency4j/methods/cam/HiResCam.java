package org.saliency4j.methods.cam;

/** HiResCAM (Draelos and Carin 2020): the element-wise product G * A summed over channels. */
public final class HiResCam extends CamMethod {
    public HiResCam() {
        super("hirescam", "ReLU(Σ_c G_c ⊙ A_c)", true);
    }

    @Override
    float[] camBeforeRelu(float[] a, float[] g, int channels, int area) {
        float[] cam = new float[area];
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < area; i++) {
                cam[i] += g[c * area + i] * a[c * area + i];
            }
        }
        return cam;
    }
}
