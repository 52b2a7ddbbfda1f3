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
            int used = 0;
            for (double n : new double[] {2, 3, 17, 300, 1e4, 1e6, 1e9}) {
                used += kernel.seriesBlocks(n);
                assertEquals(kernel.kl(n, false), kernel.kl(n, true), 0.0, p + " at n = " + n);
            }
            assertTrue(used > 0, p + ": no block on the series branch");
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
            for (double n : new double[] {2, 40}) {
                assertTrue(kernel.seriesBlocks(n) > 0, p + " at n = " + n);
                Expr kl = Bon.kl(p.bestOf(Bon.n), p);
                double expected = hp.evaluate(kl, Map.of(Bon.n, new BigDecimal(n))).doubleValue();
                String miss = Tolerance.check(expected, kernel.kl(n));
                assertNull(miss, p + " at n = " + n + ": " + miss);
            }
        }
    }
}
