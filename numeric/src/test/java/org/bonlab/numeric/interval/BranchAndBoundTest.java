package org.bonlab.numeric.interval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.bonlab.Bon;
import org.bonlab.claim.Claim;
import org.bonlab.claim.Family;
import org.bonlab.expr.Expr;
import org.bonlab.numeric.DoubleEvaluator;
import org.bonlab.policy.Policy;
import org.bonlab.policy.PolicyVar;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Interval branch-and-bound over the bernoulli(p) family, p in (0, 1). */
class BranchAndBoundTest {

    private static final Expr.Sym N = Bon.n;
    private static final PolicyVar P = Policy.variable("p");

    private static Claim overBernoulli(Claim c, long maxN) {
        return c.forAll(P, new Family.Bernoulli()).forAll(N, 1, maxN);
    }

    @Test
    @DisplayName("Thm 1 on bernoulli(p) for every p in (0, 1) and n = 1..300: PROVED, tight n = 1 included")
    void theoremOneOnTheBernoulliFamily() {
        Claim c = overBernoulli(Bon.claim(Bon.kl(P.bestOf(N), P)).atMost(Bon.analyticalKl(N)), 300);
        IntervalCertifier.Result r = IntervalCertifier.certify(c);
        IntervalCertifier.Result.Certified ok = assertInstanceOf(IntervalCertifier.Result.Certified.class, r,
                r.toString());
        assertTrue(ok.argument().contains("branch-and-bound"), ok.argument());
        assertTrue(ok.argument().contains("smallest lower bound 0"), ok.argument()); // tight at n = 1
    }

    @Test
    @DisplayName("the strict win rate is at most n/(n+1) on bernoulli(p), n = 1..200: PROVED")
    void winRateOnTheBernoulliFamily() {
        Claim c = overBernoulli(Bon.claim(Bon.winRateStrict(P.bestOf(N), P)).atMost(N.div(N.plus(1))), 200);
        assertInstanceOf(IntervalCertifier.Result.Certified.class, IntervalCertifier.certify(c));
    }

    @Test
    @DisplayName("a false claim is never certified: KL <= (log n - (n-1)/n)/2 fails near a box, with the reason")
    void falseClaimIsNotCertified() {
        Claim c = overBernoulli(Bon.claim(Bon.kl(P.bestOf(N), P)).atMost(Bon.analyticalKl(N).times(0.5)), 20);
        // a counterexample exists: p = 1/2, n = 2 gives KL = 0.1308 > 0.0966
        double kl = new DoubleEvaluator().evaluate(Bon.kl(Policy.coin().bestOf(2), Policy.coin()));
        assertTrue(kl > 0.5 * (Math.log(2) - 0.5));
        IntervalCertifier.Result.NotCertified no = assertInstanceOf(IntervalCertifier.Result.NotCertified.class,
                IntervalCertifier.certify(c));
        assertTrue(no.reason().contains("too narrow to split"), no.reason());
    }

