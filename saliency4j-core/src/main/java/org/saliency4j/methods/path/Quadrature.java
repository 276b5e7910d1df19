package org.saliency4j.methods.path;

import java.util.List;
import org.saliency4j.methods.Parameter;

/**
 * Points alpha in [0, 1] and weights for integrating along a straight path, as Captum defines
 * its approximation methods: riemann left, right, middle and trapezoid, and Gauss-Legendre.
 */
public record Quadrature(double[] alphas, double[] weights) {
    public static final List<String> RULES = List.of("left", "right", "midpoint", "trapezoid", "gauss-legendre");

    /** The rule parameter of a path method, offering some of the rules. */
    public static Parameter parameter(String defaultValue, String... rules) {
        return Parameter.choice("rule", defaultValue, "quadrature rule along the path", rules);
    }

    /** The points and weights of a rule; the trapezoid needs at least 2 steps, the others 1. */
    public static Quadrature of(String rule, int steps) {
        if (steps < (rule.equals("trapezoid") ? 2 : 1)) {
            throw new IllegalArgumentException(rule + " needs more steps than " + steps);
        }
        double[] a;
        double[] w;
        switch (rule) {
            case "left", "right", "midpoint" -> {
                a = new double[steps];
                w = new double[steps];
                double offset = rule.equals("left") ? 0 : rule.equals("right") ? 1 : 0.5;
                for (int k = 0; k < steps; k++) {
                    a[k] = (k + offset) / steps;
                    w[k] = 1.0 / steps;
                }
            }
            case "trapezoid" -> {
                a = new double[steps];
                w = new double[steps];
                for (int k = 0; k < steps; k++) {
                    a[k] = (double) k / (steps - 1);
                    w[k] = (k == 0 || k == steps - 1 ? 0.5 : 1.0) / (steps - 1);
                }
            }
            case "gauss-legendre" -> {
                double[][] nw = gaussLegendre(steps);
                a = new double[steps];
                w = new double[steps];
                for (int k = 0; k < steps; k++) {
                    a[k] = 0.5 * (1 + nw[0][k]);
                    w[k] = 0.5 * nw[1][k];
                }
            }
            default -> throw new IllegalArgumentException("unknown rule '" + rule + "'; the rules are " + RULES);
        }
        return new Quadrature(a, w);
    }

    /** Nodes (ascending) and weights of n-point Gauss-Legendre on [-1, 1], by Newton's method on P_n. */
    static double[][] gaussLegendre(int n) {
        double[] x = new double[n];
        double[] w = new double[n];
        for (int i = 0; i < (n + 1) / 2; i++) {
            double z = Math.cos(Math.PI * (i + 0.75) / (n + 0.5));
            double derivative = 0;
            for (int iteration = 0; iteration < 100; iteration++) {
                double p0 = 1;
                double p1 = 0;
                for (int j = 1; j <= n; j++) {
                    double p2 = p1;
                    p1 = p0;
                    p0 = ((2 * j - 1) * z * p1 - (j - 1) * p2) / j;
                }
                derivative = n * (z * p0 - p1) / (z * z - 1);
                double previous = z;
                z = previous - p0 / derivative;
                if (Math.abs(z - previous) < 1e-15) {
                    break;
                }
            }
            x[i] = -z;
            x[n - 1 - i] = z;
            w[i] = 2 / ((1 - z * z) * derivative * derivative);
            w[n - 1 - i] = w[i];
        }
        return new double[][] {x, w};
    }
}
