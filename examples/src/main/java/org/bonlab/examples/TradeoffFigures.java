package org.bonlab.examples;

import java.awt.Color;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bonlab.Bon;
import org.bonlab.numeric.DoubleEvaluator;
import org.bonlab.numeric.tradeoff.Tradeoffs;
import org.bonlab.policy.BasePolicy;
import org.bonlab.policy.Policy;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Tradeoff curves (expected reward and win rate against KL) of best-of-n and the other methods of
 * {@link Tradeoffs}, as CSV and figures: shared by {@code bonlab frontier} and {@code bonlab reproduce}, which draws
 * them for the coin, uniform(100) and the Figure 3 policies, with a figure of soft best-of-n's KL against n.
 */
public final class TradeoffFigures {

    private TradeoffFigures() {
    }

    /** The CSV header of a frontier. */
    public static final String HEADER = "method,parameter,kl,expected_reward,win_rate";

    /** The difference between the largest and the smallest reward of a policy. */
    public static double rewardRange(BasePolicy p) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < p.size(); i++) {
            lo = Math.min(lo, p.reward().value(i));
            hi = Math.max(hi, p.reward().value(i));
        }
        return hi - lo;
    }

    /** The parameters of each curve: n; multiples of the reward range for lambda and beta; fixed grids else. */
    public static double[] grid(Tradeoffs.Method m, long[] ns, double range) {
        return switch (m) {
            case BON -> java.util.Arrays.stream(ns).asDoubleStream().toArray();
            case SOFT -> range == 0 ? new double[0] : scaled(logspace(Math.log10(0.002), 1, 12), range);
            case TILTED -> range == 0 ? new double[0] : scaled(logspace(-3, 2, 26), range);
            case REWIND -> new double[] {0, 0.5, 0.75, 0.9, 0.95, 0.99, 0.995, 0.999, 0.9995, 0.9999};
            case POISSON -> new double[] {0.1, 0.3, 1, 3, 10, 30, 100, 300, 1000};
            case BONBON -> logspace(-1, 3, 21);
        };
    }

    static double[] logspace(double a, double b, int k) {
        double[] x = new double[k];
        for (int i = 0; i < k; i++) {
            // six significant digits: parameters a reader can type back
            x[i] = Double.parseDouble(String.format(Locale.ROOT, "%.6g", Math.pow(10, a + (b - a) * i / (k - 1))));
        }
        return x;
    }

    private static double[] scaled(double[] x, double factor) {
        double[] y = x.clone();
        for (int i = 0; i < y.length; i++) {
            y[i] = Double.parseDouble(String.format(Locale.ROOT, "%.6g", y[i] * factor));
        }
        return y;
    }

    /** The powers of two from 1 to 1024. */
    public static long[] powersOfTwo() {
        long[] d = new long[11];
        for (int i = 0; i < d.length; i++) {
            d[i] = 1L << i;
        }
        return d;
    }

    /** A finite double as Java prints it, with -0.0 as 0.0. */
    public static String number(double x) {
        if (!Double.isFinite(x)) {
            throw new IllegalStateException("a value must be finite, but was " + x);
        }
        return Double.toString(x == 0 ? 0.0 : x);
    }

    /** The curves as CSV with {@link #HEADER}. */
    public static String csv(Map<Tradeoffs.Method, List<Tradeoffs.Point>> curves) {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        curves.forEach((m, pts) -> pts.forEach(pt -> out.append(m.label()).append(',')
                .append(m == Tradeoffs.Method.BON ? Long.toString(Math.round(pt.parameter())) : number(pt.parameter()))
                .append(',').append(number(pt.kl())).append(',').append(number(pt.expectedReward())).append(',')
                .append(number(pt.winRate())).append('\n')));
        return out.toString();
    }

    /** Expected reward (or win rate) against KL, one series per method. */
    public static XYChart chart(String title, Map<Tradeoffs.Method, List<Tradeoffs.Point>> curves, boolean reward,
            boolean logKl) {
        XYChart chart = ChartFiles.chart(title + (reward ? ": expected reward against KL" : ": win rate against KL"),
                "KL to the base policy (nats)", reward ? "expected reward" : "win rate (ties half)",
                Styler.LegendPosition.InsideSE);
        chart.getStyler().setXAxisLogarithmic(logKl);
        Color[] colors = {Color.BLACK, new Color(0xff7f0e), new Color(0x1f77b4), new Color(0x9467bd),
            new Color(0x2ca02c), new Color(0xd62728)}; // one per method, in the order of Tradeoffs.Method
        curves.forEach((m, pts) -> {
            List<Tradeoffs.Point> shown = pts.stream().filter(pt -> !logKl || pt.kl() > 0).toList();
            if (shown.isEmpty()) {
                return;
            }
            double[] x = shown.stream().mapToDouble(Tradeoffs.Point::kl).toArray();
            double[] y = shown.stream().mapToDouble(pt -> reward ? pt.expectedReward() : pt.winRate()).toArray();
            XYSeries s = chart.addSeries(m.label() + " (over " + m.parameterName() + ")", x, y);
            s.setLineColor(colors[m.ordinal()]);
            s.setMarkerColor(colors[m.ordinal()]);
            s.setMarker(m == Tradeoffs.Method.BON ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        });
        return chart;
    }

    /** A policy of the figures, with a file name. */
    record Case(String file, String title, BasePolicy policy) {
    }

    /**
     * For reproduce: the frontiers (best-of-n, the tilted optimum, rewind-and-repeat, best-of-Poisson, the
     * win-rate-optimal tilting) of
     * the coin, uniform(100) and the Figure 3 policies, and soft best-of-n's KL against n on uniform(100) for four
     * temperatures, each as CSV and PNG under {@code out}.
     */
    public static List<Path> run(Path out, PrintStream log) {
        System.setProperty("java.awt.headless", "true");
        List<Case> cases = List.of(new Case("tradeoff_coin", "coin", Policy.coin()),
                new Case("tradeoff_uniform_L100", "uniform(100)", Policy.uniform(100)),
                new Case("tradeoff_figure3_left", "Figure 3 left", Policy.spike(5, "1e-4")),
                new Case("tradeoff_figure3_right", "Figure 3 right", Policy.spike(200, "1e-5", "1e-3", "1e-1")));
        List<Path> written = new ArrayList<>();
        try {
            Files.createDirectories(out);
            for (Case c : cases) {
                Map<Tradeoffs.Method, List<Tradeoffs.Point>> curves = new LinkedHashMap<>();
                double range = rewardRange(c.policy());
                for (Tradeoffs.Method m : List.of(Tradeoffs.Method.BON, Tradeoffs.Method.TILTED,
                        Tradeoffs.Method.REWIND, Tradeoffs.Method.POISSON, Tradeoffs.Method.BONBON)) {
                    curves.put(m, Tradeoffs.curve(c.policy(), m, grid(m, powersOfTwo(), range), 0));
                }
                Path csv = out.resolve(c.file() + ".csv");
                Path png = out.resolve(c.file() + ".png");
                Files.writeString(csv, csv(curves), StandardCharsets.UTF_8);
                ChartFiles.writeSideBySide(List.of(chart(c.title(), curves, true, false),
                        chart(c.title(), curves, false, false)), png);
                written.add(csv);
                written.add(png);
                log.println("  tradeoffs, " + c.title() + " -> " + out.resolve(c.file()) + ".{csv,png}");
            }
            written.addAll(softBestOfKl(out, log));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return written;
    }

    /** KL(SBoN_{n,lambda} || p) against n on uniform(100), lambda = 0.03, 0.1, 0.3 and 1 times the reward range. */
    private static List<Path> softBestOfKl(Path out, PrintStream log) throws IOException {
        Policy p = Policy.uniform(100);
        double range = rewardRange(Policy.uniform(100));
        double[] lambdas = {0.03, 0.1, 0.3, 1};
        long[] ns = {1, 2, 4, 8, 16, 32, 64, 128, 256};
        StringBuilder csv = new StringBuilder("lambda,n,kl\n");
        XYChart chart = ChartFiles.chart("soft best-of-n on uniform(100): KL against n", "n", "KL(SBoN || p) (nats)",
                Styler.LegendPosition.InsideNW);
        chart.getStyler().setXAxisLogarithmic(true);
        DoubleEvaluator ev = new DoubleEvaluator();
        double[] x = new double[ns.length];
        double[] bound = new double[ns.length];
        for (int i = 0; i < ns.length; i++) {
            x[i] = ns[i];
            bound[i] = ev.evaluate(Bon.analyticalKl(Bon.constant(ns[i])));
        }
        for (double l : lambdas) {
            double lambda = Double.parseDouble(String.format(Locale.ROOT, "%.6g", l * range));
            double[] y = new double[ns.length];
            for (int i = 0; i < ns.length; i++) {
                y[i] = ev.evaluate(Bon.kl(p.softBestOf(ns[i], lambda), p));
                csv.append(number(lambda)).append(',').append(ns[i]).append(',').append(number(y[i])).append('\n');
            }
            chart.addSeries(String.format(Locale.ROOT, "lambda = %s (%s x range)", number(lambda), l), x, y)
                    .setMarker(SeriesMarkers.CIRCLE);
        }
        XYSeries b = chart.addSeries("best-of-n's bound log n - (n-1)/n", x, bound);
        b.setLineColor(Color.GRAY);
        b.setMarker(SeriesMarkers.NONE);
        b.setLineStyle(org.knowm.xchart.style.lines.SeriesLines.DASH_DASH);
        Path csvFile = out.resolve("soft_best_of_n_kl.csv");
        Path png = out.resolve("soft_best_of_n_kl.png");
        Files.writeString(csvFile, csv, StandardCharsets.UTF_8);
        ChartFiles.writeSideBySide(List.of(chart), png);
        log.println("  soft best-of-n's KL against n, uniform(100) -> " + out.resolve("soft_best_of_n_kl") + ".{csv,png}");
        return List.of(csvFile, png);
    }
}
