package org.saliency4j.methods.cam;

/**
 * Eigen-CAM (Muhammad and Yeasin 2020): the projection of the activations on their first principal
 * component, without gradients. X = A as [h*w, C] with each channel's mean removed (as
 * pytorch-grad-cam does); the map is X v1 for the top right-singular vector v1 of X.
 *
 * <p>A singular vector's sign is arbitrary (pytorch-grad-cam keeps whatever LAPACK returns). Here
 * the sign is chosen so that the map correlates positively with the channel-summed activations,
 * which makes the result deterministic and points it at where the layer is active.
 */
public final class EigenCam extends CamMethod {
    public EigenCam() {
        super(
                "eigencam",
                "ReLU of the centred activations' projection on their first principal component (no "
                        + "gradients); the sign is chosen to correlate positively with Σ_c A, where "
                        + "pytorch-grad-cam leaves it to LAPACK",
                false);
    }

    private static final int MAX_ITERATIONS = 5000;
    private static final double TOLERANCE = 1e-12;

    @Override
    float[] camBeforeRelu(float[] a, float[] unused, int channels, int area) {
        double[][] x = new double[area][channels];
        for (int c = 0; c < channels; c++) {
            double mean = 0;
            for (int i = 0; i < area; i++) {
                mean += a[c * area + i];
            }
            mean /= area;
            for (int i = 0; i < area; i++) {
                x[i][c] = a[c * area + i] - mean;
            }
        }
        double[] projection = area <= channels
                ? projectionFromPixelGram(x, area, channels)
                : projectionFromChannelGram(x, area, channels);
        double agreement = 0;
        for (int i = 0; i < area; i++) {
            double active = 0;
            for (int c = 0; c < channels; c++) {
                active += a[c * area + i];
            }
            agreement += projection[i] * active;
        }
        float[] out = new float[area];
        for (int i = 0; i < area; i++) {
            out[i] = (float) (agreement < 0 ? -projection[i] : projection[i]);
        }
        return out;
    }

    /** X X^T = U S^2 U^T, so X v1 = s1 u1. */
    private static double[] projectionFromPixelGram(double[][] x, int area, int channels) {
        double[][] gram = gram(x);
        double[] u = topEigenvector(gram);
        double sigma = Math.sqrt(Math.max(rayleigh(gram, u), 0));
        double[] p = new double[area];
        for (int i = 0; i < area; i++) {
            p[i] = sigma * u[i];
        }
        return p;
    }

    /** X^T X = V S^2 V^T; the map is X v1. */
    private static double[] projectionFromChannelGram(double[][] x, int area, int channels) {
        double[][] columns = new double[channels][area];
        for (int i = 0; i < area; i++) {
            for (int c = 0; c < channels; c++) {
                columns[c][i] = x[i][c];
            }
        }
        double[] v = topEigenvector(gram(columns));
        double[] p = new double[area];
        for (int i = 0; i < area; i++) {
            for (int c = 0; c < channels; c++) {
                p[i] += x[i][c] * v[c];
            }
        }
        return p;
    }

    /** The Gram matrix of a set of row vectors: G[i][j] = rows[i] . rows[j]. */
    private static double[][] gram(double[][] rows) {
        int n = rows.length;
        double[][] g = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double s = 0;
                for (int k = 0; k < rows[i].length; k++) {
                    s += rows[i][k] * rows[j][k];
                }
                g[i][j] = s;
                g[j][i] = s;
            }
        }
        return g;
    }

    /** Power iteration on a symmetric positive semi-definite matrix; unit vector. */
    static double[] topEigenvector(double[][] m) {
        int n = m.length;
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = 1.0 + 0.01 * i; // deterministic, and not orthogonal to a dominant direction in practice
        }
        normalise(v);
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            double[] next = new double[n];
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int j = 0; j < n; j++) {
                    s += m[i][j] * v[j];
                }
                next[i] = s;
            }
            if (normalise(next) == 0) {
                return v; // all-zero matrix: constant activations
            }
            double change = 0;
            for (int i = 0; i < n; i++) {
                change += (next[i] - v[i]) * (next[i] - v[i]);
            }
            v = next;
            if (change < TOLERANCE) {
                break;
            }
        }
        return v;
    }

    private static double rayleigh(double[][] m, double[] v) {
        double s = 0;
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m.length; j++) {
                s += v[i] * m[i][j] * v[j];
            }
        }
        return s;
    }

    private static double normalise(double[] v) {
        double norm = 0;
        for (double x : v) {
            norm += x * x;
        }
        norm = Math.sqrt(norm);
        if (norm > 0) {
            for (int i = 0; i < v.length; i++) {
                v[i] /= norm;
            }
        }
        return norm;
    }
}
