package org.bonlab.numeric.quantity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Map;
import org.bonlab.Bon;
import org.bonlab.expr.Expr;
import org.bonlab.numeric.DoubleEvaluator;
import org.bonlab.numeric.Tolerance;
import org.bonlab.numeric.precise.HighPrecisionEvaluator;
import org.bonlab.policy.Policy;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BestOfKlTest {

    /** 6000 outcomes, probabilities from 1e-300 to 1 (relative), a zero every 1009th: blocks of every kind side by side. */
    private static Policy mixed() {
        double[] w = new double[6000];
        for (int i = 0; i < w.length; i++) {
            w[i] = i % 1009 == 5 ? 0 : i < 400 ? Math.pow(10, -300 + i * 0.5) : 1.0 / (1 + i % 13);
        }
        double total = 0;
        for (double x : w) {
            total += x;
        }
        for (int i = 0; i < w.length; i++) {
            w[i] /= total;
        }
        return Policy.probabilities(w);
    }

    @Test
    @DisplayName("the KL sweep's vector-friendly blocks give the rank-by-rank value to the bit")
    void blocksAreTheRankByRankSum() {
        DoubleEvaluator ev = new DoubleEvaluator();
        Policy[] policies = {Policy.zipf(100_000, 1.1), Policy.uniform(5000), Policy.geometric(8000, 0.9995), mixed()};
        for (Policy p : policies) {
            BestOfKl kernel = new BestOfKl(ev.pmf(p, Map.of()));
            int near = 0;
            int far = 0;
            for (double n : new double[] {2, 3, 17, 300, 1e4, 1e6, 1e9}) {
                near += kernel.seriesBlocks(n, true);
                far += kernel.seriesBlocks(n, false);
                assertEquals(kernel.kl(n, false), kernel.kl(n, true), 0.0, p + " at n = " + n);
            }
            assertTrue(near > 0 && far > 0, p + ": blocks near 0 " + near + ", far from it " + far);
        }
    }

    /**
     * {x, 1 - e^x, log((1 - e^x)/(-x))} at the double x, by mpmath at 40 digits:
     * {@code mp.dps = 40; X = mpf(x); ome = -expm1(X); print(x, ome, log(ome / -X))}.
     */
    private static final double[][] SERIES_REFERENCE = {
        {-0.6931, 0.4999764091635173086779837, -0.326613373287802865065372},
        {-0.69, 0.4984239309339444393535762, -0.3252406157532246426731437},
        {-0.5, 0.3934693402873665763962005, -0.2396049490072432624774089},
        {-0.3, 0.2591817793182821257083918, -0.1462528084889106816375516},
        {-0.125, 0.1175030974154045971351079, -0.06184904308336527209439518},
        {-0.05, 0.0487705754992859935487667, -0.02489583550338611101237453},
        {-0.01, 0.009950166250831946632189545, -0.004995833336805550148011981},
        {-0.001, 0.0009995001666250083527405183, -0.0004999583333336805659566502},
        {-3e-05, 0.00002999955000449996701020542, -0.00001499996250000000066126096},
        {-1e-07, 9.999999500000016214147414e-8, -4.9999999583333331070739e-8},
        {-1e-12, 9.999999999994999798866478e-13, -4.999999999999583232766571e-13},
    };

    @Test
    @DisplayName("the series branch's polynomials against 40-digit mpmath on (-log 2, 0)")
    void seriesPolynomials() {
        for (double[] row : SERIES_REFERENCE) {
            double x = row[0];
            double ulps = 3 * Math.ulp(row[1]);
            assertEquals(row[1], BestOfKl.farOneMinusExp(x), ulps, "x = " + x);
            assertEquals(row[1], BestOfKl.farOneMinusExpFused(x), ulps, "x = " + x);
            assertEquals(row[2], BestOfKl.farLog(x), 2e-16, "x = " + x);
            assertEquals(row[2], BestOfKl.farLogFused(x), 2e-16, "x = " + x);
            if (x >= -1e-2) {
                assertEquals(row[1], BestOfKl.nearOneMinusExp(x), ulps, "x = " + x);
                assertEquals(row[1], BestOfKl.nearOneMinusExpFused(x), ulps, "x = " + x);
                assertEquals(row[2], BestOfKl.nearLog(x), 2e-16, "x = " + x);
                assertEquals(row[2], BestOfKl.nearLogFused(x), 2e-16, "x = " + x);
            }
        }
    }

    @Test
    @DisplayName("the KL sweep's blocks against the 50-digit engine on 4096 outcomes")
    void blocksAgainstHighPrecision() {
        // mpmath-independent: the 50-digit engine sums pi_n log(pi_n/p) from its own best-of-n PMF
        HighPrecisionEvaluator hp = new HighPrecisionEvaluator();
        DoubleEvaluator ev = new DoubleEvaluator();
        for (Policy p : new Policy[] {Policy.zipf(4096, 1.1)}) { // the least size with blocks
            BestOfKl kernel = new BestOfKl(ev.pmf(p, Map.of()));
            int far = 0;
            for (double n : new double[] {2, 40, 400}) {
                assertTrue(kernel.seriesBlocks(n, true) > 0, p + " at n = " + n);
                far += kernel.seriesBlocks(n, false);
                Expr kl = Bon.kl(p.bestOf(Bon.n), p);
                double expected = hp.evaluate(kl, Map.of(Bon.n, new BigDecimal(n))).doubleValue();
                String miss = Tolerance.check(expected, kernel.kl(n));
                assertNull(miss, p + " at n = " + n + ": " + miss);
            }
            assertTrue(far > 0, p + ": no block far from 0");
        }
    }
}
