package org.saliency4j.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A small line plot as inline SVG: curves, shaded bands, axes with ticks, and a legend. */
final class SvgPlot {
    /** Colours for the series, one per method in order (the Tableau 10 palette). */
    static final List<String> PALETTE = List.of(
            "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22",
            "#17becf");

    private static final int WIDTH = 480;
    private static final int HEIGHT = 300;
    private static final int LEFT = 52;
    private static final int RIGHT = 150;
    private static final int TOP = 28;
    private static final int BOTTOM = 42;

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final double xMin;
    private final double xMax;
    private final double yMin;
    private final double yMax;
    private final StringBuilder body = new StringBuilder();
    private final List<String[]> legend = new ArrayList<>();

    SvgPlot(String title, String xLabel, String yLabel, double xMin, double xMax, double yMin, double yMax) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.xMin = xMin;
        this.xMax = xMax > xMin ? xMax : xMin + 1;
        this.yMin = yMin;
        this.yMax = yMax > yMin ? yMax : yMin + 1;
    }

    static String colour(int series) {
        return PALETTE.get(series % PALETTE.size());
    }

    void curve(double[] x, double[] y, String colour, double opacity, double width) {
        body.append(String.format(
                Locale.ROOT,
                "<polyline class=\"curve\" fill=\"none\" stroke=\"%s\" stroke-opacity=\"%.2f\" stroke-width=\"%.1f\" "
                        + "points=\"%s\"/>%n",
                colour,
                opacity,
                width,
                points(x, y, false)));
    }

    /** The area between lo and hi over x. */
    void band(double[] x, double[] lo, double[] hi, String colour, double opacity) {
        body.append(String.format(
                Locale.ROOT,
                "<polygon fill=\"%s\" fill-opacity=\"%.2f\" stroke=\"none\" points=\"%s %s\"/>%n",
                colour,
                opacity,
                points(x, hi, false),
                points(x, lo, true)));
    }

    void legend(String name, String colour) {
        legend.add(new String[] {name, colour});
    }

    String svg() {
        StringBuilder out = new StringBuilder(String.format(
                Locale.ROOT,
                "<svg class=\"plot\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                        + "viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\">%n",
                WIDTH,
                HEIGHT,
                WIDTH,
                HEIGHT,
                escape(title)));
        out.append(text(LEFT, 16, title, "title", "start"));
        int plotRight = WIDTH - RIGHT;
        int plotBottom = HEIGHT - BOTTOM;
        for (int i = 0; i <= 4; i++) {
            double fx = xMin + (xMax - xMin) * i / 4;
            double fy = yMin + (yMax - yMin) * i / 4;
            double px = px(fx);
            double py = py(fy);
            out.append(String.format(
                    Locale.ROOT,
                    "<line class=\"grid\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>%n",
                    px,
                    TOP,
                    px,
                    plotBottom));
            out.append(String.format(
                    Locale.ROOT,
                    "<line class=\"grid\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/>%n",
                    LEFT,
                    py,
                    plotRight,
                    py));
            out.append(text(px, plotBottom + 14, tick(fx), "tick", "middle"));
            out.append(text(LEFT - 4, py + 4, tick(fy), "tick", "end"));
        }
        out.append(String.format(
                Locale.ROOT,
                "<rect class=\"frame\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\"/>%n",
                LEFT,
                TOP,
                plotRight - LEFT,
                plotBottom - TOP));
        out.append(body);
        out.append(text((LEFT + plotRight) / 2.0, HEIGHT - 8, xLabel, "label", "middle"));
        out.append(String.format(
                Locale.ROOT,
                "<text class=\"label\" text-anchor=\"middle\" transform=\"translate(12 %.1f) rotate(-90)\">%s</text>%n",
                (TOP + plotBottom) / 2.0,
                escape(yLabel)));
        for (int i = 0; i < legend.size(); i++) {
            int y = TOP + 6 + 16 * i;
            out.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"3\"/>%n",
                    plotRight + 8,
                    y,
                    plotRight + 24,
                    y,
                    legend.get(i)[1]));
            out.append(text(plotRight + 28, y + 4, legend.get(i)[0], "legend", "start"));
        }
        return out.append("</svg>").toString();
    }

    private String points(double[] x, double[] y, boolean reversed) {
        StringBuilder p = new StringBuilder();
        for (int k = 0; k < x.length; k++) {
            int i = reversed ? x.length - 1 - k : k;
            p.append(String.format(Locale.ROOT, "%.1f,%.1f ", px(x[i]), py(y[i])));
        }
        return p.toString().strip();
    }

    private double px(double x) {
        return LEFT + (x - xMin) / (xMax - xMin) * (WIDTH - RIGHT - LEFT);
    }

    private double py(double y) {
        double clamped = Math.max(yMin, Math.min(yMax, y));
        return HEIGHT - BOTTOM - (clamped - yMin) / (yMax - yMin) * (HEIGHT - BOTTOM - TOP);
    }

    private static String tick(double v) {
        return Math.abs(v - Math.rint(v)) < 1e-9 ? Long.toString(Math.round(v)) : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String text(double x, double y, String s, String cls, String anchor) {
        return String.format(
                Locale.ROOT,
                "<text class=\"%s\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">%s</text>%n",
                cls,
                x,
                y,
                anchor,
                escape(s));
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
