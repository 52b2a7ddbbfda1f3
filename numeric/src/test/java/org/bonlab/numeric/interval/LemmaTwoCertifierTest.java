package org.bonlab.numeric.interval;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Random;
import org.bonlab.Bon;
import org.bonlab.claim.Claim;
import org.bonlab.claim.Family;
import org.bonlab.claim.Range;
import org.bonlab.expr.Expr;
import org.bonlab.expr.Quantity;
import org.bonlab.numeric.DoubleEvaluator;
import org.bonlab.numeric.claim.ConjectureSearch;
import org.bonlab.numeric.claim.Verdict;
import org.bonlab.numeric.policy.RankedPmf;
import org.bonlab.policy.Policy;
import org.bonlab.policy.PolicyVar;
import org.bonlab.policy.Reward;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Lemma 2 over every policy for every n: the pointwise step on random policies, the proofs, and what it refuses. */
class LemmaTwoCertifierTest {

    private static final Expr.Sym N = Bon.n;
    private static final PolicyVar P = Policy.variable("p");

    private static Expr kl() {
        return Bon.kl(P.bestOf(N), P);
    }

    @Test
    @DisplayName("the argument's step on 3000 random policies (1 to 12 outcomes, ties, n up to 10^6): "
            + "pi_n(y) <= 1 - (1 - p(y))^n at every outcome, with the double engine's best-of-n")
    void pointwiseStep() {
        Random rng = new Random(11);
        DoubleEvaluator ev = new DoubleEvaluator();
        for (int k = 0; k < 3000; k++) {
            int size = 1 + rng.nextInt(12);
            double[] w = new double[size];
            double[] r = new double[size];
            double total = 0;
            for (int i = 0; i < size; i++) {
                w[i] = rng.nextInt(4) == 0 ? Math.pow(10, -12 * rng.nextDouble()) : rng.nextDouble();
                r[i] = rng.nextInt(1 + size / 2); // ties
                total += w[i];
            }
            for (int i = 0; i < size; i++) {
                w[i] /= total;
            }
            double n = Math.rint(Math.pow(10, 6 * rng.nextDouble()));
            RankedPmf p = ev.pmf(Policy.probabilities(w).withReward(Reward.of(r)), Map.of());
            RankedPmf best = p.bestOf(n);
            for (int i = 0; i < size; i++) {
                double bound = -Math.expm1(n * Math.log1p(-p.probability(i)));
                assertTrue(best.probability(i) <= bound * (1 + 1e-12) + 1e-300,
                        "n = " + n + ", rank " + i + ": " + best.probability(i) + " > " + bound);
            }
        }
    }

    @Test
    @DisplayName("Lemma 2 and E[KLhat1] >= KL over every policy on up to 12 outcomes (ordered, tied) and on "
            + "bernoulli(p), every n >= 1: PROVED by the argument; through the checker a spec goes through too")
    void provedForEveryN() {
        for (Family f : new Family[] {new Family.Simplex(1, 12, Family.Rewards.ORDERED),
            new Family.Simplex(1, 40, Family.Rewards.TIED), new Family.Bernoulli()}) {
            Claim lemma = Bon.claim(kl()).atMost(Bon.bound(Quantity.BoundKind.LEMMA2_KL_UPPER, P, N)).forAll(P, f)
                    .forAll(N, 1, Range.INFINITY).named("Lemma 2");
            assertTrue(LemmaTwoCertifier.applies(lemma));
            var r = assertInstanceOf(IntervalCertifier.Result.Certified.class, IntervalCertifier.certify(lemma));
            assertTrue(r.argument().contains("n = 1..infinity") && r.argument().contains("term by term"),
                    r.argument());
        }
        Claim estimator = Bon.claim(Bon.klHat1Mean(P, N)).atLeast(kl()).forAll(P, Family.simplex(5))
                .forAll(N, 1, 1_000_000).named("E[KLhat1] >= KL");
        assertTrue(LemmaTwoCertifier.applies(estimator));
        Verdict v = new ConjectureSearch(1, 200, null).check(estimator);
        assertInstanceOf(Verdict.Proved.class, v, v.report());
    }

    @Test
    @DisplayName("not taken: Thm 4's bound, the reversed relation, a named policy, n from 0; and the bound lowered "
            + "by 1/100 (false at n = 1, where both sides are 0) is FALSIFIED")
    void takesOnlyLemmaTwo() {
        Family f = Family.simplex(3);
        assertFalse(LemmaTwoCertifier.applies(Bon.claim(kl()).atMost(Bon.bound(Quantity.BoundKind.THM4_KL_UPPER, P,
                N)).forAll(P, f).forAll(N, 1, 10).named("Thm 4")));
        assertFalse(LemmaTwoCertifier.applies(Bon.claim(kl()).atLeast(Bon.bound(Quantity.BoundKind.LEMMA2_KL_UPPER,
                P, N)).forAll(P, f).forAll(N, 1, 10).named("reversed")));
        assertFalse(LemmaTwoCertifier.applies(Bon.claim(kl()).atMost(Bon.bound(Quantity.BoundKind.LEMMA2_KL_UPPER,
                P, N)).forAll(P, new Family.Named(Policy.coin())).forAll(N, 1, 10).named("named")));
        assertFalse(LemmaTwoCertifier.applies(Bon.claim(kl()).atMost(Bon.bound(Quantity.BoundKind.LEMMA2_KL_UPPER,
                P, N)).forAll(P, f).forAll(N, 0, 10).named("n from 0")));
        Claim lowered = Bon.claim(kl()).atMost(Bon.bound(Quantity.BoundKind.LEMMA2_KL_UPPER, P, N)
                .minus(Expr.rational(1, 100))).forAll(P, Family.simplex(2)).forAll(N, 1, 100).named("lowered");
        assertFalse(LemmaTwoCertifier.applies(lowered));
        Verdict v = new ConjectureSearch(1, 2000, null).check(lowered);
        assertInstanceOf(Verdict.Falsified.class, v, v.report());
    }
}
