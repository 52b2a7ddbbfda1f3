package org.bonlab.numeric.interval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bonlab.Bon;
import org.bonlab.Definitions;
import org.bonlab.claim.Binding;
import org.bonlab.claim.Claim;
import org.bonlab.claim.Family;
import org.bonlab.claim.Range;
import org.bonlab.expr.Expr;
import org.bonlab.numeric.DoubleEvaluator;
import org.bonlab.policy.Explicit;
import org.bonlab.policy.Policy;
import org.bonlab.policy.PolicyVar;
import org.bonlab.policy.Reward;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Thm 1, Mroueh's bounds and the win rates by the quantile coupling: the bounds hold on random policies (the
 * argument's consequence, checked with the double engine), the proofs, the order against the boxes, and the claims
 * it must not take.
 */
class QuantileCouplingCertifierTest {

    private static final Expr.Sym N = Bon.n;
    private static final PolicyVar P = Policy.variable("p");

    /** v3 Thm 5.4: the win-rate gap and its bound (distinct rewards only). */
    private static final Expr[] THM54 = {N.div(N.plus(1)).minus(Bon.winRateHalf(P.bestOf(N), P)),
        Definitions.winRateGapBound(P, N)};

    /** The (quantity, bound) pairs of the argument that hold with ties too. */
    private static List<Expr[]> pairs() {
        Policy bon = P.bestOf(N);
        return List.of(new Expr[] {Bon.kl(bon, P), Bon.analyticalKl(N)},
                new Expr[] {Definitions.kl(bon, P), Bon.analyticalKl(N)},
                new Expr[] {Definitions.chiSquare(bon, P), Definitions.chiSquareBoundMroueh(N)},
                new Expr[] {Definitions.hellingerSquared(bon, P), Definitions.hellingerBoundMroueh(N)},
                new Expr[] {Definitions.totalVariation(bon, P), Definitions.totalVariationBoundMroueh(N)},
                new Expr[] {Bon.winRateStrict(bon, P), N.div(N.plus(1))},
                new Expr[] {Bon.winRateHalf(bon, P), N.div(N.plus(1))});
    }

    /** A random policy on 1 to 12 outcomes, a quarter of its weights tiny, with tied rewards. */
    private static Explicit randomTiedPolicy(Random rng) {
        int size = 1 + rng.nextInt(12);
        double[] w = new double[size];
        double[] r = new double[size];
        double total = 0;
        for (int i = 0; i < size; i++) {
            w[i] = rng.nextInt(4) == 0 ? Math.pow(10, -9 * rng.nextDouble()) : rng.nextDouble();
            r[i] = rng.nextInt(1 + size / 2);
            total += w[i];
        }
        for (int i = 0; i < size; i++) {
            w[i] /= total;
        }
        return Policy.probabilities(w).withReward(Reward.of(r));
    }

    @Test
    @DisplayName("the argument's consequence on 1500 random policies (1 to 12 outcomes, ties, n = 2..10^5): each "
            + "divergence of best-of-n is at most the continuous one, each win rate at most n/(n+1), and with distinct "
            + "rewards the win-rate gap at most (n-1)/2 sum p^2 (double engine)")
    void boundsHoldOnRandomPolicies() {
        Random rng = new Random(5);
        DoubleEvaluator ev = new DoubleEvaluator();
        for (int k = 0; k < 1500; k++) {
            Explicit policy = randomTiedPolicy(rng);
            int size = policy.size();
            double n = Math.rint(Math.pow(10, 0.31 + 4.7 * rng.nextDouble()));
            for (Expr[] pair : pairs()) {
                double d = ev.evaluate(Binding.bind(pair[0], Map.of(P, policy)), Map.of(N, n));
                double b = ev.evaluate(pair[1], Map.of(N, n));
                assertTrue(d <= b + 1e-9 * Math.max(1, b), pair[0].show() + " at n = " + n + ": " + d + " > " + b);
            }
            // v3 Thm 5.4 with distinct rewards (the same probabilities, rewards 0..size-1 in a random order)
            double[] distinct = new double[size];
            for (int i = 0; i < size; i++) {
                distinct[i] = i;
            }
            for (int i = size - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                double t = distinct[i];
                distinct[i] = distinct[j];
                distinct[j] = t;
            }
            Policy untied = policy.withReward(Reward.of(distinct));
            double gap = ev.evaluate(Binding.bind(THM54[0], Map.of(P, untied)), Map.of(N, n));
            double bound = ev.evaluate(Binding.bind(THM54[1], Map.of(P, untied)), Map.of(N, n));
            assertTrue(gap <= bound + 1e-12, "Thm 5.4 at n = " + n + ": " + gap + " > " + bound);
        }
    }

