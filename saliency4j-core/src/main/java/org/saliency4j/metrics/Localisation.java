package org.saliency4j.metrics;

import java.util.List;

/**
 * Localisation metrics of a saliency map [H, W] given in the image's own pixels, against the boxes
 * of the objects of the explained class.
 * <ul>
 *   <li>Pointing game (Zhang et al. 2016, as TorchRay scores it): a hit when the map's maximum lies
 *       within {@code tolerance} pixels of a box.</li>
 *   <li>Energy in boxes (the "energy-based pointing game" of Score-CAM; Quantus' relevance mass):
 *       the share of the map's positive mass inside the union of the boxes.</li>
 * </ul>
 */
public final class Localisation {
    /** TorchRay's tolerance, in pixels. */
    public static final double POINTING_TOLERANCE = 15;

    private Localisation() {}

    public static boolean pointingHit(float[] map, int height, int width, List<Box> boxes, double tolerance) {
        int best = 0;
        for (int i = 1; i < map.length; i++) {
            if (map[i] > map[best]) {
                best = i;
            }
        }
        double px = best % width + 0.5;
        double py = best / width + 0.5;
        return boxes.stream().anyMatch(b -> b.distance(px, py) <= tolerance);
    }

    /** Sum of max(map, 0) inside the union of the boxes over its sum everywhere (0 for an empty map). */
    public static double energyInBoxes(float[] map, int height, int width, List<Box> boxes) {
        double inside = 0;
        double total = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double v = Math.max(0, map[y * width + x]);
                total += v;
                double px = x + 0.5;
                double py = y + 0.5;
                if (boxes.stream().anyMatch(b -> b.contains(px, py))) {
                    inside += v;
                }
            }
        }
        return total > 0 ? inside / total : 0;
    }
}
