package org.saliency4j.methods;

import org.saliency4j.model.InputSpec;
import org.saliency4j.tensor.Tensor;

/** Points on the straight path from a baseline x0 to an input x: x0 + alpha (x - x0). */
final class PathPoints {
    private PathPoints() {
    }

    static Tensor of(float[] baseline, float[] x, double[] alphas, InputSpec spec) {
        float[][] points = new float[alphas.length][x.length];
        for (int k = 0; k < alphas.length; k++) {
            float a = (float) alphas[k];
            for (int i = 0; i < x.length; i++) {
                points[k][i] = baseline[i] + a * (x[i] - baseline[i]);
            }
        }
        return Samples.batch(points, spec);
    }
}
