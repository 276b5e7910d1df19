package org.saliency4j.methods.cam;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

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

    /**
     * The unit eigenvector of a symmetric positive semi-definite matrix's largest eigenvalue, by
     * EJML's symmetric QR algorithm (power iteration needed thousands of steps where the two
     * largest eigenvalues are close: 10 ms per ResNet-18 image).
     */
    private static double[] topEigenvector(double[][] m) {
        int n = m.length;
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, true, true);
        if (!eig.decompose(new DMatrixRMaj(m))) {
            throw new IllegalStateException("the eigendecomposition of a symmetric matrix did not converge");
        }
        int top = 0;
        for (int i = 1; i < n; i++) {
            if (eig.getEigenvalue(i).getReal() > eig.getEigenvalue(top).getReal()) {
                top = i;
            }
        }
        DMatrixRMaj vector = eig.getEigenVector(top);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = vector.get(i, 0);
        }
        normalise(v);
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
