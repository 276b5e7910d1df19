package org.saliency4j.metrics;

import java.util.Arrays;
import java.util.Random;

/**
 * ROAD's noisy linear imputation (Rong et al. 2022): every removed pixel becomes the weighted mean
 * of its neighbours inside the image (1/6 for the four direct ones, 1/12 for the four diagonal),
 * removed or not, per channel; then Gaussian noise of {@code noise} is added to it. The pixels form
 * one sparse, symmetric positive definite system (a weighted graph Laplacian with the kept pixels as
 * its boundary), solved here by conjugate gradients with a Jacobi preconditioner, to a relative
 * residual of 1e-6 (far below the noise): for this 9-point system that is a few dozen lines, where
 * a sparse direct solver would be a dependency.
 */
final class LinearImputation {
    private static final int[] DY = {-1, -1, -1, 0, 0, 1, 1, 1};
    private static final int[] DX = {-1, 0, 1, -1, 1, -1, 0, 1};
    private static final double DIRECT = 1 / 6.0;
    private static final double DIAGONAL = 1 / 12.0;
    private static final double TOLERANCE = 1e-6;

    private LinearImputation() {}

    /**
     * @param chw     the input [C, H, W] (not changed)
     * @param removed [H, W], true where a pixel is imputed
     * @return the input with its removed pixels imputed
     */
    static float[] impute(float[] chw, int c, int h, int w, boolean[] removed, double noise, Random random) {
        int[] index = new int[h * w];
        Arrays.fill(index, -1);
        int n = 0;
        for (int i = 0; i < removed.length; i++) {
            if (removed[i]) {
                index[i] = n++;
            }
        }
        int[] pixel = new int[n];
        int[] neighbours = new int[8 * n];
        int[] removedNeighbours = new int[8 * n];
        double[] diagonal = new double[n];
        for (int i = 0, k = 0; i < removed.length; i++) {
            if (!removed[i]) {
                continue;
            }
            pixel[k] = i;
            int y = i / w;
            int x = i % w;
            for (int d = 0; d < 8; d++) {
                int yy = y + DY[d];
                int xx = x + DX[d];
                boolean inside = yy >= 0 && yy < h && xx >= 0 && xx < w;
                diagonal[k] += inside ? weight(d) : 0;
                neighbours[8 * k + d] = inside ? yy * w + xx : -1;
                removedNeighbours[8 * k + d] = inside ? index[yy * w + xx] : -1;
            }
            k++;
        }
        float[] out = chw.clone();
        double[] b = new double[n];
        double[] solution = new double[n];
        for (int ch = 0; ch < c; ch++) {
            int plane = ch * h * w;
            for (int k = 0; k < n; k++) {
                double sum = 0;
                for (int d = 0; d < 8; d++) {
                    int q = neighbours[8 * k + d];
                    sum += q >= 0 && !removed[q] ? weight(d) * chw[plane + q] : 0;
                }
                b[k] = sum;
            }
            solve(b, solution, removedNeighbours, diagonal);
            for (int k = 0; k < n; k++) {
                out[plane + pixel[k]] = (float) (solution[k] + noise * random.nextGaussian());
            }
        }
        return out;
    }

    private static double weight(int direction) {
        return DY[direction] == 0 || DX[direction] == 0 ? DIRECT : DIAGONAL;
    }

    /** Conjugate gradients with the Jacobi preconditioner on (D - W) x = b, W among the removed pixels. */
    private static void solve(double[] b, double[] x, int[] neighbours, double[] diagonal) {
        int n = b.length;
        double[] r = new double[n];
        double[] z = new double[n];
        double[] p = new double[n];
        double[] q = new double[n];
        Arrays.fill(x, 0);
        System.arraycopy(b, 0, r, 0, n);
        double bNorm = Math.sqrt(dot(b, b));
        if (bNorm == 0) {
            return;
        }
        for (int k = 0; k < n; k++) {
            z[k] = r[k] / diagonal[k];
        }
        System.arraycopy(z, 0, p, 0, n);
        double rz = dot(r, z);
        for (int iteration = 0; iteration < 20 * n + 100; iteration++) {
            multiply(p, q, neighbours, diagonal);
            double alpha = rz / dot(p, q);
            for (int k = 0; k < n; k++) {
                x[k] += alpha * p[k];
                r[k] -= alpha * q[k];
            }
            if (Math.sqrt(dot(r, r)) <= TOLERANCE * bNorm) {
                return;
            }
            for (int k = 0; k < n; k++) {
                z[k] = r[k] / diagonal[k];
            }
            double next = dot(r, z);
            double beta = next / rz;
            rz = next;
            for (int k = 0; k < n; k++) {
                p[k] = z[k] + beta * p[k];
            }
        }
    }

    /** out = (D - W) v, {@code neighbours} holding each removed pixel's removed neighbours (-1: none). */
    private static void multiply(double[] v, double[] out, int[] neighbours, double[] diagonal) {
        for (int k = 0; k < v.length; k++) {
            double s = diagonal[k] * v[k];
            for (int d = 0; d < 8; d++) {
                int j = neighbours[8 * k + d];
                s -= j >= 0 ? weight(d) * v[j] : 0;
            }
            out[k] = s;
        }
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
