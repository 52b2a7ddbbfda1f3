package org.bonlab.numeric.interval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Random;
import org.bonlab.Bon;
import org.bonlab.claim.Binding;
import org.bonlab.claim.Claim;
import org.bonlab.claim.Family;
import org.bonlab.claim.Range;
import org.bonlab.expr.Expr;
import org.bonlab.numeric.claim.ConjectureSearch;
import org.bonlab.numeric.claim.Verdict;
import org.bonlab.numeric.precise.HighPrecisionEvaluator;
import org.bonlab.policy.Policy;
import org.bonlab.policy.PolicyVar;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Thm 1 over every policy on two outcomes for every n: the argument's lower bound B_n(s) against the true margin at
 * 50 digits and against mpmath, its monotonicity in n, the proofs, and the claims it must not take.
 */
class TwoOutcomeKlCertifierTest {

    private static final Expr.Sym N = Bon.n;
    private static final PolicyVar P = Policy.variable("p");

    private static Claim thm1(Family f, long from, long to) {
        return Bon.claim(Bon.kl(P.bestOf(N), P)).atMost(Bon.analyticalKl(N)).forAll(P, f).forAll(N, from, to)
                .named("Thm 1 on two outcomes");
    }

    private static Interval b(double s, long n) {
        Interval nn = Interval.point(n);
        return TwoOutcomeKlCertifier.lowerBound(s, s, nn, nn.log());
    }

    @Test
    @DisplayName("B_10(s) encloses mpmath's values (s = 0.5, 2.875, 6.5; its minimum 0.1559 is near 2.875)")
    void lowerBoundHoldsReferenceValues() {
        // mpmath 1.3, 30 digits: B_n(s) = t log n - 1 - (1 - t) log((1 - t)/s) + t s + (1 - s)/n, t = e^-s, n = 10
        String[][] rows = {{"0.5", "0.84413098656993873715508831937"}, {"2.875", "0.155867570689716196336997712816"},
            {"6.5", "0.333724496037134182419615008271"}};
        for (String[] r : rows) {
            Interval e = b(Double.parseDouble(r[0]), 10);
            assertTrue(e.contains(Double.parseDouble(r[1])) && e.width() < 1e-13, r[0] + ": " + e);
        }
    }

    @Test
    @DisplayName("the argument's steps on 2000 random (a, n), a in [1/2, 1), n = 10..10^9: the true margin (50 digits) "
            + "is at least B_n(-n log a), and B_n(s) does not decrease with n")
    void lowerBoundBelowTheTrueMargin() {
        Random rng = new Random(7);
        HighPrecisionEvaluator hp = new HighPrecisionEvaluator(50);
        Expr margin = Bon.analyticalKl(N).minus(Bon.kl(P.bestOf(N), P));
        for (int i = 0; i < 2000; i++) {
            long n = Math.round(Math.pow(10, 1 + 8 * rng.nextDouble()));
            double a = i % 2 == 0 ? 0.5 + 0.5 * rng.nextDouble() : 1 - Math.pow(10, -1 - 11 * rng.nextDouble());
            double s = -n * Math.log(a);
            Expr bound = Binding.bind(margin, Map.of(P, Policy.probabilities(a, 1 - a)));
            double truth = hp.evaluate(bound, Map.of(N, BigDecimal.valueOf(n))).doubleValue();
            Interval lower = b(s, n);
            // s is rounded, and B_n moves by at most about |dB/ds| ~ log n per unit of s
            assertTrue(lower.lo() <= truth + 1e-12 * Math.max(1, s) * Math.log(n),
                    "a = " + a + ", n = " + n + ": margin " + truth + " below B " + lower);
            assertTrue(b(s, 10).lo() <= lower.hi() + 1e-12, "B_10 above B_" + n + " at s = " + s);
        }
    }

    @Test
    @DisplayName("Thm 1 over every policy on 1 or 2 outcomes (ordered, tied, arbitrary rewards) and on bernoulli(p), "
            + "every n >= 1: PROVED, boxes for n = 1..9 and the argument from n = 10; also swapped and from n = 5")
    void provedForEveryN() {
        for (Family f : new Family[] {new Family.Simplex(1, 2, Family.Rewards.ORDERED),
            new Family.Simplex(2, 2, Family.Rewards.TIED), new Family.Simplex(1, 2, Family.Rewards.ARBITRARY),
            new Family.Bernoulli()}) {
            Claim c = thm1(f, 1, Range.INFINITY);
            assertTrue(TwoOutcomeKlCertifier.applies(c));
            var r = assertInstanceOf(IntervalCertifier.Result.Certified.class, IntervalCertifier.certify(c),
                    f.toString());
            assertTrue(r.argument().contains("n = 1..infinity") && r.argument().contains("for n = 1..9"),
                    r.argument());
        }
        assertEquals("", TwoOutcomeKlCertifier.conditions().failure());
        Claim swapped = Bon.claim(Bon.analyticalKl(N)).atLeast(Bon.kl(P.bestOf(N), P))
                .forAll(P, Family.simplex(2)).forAll(N, 5, 1_000_000).named("swapped");
        assertTrue(TwoOutcomeKlCertifier.applies(swapped));
        Verdict v = new ConjectureSearch(1, 200, null).check(swapped);
        assertInstanceOf(Verdict.Proved.class, v, v.report());
    }

