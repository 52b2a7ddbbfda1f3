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
