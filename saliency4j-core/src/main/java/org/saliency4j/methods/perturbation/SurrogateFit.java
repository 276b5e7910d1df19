package org.saliency4j.methods.perturbation;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;
import org.saliency4j.SaliencyException;

/**
 * The weighted linear fit of a surrogate model, with an intercept, as scikit-learn's Ridge and
 * LinearRegression fit it given sample weights: the rows and outputs are centred on their weighted
 * means, then beta minimises sum_i w_i (y_i - x_i beta)^2 + alpha |beta|^2, solved by SVD (EJML's
 * pseudo-inverse) on the stacked system [sqrt(w) X; sqrt(alpha) I] beta = [sqrt(w) y; 0], which
 * gives the least-norm solution when alpha = 0 and the design does not determine beta (as LAPACK's
 * lstsq does).
 *
 * @param intercept the fitted intercept
 * @param coefficients one per feature
 */
record SurrogateFit(double intercept, double[] coefficients) {
    static SurrogateFit fit(double[][] design, double[] outputs, double[] weights, double alpha) {
        int n = design.length;
        int m = design[0].length;
        double total = 0;
        double meanY = 0;
        double[] meanX = new double[m];
        for (int i = 0; i < n; i++) {
            total += weights[i];
            meanY += weights[i] * outputs[i];
            for (int j = 0; j < m; j++) {
                meanX[j] += weights[i] * design[i][j];
            }
        }
        if (!(total > 0)) {
            throw new SaliencyException(
                    SaliencyException.Kind.BAD_OPTION, "the surrogate's sample weights sum to " + total + ".");
        }
        meanY /= total;
        for (int j = 0; j < m; j++) {
            meanX[j] /= total;
        }
        int rows = alpha > 0 ? n + m : n;
        DMatrixRMaj a = new DMatrixRMaj(rows, m);
        DMatrixRMaj b = new DMatrixRMaj(rows, 1);
        for (int i = 0; i < n; i++) {
            double s = Math.sqrt(weights[i]);
            for (int j = 0; j < m; j++) {
                a.set(i, j, s * (design[i][j] - meanX[j]));
            }
            b.set(i, 0, s * (outputs[i] - meanY));
        }
        for (int j = 0; alpha > 0 && j < m; j++) {
            a.set(n + j, j, Math.sqrt(alpha));
        }
        LinearSolverDense<DMatrixRMaj> solver = LinearSolverFactory_DDRM.pseudoInverse(true);
        if (!solver.setA(a)) {
            throw new SaliencyException(
                    SaliencyException.Kind.RUNTIME, "the surrogate's least-squares fit did not converge.");
        }
        DMatrixRMaj beta = new DMatrixRMaj(m, 1);
        solver.solve(b, beta);
        double[] coefficients = new double[m];
        double intercept = meanY;
        for (int j = 0; j < m; j++) {
            coefficients[j] = beta.get(j, 0);
            intercept -= meanX[j] * coefficients[j];
        }
        return new SurrogateFit(intercept, coefficients);
    }
}