    @Test
    @DisplayName("the win-rate gap with distinct rewards is at most 1/3 of v3 Thm 5.4's bound: on 1000 random policies "
            + "(1 to 12 outcomes, n = 1..10^5, double engine), each cell's factor h at its peaks against mpmath, "
            + "PROVED for every c >= 1/3 and every n, and below 1/3 not taken and FALSIFIED at n = 2")
    void winRateGapSharpConstant() {
        Random rng = new Random(21);
        DoubleEvaluator ev = new DoubleEvaluator();
        for (int k = 0; k < 1000; k++) {
            int size = 1 + rng.nextInt(12);
            double[] w = new double[size];
            double total = 0;
            for (int i = 0; i < size; i++) {
                w[i] = rng.nextInt(3) == 0 ? Math.pow(10, -6 * rng.nextDouble()) : rng.nextDouble();
                total += w[i];
            }
            double[] r = new double[size];
            for (int i = 0; i < size; i++) {
                w[i] /= total;
                r[i] = i;
            }
            Policy untied = Policy.probabilities(w).withReward(Reward.of(r));
            double n = rng.nextBoolean() ? 1 + rng.nextInt(10) : Math.rint(Math.pow(10, 5 * rng.nextDouble()));
            double gap = ev.evaluate(Binding.bind(THM54[0], Map.of(P, untied)), Map.of(N, n));
            double bound = ev.evaluate(Binding.bind(THM54[1], Map.of(P, untied)), Map.of(N, n));
            assertTrue(gap <= bound / 3 + 1e-12, "policy " + k + " at n = " + n + ": " + gap + " > " + bound / 3);
        }
        // h(p, n) = n p int_0^1 (1 - p u)^(n-2) u (1 - u) du <= 1/3, with equality only at n = 2, p = 1; its peaks
        // over p (mpmath quad at 20 digits on a grid of p): 1/3 (n = 2), 1/4 (n = 3), 0.1904004063165 (n = 5,
        // p = 0.599), 0.14124973317296 (n = 100, p = 0.027), tending to sup_k phi(k) = 0.13935 as n grows
        double[][] peaks = {{2, 1, 1.0 / 3}, {3, 1, 0.25}, {5, 0.599, 0.1904004063165}, {100, 0.027, 0.14124973317296}};
        for (double[] peak : peaks) {
            double n = peak[0];
            double p = peak[1];
            org.apache.commons.math3.analysis.integration.IterativeLegendreGaussIntegrator gauss =
                    new org.apache.commons.math3.analysis.integration.IterativeLegendreGaussIntegrator(16, 1e-14, 1e-14);
            double h = n * p * gauss.integrate(100_000, u -> Math.pow(1 - p * u, n - 2) * u * (1 - u), 0, 1);
            assertEquals(peak[2], h, 1e-12, "n = " + n + ", p = " + p);
            assertTrue(h <= 1.0 / 3 + 1e-15);
        }
        for (String c : new String[] {"1/3", "1/2", "1"}) {
            Claim sharp = Bon.claim(THM54[0]).atMost(THM54[1].times(Expr.constant(org.bonlab.expr.Rational.parse(c))))
                    .forAll(P, new Family.Simplex(1, 12, Family.Rewards.ARBITRARY)).forAll(N, 1, Range.INFINITY)
                    .named("gap <= " + c + " bound");
            var proof = assertInstanceOf(IntervalCertifier.Result.Certified.class, IntervalCertifier.certify(sharp));
            assertTrue(proof.argument().contains("at most 1/3 of the bound"), proof.argument());
        }
        Claim below = Bon.claim(THM54[0]).atMost(THM54[1].times(Expr.constant(org.bonlab.expr.Rational.parse(
                "333/1000")))).forAll(P, new Family.Simplex(1, 12, Family.Rewards.ARBITRARY)).forAll(N, 1, 100)
                .named("gap <= 0.333 bound");
        assertFalse(QuantileCouplingCertifier.applies(below));
        assertInstanceOf(org.bonlab.numeric.claim.Verdict.Falsified.class,
                new org.bonlab.numeric.claim.ConjectureSearch(1, 2000, null).check(below));
    }

