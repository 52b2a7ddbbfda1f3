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
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
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

    /** About 200 distinct integers, log-spaced from 1 to {@link #MAX_N}, every power of 10 included. */
    public static List<Long> grid() {
        TreeSet<Long> ns = new TreeSet<>();
        for (long d = 1; d <= MAX_N; d *= 10) {
            ns.add(d);
        }
        int points = 200;
        for (int k = 0; k < points; k++) {
            ns.add(Math.round(Math.pow(10, 7.0 * k / (points - 1))));
        }
        return new ArrayList<>(ns);
    }

    private BeiramiFigures() {
    }

    /** Writes every panel under {@code out}; returns the files written. */
    public static List<Path> run(Path out, PrintStream log) {
        System.setProperty("java.awt.headless", "true");
        List<Path> written = new ArrayList<>();
        try {
            Files.createDirectories(out);
            for (Panel panel : panels()) {
                written.addAll(write(panel, out));
                log.println("  " + panel.title() + " -> " + out.resolve(panel.file()) + ".{csv,png,svg}");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return written;
    }

    static List<Path> write(Panel panel, Path out) throws IOException {
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
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
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
        Path png = out.resolve(panel.file() + ".png");
        Path svg = out.resolve(panel.file() + ".svg");
        javax.imageio.ImageIO.write(BitmapEncoder.getBufferedImage(chart), "png", png.toFile());
        writeSvg(chart, svg);
        return List.of(csvFile, png, svg);
    }

    /** XChart 4.0.3 marks its SVG encoder deprecated but offers no other; it is the documented way to write SVG. */
    @SuppressWarnings("deprecation")
    private static void writeSvg(XYChart chart, Path svg) throws IOException {
        try (var o = Files.newOutputStream(svg)) {
            VectorGraphicsEncoder.saveVectorGraphic(chart, o, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
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
