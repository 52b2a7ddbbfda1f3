package org.bonlab.numeric.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.SplittableRandom;
import org.bonlab.policy.Reward;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The upper tail \( 1 - F_i \) of a {@link RankedPmf}, made on first read: against exact sums (BigDecimal, 60
 * digits) of the very probabilities the PMF holds, for small PMFs (which keep the build's sums) and large ones
 * (which make them again from log p), built from probabilities, from log-probabilities and by the closed forms of
 * the uniform and geometric families; and worst-of-n, which reads it.
 */
class RankedPmfTailsTest {

    private static final MathContext MC = new MathContext(60);

    /**
     * Relative error allowed on a tail or a CDF, in ulps of 1, beside the log's own: a compensated sum, one log and
     * one exp. Held in log space, a value x is known to |log x| ulps of 1 relative at best (half an ulp of its log),
     * and a closed form's k log r carries k times the rounding of log r: twice that.
     */
    private static final double TAIL_ULPS = 8;

    /** The relative error a value x read back from its log may carry. */
    private static double tolerance(double x) {
        return (TAIL_ULPS + 2 * Math.abs(Math.log(x))) * 0x1p-52;
    }

    /** Probabilities from 1e-250 to 1 in random order (normalised), with some exact zeros. */
    private static double[] spread(int size, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] w = new double[size];
        double sum = 0;
        for (int i = 0; i < size; i++) {
            w[i] = rng.nextInt(20) == 0 ? 0 : Math.pow(10, -250 * Math.pow(rng.nextDouble(), 4));
            sum += w[i];
        }
        for (int i = 0; i < size; i++) {
            w[i] /= sum;
        }
        return w;
    }

    /** Checks tail(i) and cdf(i) against the exact sums of {@code p} above and through each rank. */
    private static void assertTails(RankedPmf pmf, double[] p, String what) {
        int size = p.length;
        BigDecimal total = BigDecimal.ZERO;
        for (double v : p) {
            total = total.add(new BigDecimal(v));
        }
        BigDecimal below = BigDecimal.ZERO;
        for (int i = 0; i < size; i++) {
            below = below.add(new BigDecimal(p[i]));
            // relative to the total, which is 1 only to rounding
            double cdf = below.divide(total, MC).doubleValue();
            double tail = total.subtract(below).divide(total, MC).doubleValue();
            assertClose(cdf, pmf.cdf(i), what + ": F at rank " + i);
            if (i == size - 1) {
                assertEquals(Double.NEGATIVE_INFINITY, pmf.logTail(i), what + ": nothing above the top");
            } else {
                assertClose(tail, pmf.tail(i), what + ": 1 - F at rank " + i);
            }
        }
    }

    private static void assertClose(double expected, double actual, String what) {
        if (expected == 0) {
            assertEquals(0.0, actual, what);
            return;
        }
        assertTrue(Math.abs(actual - expected) <= tolerance(expected) * Math.abs(expected),
                () -> what + ": expected " + expected + ", got " + actual);
    }

    private static Ranking ascending(int size) {
        return Ranking.of(Reward.ascending(size));
    }

    @Test
    @DisplayName("small and large PMFs from probabilities and from log-probabilities: 1 - F and F to (8 + 2|log x|) ulps "
            + "relative, probabilities from 1e-250 to 1 with zeros")
    void tailsOfBuiltPmfs() {
        for (int size : new int[] {2, 9, 64, 65, 1000, 5000}) {
            for (long seed = 1; seed <= 3; seed++) {
                double[] p = spread(size, seed * 1000 + size);
                assertTails(RankedPmf.ofRankedProbabilities(ascending(size), p), p, "probabilities, L = " + size);
                double[] logP = new double[size];
                double[] held = new double[size];
                for (int i = 0; i < size; i++) {
                    logP[i] = Math.log(p[i]);
                    held[i] = Math.exp(logP[i]); // the probabilities a PMF from logs holds
                }
                assertTails(RankedPmf.ofRankedLogProbabilities(ascending(size), logP), held,
                        "log-probabilities, L = " + size);
            }
        }
    }

    @Test
    @DisplayName("a large PMF from log-probabilities makes its tail from the sums of its build: the same bits as a "
            + "small one's kept sums, rank by rank, on the same probabilities")
    void largeTailsAreTheBuildsOwn() {
        int size = 3000;
        double[] logP = new double[size];
        double[] p = spread(size, 77);
        for (int i = 0; i < size; i++) {
            logP[i] = Math.log(p[i]);
        }
        RankedPmf large = RankedPmf.ofRankedLogProbabilities(ascending(size), logP);
        // the same sums by hand, as the build takes them
        double[] held = new double[size];
        for (int i = 0; i < size; i++) {
            held[i] = Math.exp(logP[i]);
        }
        double[] below = CompensatedSum.prefixSums(held);
        double[] above = CompensatedSum.suffixSumsExclusive(held);
        for (int i = 0; i < size - 1; i++) {
            double expected = above[i] <= 0.5 ? Math.log(above[i]) : Math.log1p(-below[i]);
            assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(large.logTail(i)), "rank " + i);
        }
    }

    @Test
    @DisplayName("uniform and geometric closed forms: p, F and 1 - F to (8 + 2|log x|) ulps relative (geometric ratios "
            + "0.5, 0.999, 1.001, 3, up to 4000 outcomes: r^L overflows)")
    void tailsOfClosedForms() {
        for (int size : new int[] {3, 100, 4000}) {
            double[] u = new double[size];
            java.util.Arrays.fill(u, 1.0 / size);
            RankedPmf uniform = RankedPmf.uniform(ascending(size));
            for (int i = 0; i < size - 1; i++) {
                assertClose((double) (size - i - 1) / size, uniform.tail(i), "uniform(" + size + ") rank " + i);
            }
            for (double r : new double[] {0.5, 0.999, 1.001, 3}) {
                RankedPmf g = RankedPmf.geometric(ascending(size), r);
                BigDecimal ratio = new BigDecimal(r);
                BigDecimal[] w = new BigDecimal[size];
                BigDecimal total = BigDecimal.ZERO;
                BigDecimal power = BigDecimal.ONE;
                for (int k = 0; k < size; k++) {
                    w[k] = power;
                    total = total.add(power);
                    power = power.multiply(ratio, MC);
                }
                String what = "geometric(" + size + ", " + r + ")";
                BigDecimal above = BigDecimal.ZERO;
                for (int k = size - 1; k > 0; k--) {
                    above = above.add(w[k]);
                    double tail = above.divide(total, MC).doubleValue();
                    if (tail > 1e-300) {
                        assertClose(tail, g.tail(k - 1), what + ": 1 - F at rank " + (k - 1));
                    }
                }
                BigDecimal below = BigDecimal.ZERO;
                for (int k = 0; k < size; k++) {
                    below = below.add(w[k]);
                    double cdf = below.divide(total, MC).doubleValue();
                    double p = w[k].divide(total, MC).doubleValue();
                    if (p > 1e-300) {
                        assertClose(p, g.probability(k), what + ": p at rank " + k);
                        assertClose(cdf, g.cdf(k), what + ": F at rank " + k);
                    }
                }
            }
        }
    }

    @Test
    @DisplayName("worst-of-3 of a large PMF (it reads the tail): (1 - F_{i-1})^3 - (1 - F_i)^3 to 4 (8 + 2|log x|) ulps")
    void worstOfReadsTheTail() {
        int size = 500;
        double[] p = spread(size, 5);
        RankedPmf worst = RankedPmf.ofRankedProbabilities(ascending(size), p).worstOf(3);
        BigDecimal total = BigDecimal.ZERO;
        for (double v : p) {
            total = total.add(new BigDecimal(v));
        }
        BigDecimal above = total;
        for (int i = 0; i < size; i++) {
            BigDecimal pi = new BigDecimal(p[i]);
            BigDecimal next = above.subtract(pi);
            // a^3 - b^3 = (a - b)(a^2 + ab + b^2), without the cancellation
            double expected = pi.multiply(above.pow(2).add(above.multiply(next)).add(next.pow(2)))
                    .divide(total.pow(3), MC).doubleValue();
            double actual = worst.probability(i);
            if (expected == 0) {
                assertEquals(0.0, actual, "rank " + i);
            } else {
                assertTrue(Math.abs(actual - expected) <= 4 * tolerance(expected) * expected,
                        "rank " + i + ": expected " + expected + ", got " + actual);
            }
            above = next;
        }
    }
}