    @Test
    @DisplayName("Gui et al.'s BoNBoN target is at most its continuum value (n-1) H_(n-1) on 500 random policies with "
            + "ties (1 to 12 outcomes, n = 1..2000, double engine), and PROVED for every n over any simplex (Chebyshev "
            + "and Jensen on the quantile cells); the bound lowered is not taken")
    void bonbonTarget() {
        Random rng = new Random(8);
        DoubleEvaluator ev = new DoubleEvaluator();
        Expr target = Definitions.bonbonTarget(P, N);
        Expr continuum = Definitions.bonbonTargetContinuum(N);
        for (int k = 0; k < 500; k++) {
            Explicit policy = randomTiedPolicy(rng);
            double n = 1 + rng.nextInt(2000);
            double d = ev.evaluate(Binding.bind(target, Map.of(P, policy)), Map.of(N, n));
            double b = ev.evaluate(continuum, Map.of(N, n));
            assertTrue(d <= b + 1e-9 * Math.max(1, b), "policy " + k + " at n = " + n + ": " + d + " > " + b);
        }
        for (Family f : new Family[] {new Family.Simplex(1, 12, Family.Rewards.TIED), new Family.Bernoulli()}) {
            Claim c = Bon.claim(target).atMost(continuum).forAll(P, f).forAll(N, 1, Range.INFINITY).named("BoNBoN");
            var proof = assertInstanceOf(IntervalCertifier.Result.Certified.class, IntervalCertifier.certify(c));
            assertTrue(proof.argument().contains("Chebyshev") && proof.argument().contains("n = 1..infinity"),
                    proof.argument());
        }
        assertFalse(QuantileCouplingCertifier.applies(Bon.claim(target).atMost(continuum.minus(Expr.constant(0.001)))
                .forAll(P, Family.simplex(12)).forAll(N, 1, 100).named("lowered")));
    }

