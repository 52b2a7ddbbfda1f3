package org.bonlab.examples;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

/** Charts of the command line and of reproduce: one style, and several charts side by side in one PNG. */
public final class ChartFiles {

    /** The size of one panel, in pixels. */
    public static final int WIDTH = 640;
    public static final int HEIGHT = 440;

    private ChartFiles() {
    }

    /** A chart in the house style: white, a light solid grid, the legend inside. */
    public static XYChart chart(String title, String xTitle, String yTitle, Styler.LegendPosition legend) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotGridLinesColor(new Color(0xE8E8E8));
        chart.getStyler().setPlotGridLinesStroke(new BasicStroke(0.6f));
        chart.getStyler().setLegendPosition(legend);
        return chart;
    }

    /** The charts side by side in one PNG, drawn with pure strokes and antialiasing. */
    public static void writeSideBySide(List<XYChart> charts, Path file) throws IOException {
        BufferedImage img = new BufferedImage(WIDTH * charts.size(), HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            for (XYChart c : charts) {
                c.paint(g, WIDTH, HEIGHT);
                g.translate(WIDTH, 0);
            }
        } finally {
            g.dispose();
        }
        javax.imageio.ImageIO.write(img, "png", file.toFile());
    }
}
