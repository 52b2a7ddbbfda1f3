package org.bonlab.numeric.interval;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Random;
import org.bonlab.Bon;
import org.bonlab.claim.Binding;
import org.bonlab.claim.Claim;
import org.bonlab.claim.Family;
import org.bonlab.expr.Expr;
import org.bonlab.expr.Quantity;
import org.bonlab.numeric.DoubleEvaluator;
import org.bonlab.numeric.claim.ConjectureSearch;
import org.bonlab.numeric.claim.Verdict;
import org.bonlab.policy.Policy;
import org.bonlab.policy.PolicyVar;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * vBoN's J >= L >= L1 (Amini et al. Thm 2-4) for every pair of policies: the slack on random pairs, the proofs, and
 * the claims not taken.
 */
class VbonBoundCertifierTest {

    private static final Expr.Sym N = Bon.n;
    private static final PolicyVar P = Policy.variable("p");
    private static final PolicyVar THETA = Policy.variable("theta");

    @Test
    @DisplayName("the arguments' consequences J >= L + log n and L >= L1 on 1000 random pairs (2 to 10 outcomes, "
            + "pi_theta off the lowest outcome, n up to 10^4), with the double engine")
    void slackOfLogN() {
        Random rng = new Random(9);
        DoubleEvaluator ev = new DoubleEvaluator();
        Expr j = Bon.vbonObjective(THETA, P, N);
        Expr l = Bon.vbonBound(Quantity.VbonBoundKind.L, THETA, P, N);
        Expr l1 = Bon.vbonBound(Quantity.VbonBoundKind.L1, THETA, P, N);
        for (int k = 0; k < 1000; k++) {
            int size = 2 + rng.nextInt(9);
            double[] p = new double[size];
            double[] t = new double[size];
            double sp = 0;
            double st = 0;
            for (int i = 0; i < size; i++) {
                p[i] = 0.01 + rng.nextDouble();
                t[i] = i == 0 ? 0 : rng.nextDouble() * rng.nextDouble();
                sp += p[i];
                st += t[i];
            }
            for (int i = 0; i < size; i++) {
                p[i] /= sp;
                t[i] /= st;
            }
            double n = Math.rint(Math.pow(10, 4 * rng.nextDouble()));
            Map<PolicyVar, Policy> bound = Map.of(P, Policy.probabilities(p), THETA, Policy.probabilities(t));
            double jv = ev.evaluate(Binding.bind(j, bound), Map.of(N, n));
            double lv = ev.evaluate(Binding.bind(l, bound), Map.of(N, n));
            assertTrue(jv >= lv + Math.log(n) - 1e-9 * Math.max(1, Math.abs(lv)),
                    "n = " + n + ": J " + jv + ", L " + lv);
            double l1v = ev.evaluate(Binding.bind(l1, bound), Map.of(N, n));
            assertTrue(lv >= l1v - 1e-9 * Math.max(1, Math.abs(l1v)), "n = " + n + ": L " + lv + ", L1 " + l1v);
        }
    }

    @Test
    @DisplayName("J >= L, J >= L1 and L >= L1 over every policy on up to 12 outcomes and every pi_theta on them, "
            + "n = 1..1000: PROVED; the reversed claims and J >= L + log n + 1/10 (FALSIFIED) are not taken")
    void provedAndRefused() {
        Family f = new Family.Simplex(2, 12, Family.Rewards.ORDERED);
        Claim thm2 = Bon.claim(Bon.vbonObjective(THETA, P, N)).atLeast(Bon.vbonBound(Quantity.VbonBoundKind.L, THETA, P,
                N)).forAll(P, f).forAll(THETA, new Family.SameOutcomes(P)).forAll(N, 1, 1000).named("J >= L");
        assertTrue(VbonBoundCertifier.applies(thm2));
        var r = assertInstanceOf(IntervalCertifier.Result.Certified.class, IntervalCertifier.certify(thm2));
        assertTrue(r.argument().contains("J >= log n + L"), r.argument());
        assertFalse(VbonBoundCertifier.applies(Bon.claim(Bon.vbonObjective(THETA, P, N))
                .atMost(Bon.vbonBound(Quantity.VbonBoundKind.L, THETA, P, N)).forAll(P, f)
                .forAll(THETA, new Family.SameOutcomes(P)).forAll(N, 1, 10).named("reversed")));
        for (Claim c : new Claim[] {Bon.claim(Bon.vbonObjective(THETA, P, N))
                .atLeast(Bon.vbonBound(Quantity.VbonBoundKind.L1, THETA, P, N)).forAll(P, f)
                .forAll(THETA, new Family.SameOutcomes(P)).forAll(N, 1, 1000).named("J >= L1"),
            Bon.claim(Bon.vbonBound(Quantity.VbonBoundKind.L, THETA, P, N))
                .atLeast(Bon.vbonBound(Quantity.VbonBoundKind.L1, THETA, P, N)).forAll(P, f)
                .forAll(THETA, new Family.SameOutcomes(P)).forAll(N, 1, 1000).named("L >= L1")}) {
            var proof = assertInstanceOf(IntervalCertifier.Result.Certified.class, IntervalCertifier.certify(c));
            assertTrue(proof.argument().contains("L - L1 = (n - 1 - gamma) E[log F]"), proof.argument());
        }
        assertFalse(VbonBoundCertifier.applies(Bon.claim(Bon.vbonBound(Quantity.VbonBoundKind.L1, THETA, P, N))
                .atLeast(Bon.vbonBound(Quantity.VbonBoundKind.L, THETA, P, N)).forAll(P, f)
                .forAll(THETA, new Family.SameOutcomes(P)).forAll(N, 1, 10).named("L1 >= L")));
        Claim raised = Bon.claim(Bon.vbonObjective(THETA, P, N)).atLeast(Bon.vbonBound(Quantity.VbonBoundKind.L,
                THETA, P, N).plus(Bon.log(N)).plus(Expr.rational(1, 10))).forAll(P, Family.simplex(3))
                .forAll(THETA, new Family.SameOutcomes(P)).forAll(N, 1, 100).named("raised");
        assertFalse(VbonBoundCertifier.applies(raised));
        Verdict v = new ConjectureSearch(1, 2000, null).check(raised);
        assertInstanceOf(Verdict.Falsified.class, v, v.report());
    }
}