    @Test
    @DisplayName("each bound over every policy on up to 12 outcomes and on bernoulli(p), every n: PROVED by the "
            + "argument (Thm 5.4 with distinct rewards only); on 3 outcomes over a finite range the boxes come first; "
            + "over an unbounded one the argument")
    void provedAndOrdered() {
        for (Family f : new Family[] {new Family.Simplex(1, 12, Family.Rewards.TIED), new Family.Bernoulli()}) {
            for (Expr[] pair : pairs()) {
                Claim c = Bon.claim(pair[0]).atMost(pair[1]).forAll(P, f).forAll(N, 2, Range.INFINITY)
                        .named("bound");
                assertTrue(QuantileCouplingCertifier.applies(c), pair[0].show());
                var r = assertInstanceOf(IntervalCertifier.Result.Certified.class, IntervalCertifier.certify(c));
                // (Thm 1 on bernoulli(p) goes to TwoOutcomeKlCertifier's argument first)
                assertTrue((r.argument().contains("data processing") || r.argument().contains("monotone coupling")
                        || TwoOutcomeKlCertifier.applies(c))
                        && r.argument().contains("n = 2..infinity"), r.argument());
            }
        }
        for (Family f : new Family[] {new Family.Simplex(1, 12, Family.Rewards.ARBITRARY), new Family.Bernoulli()}) {
            Claim thm54 = Bon.claim(THM54[0]).atMost(THM54[1]).forAll(P, f).forAll(N, 1, Range.INFINITY)
                    .named("Thm 5.4");
            var r = assertInstanceOf(IntervalCertifier.Result.Certified.class, IntervalCertifier.certify(thm54));
            assertTrue(r.argument().contains("win-rate gap (v3 Thm 5.4)"), r.argument());
        }
        // with tied rewards it is false, and not taken
        assertFalse(QuantileCouplingCertifier.applies(Bon.claim(THM54[0]).atMost(THM54[1])
                .forAll(P, new Family.Simplex(1, 12, Family.Rewards.TIED)).forAll(N, 1, 10).named("tied")));
        Claim finite = Bon.claim(Bon.kl(P.bestOf(N), P)).atMost(Bon.analyticalKl(N)).forAll(P, Family.simplex(3))
                .forAll(N, 1, 20).named("Thm 1, 3 outcomes, n = 1..20");
        assertTrue(QuantileCouplingCertifier.applies(finite) && IntervalCertifier.boxesFirst(finite));
        var boxes = assertInstanceOf(IntervalCertifier.Result.Certified.class, IntervalCertifier.certify(finite));
        assertTrue(boxes.argument().contains("branch-and-bound"), boxes.argument());
        Claim every = Bon.claim(Bon.kl(P.bestOf(N), P)).atMost(Bon.analyticalKl(N)).forAll(P, Family.simplex(3))
                .forAll(N, 1, Range.INFINITY).named("Thm 1, 3 outcomes, every n");
        assertFalse(IntervalCertifier.boxesFirst(every));
        var argued = assertInstanceOf(IntervalCertifier.Result.Certified.class, IntervalCertifier.certify(every));
        assertTrue(argued.argument().contains("data processing"), argued.argument());
    }

    @Test
    @DisplayName("not taken: the reversed relation, a lowered bound, total variation from n = 1 (its bound is "
            + "undefined there), a policy with a symbolic parameter, two policies")
    void takesOnlyTheBounds() {
        Family f = Family.simplex(4);
        Expr kl = Bon.kl(P.bestOf(N), P);
        assertFalse(QuantileCouplingCertifier.applies(Bon.claim(kl).atLeast(Bon.analyticalKl(N)).forAll(P, f)
                .forAll(N, 1, 10).named("reversed")));
        assertFalse(QuantileCouplingCertifier.applies(Bon.claim(kl).atMost(Bon.analyticalKl(N)
                .minus(Expr.rational(1, 1000))).forAll(P, f).forAll(N, 1, 10).named("lowered")));
        assertFalse(QuantileCouplingCertifier.applies(Bon.claim(Definitions.totalVariation(P.bestOf(N), P))
                .atMost(Definitions.totalVariationBoundMroueh(N)).forAll(P, f).forAll(N, 1, 10).named("TV from 1")));
        Expr.Sym eps = Bon.symbol("eps");
        assertFalse(QuantileCouplingCertifier.applies(Bon.claim(kl).atMost(Bon.analyticalKl(N))
                .forAll(P, new Family.Named(Policy.spike(5, eps))).forAll(N, 1, 10).named("symbolic")));
        PolicyVar q = Policy.variable("q");
        assertFalse(QuantileCouplingCertifier.applies(Bon.claim(kl).atMost(Bon.analyticalKl(N)).forAll(P, f)
                .forAll(q, f).forAll(N, 1, 10).named("two policies")));
    }

