package org.bonlab.numeric.interval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.bonlab.Bon;
import org.bonlab.claim.Claim;
import org.bonlab.claim.Family;
import org.bonlab.claim.Range;
import org.bonlab.expr.Expr;
import org.bonlab.numeric.DoubleEvaluator;
import org.bonlab.policy.BasePolicy;
import org.bonlab.policy.Policy;
import org.bonlab.policy.PolicyVar;
import org.bonlab.policy.Reward;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Certification over every integer n >= 1 (and over ranges too long to take point by point) by boxes of n. */
class BoxesOfNTest {

    private static final Expr.Sym N = Bon.n;
    private static final PolicyVar P = Policy.variable("p");

    private static Claim on(BasePolicy p, Claim c) {
        return c.forAll(P, new Family.Named(p)).forAll(N, 1, Range.INFINITY);
    }

    private static IntervalCertifier.Result.Certified certified(Claim c) {
        IntervalCertifier.Result r = IntervalCertifier.certify(c);
        return assertInstanceOf(IntervalCertifier.Result.Certified.class, r, r.toString());
    }

    private static IntervalCertifier.Result.NotCertified notCertified(Claim c) {
        IntervalCertifier.Result r = IntervalCertifier.certify(c);
        return assertInstanceOf(IntervalCertifier.Result.NotCertified.class, r, r.toString());
    }

    @Test
    @DisplayName("Thm 1 on the coin for every n >= 1: PROVED, the last box [a, infinity] holding the limit")
    void theoremOneOnTheCoinForEveryN() {
        IntervalCertifier.Result.Certified ok = certified(on(Policy.coin(),
                Bon.claim(Bon.kl(P.bestOf(N), P)).atMost(Bon.analyticalKl(N))));
        assertTrue(ok.argument().contains("split into 9 boxes of consecutive integers (4 of them single points), "
                + "the last [5, infinity]"), ok.argument());
        assertTrue(ok.argument().contains("n in {1, 2, ...}"), ok.argument());
        assertTrue(ok.argument().contains("smallest certified lower bound 0.00 at n = 1"), ok.argument()); // tight
    }

    @Test
    @DisplayName("Thm 1 for every n >= 1 on uniform(10), a spike and a PMF with tied rewards: PROVED")
    void theoremOneOnOtherPolicies() {
        Claim thm1 = Bon.claim(Bon.kl(P.bestOf(N), P)).atMost(Bon.analyticalKl(N));
        certified(on(Policy.uniform(10), thm1));
        certified(on(Policy.spike(6, 0.7), thm1));
        BasePolicy tied = Policy.probabilities(0.1, 0.2, 0.3, 0.4).withReward(Reward.of(1, 2, 2, 3));
        certified(on(tied, thm1));
    }

    @Test
    @DisplayName("the strict win rate is at most n/(n+1) for every n >= 1 on a 3-outcome PMF: PROVED")
    void winRateForEveryN() {
        IntervalCertifier.Result.Certified ok = certified(on(Policy.probabilities(0.5, 0.3, 0.2),
                Bon.claim(Bon.winRateStrict(P.bestOf(N), P)).atMost(N.div(N.plus(1)))));
        assertTrue(ok.argument().contains("boxes of consecutive integers"), ok.argument());
    }

    @Test
    @DisplayName("a range longer than the point-by-point budget, n = 1..10^12, is covered by boxes too")
    void longFiniteRange() {
        Claim c = Bon.claim(Bon.kl(P.bestOf(N), P)).atMost(Bon.analyticalKl(N))
                .forAll(P, new Family.Named(Policy.uniform(5))).forAll(N, 1, 1_000_000_000_000L);
        IntervalCertifier.Result.Certified ok = certified(c);
        assertTrue(ok.argument().contains("n in {1, ..., 1000000000000}"), ok.argument());
        assertTrue(!ok.argument().contains("infinity]"), ok.argument());
    }

