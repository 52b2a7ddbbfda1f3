package org.bonlab.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.bonlab.Bon;
import org.bonlab.expr.Expr;
import org.bonlab.numeric.policy.RankedPmf;
import org.bonlab.numeric.precise.HighPrecisionEvaluator;
import org.bonlab.numeric.quantity.Quantities;
import org.bonlab.policy.Policy;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The telescoped win rate of best-of-n ({@link Quantities#bestOfWinRate}), an optimisation of the sum over
 * pi_n, equals that sum and the 50-digit engine on policies with and without ties, at n from 1 to 10^6; where the
 * strict rate is small it defers to the sum.
 */
class WinRateSweepTest {

    @Test
    @DisplayName("telescoped win rates = the sum over pi_n = 50 digits, ties included, n = 1..10^6")
    void equalsTheSumOverPiN() {
        List<Policy> policies = List.of(Policy.coin(), Policy.uniform(10), Policy.spike(200, "1e-5", "1e-3", "1e-1"),
                Policy.probabilities("0.1", "0.2", "0.3", "0.4").withReward(new double[] {1, 1, 2, 2}),
                Policy.probabilities("1/8", "1/8", "1/4", "1/2").withReward(new double[] {0, 3, 3, 3}));
        DoubleEvaluator ev = new DoubleEvaluator();
        HighPrecisionEvaluator hp = new HighPrecisionEvaluator(50);
        int fast = 0;
        for (Policy p : policies) {
            RankedPmf base = ev.pmf(p, Map.of());
            for (long n : new long[] {1, 2, 3, 10, 1000, 1_000_000}) {
                RankedPmf bon = ev.pmf(p.bestOf(Expr.constant(n)), Map.of());
                for (boolean half : new boolean[] {false, true}) {
                    double sum = Quantities.winRate(bon, base, half);
                    var telescoped = Quantities.bestOfWinRate(base, n, half);
                    Expr q = half ? Bon.winRateHalf(p.bestOf(Expr.constant(n)), p)
                            : Bon.winRateStrict(p.bestOf(Expr.constant(n)), p);
                    double exact = hp.evaluate(q, Map.of()).doubleValue();
                    String what = p.describe() + " n=" + n + (half ? " half" : " strict");
                    assertEquals(exact, sum, 1e-15 * Math.max(1e-300, exact) + 1e-300, what);
                    if (telescoped.isPresent()) {
                        fast++;
                        assertEquals(exact, telescoped.getAsDouble(), 4e-15 * exact, what);
                    }
                    assertEquals(exact, ev.evaluate(q), 4e-15 * exact, what + " (engine)");
                }
            }
        }
        assertTrue(fast >= 50, "telescoped " + fast + " of 60");
    }

    @Test
    @DisplayName("large policies: the kernel's carried powers give the sums over groups to 2e-15, ties by groups")
    void kernelOnLargePolicies() {
        double[] rewards = new double[6000];
        double[] weights = new double[6000];
        for (int i = 0; i < rewards.length; i++) {
            rewards[i] = i / 3; // groups of three tied outcomes
            weights[i] = 1.0 / 6000;
        }
        List<Policy> policies = List.of(Policy.zipf(100_000, 1.1), Policy.uniform(50_000),
                Policy.geometric(5000, 0.999), Policy.probabilities(weights).withReward(rewards));
        DoubleEvaluator ev = new DoubleEvaluator();
        for (Policy p : policies) {
            RankedPmf base = ev.pmf(p, Map.of());
            org.bonlab.numeric.quantity.BestOfKl kernel = new org.bonlab.numeric.quantity.BestOfKl(base);
            for (long n : new long[] {1, 2, 7, 100, 12_345, 1_000_000, 1_000_000_000}) {
                double[] byGroups = Quantities.bestOfWinSums(base, n);
                double[] carried = kernel.winSums(n);
                String what = p.describe() + " n=" + n;
                // the win rates are 1 - S and 1 - (S + T)/2: absolute accuracy is what counts (on geometric(5000,
                // 0.999) at n = 10^6, T = 7.7562868387675e-9 by 40-digit mpmath: the kernel is within 2e-14
                // relative, the sum over groups 1.6e-12)
                assertEquals(byGroups[0], carried[0], 2e-15, what + " S");
                assertEquals(byGroups[1], carried[1], 2e-15, what + " T");
                // the engine routes a policy this large through the kernel
                Expr half = Bon.winRateHalf(p.bestOf(Expr.constant(n)), p);
                assertEquals(1 - 0.5 * (byGroups[0] + byGroups[1]), ev.evaluate(half), 1e-14, what + " engine");
            }
        }
        // against 50 digits on uniform(5000) at n = 3: W_1/2 = 1 - (S + T)/2 with S_3 and T_3 power sums
        Policy u = Policy.uniform(5000);
        Expr strict = Bon.winRateStrict(u.bestOf(Expr.constant(3)), u);
        double exact = new HighPrecisionEvaluator(50).evaluate(strict, Map.of()).doubleValue();
        assertEquals(exact, ev.evaluate(strict), 4e-15 * exact);
    }

    @Test
    @DisplayName("a small strict win rate (near-degenerate policy at n = 1) is left to the sum over pi_n, accurate")
    void smallStrictRateDefers() {
        Policy p = Policy.probabilities("1e-9", "0.999999999");
        RankedPmf base = new DoubleEvaluator().pmf(p, Map.of());
        assertTrue(Quantities.bestOfWinRate(base, 1, false).isEmpty());
        double exact = new HighPrecisionEvaluator(50).evaluate(Bon.winRateStrict(p.bestOf(Expr.constant(1)), p),
                Map.of()).doubleValue();
        assertEquals(new BigDecimal("1e-9").multiply(new BigDecimal("0.999999999")).doubleValue(), exact, 1e-24);
        assertEquals(exact, new DoubleEvaluator().evaluate(Bon.winRateStrict(p.bestOf(Expr.constant(1)), p)),
                1e-15 * exact);
    }

    @Test
    @DisplayName("bernoulli(p) with a symbolic p: one evaluator at the same n and two values of p gives two win rates")
    void symbolicBernoulliIsNotCached() {
        Expr.Sym p = Bon.symbol("p");
        Policy b = Policy.bernoulli(p);
        DoubleEvaluator ev = new DoubleEvaluator();
        Expr w = Bon.winRateHalf(b.bestOf(Expr.constant(3)), b);
        for (double value : new double[] {0.2, 0.7, 0.2}) {
            double q = 1 - value;
            // two outcomes, n = 3: 1 - (S + T)/2 with S = q^4 + p, T = p q^3
            double expected = 1 - 0.5 * (Math.pow(q, 4) + value + value * Math.pow(q, 3));
            assertEquals(expected, ev.evaluate(w, Map.of(p, value)), 1e-15, "p = " + value);
        }
    }
}
