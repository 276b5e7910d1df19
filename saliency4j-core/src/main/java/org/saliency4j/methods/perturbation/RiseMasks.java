package org.saliency4j.methods.perturbation;

import java.util.SplittableRandom;
import org.saliency4j.tensor.SeparableFilter;

/**
 * RISE's random masks, as the authors' code (eclique/RISE) makes them: a grid of s x s cells, each
 * kept with probability p, upsampled bilinearly to (s + 1) * ceil(H / s) (scikit-image's order-1
 * resize: half-pixel centres, mirrored at the border), then cropped to H x W at a random shift of 0
 * to ceil(H / s) - 1 pixels along each axis.
 */
final class RiseMasks {
    private final int cells;
    private final double keep;
    private final int height;
    private final int width;
    private final int cellHeight;
    private final int cellWidth;

    RiseMasks(int cells, double keep, int height, int width) {
        this.cells = cells;
        this.keep = keep;
        this.height = height;
        this.width = width;
        this.cellHeight = (int) Math.ceil((double) height / cells);
        this.cellWidth = (int) Math.ceil((double) width / cells);
    }

    /** Draws the next mask from the stream into {@code into} at {@code offset}: the grid, then the shifts. */
    void draw(SplittableRandom random, float[] into, int offset) {
        boolean[] grid = new boolean[cells * cells];
        for (int i = 0; i < grid.length; i++) {
            grid[i] = random.nextDouble() < keep;
        }
        int dy = random.nextInt(cellHeight);
        int dx = random.nextInt(cellWidth);
        mask(grid, dy, dx, into, offset);
    }

    /** The mask of a grid (row-major, s x s), cropped at (dy, dx). */
    void mask(boolean[] grid, int dy, int dx, float[] into, int offset) {
        int upHeight = (cells + 1) * cellHeight;
        int upWidth = (cells + 1) * cellWidth;
        for (int y = 0; y < height; y++) {
            Tap row = tap(y + dy, upHeight);
            for (int x = 0; x < width; x++) {
                Tap col = tap(x + dx, upWidth);
                double top = cell(grid, row.low, col.low) * (1 - col.fraction)
                        + cell(grid, row.low, col.high) * col.fraction;
                double bottom = cell(grid, row.high, col.low) * (1 - col.fraction)
                        + cell(grid, row.high, col.high) * col.fraction;
                into[offset + y * width + x] = (float) (top * (1 - row.fraction) + bottom * row.fraction);
            }
        }
    }

    private double cell(boolean[] grid, int row, int col) {
        return grid[row * cells + col] ? 1 : 0;
    }

    /** The two source cells and the weight of the second, for output pixel i of an axis upsampled to {@code up}. */
    private Tap tap(int i, int up) {
        double source = (i + 0.5) * cells / up - 0.5;
        int low = (int) Math.floor(source);
        double fraction = source - low;
        return new Tap(SeparableFilter.reflect(low, cells), SeparableFilter.reflect(low + 1, cells), fraction);
    }

    private record Tap(int low, int high, double fraction) {}
}
