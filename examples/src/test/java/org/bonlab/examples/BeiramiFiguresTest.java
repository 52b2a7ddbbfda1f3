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
