package org.bonlab.numeric.interval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.bonlab.Bon;
import org.bonlab.claim.Binding;
import org.bonlab.claim.Claim;
import org.bonlab.claim.Family;
import org.bonlab.claim.Range;
import org.bonlab.expr.Expr;
import org.bonlab.expr.Quantity;
import org.bonlab.numeric.DoubleEvaluator;
import org.bonlab.numeric.precise.HighPrecisionEvaluator;
import org.bonlab.policy.Policy;
import org.bonlab.policy.PolicyVar;
import org.bonlab.policy.Reward;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Thm 3 and Thm 4 over every policy for every n: the split off the top outcome checked numerically, the two bounds
 * equal up to log n - (n-1)/n at 50 digits, the proofs, and the claims it must not take.
 */
class TopOutcomeCertifierTest {

    private static final Expr.Sym N = Bon.n;
    private static final PolicyVar P = Policy.variable("p");

    @Test
    @DisplayName("on 500 random policies (2 to 10 outcomes, ties, n up to 10^5): KL = (1 - q) log((1 - q)/eps) + "
            + "q KL(pi'_n || p') + q (n-1) log(1 - eps) with p' the policy without its top outcome (double engine)")
    void splitOffTheTopOutcome() {
        Random rng = new Random(3);
        DoubleEvaluator ev = new DoubleEvaluator();
        Expr kl = Bon.kl(P.bestOf(N), P);
        for (int k = 0; k < 500; k++) {
            int size = 2 + rng.nextInt(9);
            double[] w = new double[size];
            double total = 0;
            for (int i = 0; i < size; i++) {
                w[i] = 0.01 + rng.nextDouble();
                total += w[i];
            }
            for (int i = 0; i < size; i++) {
                w[i] /= total;
            }
            // rewards ascending in listing order with ties; the last listed outcome is last in the total order
            double[] r = new double[size];
            for (int i = 1; i < size; i++) {
                r[i] = r[i - 1] + rng.nextInt(2);
            }
            double n = Math.rint(Math.pow(10, 5 * rng.nextDouble()));
            double eps = w[size - 1];
            double[] rest = Arrays.copyOf(w, size - 1);
            for (int i = 0; i < rest.length; i++) {
                rest[i] /= 1 - eps;
            }
            double whole = ev.evaluate(Binding.bind(kl, Map.of(P, Policy.probabilities(w).withReward(Reward.of(r)))),
                    Map.of(N, n));
            double restKl = ev.evaluate(Binding.bind(kl, Map.of(P, Policy.probabilities(rest)
                    .withReward(Reward.of(Arrays.copyOf(r, size - 1))))), Map.of(N, n));
            double q = Math.exp(n * Math.log1p(-eps));
            double split = -Math.expm1(n * Math.log1p(-eps)) * Math.log(-Math.expm1(n * Math.log1p(-eps)) / eps)
                    + q * restKl + q * (n - 1) * Math.log1p(-eps);
            assertEquals(whole, split, 1e-11 * Math.max(1, Math.abs(whole)), "n = " + n + ", p = "
                    + Arrays.toString(w));
        }
    }

    @Test
    @DisplayName("Thm 3's bound is log n - (n-1)/n minus Thm 4's, at 50 digits on 200 random (policy, n)")
    void thmThreeIsThmFourRearranged() {
        Random rng = new Random(4);
        HighPrecisionEvaluator hp = new HighPrecisionEvaluator(50);
        Expr difference = Bon.analyticalKl(N).minus(Bon.bound(Quantity.BoundKind.THM4_KL_UPPER, P, N))
                .minus(Bon.bound(Quantity.BoundKind.THM3_GAP_LOWER, P, N));
        for (int k = 0; k < 200; k++) {
            int size = 1 + rng.nextInt(6);
            double[] w = new double[size];
            Arrays.fill(w, 1.0 / size);
            if (size > 1) {
                double top = Math.pow(10, -6 * rng.nextDouble());
                for (int i = 0; i < size; i++) {
                    w[i] = i == size - 1 ? top : (1 - top) / (size - 1);
                }
            }
            long n = 1 + (long) Math.pow(10, 6 * rng.nextDouble());
            BigDecimal d = hp.evaluate(Binding.bind(difference, Map.of(P, Policy.probabilities(w))),
                    Map.of(N, BigDecimal.valueOf(n)));
            assertTrue(d.abs().compareTo(new BigDecimal("1e-40")) < 0, "n = " + n + ": "
                    + d.round(MathContext.DECIMAL64));
        }
    }

