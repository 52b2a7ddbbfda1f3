package org.bonlab.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.bonlab.Bon;
import org.bonlab.expr.Expr;
import org.bonlab.numeric.DoubleEvaluator;
import org.bonlab.policy.Policy;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Spec script: Figures 1, 2 and 3 of Beirami et al. (2024). For each policy, against n on a log axis: the
 * analytical formula \( \log n - (n-1)/n \) (Eq. (5)), the expected alternate estimator (Eq. (26)), the expected
 * proposed estimator (Eq. (28)) and the exact KL of best-of-n (Lemma 1). Writes a CSV, a PNG and an SVG per panel.
 */
public final class BeiramiFigures {

    /** The largest n plotted (Figure 3 right needs n beyond 10^5 to show its second jump). */
    public static final long MAX_N = 10_000_000L;

    /** One panel: a file stem, a title, a policy. */
    public record Panel(String file, String title, Policy policy) {
    }

    public static List<Panel> panels() {
        List<Panel> p = new ArrayList<>();
        p.add(new Panel("figure1_coin", "Figure 1: fair coin (Example 1)", Policy.coin()));
        for (int l : new int[] {10, 100, 1_000, 10_000}) {
            p.add(new Panel("figure2_uniform_L" + l, "Figure 2: uniform, L = " + l, Policy.uniform(l)));
        }
        p.add(new Panel("figure3_left", "Figure 3 left: L = 5, top outcome 1e-4", Policy.spike(5, "1e-4")));
        p.add(new Panel("figure3_right", "Figure 3 right: L = 200, tops 1e-5, 1e-3, 1e-1",
                Policy.spike(200, "1e-5", "1e-3", "1e-1")));
        return p;
    }

    /**
     * About 200 distinct integers, log-spaced from 1 to {@link #MAX_N}, every power of 10 included. A log-spaced
     * point within 2% of a power of 10 is left out (it would sit a fraction of a pixel from it).
     */
    public static List<Long> grid() {
        TreeSet<Long> ns = new TreeSet<>();
        List<Long> decades = new ArrayList<>();
        for (long d = 1; d <= MAX_N; d *= 10) {
            ns.add(d);
            decades.add(d);
        }
        int points = 200;
        for (int k = 0; k < points; k++) {
            long n = Math.round(Math.pow(10, 7.0 * k / (points - 1)));
            boolean nearDecade = decades.stream().anyMatch(d -> d != n && d >= 100
                    && Math.abs(Math.log((double) n / d)) < Math.log(1.02));
            if (!nearDecade) {
                ns.add(n);
            }
        }
        return new ArrayList<>(ns);
    }

    /** The file formats a figure can be written in. */
    public static final java.util.Set<String> FORMATS = java.util.Set.of("png", "svg", "pdf");

    /** The formats written by default. */
    public static final java.util.Set<String> DEFAULT_FORMATS = java.util.Set.of("png", "svg");

    /** PNG resolution: 72 gives 720 x 480 pixels; 300 gives 3000 x 2000. */
    public static final int DEFAULT_DPI = 72;

    /** A tick label of a logarithmic axis: 10 with a superscript exponent ("10\u00b3" for 1000). */
    static String decadeLabel(double x) {
        long k = Math.round(Math.log10(x));
        String sup = "\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079";
        StringBuilder s = new StringBuilder("10");
        for (char c : Long.toString(k).toCharArray()) {
            s.append(c == '-' ? '\u207b' : sup.charAt(c - '0'));
        }
        return s.toString();
    }

    private BeiramiFigures() {
    }

    /** Writes every panel under {@code out} as CSV, PNG and SVG; returns the files written. */
    public static List<Path> run(Path out, PrintStream log) {
        return run(out, log, DEFAULT_FORMATS, DEFAULT_DPI);
    }

