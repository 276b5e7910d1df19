package org.saliency4j.methods.path;

import org.saliency4j.model.InputSpec;
import org.saliency4j.tensor.Tensor;

/** Points on the straight path from a baseline x0 to an input x: x0 + alpha (x - x0). */
public final class PathPoints {
    private PathPoints() {}

    public static Tensor of(float[] baseline, float[] x, double[] alphas, InputSpec spec) {
        int per = x.length;
        float[] points = new float[alphas.length * per];
        for (int k = 0; k < alphas.length; k++) {
            float a = (float) alphas[k];
            for (int i = 0; i < per; i++) {
                points[k * per + i] = baseline[i] + a * (x[i] - baseline[i]);
            }
        }
        return new Tensor(points, spec.batchShape(alphas.length));
    }
}