    @Test
    @DisplayName("rewind-and-repeat: KL <= -log(1 - t) over every policy on up to 12 outcomes and t in [0, 1): "
            + "PROVED through the search; the bound halved is not taken, and FALSIFIED")
    void rewindAndRepeat() {
        Expr.Sym t = Bon.symbol("t");
        Expr kl = Bon.kl(P.rewindAndRepeat(t), P);
        Expr bound = Bon.log(Expr.constant(1).minus(t)).unaryMinus();
        Claim c = Bon.claim(kl).atMost(bound).forAll(P, Family.simplex(12)).forAllReals(t, 0, 1).named("rewind");
        assertTrue(QuantileCouplingCertifier.applies(c));
        org.bonlab.numeric.claim.Verdict v = new org.bonlab.numeric.claim.ConjectureSearch(1, 400, null).check(c);
        assertTrue(v instanceof org.bonlab.numeric.claim.Verdict.Proved && v.report().contains("rewind-and-repeat"),
                v.report());
        // uniform(1000) at t = 0.9 has KL exactly log 10 = -log(1 - t): the bound is tight, so halving it is false
        Claim halved = Bon.claim(kl).atMost(bound.div(2L)).forAll(P, Family.simplex(12)).forAllReals(t, 0, 1)
                .named("halved");
        assertFalse(QuantileCouplingCertifier.applies(halved));
        assertInstanceOf(org.bonlab.numeric.claim.Verdict.Falsified.class,
                new org.bonlab.numeric.claim.ConjectureSearch(1, 4000, null).check(halved));
    }

    @Test
    @DisplayName("the reverse KL(p || pi_n) <= int_0^1 -log(n u^(n-1)) du = n - 1 - log n: below the bound on 200 random "
            + "policies; PROVED over every policy on up to 12 outcomes for every n, and on uniform(4) after the boxes "
            + "(which do not enclose integrals); -log(u) in place of -log(x) is another f and not taken")
    void reverseKl() {
        Expr.Sym x = Bon.symbol("x");
        Expr reverse = Bon.kl(P, P.bestOf(N));
        Expr bound = Definitions.fDivergenceBoundMroueh(N, x, Bon.log(x).unaryMinus());
        Random rng = new Random(8);
        DoubleEvaluator ev = new DoubleEvaluator();
        for (int k = 0; k < 200; k++) {
            int size = 1 + rng.nextInt(12);
            double[] w = new double[size];
            double total = 0;
            for (int i = 0; i < size; i++) {
                w[i] = 0.001 + rng.nextDouble();
                total += w[i];
            }
            for (int i = 0; i < size; i++) {
                w[i] /= total;
            }
            double n = Math.rint(Math.pow(10, 3 * rng.nextDouble()));
            double d = ev.evaluate(Binding.bind(reverse, Map.of(P, Policy.probabilities(w))), Map.of(N, n));
            assertTrue(d <= n - 1 - Math.log(n) + 1e-9 * n, "n = " + n + ": " + d);
        }
        assertEquals(999 - Math.log(1000), ev.evaluate(bound, Map.of(N, 1000.0)), 1e-9);
        for (Family f : new Family[] {new Family.Simplex(1, 12, Family.Rewards.TIED),
            new Family.Named(Policy.uniform(4))}) {
            Claim c = Bon.claim(reverse).atMost(bound).forAll(P, f).forAll(N, 1, Range.INFINITY).named("reverse KL");
            assertTrue(QuantileCouplingCertifier.applies(c));
            var r = assertInstanceOf(IntervalCertifier.Result.Certified.class, IntervalCertifier.certify(c));
            assertTrue(r.argument().contains("reverse KL"), r.argument());
        }
        Expr.Sym u = Bon.symbol("u");
        assertFalse(QuantileCouplingCertifier.applies(Bon.claim(reverse).atMost(Definitions.fDivergenceBoundMroueh(N,
                x, Bon.log(u).unaryMinus())).forAll(P, Family.simplex(3)).forAll(N, 1, 10).named("other f")));
    }
}