    /** Writes every panel under {@code out} as CSV and the given formats (png, svg, pdf); PNG at {@code dpi}. */
    public static List<Path> run(Path out, PrintStream log, java.util.Set<String> formats, int dpi) {
        System.setProperty("java.awt.headless", "true");
        List<Path> written = new ArrayList<>();
        List<String> ordered = new ArrayList<>(List.of("csv"));
        for (String f : List.of("png", "svg", "pdf")) {
            if (formats.contains(f)) {
                ordered.add(f);
            }
        }
        try {
            Files.createDirectories(out);
            for (Panel panel : panels()) {
                written.addAll(write(panel, out, formats, dpi));
                log.println("  " + panel.title() + " -> " + out.resolve(panel.file()) + ".{" + String.join(",", ordered)
                        + "}");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return written;
    }

    static List<Path> write(Panel panel, Path out, java.util.Set<String> formats, int dpi) throws IOException {
        Policy p = panel.policy();
        Expr.Sym n = Bon.n;
        String[] names = {"log n - (n-1)/n, Eq. (5)", "E[KLhat1], Eq. (26)", "exact KL", "E[KLhat], Eq. (28)"};
        Expr[] exprs = {Bon.analyticalKl(n), Bon.klHat1Mean(p, n), Bon.kl(p.bestOf(n), p), Bon.klHatMean(p, n)};
        java.awt.Color[] colors = {new java.awt.Color(0x1f77b4), new java.awt.Color(0xff7f0e), java.awt.Color.BLACK,
            new java.awt.Color(0xd62728)};
        List<Long> ns = grid();
        double[] x = new double[ns.size()];
        double[][] y = new double[exprs.length][ns.size()];
        DoubleEvaluator ev = new DoubleEvaluator();
        StringBuilder csv = new StringBuilder("n,kl_analytic,kl_hat1_mean,kl,kl_hat_mean\n");
        for (int i = 0; i < ns.size(); i++) {
            x[i] = ns.get(i);
            csv.append(ns.get(i));
            for (int c = 0; c < exprs.length; c++) {
                y[c][i] = ev.evaluate(exprs[c], Map.of(n, x[i]));
                csv.append(',').append(y[c][i]);
            }
            csv.append('\n');
        }
        Path csvFile = out.resolve(panel.file() + ".csv");
        Files.writeString(csvFile, csv, StandardCharsets.UTF_8);

        XYChart chart = new XYChartBuilder().width(720).height(480).title(panel.title()).xAxisTitle("n")
                .yAxisTitle("KL divergence (nats)").build();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setXAxisLogarithmicDecadeOnly(true);
        chart.getStyler().setxAxisTickLabelsFormattingFunction(BeiramiFigures::decadeLabel);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        chart.getStyler().setPlotGridLinesColor(new java.awt.Color(0xE8E8E8)); // light and solid: the data first
        chart.getStyler().setPlotGridLinesStroke(new java.awt.BasicStroke(0.6f));
        for (int c = 0; c < exprs.length; c++) {
            XYSeries s = chart.addSeries(names[c], x, y[c]);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(colors[c]);
            if (c == 2) {
                s.setLineWidth(4f); // the exact KL, drawn under the estimator that tracks it
            } else if (c == 3) {
                s.setLineStyle(org.knowm.xchart.style.lines.SeriesLines.DASH_DASH);
            }
        }
        List<Path> files = new ArrayList<>(List.of(csvFile));
        if (formats.contains("png")) {
            Path png = out.resolve(panel.file() + ".png");
            javax.imageio.ImageIO.write(bitmap(chart, dpi), "png", png.toFile());
            files.add(png);
        }
        for (String f : List.of("svg", "pdf")) {
            if (formats.contains(f)) {
                Path file = out.resolve(panel.file() + "." + f);
                writeVector(chart, file, f);
                files.add(file);
            }
        }
        return files;
    }

    /**
     * The chart drawn at {@code dpi} (72: its own size in pixels), with pure strokes: Java2D's default stroke
     * normalisation snaps each of the ~200 short segments of a curve to the pixel grid, which showed as small
     * steps in the straight Eq. (5) line.
     */
    static java.awt.image.BufferedImage bitmap(XYChart chart, int dpi) {
        double scale = dpi / 72.0;
        int w = (int) Math.round(chart.getWidth() * scale);
        int h = (int) Math.round(chart.getHeight() * scale);
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(w, h, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(java.awt.RenderingHints.KEY_ANTIALIASING, java.awt.RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(java.awt.RenderingHints.KEY_STROKE_CONTROL, java.awt.RenderingHints.VALUE_STROKE_PURE);
            g.setRenderingHint(java.awt.RenderingHints.KEY_TEXT_ANTIALIASING,
                    java.awt.RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.scale(scale, scale);
            chart.paint(g, chart.getWidth(), chart.getHeight());
        } finally {
            g.dispose();
        }
        return img;
    }

    /**
     * SVG by {@link SvgChart}, with its words as text; PDF through VectorGraphics2D's processor (XChart 4.0.3's own
     * PDF route needs PDFBox), where XChart draws text as glyph outlines, so a PDF's text is shapes.
     */
    private static void writeVector(XYChart chart, Path file, String format) throws IOException {
        if (format.equals("svg")) {
            SvgChart.write(chart, file);
            return;
        }
        de.erichseifert.vectorgraphics2d.VectorGraphics2D g = new de.erichseifert.vectorgraphics2d.VectorGraphics2D();
        chart.paint(g, chart.getWidth(), chart.getHeight());
        try (var o = Files.newOutputStream(file)) {
            new de.erichseifert.vectorgraphics2d.pdf.PDFProcessor(true).getDocument(g.getCommands(),
                    new de.erichseifert.vectorgraphics2d.util.PageSize(0, 0, chart.getWidth(), chart.getHeight()))
                    .writeTo(o);
        }
    }

    public static void main(String[] args) {
        run(Path.of(args.length > 0 ? args[0] : "bonlab-output"), System.out);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "BeiramiFigures(%d panels)", panels().size());
    }
}
