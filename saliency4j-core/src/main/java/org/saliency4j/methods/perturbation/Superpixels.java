package org.saliency4j.methods.perturbation;

import org.saliency4j.image.Preprocessing;
import org.saliency4j.model.InputSpec;

/**
 * An input divided into M features for the surrogate methods: a label 0 .. M - 1 per pixel.
 * {@code slic} makes superpixels (see {@link Slic}) from the image's colours, recovered from the
 * model input through the preprocessing; {@code grid} cuts the input into about {@code count}
 * equal rectangles.
 *
 * @param labels per pixel, [H * W] row-major
 * @param count  the number of features M
 */
record Superpixels(int[] labels, int count) {
    static final String SLIC = "slic";
    static final String GRID = "grid";

    static Superpixels of(String kind, float[] chw, InputSpec spec, Preprocessing p, int segments) {
        return kind.equals(GRID)
                ? grid(spec.height(), spec.width(), segments)
                : Slic.segment(pixels(chw, spec, p), spec.channels(), spec.height(), spec.width(), segments);
    }

    /** Rows x columns cells as close to square as the input allows, about {@code segments} in all. */
    static Superpixels grid(int height, int width, int segments) {
        double side = Math.sqrt((double) height * width / segments);
        int rows = Math.max(1, Math.min(height, (int) Math.round(height / side)));
        int cols = Math.max(1, Math.min(width, (int) Math.round(width / side)));
        int[] labels = new int[height * width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                labels[y * width + x] = (y * rows / height) * cols + x * cols / width;
            }
        }
        return new Superpixels(labels, rows * cols);
    }

    /** The image's values in [0, 1] (pixel / 255, RGB order), [C, H, W], from the model input. */
    static float[] pixels(float[] chw, InputSpec spec, Preprocessing p) {
        int area = spec.height() * spec.width();
        float[] out = new float[chw.length];
        for (int c = 0; c < spec.channels(); c++) {
            int to = p.bgr() && spec.channels() == 3 ? 2 - c : c;
            for (int i = 0; i < area; i++) {
                out[to * area + i] = (chw[c * area + i] * p.std()[c] + p.mean()[c]) / p.scale() / 255f;
            }
        }
        return out;
    }

    /** The binary masks of the features' indicator rows: pixel i of mask r is row r's entry for its label. */
    void masks(double[][] rows, int first, int count, float[] into) {
        int area = labels.length;
        for (int r = 0; r < count; r++) {
            double[] z = rows[first + r];
            for (int i = 0; i < area; i++) {
                into[r * area + i] = (float) z[labels[i]];
            }
        }
    }
}
