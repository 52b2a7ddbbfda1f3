package org.bonlab.examples;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;

/**
 * An XY line chart written as SVG with its words as {@code <text>} elements: selectable, searchable and set in
 * the reader's font. XChart 4.0.3 draws every label as glyph outlines, so its own vector route gives SVG files
 * whose text is shapes; this writer reads the same chart (series, colours, strokes, titles, logarithmic axes,
 * tick formatting, legend corner) and lays it out itself. PNG and PDF stay with XChart.
 *
 * <p>Axes: a logarithmic axis spans whole decades with a tick at each; a linear axis takes 4-9 ticks at a step of
 * 1, 2, 2.5 or 5 times a power of 10. Points that are not finite (or not positive on a logarithmic axis) break a
 * curve rather than being drawn.
 */
public final class SvgChart {

    private static final double LEFT = 74;
    private static final double RIGHT = 18;
    private static final double TOP = 38;
    private static final double BOTTOM = 50;
    private static final String FONT_FAMILY = "DejaVu Sans, Helvetica, Arial, sans-serif";
    private static final FontRenderContext FRC = new FontRenderContext(null, true, true);

    private SvgChart() {
    }

    /** Writes {@code chart} to {@code file} as an SVG document (UTF-8). */
    public static void write(XYChart chart, Path file) throws IOException {
        Files.writeString(file, render(chart), StandardCharsets.UTF_8);
    }