    @Test
    @DisplayName("claims the argument does not take (3 outcomes, n only below 10, n from 0, a shifted bound), and a "
            + "shifted bound false only at n = 10 (margin 0.2804 < 0.29) is FALSIFIED")
    void takesOnlyThmOneOnTwoOutcomes() {
        assertFalse(TwoOutcomeKlCertifier.applies(thm1(Family.simplex(3), 1, Range.INFINITY)));
        assertFalse(TwoOutcomeKlCertifier.applies(thm1(Family.simplex(2), 1, 9)));
        assertFalse(TwoOutcomeKlCertifier.applies(thm1(Family.simplex(2), 0, 100)));
        Claim shifted = Bon.claim(Bon.kl(P.bestOf(N), P)).atMost(Bon.analyticalKl(N).minus(Expr.rational(29, 100)))
                .forAll(P, Family.simplex(2)).forAll(N, 10, Range.INFINITY).named("Thm 1 minus 0.29 from n = 10");
        assertFalse(TwoOutcomeKlCertifier.applies(shifted));
        // mpmath: the smallest margin over two outcomes at n = 10 is 0.280419391267 (a = 0.78582); 0.2904 at n = 11
        Verdict v = new ConjectureSearch(1, 4000, null).check(shifted);
        assertInstanceOf(Verdict.Falsified.class, v, v.report());
    }

    @Test
    @DisplayName("the proof for every n carries a certificate (the boxes for n < 10, one uniform piece from n = 10) "
            + "that the exact re-check confirms; without the uniform piece, with it from n = 9, or without a box, "
            + "it is rejected")
    void certificateOfTheProof() {
        Claim c = thm1(new Family.Simplex(2, 2, Family.Rewards.ORDERED), 1, Range.INFINITY);
        IntervalCertifier.forgetResults();
        IntervalCertifier.recordCoverings(true);
        IntervalCertifier.Result r;
        try {
            r = IntervalCertifier.certify(c);
        } finally {
            IntervalCertifier.recordCoverings(false);
        }
        Covering covering = assertInstanceOf(IntervalCertifier.Result.Certified.class, r).covering().orElseThrow();
        assertEquals(Covering.Kind.TWO_OUTCOME_KL, covering.kind());
        java.util.List<Covering.Piece> pieces = covering.pieces();
        Covering.Piece uniform = pieces.get(pieces.size() - 1);
        assertTrue(uniform.part() == 1 && uniform.nLo() == 10 && uniform.nHi() == Double.POSITIVE_INFINITY,
                uniform.toString());
        java.time.Duration limit = java.time.Duration.ofSeconds(120);
        var ok = CertificateVerifier.verify(c, covering, limit);
        assertTrue(ok.confirmed() && ok.message().contains("for n < 10: confirmed"), ok.message());

        var noTail = CertificateVerifier.verify(c, new Covering(covering.kind(), pieces.subList(0,
                pieces.size() - 1)), limit);
        assertTrue(!noTail.confirmed() && noTail.message().contains("no uniform piece covers n = 10"),
                noTail.message());
        java.util.List<Covering.Piece> early = new java.util.ArrayList<>(pieces);
        early.set(early.size() - 1, new Covering.Piece(1, 9, uniform.nHi(), new double[0], new double[0], 0));
        var tooEarly = CertificateVerifier.verify(c, new Covering(covering.kind(), early), limit);
        assertTrue(!tooEarly.confirmed() && tooEarly.message().contains("needs n from 10 on"), tooEarly.message());
        java.util.List<Covering.Piece> dropped = new java.util.ArrayList<>(pieces);
        dropped.remove(3);
        var gap = CertificateVerifier.verify(c, new Covering(covering.kind(), dropped), limit);
        assertTrue(!gap.confirmed() && gap.message().startsWith("for n < 10: the pieces do not cover"),
                gap.message());
    }
}
