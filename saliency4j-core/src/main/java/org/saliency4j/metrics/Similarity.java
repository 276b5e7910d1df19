package org.saliency4j.metrics;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/** Similarity of two maps of the same size, as the sanity tests compare them. */
public final class Similarity {
    private static final int WINDOW = 7;
    private static final double K1 = 0.01;
    private static final double K2 = 0.03;

    private Similarity() {}

    /** Spearman's rank correlation: Pearson's of the ranks, ties taking their mean rank; 0 when either is constant. */
    public static double spearman(float[] a, float[] b) {
        return pearson(ranks(a), ranks(b));
    }

    /**
     * SSIM with scikit-image's defaults (Wang et al. 2004): a 7 x 7 uniform window, sample
     * covariances, K1 = 0.01, K2 = 0.03, the given data range, and the mean of the SSIM map over
     * the positions whose window lies inside the image.
     */
    public static double ssim(float[] a, float[] b, int h, int w, double dataRange) {
        if (h < WINDOW || w < WINDOW) {
            throw new IllegalArgumentException("SSIM needs maps of at least 7 x 7, got " + h + " x " + w);
        }
        double n = WINDOW * WINDOW;
        double covNorm = n / (n - 1);
        double c1 = Math.pow(K1 * dataRange, 2);
        double c2 = Math.pow(K2 * dataRange, 2);
        int pad = WINDOW / 2;
        double sum = 0;
        for (int y = pad; y < h - pad; y++) {
            for (int x = pad; x < w - pad; x++) {
                double sa = 0;
                double sb = 0;
                double saa = 0;
                double sbb = 0;
                double sab = 0;
                for (int dy = -pad; dy <= pad; dy++) {
                    for (int dx = -pad; dx <= pad; dx++) {
                        double va = a[(y + dy) * w + x + dx];
                        double vb = b[(y + dy) * w + x + dx];
                        sa += va;
                        sb += vb;
                        saa += va * va;
                        sbb += vb * vb;
                        sab += va * vb;
                    }
                }
                double ua = sa / n;
                double ub = sb / n;
                double va = covNorm * (saa / n - ua * ua);
                double vb = covNorm * (sbb / n - ub * ub);
                double vab = covNorm * (sab / n - ua * ub);
                sum += (2 * ua * ub + c1) * (2 * vab + c2) / ((ua * ua + ub * ub + c1) * (va + vb + c2));
            }
        }
        return sum / ((double) (h - 2 * pad) * (w - 2 * pad));
    }

    /** The Frobenius norm of a - b. */
    public static double distance(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double d = (double) a[i] - b[i];
            s += d * d;
        }
        return Math.sqrt(s);
    }

    static double[] ranks(float[] v) {
        Integer[] order = IntStream.range(0, v.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> v[i]));
        double[] ranks = new double[v.length];
        for (int start = 0; start < v.length; ) {
            int end = start;
            while (end + 1 < v.length && v[order[end + 1]] == v[order[start]]) {
                end++;
            }
            double mean = (start + end) / 2.0 + 1;
            for (int k = start; k <= end; k++) {
                ranks[order[k]] = mean;
            }
            start = end + 1;
        }
        return ranks;
    }

    /** Pearson correlation of two series. */
    public static double pearson(double[] a, double[] b) {
        double ma = Arrays.stream(a).average().orElse(0);
        double mb = Arrays.stream(b).average().orElse(0);
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < a.length; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return saa == 0 || sbb == 0 ? 0 : sab / Math.sqrt(saa * sbb);
    }
}
