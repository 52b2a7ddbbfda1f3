package org.bonlab.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.bonlab.Bon;
import org.bonlab.expr.Expr;
import org.bonlab.numeric.policy.RankedPmf;
import org.bonlab.numeric.sampling.EstimatorSampling;
import org.bonlab.policy.Explicit;
import org.bonlab.policy.Policy;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LargePolicyTest {

    @Test
    @DisplayName("an explicit PMF of 10^6 outcomes gives the same KL as the Zipf family it was copied from")
    void explicitMillionOutcomes() {
        Policy zipf = Policy.zipf(1_000_000, 1.1);
        DoubleEvaluator ev = new DoubleEvaluator();
        double[] probs = ev.pmf(zipf, Map.of()).probabilities();
        Explicit explicit = Policy.probabilities(probs);
        for (double n : new double[] {1, 10, 1e3, 1e6}) {
            Map<Expr.Sym, Double> at = Map.of(Bon.n, n);
            double a = ev.evaluate(Bon.kl(zipf.bestOf(Bon.n), zipf), at);
            double b = ev.evaluate(Bon.kl(explicit.bestOf(Bon.n), explicit), at);
            assertEquals(a, b, 1e-12 * Math.max(a, 1e-3), "n = " + n);
        }
    }

    @Test
    @DisplayName("the KL sweep's kernel (products of e^{n b_i} between fresh powers) against the 50-digit engine")
    void klKernelAgainstHighPrecision() {
        // hundreds of outcomes, so that the products run their full length between restarts, at n where
        // each branch of log(1 - e^x) carries the bulk: the series (small n), expm1 and exp (large n)
        org.bonlab.numeric.precise.HighPrecisionEvaluator hp = new org.bonlab.numeric.precise.HighPrecisionEvaluator();
        DoubleEvaluator ev = new DoubleEvaluator();
        for (Policy p : new Policy[] {Policy.zipf(320, 1.1), Policy.uniform(250), Policy.spike(160, "1e-3")}) {
            for (double n : new double[] {2, 17, 1e6}) {
                Expr kl = Bon.kl(p.bestOf(Bon.n), p);
                double expected = hp.evaluate(kl, Map.of(Bon.n, new java.math.BigDecimal(n))).doubleValue();
                String miss = Tolerance.check(expected, ev.evaluate(kl, Map.of(Bon.n, n)));
                org.junit.jupiter.api.Assertions.assertNull(miss, p + " at n = " + n + ": " + miss);
            }
        }
    }

    @Test
    @DisplayName("the KL sweep's kernel in parallel pieces against the sum over the engine's own best-of-n PMF")
    void klKernelInPiecesAgainstThePmf() {
        Policy zipf = Policy.zipf(100_000, 1.1);
        DoubleEvaluator ev = new DoubleEvaluator();
        RankedPmf p = ev.pmf(zipf, Map.of());
        for (double n : new double[] {2, 1e4, 1e7}) {
            RankedPmf pi = ev.pmf(zipf.bestOf(Bon.n), Map.of(Bon.n, n));
            java.math.BigDecimal exact = java.math.BigDecimal.ZERO; // each term rounded once, summed exactly
            for (int i = 0; i < pi.size(); i++) {
                double term = pi.probability(i) * (pi.logProbability(i) - p.logProbability(i));
                if (Double.isFinite(term)) {
                    exact = exact.add(new java.math.BigDecimal(term));
                }
            }
            double kernel = ev.evaluate(Bon.kl(zipf.bestOf(Bon.n), zipf), Map.of(Bon.n, n));
            String miss = Tolerance.check(exact.doubleValue(), kernel);
            org.junit.jupiter.api.Assertions.assertNull(miss, "n = " + n + ": " + miss);
        }
    }

    @Test
    @DisplayName("the distribution of eps_n = p(y), y ~ pi_n (Eq. 20): values p_i with weights pi_n(i)")
    void epsilonDistribution() {
        RankedPmf p = new DoubleEvaluator().pmf(Policy.spike(5, "1e-4"), Map.of());
        double[][] d = EstimatorSampling.epsilonDistribution(p, 1e4);
        double total = 0;
        for (double[] row : d) {
            total += row[1];
        }
        assertEquals(1.0, total, 1e-14);
        assertEquals(1e-4, d[4][0], 1e-19);
        assertEquals(-Math.expm1(1e4 * Math.log1p(-1e-4)), d[4][1], 1e-14); // P[top found] = 1 - (1 - 1e-4)^n
    }
}
