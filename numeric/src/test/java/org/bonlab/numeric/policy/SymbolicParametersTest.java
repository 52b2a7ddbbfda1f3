package org.bonlab.numeric.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Map;
import org.bonlab.Bon;
import org.bonlab.expr.Expr;
import org.bonlab.numeric.DoubleEvaluator;
import org.bonlab.numeric.precise.HighPrecisionEvaluator;
import org.bonlab.policy.Policy;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Spike and geometric policies with a symbolic parameter, evaluated by the numeric engines with the symbol's value
 * from their bindings; one evaluator at several values (a PMF kept under the symbolic policy would repeat the first).
 * Reference values: mpmath 1.3 at 30 digits, pi_n = F^n - F_-^n summed over the outcomes in rank order.
 */
class SymbolicParametersTest {

    private static final Expr.Sym EPS = Bon.symbol("eps");
    private static final Expr.Sym R = Bon.symbol("r");

    @Test
    @DisplayName("KL of best-of-2 of spike(3, eps) at eps = 0.25 and 0.05, double and 30 digits, one evaluator each")
    void spikeWithSymbolicTop() {
        var p = Policy.spike(3, EPS);
        Expr kl = Bon.kl(p.bestOf(Bon.n), p);
        DoubleEvaluator ev = new DoubleEvaluator();
        HighPrecisionEvaluator hp = new HighPrecisionEvaluator(30);
        String[][] cases = {{"0.25", "0.156592511684510193069129044115"}, {"0.05", "0.136879028078238154013279747415"}};
        for (int round = 0; round < 2; round++) {
            for (String[] c : cases) {
                double v = ev.evaluate(kl, Map.of(EPS, Double.parseDouble(c[0]), Bon.n, 2.0));
                assertEquals(Double.parseDouble(c[1]), v, 1e-15, "eps = " + c[0]);
                BigDecimal h = hp.evaluate(kl, Map.of(EPS, new BigDecimal(c[0]), Bon.n, BigDecimal.valueOf(2)));
                assertTrue(h.subtract(new BigDecimal(c[1])).abs().compareTo(new BigDecimal("1e-27")) < 0,
                        "eps = " + c[0] + ": " + h);
            }
        }
        // a value that is no probability is refused by the spike itself
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ev.evaluate(kl, Map.of(EPS, 1.5, Bon.n, 2.0)));
        assertTrue(e.getMessage().contains("spike tops must be probabilities in (0, 1)"), e.getMessage());
    }

    @Test
    @DisplayName("expected reward of best-of-3 of geometric(3, r) at r = 1/2: 58/49 (mpmath 1.18367346938775510204081632653)")
    void geometricWithSymbolicRatio() {
        var p = Policy.geometric(3, R);
        Expr reward = Bon.expectedReward(p.bestOf(Bon.n));
        DoubleEvaluator ev = new DoubleEvaluator();
        assertEquals(1.18367346938775510204081632653, ev.evaluate(reward, Map.of(R, 0.5, Bon.n, 3.0)), 1e-15);
        // r = 1 is uniform(3): 1 - 1/27 - (2/3)^3 + ... = sum_k k ((k+1)^3 - k^3)/27 = (7 + 2*19)/27 = 45/27
        assertEquals(45.0 / 27, ev.evaluate(reward, Map.of(R, 1.0, Bon.n, 3.0)), 1e-15);
        HighPrecisionEvaluator hp = new HighPrecisionEvaluator(30);
        BigDecimal h = hp.evaluate(reward, Map.of(R, new BigDecimal("0.5"), Bon.n, BigDecimal.valueOf(3)));
        assertTrue(h.subtract(new BigDecimal("1.18367346938775510204081632653")).abs()
                .compareTo(new BigDecimal("1e-27")) < 0, h.toString());
    }

    private static org.bonlab.numeric.claim.Verdict check(org.bonlab.claim.Claim c) {
        return new org.bonlab.numeric.claim.ConjectureSearch(1, 4000, null).check(c);
    }

    /** KL(best-of-3 || p) <= bound for p the family at every value of its parameter in (lo, hi). */
    private static org.bonlab.claim.Claim klOfBestOf3AtMost(double bound, org.bonlab.claim.Family family,
            Expr.Sym parameter, double lo, double hi) {
        var p = Policy.variable("p");
        return Bon.claim(Bon.kl(p.bestOf(Bon.n), p)).atMost(Expr.constant(bound)).forAll(p, family)
                .forAllReals(parameter, lo, hi).forAll(Bon.n, 3, 3).named("KL <= " + bound + " at n = 3");
    }

    @Test
    @DisplayName("claims over spike(5, eps), eps in (0, 1): Thm 1 PROVED by boxes of eps; KL <= 0.41259 at n = 3 "
            + "(false only near eps = 0.197, mpmath's maximum 0.4125913341696) never PROVED, 0.41260 PROVED")
    void claimsOverASymbolicSpike() {
        var p = Policy.variable("p");
        var spike = new org.bonlab.claim.Family.Named(Policy.spike(5, EPS));
        Expr kl = Bon.kl(p.bestOf(Bon.n), p);
        var v = check(Bon.claim(kl).atMost(Bon.analyticalKl(Bon.n)).forAll(p, spike).forAllReals(EPS, 0, 1)
                .forAll(Bon.n, 1, 40).named("Thm 1 on spike(5, eps)"));
        assertTrue(v instanceof org.bonlab.numeric.claim.Verdict.Proved, v.toString());
        assertTrue(v.toString().contains("eps in [0.0, 1.0]"), v.toString());

        IllegalArgumentException noRange = assertThrows(IllegalArgumentException.class, () -> check(Bon.claim(kl)
                .atMost(Bon.analyticalKl(Bon.n)).forAll(p, spike).forAll(Bon.n, 1, 5).named("eps without a range")));
        assertTrue(noRange.getMessage().contains("the parameter eps of spike(L=5, tops=[eps]) must have a range"),
                noRange.getMessage());

        var falseClaim = klOfBestOf3AtMost(0.41259, spike, EPS, 0, 1);
        var tooLow = check(falseClaim);
        assertTrue(tooLow instanceof org.bonlab.numeric.claim.Verdict.Falsified, tooLow.toString());
        // the interval engine alone, without the search in front of it: never a proof of the false claim
        var direct = org.bonlab.numeric.interval.IntervalCertifier.certify(falseClaim);
        assertTrue(direct instanceof org.bonlab.numeric.interval.IntervalCertifier.Result.NotCertified,
                direct.toString());
        assertTrue(tooLow.toString().contains("re-checked at 50 digits"), tooLow.toString());
        var justAbove = check(klOfBestOf3AtMost(0.41260, spike, EPS, 0, 1));
        assertTrue(justAbove instanceof org.bonlab.numeric.claim.Verdict.Proved, justAbove.toString());
    }

    @Test
    @DisplayName("claims over geometric(4, r), r in (0.05, 20): Thm 1 PROVED; KL <= 0.40198 at n = 3 FALSIFIED, "
            + "0.40199 PROVED; the interval engine refuses r below 0")
    void claimsOverASymbolicGeometric() {
        var p = Policy.variable("p");
        var geometric = new org.bonlab.claim.Family.Named(Policy.geometric(4, R));
        Expr kl = Bon.kl(p.bestOf(Bon.n), p);
        var v = check(Bon.claim(kl).atMost(Bon.analyticalKl(Bon.n)).forAll(p, geometric).forAllReals(R, 0.05, 20)
                .forAll(Bon.n, 1, 20).named("Thm 1 on geometric(4, r)"));
        assertTrue(v instanceof org.bonlab.numeric.claim.Verdict.Proved, v.toString());
        // mpmath: the KL of best-of-3 peaks at 0.401983891587 (r = 0.97944) over r
        var tooLow = check(klOfBestOf3AtMost(0.40198, geometric, R, 0.05, 20));
        assertTrue(tooLow instanceof org.bonlab.numeric.claim.Verdict.Falsified, tooLow.toString());
        var justAbove = check(klOfBestOf3AtMost(0.40199, geometric, R, 0.05, 20));
        assertTrue(justAbove instanceof org.bonlab.numeric.claim.Verdict.Proved, justAbove.toString());
        var negative = org.bonlab.numeric.interval.IntervalCertifier.certify(Bon.claim(kl)
                .atMost(Bon.analyticalKl(Bon.n)).forAll(p, geometric).forAllReals(R, -1, 1).forAll(Bon.n, 1, 5)
                .named("r from -1"));
        assertTrue(negative.toString().contains("beyond the positive numbers"), negative.toString());
    }

    @Test
    @DisplayName("the sharp constant of Thm 1 over every spike(5, eps), n = 1..3: KL/(log n - (n-1)/n) peaks at "
            + "0.955192767686 (mpmath: eps = 0.19699, n = 3), bracketed by the search and the certifier")
    void sharpConstantOverASymbolicSpike() {
        var p = Policy.variable("p");
        var spike = new org.bonlab.claim.Family.Named(Policy.spike(5, EPS));
        Expr kl = Bon.kl(p.bestOf(Bon.n), p);
        var claim = Bon.claim(kl).atMost(Bon.analyticalKl(Bon.n)).forAll(p, spike).forAllReals(EPS, 0, 1)
                .forAll(Bon.n, 1, 3).named("Thm 1 on spike(5, eps), n = 1..3");
        var ratio = new org.bonlab.numeric.claim.SharpConstants(1, 1000, java.time.Duration.ofSeconds(1), 2)
                .tighten(claim).get(0);
        BigDecimal truth = new BigDecimal("0.95519276768638349806");
        assertTrue(truth.subtract(ratio.lower()).abs().compareTo(new BigDecimal("1e-6")) < 0, ratio.toString());
        assertTrue(ratio.lower().compareTo(truth) <= 0, ratio.toString());
        assertTrue(ratio.upper().isPresent() && ratio.upper().get().compareTo(truth) >= 0, ratio.toString());
        assertTrue(ratio.witness().contains("n = 3"), ratio.witness());
    }
}