    @Test
    @DisplayName("the points of n are certified in parallel blocks: the same proof, boxes and first failure on 1, 2 "
            + "and 3 threads")
    void sameResultOnAnyNumberOfThreads() {
        int before = SimplexCertifier.budget().threads();
        try {
            // 600 points: three blocks of 256, the last one partial
            // (raised by 10^-6: Thm 1 itself on two outcomes falls back on TwoOutcomeKlCertifier's argument once the
            // boxes give up, and this test is about the boxes)
            Claim thm1 = overBernoulli(Bon.claim(Bon.kl(P.bestOf(N), P)).atMost(Bon.analyticalKl(N)
                    .plus(Expr.rational(1, 1_000_000))), 600);
            // false from n = 2 on, first found at the lowest n: KL <= (log n - (n-1)/n)/2 (p = 1/2, n = 2 fails)
            Claim wrong = overBernoulli(Bon.claim(Bon.kl(P.bestOf(N), P)).atMost(Bon.analyticalKl(N).times(0.5)), 600);
            // the pointwise path: Thm 1 on the coin at every n = 1..1000, and false at n >= 2 with the factor 1/2
            Claim coin = Bon.claim(Bon.kl(Policy.coin().bestOf(N), Policy.coin())).atMost(Bon.analyticalKl(N))
                    .forAll(N, 1, 1000);
            Claim coinWrong = Bon.claim(Bon.kl(Policy.coin().bestOf(N), Policy.coin()))
                    .atMost(Bon.analyticalKl(N).times(0.5)).forAll(N, 1, 1000);
            String[] reference = null;
            for (int threads : new int[] {1, 2, 3}) {
                SimplexCertifier.useThreads(threads);
                IntervalCertifier.forgetResults();
                String[] results = {IntervalCertifier.certify(thm1).toString(),
                    IntervalCertifier.certify(wrong).toString(), IntervalCertifier.certify(coin).toString(),
                    IntervalCertifier.certify(coinWrong).toString()};
                assertTrue(results[0].contains("Certified") && results[0].contains("600 points"), results[0]);
                assertTrue(results[1].contains("NotCertified") && results[1].contains("n]=2.0"), results[1]);
                assertTrue(results[2].contains("Certified") && results[3].contains("NotCertified")
                        && results[3].contains("n]=2.0"), results[3]);
                if (reference == null) {
                    reference = results;
                } else {
                    assertEquals(java.util.List.of(reference), java.util.List.of(results), threads + " threads");
                }
            }
        } finally {
            SimplexCertifier.useThreads(before);
            IntervalCertifier.forgetResults();
        }
    }

    @Test
    @DisplayName("a box budget over all n runs out at the same n with the same message on 1, 2 and 3 threads")
    void budgetRunsOutAtTheSamePointOnAnyNumberOfThreads() {
        SimplexCertifier.Budget before = SimplexCertifier.budget();
        try {
            // Thm 1 takes a few dozen boxes of p at each n: 3,000 run out near n = 100, inside the first block
            // of 256 points (whose points spend them together in parallel, then are taken again in order)
            SimplexCertifier.useBudget(3_000, java.time.Duration.ofSeconds(60));
            // (lowered to 0.999 of its bound, which holds on two outcomes: Thm 1 itself, and Thm 1 raised, fall back
            // on the arguments once the boxes give up, and this test is about the boxes)
            Claim thm1 = overBernoulli(Bon.claim(Bon.kl(P.bestOf(N), P)).atMost(Bon.analyticalKl(N)
                    .times(0.999)), 600);
            String reference = null;
            for (int threads : new int[] {1, 2, 3}) {
                SimplexCertifier.useThreads(threads);
                IntervalCertifier.forgetResults();
                IntervalCertifier.Result.NotCertified no = assertInstanceOf(IntervalCertifier.Result.NotCertified.class,
                        IntervalCertifier.certify(thm1));
                assertTrue(no.reason().startsWith("branch-and-bound over p used its 3000 boxes (at {Sym[name=n]="),
                        no.reason());
                if (reference == null) {
                    reference = no.reason();
                } else {
                    assertEquals(reference, no.reason(), threads + " threads");
                }
            }
            // with the whole budget the same claim is certified
            SimplexCertifier.useBudget(before.maxBoxes(), before.time());
            IntervalCertifier.forgetResults();
            assertInstanceOf(IntervalCertifier.Result.Certified.class, IntervalCertifier.certify(thm1));
        } finally {
            SimplexCertifier.useThreads(before.threads());
            SimplexCertifier.useBudget(before.maxBoxes(), before.time());
            IntervalCertifier.forgetResults();
        }
    }

