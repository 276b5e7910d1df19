package org.saliency4j.metrics;

/** An object box in image pixels: left, top, width, height. */
public record Box(double x, double y, double width, double height) {

    /** Distance from a pixel centre to the box (0 inside). */
    public double distance(double px, double py) {
        double dx = Math.max(Math.max(x - px, 0), px - (x + width));
        double dy = Math.max(Math.max(y - py, 0), py - (y + height));
        return Math.hypot(dx, dy);
    }

    public boolean contains(double px, double py) {
        return px >= x && px <= x + width && py >= y && py <= y + height;
    }
}
