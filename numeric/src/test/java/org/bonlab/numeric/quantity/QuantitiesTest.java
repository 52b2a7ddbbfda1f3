package org.bonlab.numeric.quantity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;
import org.bonlab.Bon;
import org.bonlab.expr.Expr;
import org.bonlab.expr.Quantity;
import org.bonlab.numeric.DoubleEvaluator;
import org.bonlab.numeric.policy.RankedPmf;
import org.bonlab.policy.Explicit;
import org.bonlab.policy.Policy;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class QuantitiesTest {

    static RankedPmf pmf(Policy p) {
        return new DoubleEvaluator().pmf(p, Map.of());
    }

    @Test
    @DisplayName("entropies of a hand-computable policy")
    void entropies() {
        RankedPmf p = pmf(Policy.probabilities(0.5, 0.25, 0.25));
        assertEquals(1.5 * Math.log(2), Quantities.entropy(p), 1e-15);
        assertEquals(-Math.log(0.375), Quantities.renyiEntropy(p, 2), 1e-15);
        assertEquals(Math.log(3), Quantities.renyiEntropy(p, 0), 1e-15);
        assertEquals(0.375, Quantities.collisionProbability(p), 1e-16);
    }

    @Test
    void chiSquare() {
        RankedPmf q = pmf(Policy.probabilities(0.5, 0.5));
        RankedPmf p = pmf(Policy.probabilities(0.25, 0.75));
        assertEquals(0.0625 / 0.25 + 0.0625 / 0.75, Quantities.chiSquare(q, p), 1e-15);
    }

    @Test
    @DisplayName("Eq. 28 at n = 1 is 0; as eps -> 0 both estimators tend to their limits")
    void estimatorsPointwise() {
        assertEquals(0.0, Quantities.klHat(0.3, 1), 1e-16);
        double n = 1000;
        assertEquals(Math.log(n) - (n - 1) / n, Quantities.klHat(1e-300, n), 1e-12);
        assertEquals(Math.log(n), Quantities.klHat1(1e-300, n), 1e-12);
        // eps = 1: a single outcome, KLhat = log(1/1) = 0
        assertEquals(0.0, Quantities.klHat(1, 50), 0);
    }

    @Test
    @DisplayName("estimators at eps = 0 are undefined with a reason, never NaN")
    void estimatorsUndefinedAtZero() {
        UndefinedQuantityException e = assertThrows(UndefinedQuantityException.class,
                () -> new DoubleEvaluator().evaluate(Bon.klHat1(Expr.constant(0), Expr.constant(10))));
        assertTrue(e.getMessage().contains("eps = 0"), e.getMessage());
    }

    @Test
    @DisplayName("Thm 3 and Thm 4 are one inequality rearranged: Thm 4 RHS = Eq. 5 - Thm 3 RHS")
    void theoremThreeAndFourAgree() {
        RankedPmf p = pmf(Policy.spike(200, 1e-5, 1e-3, 1e-1));
        for (double n : new double[] {1, 2, 10, 1e3, 1e5, 1e7}) {
            double thm4 = Quantities.klUpperThm4(p, n);
            double viaThm3 = Quantities.analyticalKl(n) - Quantities.gapLowerThm3(p, n);
            assertEquals(thm4, viaThm3, 1e-12 * Math.max(1, thm4), "n = " + n);
        }
    }

    @Test
    @DisplayName("vBoN Thm 2, 3, 4: J >= L >= L1 for 200 random pi_theta")
    void vbonBoundsOrder() {
        Explicit base = Policy.probabilities(0.1, 0.2, 0.3, 0.25, 0.15);
        SplittableRandom rng = new SplittableRandom(2024);
        DoubleEvaluator ev = new DoubleEvaluator();
        for (int trial = 0; trial < 200; trial++) {
            double[] t = new double[5];
            double s = 0;
            for (int i = 1; i < 5; i++) { // pi_theta must not charge the lowest outcome (F = 0 there)
                t[i] = rng.nextDouble() + 1e-3;
                s += t[i];
            }
            for (int i = 1; i < 5; i++) {
                t[i] /= s;
            }
            t[4] = 1 - t[1] - t[2] - t[3];
            Explicit theta = base.withProbabilities(t);
            Expr n = Expr.constant(1 + rng.nextInt(20));
            double j = ev.evaluate(Bon.vbonObjective(theta, base, n));
            double l = ev.evaluate(Bon.vbonBound(Quantity.VbonBoundKind.L, theta, base, n));
            double l1 = ev.evaluate(Bon.vbonBound(Quantity.VbonBoundKind.L1, theta, base, n));
            assertTrue(j >= l - 1e-12 && l >= l1 - 1e-12, "trial " + trial + ": J=" + j + " L=" + l + " L1=" + l1);
        }
    }

    @Test
    @DisplayName("L(theta) is undefined when pi_theta charges the lowest-reward outcome (F = 0)")
    void vbonLUndefinedAtBottom() {
        Explicit base = Policy.probabilities(0.5, 0.5);
        Explicit theta = base.withProbabilities(0.1, 0.9);
        UndefinedQuantityException e = assertThrows(UndefinedQuantityException.class, () -> new DoubleEvaluator()
                .evaluate(Bon.vbonBound(Quantity.VbonBoundKind.L, theta, base, Expr.constant(4))));
        assertTrue(e.getMessage().contains("strict CDF F is 0"), e.getMessage());
    }

    @Test
    @DisplayName("J(theta) = 0 exactly at pi_theta = pi_bon")
    void vbonObjectiveVanishesAtBon() {
        Explicit base = Policy.probabilities(0.1, 0.2, 0.7);
        RankedPmf bon = pmf(base.bestOf(3));
        Explicit theta = base.withProbabilities(bon.probabilities());
        assertEquals(0.0, new DoubleEvaluator().evaluate(Bon.vbonObjective(theta, base, Expr.constant(3))), 1e-15);
    }

    @Test
    @DisplayName("win rate against the base is at most n/(n+1) (v3 Thm 5.3) and tight in the atomless limit")
    void winRateBound() {
        for (int n : new int[] {1, 2, 5, 50}) {
            Policy u = Policy.uniform(100_000);
            double w = new DoubleEvaluator().evaluate(Bon.winRateHalf(u.bestOf(n), u));
            assertTrue(w <= n / (n + 1.0) + 1e-15);
            assertEquals(n / (n + 1.0), w, 1e-4);
        }
    }
}
