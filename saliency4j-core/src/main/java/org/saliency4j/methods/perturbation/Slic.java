package org.saliency4j.methods.perturbation;

import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * SLIC superpixels (Achanta et al. 2012, "SLIC Superpixels Compared to State-of-the-Art Superpixel
 * Methods"): k-means on (CIELAB colour, position) with centres seeded on a grid of step S =
 * sqrt(N / K) and moved to the lowest gradient of their 3 x 3 neighbourhood, each centre searching a
 * 2S x 2S window, distance sqrt(d_lab^2 + (d_xy / S)^2 m^2) with compactness m = 10, ten iterations;
 * then connectivity is enforced, segments smaller than a quarter of N / K joining a neighbour.
 * Inputs that are not 3-channel use their channels, scaled to 0 .. 100, in place of CIELAB.
 */
final class Slic {
    static final double COMPACTNESS = 10;
    static final int ITERATIONS = 10;

    private Slic() {}

    /** Superpixels of an image [C, H, W] with values in [0, 1]. */
    static Superpixels segment(float[] pixels, int channels, int height, int width, int segments) {
        int area = height * width;
        int features = channels == 3 ? 3 : channels;
        double[] colour = channels == 3 ? lab(pixels, area) : scaled(pixels, channels, area);
        double step = Math.max(1, Math.sqrt((double) area / segments));
        int rows = Math.max(1, (int) Math.round(height / step));
        int cols = Math.max(1, (int) Math.round(width / step));
        int k = rows * cols;
        double[][] centres = new double[k][features + 2];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int y = Math.min(height - 1, (int) ((r + 0.5) * height / rows));
                int x = Math.min(width - 1, (int) ((c + 0.5) * width / cols));
                int best = lowestGradient(colour, features, height, width, y, x);
                centre(centres[r * cols + c], colour, features, area, best, width);
            }
        }
        int[] labels = new int[area];
        double[] distance = new double[area];
        int window = (int) Math.ceil(step);
        double spatial = COMPACTNESS * COMPACTNESS / (step * step);
        for (int iteration = 0; iteration < ITERATIONS; iteration++) {
            Arrays.fill(distance, Double.POSITIVE_INFINITY);
            for (int j = 0; j < k; j++) {
                double[] m = centres[j];
                int cy = (int) Math.round(m[features]);
                int cx = (int) Math.round(m[features + 1]);
                for (int y = Math.max(0, cy - window); y < Math.min(height, cy + window + 1); y++) {
                    for (int x = Math.max(0, cx - window); x < Math.min(width, cx + window + 1); x++) {
                        int i = y * width + x;
                        double d = 0;
                        for (int f = 0; f < features; f++) {
                            double v = colour[f * area + i] - m[f];
                            d += v * v;
                        }
                        double dy = y - m[features];
                        double dx = x - m[features + 1];
                        d += (dy * dy + dx * dx) * spatial;
                        if (d < distance[i]) {
                            distance[i] = d;
                            labels[i] = j;
                        }
                    }
                }
            }
            double[][] sums = new double[k][features + 3];
            for (int i = 0; i < area; i++) {
                double[] s = sums[labels[i]];
                for (int f = 0; f < features; f++) {
                    s[f] += colour[f * area + i];
                }
                s[features] += i / width;
                s[features + 1] += i % width;
                s[features + 2]++;
            }
            for (int j = 0; j < k; j++) {
                if (sums[j][features + 2] > 0) {
                    for (int f = 0; f < features + 2; f++) {
                        centres[j][f] = sums[j][f] / sums[j][features + 2];
                    }
                }
            }
        }
        return connected(labels, height, width, Math.max(1, area / k / 4));
    }

    private static void centre(double[] into, double[] colour, int features, int area, int i, int width) {
        for (int f = 0; f < features; f++) {
            into[f] = colour[f * area + i];
        }
        into[features] = i / width;
        into[features + 1] = i % width;
    }

    /** The pixel of the 3 x 3 neighbourhood with the lowest colour gradient. */
    private static int lowestGradient(double[] colour, int features, int height, int width, int y, int x) {
        int area = height * width;
        int best = y * width + x;
        double lowest = Double.POSITIVE_INFINITY;
        for (int ny = Math.max(1, y - 1); ny <= Math.min(height - 2, y + 1); ny++) {
            for (int nx = Math.max(1, x - 1); nx <= Math.min(width - 2, x + 1); nx++) {
                double g = 0;
                for (int f = 0; f < features; f++) {
                    int o = f * area;
                    double gx = colour[o + ny * width + nx + 1] - colour[o + ny * width + nx - 1];
                    double gy = colour[o + (ny + 1) * width + nx] - colour[o + (ny - 1) * width + nx];
                    g += gx * gx + gy * gy;
                }
                if (g < lowest) {
                    lowest = g;
                    best = ny * width + nx;
                }
            }
        }
        return best;
    }

    /**
     * Relabels 4-connected components 0 .. M - 1 in scan order; a component smaller than
     * {@code smallest} takes the label of the component met just before it (its left or upper neighbour).
     */
    private static Superpixels connected(int[] labels, int height, int width, int smallest) {
        int area = labels.length;
        int[] out = new int[area];
        Arrays.fill(out, -1);
        int[] component = new int[area];
        int next = 0;
        for (int start = 0; start < area; start++) {
            if (out[start] >= 0) {
                continue;
            }
            int size = flood(labels, out, component, start, next, height, width);
            if (size < smallest && next > 0) {
                int adjacent = adjacentLabel(out, start, width);
                for (int i = 0; i < size; i++) {
                    out[component[i]] = adjacent;
                }
            } else {
                next++;
            }
        }
        return new Superpixels(out, next);
    }

    /** Labels the 4-connected component of {@code start} (same input label) as {@code label}; returns its size. */
    private static int flood(int[] labels, int[] out, int[] component, int start, int label, int height, int width) {
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        queue.add(start);
        out[start] = label;
        int size = 0;
        while (!queue.isEmpty()) {
            int i = queue.poll();
            component[size++] = i;
            int y = i / width;
            int x = i % width;
            int[] neighbours = {
                y > 0 ? i - width : -1, y < height - 1 ? i + width : -1, x > 0 ? i - 1 : -1, x < width - 1 ? i + 1 : -1
            };
            for (int n : neighbours) {
                if (n >= 0 && out[n] < 0 && labels[n] == labels[start]) {
                    out[n] = label;
                    queue.add(n);
                }
            }
        }
        return size;
    }

    /** The final label of the pixel left of, or else above, the component's first pixel. */
    private static int adjacentLabel(int[] out, int start, int width) {
        if (start % width > 0) {
            return out[start - 1];
        }
        return out[start - width];
    }

    private static double[] scaled(float[] pixels, int channels, int area) {
        double[] out = new double[channels * area];
        for (int i = 0; i < out.length; i++) {
            out[i] = 100.0 * pixels[i];
        }
        return out;
    }

    /** sRGB in [0, 1] to CIELAB (D65), [3, H * W]. */
    static double[] lab(float[] rgb, int area) {
        double[] out = new double[3 * area];
        for (int i = 0; i < area; i++) {
            double r = linear(rgb[i]);
            double g = linear(rgb[area + i]);
            double b = linear(rgb[2 * area + i]);
            double x = (0.412453 * r + 0.357580 * g + 0.180423 * b) / 0.950456;
            double y = 0.212671 * r + 0.715160 * g + 0.072169 * b;
            double z = (0.019334 * r + 0.119193 * g + 0.950227 * b) / 1.088754;
            double fx = f(x);
            double fy = f(y);
            double fz = f(z);
            out[i] = 116 * fy - 16;
            out[area + i] = 500 * (fx - fy);
            out[2 * area + i] = 200 * (fy - fz);
        }
        return out;
    }

    private static double linear(double c) {
        double v = Math.min(1, Math.max(0, c));
        return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }

    private static double f(double t) {
        return t > 216.0 / 24389 ? Math.cbrt(t) : (24389.0 / 27 * t + 16) / 116;
    }
}
