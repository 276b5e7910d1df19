package org.saliency4j.render;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

/** A side-by-side grid: one row per input, one column per method, with titles. */
public final class GridRenderer {
    private static final int CELL = 192;
    private static final int TITLE = 22;
    private static final int ROW_LABEL = 140;

    private GridRenderer() {}

    /** cells.get(row).get(column) is an image (any size; scaled to fit the cell). */
    public static BufferedImage render(
            List<String> rowTitles, List<String> columnTitles, List<List<BufferedImage>> cells) {
        int width = ROW_LABEL + columnTitles.size() * CELL;
        int height = TITLE + rowTitles.size() * CELL;
        BufferedImage grid = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = grid.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        for (int r = 0; r < rowTitles.size(); r++) {
            for (int c = 0; c < columnTitles.size(); c++) {
                BufferedImage cell = cells.get(r).get(c);
                double scale = Math.min((double) (CELL - 4) / cell.getWidth(), (double) (CELL - 4) / cell.getHeight());
                int w = (int) Math.round(cell.getWidth() * scale);
                int h = (int) Math.round(cell.getHeight() * scale);
                g.drawImage(cell, ROW_LABEL + c * CELL + (CELL - w) / 2, TITLE + r * CELL + (CELL - h) / 2, w, h, null);
            }
        }
        drawTitles(g, rowTitles, columnTitles);
        g.dispose();
        return grid;
    }

    private static void drawTitles(Graphics2D g, List<String> rowTitles, List<String> columnTitles) {
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
            for (int c = 0; c < columnTitles.size(); c++) {
                g.drawString(columnTitles.get(c), ROW_LABEL + c * CELL + 6, TITLE - 6);
            }
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            for (int r = 0; r < rowTitles.size(); r++) {
                String title = rowTitles.get(r);
                g.drawString(
                        title.length() > 20 ? title.substring(0, 19) + "…" : title, 6, TITLE + r * CELL + CELL / 2);
            }
        } catch (RuntimeException | Error e) {
            // a machine without fonts still gets the grid, untitled
        }
    }
}
