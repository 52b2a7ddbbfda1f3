package org.bonlab.cli;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.bonlab.examples.ChartFiles;
import org.bonlab.numeric.sampling.LoggedBestOf;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The figure of {@code bonlab estimate}: expected reward (left) and win rate (right) of best-of-n against the KL
 * estimate of Eq. (28), with the interval of the y quantity shaded, and the same points placed at the bound
 * log n - (n-1)/n that is often reported in its place.
 */
final class EstimateFigure {

    private EstimateFigure() {
    }

    static void write(List<LoggedBestOf.Row> rows, Path file) throws IOException {
        XYChart reward = chart(rows, "expected reward of best-of-n", r -> r.reward());
        boolean win = rows.stream().anyMatch(r -> r.winRate().isPresent());
        List<LoggedBestOf.Row> withWin = rows.stream().filter(r -> r.winRate().isPresent()).toList();
        XYChart winRate = win ? chart(withWin, "win rate of best-of-n (ties half)", r -> r.winRate().orElseThrow())
                : null;
        ChartFiles.writeSideBySide(winRate == null ? List.of(reward) : List.of(reward, winRate), file);
    }

    private static XYChart chart(List<LoggedBestOf.Row> rows, String title,
            Function<LoggedBestOf.Row, LoggedBestOf.Estimate> y) {
        XYChart chart = ChartFiles.chart(title, "KL to the reference policy (nats)",
                title.startsWith("win") ? "win rate" : "reward", Styler.LegendPosition.InsideSE);
        int k = rows.size();
        double[] x = new double[k];
        double[] bound = new double[k];
        double[] v = new double[k];
        double[] lo = new double[k];
        double[] hi = new double[k];
        for (int i = 0; i < k; i++) {
            LoggedBestOf.Row r = rows.get(i);
            x[i] = r.klHat().value();
            bound[i] = r.klBound();
            v[i] = y.apply(r).value();
            lo[i] = y.apply(r).lo();
            hi[i] = y.apply(r).hi();
        }
        // the band: the upper ends filled light, the lower ends filled white over them
        XYSeries upper = chart.addSeries("interval", x, hi);
        upper.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
        upper.setFillColor(new Color(0xC6DBEF));
        upper.setLineColor(new Color(0xC6DBEF));
        upper.setMarker(SeriesMarkers.NONE);
        XYSeries lower = chart.addSeries(" ", x, lo);
        lower.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
        lower.setFillColor(Color.WHITE);
        lower.setLineColor(new Color(0xC6DBEF));
        lower.setMarker(SeriesMarkers.NONE);
        lower.setShowInLegend(false);
        XYSeries est = chart.addSeries("at kl_hat, Eq. (28)", x, v);
        est.setLineColor(new Color(0x08519C));
        est.setMarkerColor(new Color(0x08519C));
        est.setMarker(SeriesMarkers.CIRCLE);
        XYSeries naive = chart.addSeries("at log n - (n-1)/n, Eq. (5)", bound, v);
        naive.setLineColor(new Color(0xD62728));
        naive.setMarkerColor(new Color(0xD62728));
        naive.setMarker(SeriesMarkers.DIAMOND);
        naive.setLineStyle(org.knowm.xchart.style.lines.SeriesLines.DASH_DASH);
        return chart;
    }
}