    @Test
    @DisplayName("Thm 3 and Thm 4 over every policy on up to 12 outcomes (ties) and on bernoulli(p), every n: PROVED; "
            + "not taken: the reversed relations, Cor 3 reversed, Thm 4 lowered by 1/1000 (which the search FALSIFIES)")
    void provedAndRefused() {
        Expr kl = Bon.kl(P.bestOf(N), P);
        Expr gap = Bon.analyticalKl(N).minus(kl);
        for (Family f : new Family[] {new Family.Simplex(1, 12, Family.Rewards.TIED), new Family.Bernoulli()}) {
            for (Claim c : new Claim[] {
                Bon.claim(kl).atMost(Bon.bound(Quantity.BoundKind.THM4_KL_UPPER, P, N)).forAll(P, f)
                        .forAll(N, 1, Range.INFINITY).named("Thm 4"),
                Bon.claim(gap).atLeast(Bon.bound(Quantity.BoundKind.THM3_GAP_LOWER, P, N)).forAll(P, f)
                        .forAll(N, 1, Range.INFINITY).named("Thm 3")}) {
                assertTrue(TopOutcomeCertifier.applies(c), c.name());
                var r = assertInstanceOf(IntervalCertifier.Result.Certified.class, IntervalCertifier.certify(c));
                assertTrue(r.argument().contains("splitting off the top outcome"), r.argument());
            }
        }
        Family f = Family.simplex(4);
        assertFalse(TopOutcomeCertifier.applies(Bon.claim(kl).atLeast(Bon.bound(Quantity.BoundKind.THM4_KL_UPPER, P,
                N)).forAll(P, f).forAll(N, 1, 10).named("reversed")));
        assertFalse(TopOutcomeCertifier.applies(Bon.claim(gap).atMost(Bon.bound(Quantity.BoundKind.THM3_GAP_LOWER, P,
                N)).forAll(P, f).forAll(N, 1, 10).named("reversed")));
        assertFalse(TopOutcomeCertifier.applies(Bon.claim(gap).atMost(Bon.bound(Quantity.BoundKind.COR3_GAP_LOWER, P,
                N)).forAll(P, f).forAll(N, 1, 10).named("Cor 3 reversed")));
        Claim lowered = Bon.claim(kl).atMost(Bon.bound(Quantity.BoundKind.THM4_KL_UPPER, P, N)
                .minus(Expr.rational(1, 1000))).forAll(P, f).forAll(N, 1, 100).named("Thm 4 lowered");
        assertFalse(TopOutcomeCertifier.applies(lowered));
        var v = new org.bonlab.numeric.claim.ConjectureSearch(1, 2000, null).check(lowered);
        assertInstanceOf(org.bonlab.numeric.claim.Verdict.Falsified.class, v, v.report());
    }

    @DisplayName("Cor 3 from Thm 3: at 50 digits on 400 random (eps, n), Thm 3's bound minus Cor 3's is >= 1/n where "
            + "n eps >= 1 and >= 0 elsewhere; Cor 3 over every policy on up to 12 outcomes, every n: PROVED")
    @Test
    void corThreeFromThmThree() {
        Random rng = new Random(6);
        HighPrecisionEvaluator hp = new HighPrecisionEvaluator(50);
        Expr difference = Bon.bound(Quantity.BoundKind.THM3_GAP_LOWER, P, N)
                .minus(Bon.bound(Quantity.BoundKind.COR3_GAP_LOWER, P, N));
        for (int k = 0; k < 400; k++) {
            double eps = k % 4 == 0 ? 1 : Math.pow(10, -8 * rng.nextDouble());
            long n = 1 + (long) Math.pow(10, 7 * rng.nextDouble());
            double[] w = eps == 1 ? new double[] {0, 1} : new double[] {1 - eps, eps};
            BigDecimal d = hp.evaluate(Binding.bind(difference, Map.of(P, Policy.probabilities(w))),
                    Map.of(N, BigDecimal.valueOf(n)));
            double floor = n * eps >= 1 ? 1.0 / n : 0;
            assertTrue(d.doubleValue() >= floor * (1 - 1e-12), "eps = " + eps + ", n = " + n + ": " + d.doubleValue());
        }
        Expr gap = Bon.analyticalKl(N).minus(Bon.kl(P.bestOf(N), P));
        Claim cor3 = Bon.claim(gap).atLeast(Bon.bound(Quantity.BoundKind.COR3_GAP_LOWER, P, N))
                .forAll(P, new Family.Simplex(1, 12, Family.Rewards.TIED)).forAll(N, 1, Range.INFINITY).named("Cor 3");
        assertTrue(TopOutcomeCertifier.applies(cor3));
        var r = assertInstanceOf(IntervalCertifier.Result.Certified.class, IntervalCertifier.certify(cor3));
        assertTrue(r.argument().contains("Cor 3 (Eq. 22)") && r.argument().contains("Thm 3's bound >= Cor 3's"),
                r.argument());
    }
}
