package org.bonlab.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BeiramiFiguresTest {

    static double column(List<String> csv, long n, int col) {
        for (String line : csv.subList(1, csv.size())) {
            String[] f = line.split(",");
            if (Long.parseLong(f[0]) == n) {
                return Double.parseDouble(f[col]);
            }
        }
        throw new AssertionError("no row for n = " + n);
    }

    @Test
    @DisplayName("Figures 1-3: 7 panels as CSV, PNG and SVG; values match the mpmath reference; shapes as in the paper")
    void writesEveryPanel(@TempDir Path dir) throws Exception {
        List<Path> files = BeiramiFigures.run(dir, new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8));
        assertEquals(21, files.size());
        for (Path f : files) {
            assertTrue(Files.size(f) > 1000, f + " is too small");
        }
        byte[] png = Files.readAllBytes(dir.resolve("figure3_right.png"));
        assertEquals((byte) 0x89, png[0]);
        assertEquals('P', png[1]);
        assertTrue(Files.readString(dir.resolve("figure3_right.svg")).contains("<svg"));

        List<String> right = Files.readAllLines(dir.resolve("figure3_right.csv"));
        assertEquals("n,kl_analytic,kl_hat1_mean,kl,kl_hat_mean", right.get(0));
        // Reference fig3right (mpmath, 60 digits): n = 1000 kl 4.5701992096846741146, Eq. 28 mean 4.5799152494952019283
        assertEquals(4.5701992096846741146, column(right, 1000, 3), 1e-12 * 4.57);
        assertEquals(4.5799152494952019283, column(right, 1000, 4), 1e-12 * 4.58);
        // Reference fig3right n = 10^7: the KL has saturated at log(1e5) = 11.51292546497022842
        assertEquals(11.51292546497022842, column(right, 10_000_000, 3), 1e-12 * 11.5);

        // Figure 2: the KL saturates near n = L at log L, while Eq. 5 keeps growing.
        List<String> u = Files.readAllLines(dir.resolve("figure2_uniform_L100.csv"));
        assertEquals(Math.log(100), column(u, 10_000_000, 3), 1e-12);
        assertTrue(column(u, 10_000_000, 1) > 15);
        // Figure 3 left: the plateau before the top outcome (p = 1e-4) is found, then the jump to log(1e4).
        List<String> left = Files.readAllLines(dir.resolve("figure3_left.csv"));
        assertTrue(column(left, 1000, 3) - column(left, 100, 3) < 0.5);
        assertEquals(Math.log(1e4), column(left, 10_000_000, 3), 1e-9);
    }

    @Test
    @DisplayName("SVG: words are <text> elements, curves are polylines placed by the axes' own tick labels")
    void svgTextIsText(@TempDir Path dir) throws Exception {
        System.setProperty("java.awt.headless", "true");
        BeiramiFigures.Panel panel = BeiramiFigures.panels().get(BeiramiFigures.panels().size() - 1); // Figure 3 right
        BeiramiFigures.write(panel, dir, java.util.Set.of("svg"), 72);
        Path svg = dir.resolve(panel.file() + ".svg");
        javax.xml.parsers.DocumentBuilderFactory f = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        org.w3c.dom.Document doc = f.newDocumentBuilder().parse(svg.toFile());
        java.util.Map<String, List<org.w3c.dom.Element>> texts = new java.util.HashMap<>();
        org.w3c.dom.NodeList nodes = doc.getElementsByTagName("text");
        for (int i = 0; i < nodes.getLength(); i++) {
            org.w3c.dom.Element e = (org.w3c.dom.Element) nodes.item(i);
            texts.computeIfAbsent(e.getTextContent(), k -> new java.util.ArrayList<>()).add(e);
        }
        for (String word : List.of(panel.title(), "n", "KL divergence (nats)", "exact KL", "E[KLhat], Eq. (28)",
                "log n - (n-1)/n, Eq. (5)", "E[KLhat1], Eq. (26)", "10\u2070", "10\u00b3", "10\u2077")) {
            assertTrue(texts.containsKey(word), "no <text> reads " + word + " in " + texts.keySet());
        }
        assertEquals(0, doc.getElementsByTagName("path").getLength(), "glyph outlines drawn as paths");

        // The exact KL's curve: 1 point per row of the CSV; its first and last points sit on the ticks 10^0 and
        // 10^7, and its height at n = 10^7 (log 10^5, the policy's saturation) is where the y labels put it.
        List<String> csv = Files.readAllLines(dir.resolve(panel.file() + ".csv"));
        org.w3c.dom.Element curve = null;
        org.w3c.dom.NodeList groups = doc.getElementsByTagName("g");
        for (int i = 0; i < groups.getLength(); i++) {
            org.w3c.dom.Element g = (org.w3c.dom.Element) groups.item(i);
            if (g.getAttribute("data-name").equals("exact KL")) {
                curve = g;
            }
        }
        assertTrue(curve != null);
        String[] pts = ((org.w3c.dom.Element) curve.getElementsByTagName("polyline").item(0)).getAttribute("points")
                .split(" ");
        assertEquals(csv.size() - 1, pts.length);
        double tick0 = Double.parseDouble(texts.get("10\u2070").get(0).getAttribute("x"));
        double tick7 = Double.parseDouble(texts.get("10\u2077").get(0).getAttribute("x"));
        assertEquals(tick0, Double.parseDouble(pts[0].split(",")[0]), 0.01);
        assertEquals(tick7, Double.parseDouble(pts[pts.length - 1].split(",")[0]), 0.01);
        List<double[]> yTicks = new java.util.ArrayList<>(); // (value, baseline y)
        for (int i = 0; i < nodes.getLength(); i++) {
            org.w3c.dom.Element e = (org.w3c.dom.Element) nodes.item(i);
            if (e.getAttribute("class").equals("y-tick")) {
                yTicks.add(new double[] {Double.parseDouble(e.getTextContent()),
                    Double.parseDouble(e.getAttribute("y"))});
            }
        }
        assertTrue(yTicks.size() >= 4, "y ticks " + yTicks.size());
        double[] a = yTicks.get(0);
        double[] b = yTicks.get(yTicks.size() - 1);
        double pixelsPerNat = (a[1] - b[1]) / (b[0] - a[0]);
        double yAtEnd = a[1] - (Math.log(1e5) - a[0]) * pixelsPerNat - 4; // labels sit 4 px below their tick
        assertEquals(yAtEnd, Double.parseDouble(pts[pts.length - 1].split(",")[1]), 0.05);
    }

    @Test
    @DisplayName("PDF and 300-DPI PNG on request, decade ticks as 10 with a superscript, no grid point crowding a power of 10")
    void formatsTicksAndGrid(@TempDir Path dir) throws Exception {
        // one panel is enough for the formats (the first test computes all seven)
        System.setProperty("java.awt.headless", "true");
        List<Path> files = BeiramiFigures.write(BeiramiFigures.panels().get(0), dir, java.util.Set.of("png", "pdf"), 300);
        assertEquals(3, files.size());
        byte[] pdf = Files.readAllBytes(dir.resolve("figure1_coin.pdf"));
        assertEquals("%PDF", new String(pdf, 0, 4, StandardCharsets.US_ASCII));
        java.awt.image.BufferedImage png = javax.imageio.ImageIO.read(dir.resolve("figure1_coin.png").toFile());
        assertEquals(3000, png.getWidth());
        assertEquals(2000, png.getHeight());
        assertTrue(!Files.exists(dir.resolve("figure1_coin.svg")));
        assertEquals("10\u2070", BeiramiFigures.decadeLabel(1));
        assertEquals("10\u00b3", BeiramiFigures.decadeLabel(1000));
        assertEquals("10\u2077", BeiramiFigures.decadeLabel(1e7));
        List<Long> grid = BeiramiFigures.grid();
        for (long d = 100; d <= BeiramiFigures.MAX_N; d *= 10) {
            assertTrue(grid.contains(d));
            for (long n : grid) {
                assertTrue(n == d || Math.abs(Math.log((double) n / d)) >= Math.log(1.02), n + " crowds " + d);
            }
        }
        assertTrue(grid.size() > 180, "grid of " + grid.size());
    }
}