    @Test
    @DisplayName("KL <= log(1/eps) is true for every n but tight at infinity: not certified, and never a proof")
    void tightAtInfinityIsNotCertified() {
        // the coin's KL rises to log 2 = log(1/eps) with eps = 1/2 the top outcome's probability; the margin
        // log 2 - KL falls below what a double resolves near n = 56 already, so the proof stops there
        IntervalCertifier.Result.NotCertified no = notCertified(on(Policy.coin(),
                Bon.claim(Bon.kl(P.bestOf(N), P)).atMost(Bon.log(Expr.constant(2)))));
        assertTrue(no.reason().contains("is not non-negative"), no.reason());
    }

    @Test
    @DisplayName("a claim false only from some n on (KL <= 0.69 on the coin, false from n = 12) is not certified")
    void falseForLargeNIsNotCertified() {
        double atTwelve = new DoubleEvaluator().evaluate(Bon.kl(Policy.coin().bestOf(12), Policy.coin()));
        assertTrue(atTwelve > 0.69, "KL of the coin at n = 12 is " + atTwelve);
        IntervalCertifier.Result.NotCertified no = notCertified(on(Policy.coin(),
                Bon.claim(Bon.kl(P.bestOf(N), P)).atMost(Expr.constant(0.69))));
        assertTrue(no.reason().contains("not non-negative"), no.reason());
    }

    @Test
    @DisplayName("enclosures over a box of n contain the exact values at every integer of the box, ends included")
    void boxEnclosuresContainPointValues() {
        DoubleEvaluator ev = new DoubleEvaluator();
        BasePolicy[] policies = {Policy.coin(), Policy.probabilities(0.5, 0.3, 0.2), Policy.uniform(7),
                Policy.probabilities(0.1, 0.2, 0.3, 0.4).withReward(Reward.of(1, 2, 2, 3))};
        double[][] boxes = {{1, 2}, {2, 9}, {5, 40}, {17, 1000}};
        for (BasePolicy p : policies) {
            Expr[] quantities = {Bon.kl(p.bestOf(N), p), Bon.winRateStrict(p.bestOf(N), p),
                    Bon.winRateHalf(p.bestOf(N), p), Bon.expectedReward(p.bestOf(N))};
            for (Expr q : quantities) {
                for (double[] box : boxes) {
                    Interval over = IntervalEvaluator.over(Map.of(N, new Interval(box[0], box[1]))).evaluate(q);
                    for (double n = box[0]; n <= box[1]; n++) {
                        double v = ev.evaluate(q, Map.of(N, n));
                        double slack = 1e-13 * Math.max(1, Math.abs(v)); // the double value's own rounding
                        assertTrue(over.lo() <= v + slack && v - slack <= over.hi(),
                                q.show() + " at n = " + n + " is " + v + ", outside " + over);
                    }
                }
                Interval tail = IntervalEvaluator.over(Map.of(N, new Interval(1e6, Double.POSITIVE_INFINITY)))
                        .evaluate(q);
                double far = ev.evaluate(q, Map.of(N, 1e12));
                assertTrue(tail.contains(far) && Double.isFinite(tail.lo()) && Double.isFinite(tail.hi()),
                        q.show() + ": " + far + " outside " + tail);
            }
        }
    }

    @Test
    @DisplayName("over [a, infinity] the coin's KL is enclosed near its limit log 2, and n/(n+1) near 1")
    void tailEnclosuresAreTight() {
        BasePolicy coin = Policy.coin();
        Map<Expr.Sym, Interval> tail = Map.of(N, new Interval(64, Double.POSITIVE_INFINITY));
        Interval kl = IntervalEvaluator.over(tail).evaluate(Bon.kl(coin.bestOf(N), coin));
        assertTrue(kl.contains(Math.log(2)), kl.toString());
        assertTrue(kl.width() < 1e-15 * 64 * 64, kl.toString()); // 2^-64-sized terms only
        Interval ratio = IntervalEvaluator.over(tail).evaluate(N.div(N.plus(1)));
        assertEquals(1.0, ratio.hi(), 1e-15);
        assertTrue(ratio.lo() > 0.98, ratio.toString());
    }
}