    /** The SVG document of {@code chart}. */
    public static String render(XYChart chart) {
        XYStyler st = chart.getStyler();
        int w = chart.getWidth();
        int h = chart.getHeight();
        double x0 = LEFT;
        double x1 = w - RIGHT;
        double y0 = TOP;
        double y1 = h - BOTTOM;
        List<XYSeries> series = new ArrayList<>(chart.getSeriesCollection());
        Axis xAxis = Axis.of(series, true, st.isXAxisLogarithmic(), x0, x1, st.getxAxisTickLabelsFormattingFunction());
        Axis yAxis = Axis.of(series, false, st.isYAxisLogarithmic(), y1, y0, st.getyAxisTickLabelsFormattingFunction());

        StringBuilder s = new StringBuilder();
        s.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"%s\">%n", w, h, w, h, FONT_FAMILY));
        s.append("<title>").append(esc(chart.getTitle())).append("</title>\n");
        s.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"%s\"/>%n", w, h,
                hex(st.getChartBackgroundColor())));
        s.append(String.format(Locale.ROOT, "<defs><clipPath id=\"plot\"><rect x=\"%s\" y=\"%s\" width=\"%s\" "
                + "height=\"%s\"/></clipPath></defs>%n", num(x0), num(y0), num(x1 - x0), num(y1 - y0)));

        // grid, then the frame
        String grid = hex(st.getPlotGridLinesColor());
        String gridWidth = num(st.getPlotGridLinesStroke().getLineWidth());
        s.append("<g class=\"grid\" stroke=\"").append(grid).append("\" stroke-width=\"").append(gridWidth)
                .append("\">\n");
        for (double t : xAxis.ticks) {
            double px = xAxis.pixel(t);
            s.append(line(px, y0, px, y1));
        }
        for (double t : yAxis.ticks) {
            double py = yAxis.pixel(t);
            s.append(line(x0, py, x1, py));
        }
        s.append("</g>\n");
        s.append(String.format(Locale.ROOT, "<rect class=\"frame\" x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" "
                + "fill=\"none\" stroke=\"#808080\" stroke-width=\"1\"/>%n", num(x0), num(y0), num(x1 - x0), num(y1 - y0)));

        // tick labels and titles
        s.append("<g class=\"tick-labels\" font-size=\"11\" fill=\"#333333\">\n");
        for (int i = 0; i < xAxis.ticks.size(); i++) {
            s.append(text(xAxis.pixel(xAxis.ticks.get(i)), y1 + 16, "middle", xAxis.labels.get(i), "x-tick"));
        }
        for (int i = 0; i < yAxis.ticks.size(); i++) {
            s.append(text(x0 - 6, yAxis.pixel(yAxis.ticks.get(i)) + 4, "end", yAxis.labels.get(i), "y-tick"));
        }
        s.append("</g>\n");
        s.append("<g class=\"titles\" fill=\"#000000\">\n");
        s.append(String.format(Locale.ROOT, "<text class=\"title\" x=\"%s\" y=\"%s\" text-anchor=\"middle\" "
                + "font-size=\"14\">%s</text>%n", num(w / 2.0), num(TOP - 14), esc(chart.getTitle())));
        s.append(String.format(Locale.ROOT, "<text class=\"x-title\" x=\"%s\" y=\"%s\" text-anchor=\"middle\" "
                + "font-size=\"12\">%s</text>%n", num((x0 + x1) / 2), num(h - 12.0), esc(chart.getXAxisTitle())));
        double yMid = (y0 + y1) / 2;
        s.append(String.format(Locale.ROOT, "<text class=\"y-title\" x=\"%s\" y=\"%s\" text-anchor=\"middle\" "
                + "font-size=\"12\" transform=\"rotate(-90 %s %s)\">%s</text>%n", num(16.0), num(yMid), num(16.0),
                num(yMid), esc(chart.getYAxisTitle())));
        s.append("</g>\n");

        // the curves, clipped to the plot
        s.append("<g class=\"series\" clip-path=\"url(#plot)\" fill=\"none\" stroke-linejoin=\"round\">\n");
        for (XYSeries ser : series) {
            s.append("<g class=\"curve\" data-name=\"").append(esc(ser.getName())).append("\" stroke=\"")
                    .append(hex(ser.getLineColor())).append("\" stroke-width=\"").append(num(width(ser))).append('"');
            float[] dash = ser.getLineStyle() == null ? null : ser.getLineStyle().getDashArray();
            if (dash != null) {
                StringBuilder d = new StringBuilder();
                for (float f : dash) {
                    d.append(d.length() == 0 ? "" : " ").append(num(f));
                }
                s.append(" stroke-dasharray=\"").append(d).append('"');
            }
            s.append(">\n");
            for (List<double[]> piece : pieces(ser, xAxis, yAxis)) {
                s.append("<polyline points=\"");
                for (int i = 0; i < piece.size(); i++) {
                    s.append(i == 0 ? "" : " ").append(num(piece.get(i)[0])).append(',').append(num(piece.get(i)[1]));
                }
                s.append("\"/>\n");
            }
            s.append("</g>\n");
        }
        s.append("</g>\n");
        legend(s, st.getLegendPosition(), series, x0, x1, y0, y1);
        s.append("</svg>\n");
        return s.toString();
    }

    private static double width(XYSeries ser) {
        if (ser.getLineWidth() > 0) {
            return ser.getLineWidth();
        }
        return ser.getLineStyle() == null ? 2 : ser.getLineStyle().getLineWidth();
    }

    /** The series as runs of finite points in pixels. */
    private static List<List<double[]>> pieces(XYSeries ser, Axis xAxis, Axis yAxis) {
        List<List<double[]>> pieces = new ArrayList<>();
        List<double[]> current = new ArrayList<>();
        double[] xs = ser.getXData();
        double[] ys = ser.getYData();
        for (int i = 0; i < xs.length; i++) {
            if (xAxis.drawable(xs[i]) && yAxis.drawable(ys[i])) {
                current.add(new double[] {xAxis.pixel(xs[i]), yAxis.pixel(ys[i])});
            } else if (!current.isEmpty()) {
                pieces.add(current);
                current = new ArrayList<>();
            }
        }
        if (!current.isEmpty()) {
            pieces.add(current);
        }
        return pieces;
    }

    private static void legend(StringBuilder s, Styler.LegendPosition pos, List<XYSeries> series, double x0,
            double x1, double y0, double y1) {
        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
        double textWidth = 0;
        for (XYSeries ser : series) {
            textWidth = Math.max(textWidth, font.getStringBounds(ser.getName(), FRC).getWidth());
        }
        double row = 16;
        double bw = 8 + 28 + 6 + textWidth + 8;
        double bh = 6 + row * series.size() + 2;
        double bx;
        double by;
        switch (pos) {
            case InsideNW -> { bx = x0 + 8; by = y0 + 8; }
            case InsideNE -> { bx = x1 - 8 - bw; by = y0 + 8; }
            case InsideSW -> { bx = x0 + 8; by = y1 - 8 - bh; }
            case InsideSE -> { bx = x1 - 8 - bw; by = y1 - 8 - bh; }
            default -> throw new IllegalArgumentException("legend position " + pos
                    + " is not supported in SVG: use InsideNW, InsideNE, InsideSW or InsideSE");
        }
        s.append("<g class=\"legend\" font-size=\"11\">\n");
        s.append(String.format(Locale.ROOT, "<rect x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" fill=\"#ffffff\" "
                + "fill-opacity=\"0.9\" stroke=\"#c0c0c0\" stroke-width=\"0.8\"/>%n", num(bx), num(by), num(bw), num(bh)));
        for (int i = 0; i < series.size(); i++) {
            XYSeries ser = series.get(i);
            double cy = by + 6 + row * i + row / 2;
            s.append("<line x1=\"").append(num(bx + 8)).append("\" y1=\"").append(num(cy)).append("\" x2=\"")
                    .append(num(bx + 36)).append("\" y2=\"").append(num(cy)).append("\" stroke=\"")
                    .append(hex(ser.getLineColor())).append("\" stroke-width=\"").append(num(Math.min(width(ser), 3)))
                    .append('"');
            BasicStroke stroke = ser.getLineStyle();
            if (stroke != null && stroke.getDashArray() != null) {
                s.append(" stroke-dasharray=\"");
                float[] dash = stroke.getDashArray();
                for (int k = 0; k < dash.length; k++) {
                    s.append(k == 0 ? "" : " ").append(num(dash[k]));
                }
                s.append('"');
            }
            s.append("/>\n");
            s.append(text(bx + 42, cy + 4, "start", ser.getName(), "legend-entry"));
        }
        s.append("</g>\n");
    }

    /** One axis: its range, its ticks and their labels, and the map from data to pixels. */
    private static final class Axis {
        final boolean log;
        final double lo;
        final double hi;
        final double p0;
        final double p1;
        final List<Double> ticks = new ArrayList<>();
        final List<String> labels = new ArrayList<>();

        private Axis(boolean log, double lo, double hi, double p0, double p1) {
            this.log = log;
            this.lo = lo;
            this.hi = hi;
            this.p0 = p0;
            this.p1 = p1;
        }

        static Axis of(List<XYSeries> series, boolean x, boolean log, double p0, double p1,
                Function<Double, String> format) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (XYSeries ser : series) {
                for (double v : x ? ser.getXData() : ser.getYData()) {
                    if (Double.isFinite(v) && (!log || v > 0)) {
                        min = Math.min(min, v);
                        max = Math.max(max, v);
                    }
                }
            }
            if (!(min <= max)) {
                min = log ? 1 : 0;
                max = log ? 10 : 1;
            }
            Axis a;
            if (log) {
                long k0 = (long) Math.floor(Math.log10(min) + 1e-9);
                long k1 = Math.max(k0 + 1, (long) Math.ceil(Math.log10(max) - 1e-9));
                a = new Axis(true, Math.pow(10, k0), Math.pow(10, k1), p0, p1);
                for (long k = k0; k <= k1; k++) {
                    a.ticks.add(Math.pow(10, k));
                }
            } else {
                if (max - min < 1e-12 * Math.max(1, Math.abs(max))) {
                    min -= 0.5;
                    max += 0.5;
                }
                double step = niceStep((max - min) / 6);
                double lo = Math.floor(min / step + 1e-9) * step;
                double hi = Math.ceil(max / step - 1e-9) * step;
                a = new Axis(false, lo, hi, p0, p1);
                long count = Math.round((hi - lo) / step);
                for (long i = 0; i <= count; i++) {
                    a.ticks.add(lo + i * step);
                }
            }
            int decimals = log ? 0 : decimals(a.ticks.size() > 1 ? a.ticks.get(1) - a.ticks.get(0) : 1);
            for (double t : a.ticks) {
                a.labels.add(format != null ? format.apply(t) : a.log ? BeiramiFigures.decadeLabel(t)
                        : String.format(Locale.ROOT, "%." + decimals + "f", t + 0.0));
            }
            return a;
        }

        /** 1, 2, 2.5 or 5 times a power of ten, at least {@code raw}. */
        static double niceStep(double raw) {
            double p = Math.pow(10, Math.floor(Math.log10(raw)));
            for (double m : new double[] {1, 2, 2.5, 5, 10}) {
                if (m * p >= raw * (1 - 1e-9)) {
                    return m * p;
                }
            }
            return 10 * p;
        }

        static int decimals(double step) {
            return Math.max(0, new BigDecimal(Double.toString(step)).stripTrailingZeros().scale());
        }

        boolean drawable(double v) {
            return Double.isFinite(v) && (!log || v > 0);
        }

        double pixel(double v) {
            double f = log ? (Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo)) : (v - lo) / (hi - lo);
            return p0 + f * (p1 - p0);
        }
    }

    private static String line(double xa, double ya, double xb, double yb) {
        return "<line x1=\"" + num(xa) + "\" y1=\"" + num(ya) + "\" x2=\"" + num(xb) + "\" y2=\"" + num(yb) + "\"/>\n";
    }

    private static String text(double x, double y, String anchor, String body, String cls) {
        return "<text class=\"" + cls + "\" x=\"" + num(x) + "\" y=\"" + num(y) + "\" text-anchor=\"" + anchor + "\">"
                + esc(body) + "</text>\n";
    }

    /** A coordinate with two decimals, no trailing zeros, never "-0". */
    static String num(double v) {
        String t = new BigDecimal(v).setScale(2, java.math.RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
        return t.equals("-0") ? "0" : t;
    }

    private static String hex(Color c) {
        Color k = c == null ? Color.BLACK : c;
        return String.format(Locale.ROOT, "#%02x%02x%02x", k.getRed(), k.getGreen(), k.getBlue());
    }

    private static String esc(String t) {
        if (t == null) {
            return "";
        }
        return t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