    @Test
    @DisplayName("enclosures over a box of p contain the KL at points inside it, and stay finite at p = 0 and 1")
    void enclosuresContainPointValues() {
        Expr.Sym p = IntervalCertifier.FAMILY_PARAMETER;
        Policy b = Policy.bernoulli(p);
        Expr kl = Bon.kl(b.bestOf(N), b);
        DoubleEvaluator ev = new DoubleEvaluator();
        for (long n : new long[] {2, 5, 40, 1000}) {
            for (double[] box : new double[][] {{0, 1e-9}, {0.25, 0.26}, {0.999, 1}, {0, 1}}) {
                Interval e = IntervalEvaluator.over(Map.of(N, Interval.point(n), p, new Interval(box[0], box[1])))
                        .evaluate(kl);
                assertTrue(Double.isFinite(e.lo()) && Double.isFinite(e.hi()), n + " " + e);
                for (double x : new double[] {box[0], 0.5 * (box[0] + box[1]), box[1]}) {
                    if (x <= 0 || x >= 1) {
                        continue;
                    }
                    double v = ev.evaluate(Bon.kl(Policy.bernoulli(x).bestOf(n), Policy.bernoulli(x)));
                    assertTrue(e.contains(v), "n = " + n + ", p = " + x + ": " + v + " not in " + e);
                }
            }
        }
        assertEquals(Interval.ZERO, IntervalEvaluator.over(Map.of(N, Interval.point(1), p, new Interval(0, 1)))
                .evaluate(kl));
    }

    @Test
    @DisplayName("a real symbol with finite ends: Cor 1 (two prompts with weights w, 1 - w) on fixed policies, "
            + "w in (0, 1), n = 1..200: PROVED; a weight range past 1 is not")
    void corollaryOneOverRealWeights() {
        PolicyVar q = Policy.variable("q");
        Expr.Sym w = Bon.symbol("w");
        Expr mixture = w.times(Bon.kl(P.bestOf(N), P)).plus(Expr.constant(1).minus(w).times(Bon.kl(q.bestOf(N), q)));
        Claim cor1 = Bon.claim(mixture).atMost(Bon.analyticalKl(N)).forAll(P, new Family.Named(Policy.coin()))
                .forAll(q, new Family.Named(Policy.uniform(5))).forAll(N, 1, 200).forAllReals(w, 0, 1);
        IntervalCertifier.Result r = IntervalCertifier.certify(cor1);
        IntervalCertifier.Result.Certified ok = assertInstanceOf(IntervalCertifier.Result.Certified.class, r,
                r.toString());
        assertTrue(ok.argument().contains("w in [0.0, 1.0] (covering (0.0, 1.0))"), ok.argument());
        // weights outside [0, 1] break it: (1 - w) KL_coin + w KL_uniform(5) at w = 3, n = 3 is
        // 3 * 0.4126 - 2 * 0.3164 = 0.6050 > log 3 - 2/3 = 0.4319, so the claim over w in (0, 3) is false
        Claim wide = Bon.claim(Expr.constant(1).minus(w).times(Bon.kl(P.bestOf(N), P))
                .plus(w.times(Bon.kl(q.bestOf(N), q)))).atMost(Bon.analyticalKl(N))
                .forAll(P, new Family.Named(Policy.coin())).forAll(q, new Family.Named(Policy.uniform(5)))
                .forAll(N, 1, 200).forAllReals(w, 0, 3);
        double at = new DoubleEvaluator().evaluate(Bon.kl(Policy.uniform(5).bestOf(N), Policy.uniform(5)),
                Map.of(N, 3.0)) * 3 - 2 * new DoubleEvaluator().evaluate(Bon.kl(Policy.coin().bestOf(N),
                Policy.coin()), Map.of(N, 3.0));
        assertTrue(at > Math.log(3) - 2.0 / 3, "mixture at w = 3, n = 3: " + at);
        assertInstanceOf(IntervalCertifier.Result.NotCertified.class, IntervalCertifier.certify(wide));
        Claim unbounded = cor1.forAllReals(Bon.symbol("lambda"), 0, Double.POSITIVE_INFINITY);
        IntervalCertifier.Result.NotCertified no = assertInstanceOf(IntervalCertifier.Result.NotCertified.class,
                IntervalCertifier.certify(unbounded));
        assertTrue(no.reason().contains("one continuous parameter"), no.reason());
    }
}
