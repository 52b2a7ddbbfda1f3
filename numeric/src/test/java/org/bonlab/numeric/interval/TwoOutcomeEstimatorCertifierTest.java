package org.bonlab.numeric.interval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import org.bonlab.Bon;
import org.bonlab.claim.Claim;
import org.bonlab.claim.Family;
import org.bonlab.claim.Range;
import org.bonlab.expr.Expr;
import org.bonlab.numeric.claim.ConjectureSearch;
import org.bonlab.numeric.claim.Verdict;
import org.bonlab.policy.Policy;
import org.bonlab.policy.PolicyVar;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Conjecture 4.4 of Beirami et al. (v3) on every policy on two outcomes: the reduction, its enclosures, the proof. */
class TwoOutcomeEstimatorCertifierTest {

    private static final Expr.Sym N = Bon.n;
    private static final PolicyVar P = Policy.variable("p");
    private static final Duration MINUTE = Duration.ofMinutes(1);

    private static Claim conjecture44(Family f, long to) {
        return Bon.claim(Bon.klHatMean(P, N)).atLeast(Bon.kl(P.bestOf(N), P)).forAll(P, f).forAll(N, 1, to)
                .named("Conjecture 4.4 on two outcomes");
    }

    private static Interval ln(long n) {
        return Interval.point(n).log().minus(Interval.point(n - 1).div(Interval.point(n)));
    }

    @Test
    @DisplayName("the enclosures of G and G/(1 - a) hold mpmath's values (a = 0.25, 0.1, 0.75, 0.9, 0.999)")
    void enclosuresHoldReferenceValues() {
        // mpmath 1.3 at 40 digits, G(a, n) as in the class comment of TwoOutcomeEstimatorCertifier, at the decimal a
        Object[][] gRows = {{"0.25", 2L, "0.2501778305204601353310536"}, {"0.1", 7L, "2.063616733639723366050066"}};
        for (Object[] r : gRows) {
            long n = (Long) r[1];
            Interval g = TwoOutcomeEstimatorCertifier.g(Interval.of(new BigDecimal((String) r[0])), n, ln(n));
            assertTrue(g.contains(Double.parseDouble((String) r[2])), r[0] + ", " + n + ": " + g);
            assertTrue(g.width() < 1e-12, g.toString());
        }
        Object[][] hRows = {{"0.75", 3L, "0.9556138035447659963913047"}, {"0.9", 50L, "7.633021344758921580553946"},
            {"0.999", 1000L, "26.67809521486442404365701"}, {"0.25", 2L, "0.3335704406939468471080714"}};
        for (Object[] r : hRows) {
            long n = (Long) r[1];
            Interval h = TwoOutcomeEstimatorCertifier.h(Interval.of(new BigDecimal((String) r[0])), n, ln(n));
            assertTrue(h.contains(Double.parseDouble((String) r[2])), r[0] + ", " + n + ": " + h);
            assertTrue(h.width() < 1e-9, h.toString());
        }
        // at the ends of [0, 1]: G -> 2 L_n as a -> 0, G/(1 - a) -> 1 as a -> 1 (the monotone forms' limits)
        Interval atZero = TwoOutcomeEstimatorCertifier.g(Interval.ZERO, 5, ln(5));
        assertTrue(atZero.contains(2 * (Math.log(5) - 0.8)), atZero.toString());
        Interval atOne = TwoOutcomeEstimatorCertifier.h(Interval.ONE, 5, ln(5));
        assertTrue(atOne.contains(1), atOne.toString());
    }

    @Test
    @DisplayName("G/(1 - a) >= 0.333 is PROVED at n = 2 and >= 0.3334 is not (mpmath's minimum: 0.33326 at a = 0.231)")
    void sharpFloorSeparatesTrueFromFalse() {
        assertEquals("", TwoOutcomeEstimatorCertifier.bisect(1, 2, 0.333, 1_000_000, MINUTE).failure());
        String failure = TwoOutcomeEstimatorCertifier.bisect(1, 2, 0.3334, 1_000_000, MINUTE).failure();
        assertTrue(failure.startsWith("at n = 2, a in [0.2"), failure);
        assertTrue(TwoOutcomeEstimatorCertifier.bisect(1, 300, 0, 20, MINUTE).failure()
                .startsWith("the budget of 20 boxes"));
        // the per-n bisection alone, an independent check of the uniform argument over n = 10..200
        TwoOutcomeEstimatorCertifier.Outcome o = TwoOutcomeEstimatorCertifier.bisect(1, 200, 0, 10_000_000, MINUTE);
        assertEquals("", o.failure());
        assertTrue(o.boxes() > 1000, o.toString());
    }

    @Test
    @DisplayName("Conjecture 4.4 over every policy on 2 outcomes, n = 1..200 and every n: PROVED through the search")
    void provedThroughTheClaimChecker() {
        Claim c = conjecture44(new Family.Simplex(2, 2, Family.Rewards.ARBITRARY), 200);
        assertTrue(TwoOutcomeEstimatorCertifier.applies(c));
        Verdict v = new ConjectureSearch(1, 2000, null).check(c);
        Verdict.Proved proved = assertInstanceOf(Verdict.Proved.class, v, v.toString());
        assertTrue(proved.toString().contains("every policy on 2 outcomes, n = 1..200: the margin is a^n G"),
                proved.toString());
        Claim every = conjecture44(new Family.Simplex(1, 2, Family.Rewards.ORDERED), Range.INFINITY);
        v = new ConjectureSearch(1, 2000, null).check(every);
        proved = assertInstanceOf(Verdict.Proved.class, v, v.toString());
        assertTrue(proved.toString().contains("n = 1..infinity"), proved.toString());
        assertTrue(proved.toString().contains("for n = 1..9, G >= 0"), proved.toString());
        assertTrue(proved.toString().contains("for n >= 10, G >= (1 - 2^-n) L_n - 1 - 1/e > 0"), proved.toString());
        // from n = 10 on, the uniform argument alone
        Claim late = Bon.claim(Bon.klHatMean(P, N)).atLeast(Bon.kl(P.bestOf(N), P))
                .forAll(P, new Family.Simplex(2, 2, Family.Rewards.ORDERED)).forAll(N, 1_000_000, Range.INFINITY)
                .named("late");
        IntervalCertifier.Result r = TwoOutcomeEstimatorCertifier.certify(late);
        IntervalCertifier.Result.Certified lateProof = assertInstanceOf(IntervalCertifier.Result.Certified.class, r);
        assertFalse(lateProof.argument().contains("bisect") || lateProof.argument().contains("boxes of a"),
                lateProof.argument());
        assertTrue(lateProof.argument().contains("for n >= 1000000"), lateProof.argument());
        // the same statement written the other way round
        Claim flipped = Bon.claim(Bon.kl(P.bestOf(N), P)).atMost(Bon.klHatMean(P, N))
                .forAll(P, new Family.Simplex(1, 2, Family.Rewards.ORDERED)).forAll(N, 1, 50).named("flipped");
        assertTrue(TwoOutcomeEstimatorCertifier.applies(flipped));
    }

    @Test
    @DisplayName("only the conjecture itself on 1 or 2 outcomes with distinct rewards applies (any range of n)")
    void appliesOnlyWhereTheReductionHolds() {
        assertFalse(TwoOutcomeEstimatorCertifier.applies(conjecture44(new Family.Simplex(2, 3, Family.Rewards.ORDERED),
                50)), "three outcomes");
        assertFalse(TwoOutcomeEstimatorCertifier.applies(conjecture44(new Family.Simplex(2, 2, Family.Rewards.TIED),
                50)), "tied rewards");
        assertTrue(TwoOutcomeEstimatorCertifier.applies(conjecture44(new Family.Simplex(2, 2, Family.Rewards.ORDERED),
                Range.INFINITY)), "every n");
        Claim shifted = Bon.claim(Bon.klHatMean(P, N)).atLeast(Bon.kl(P.bestOf(N), P).plus(Expr.constant(1e-9)))
                .forAll(P, new Family.Simplex(2, 2, Family.Rewards.ORDERED)).forAll(N, 1, 50).named("shifted");
        assertFalse(TwoOutcomeEstimatorCertifier.applies(shifted), "another right-hand side");
        Claim reversed = Bon.claim(Bon.klHatMean(P, N)).atMost(Bon.kl(P.bestOf(N), P))
                .forAll(P, new Family.Simplex(2, 2, Family.Rewards.ORDERED)).forAll(N, 1, 50).named("reversed");
        assertFalse(TwoOutcomeEstimatorCertifier.applies(reversed), "the reverse inequality");
    }

    @Test
    @DisplayName("the proof for every n carries a certificate (n = 1, boxes of a for n = 2..9, the uniform lemmas from "
            + "n = 10) that the exact re-check confirms; a box removed, a box moved across a = 1/2 and a tail started "
            + "at n = 9 are rejected")
    void certificateOfTheProof() {
        Claim c = conjecture44(new Family.Simplex(1, 2, Family.Rewards.ARBITRARY), Range.INFINITY);
        IntervalCertifier.recordCoverings(true);
        IntervalCertifier.Result r;
        try {
            r = TwoOutcomeEstimatorCertifier.certify(c);
        } finally {
            IntervalCertifier.recordCoverings(false);
        }
        var proof = assertInstanceOf(IntervalCertifier.Result.Certified.class, r);
        Covering covering = proof.covering().orElseThrow();
        assertEquals(Covering.Kind.ESTIMATOR_TWO_OUTCOMES, covering.kind());
        java.util.List<Covering.Piece> pieces = covering.pieces();
        Covering.Piece first = pieces.get(0);
        Covering.Piece last = pieces.get(pieces.size() - 1);
        assertTrue(first.part() == TwoOutcomeEstimatorCertifier.N_ONE && first.nLo() == 1 && first.nHi() == 1);
        assertTrue(last.part() == TwoOutcomeEstimatorCertifier.UNIFORM && last.nLo() == 10
                && last.nHi() == Double.POSITIVE_INFINITY);
        // every box of a for n = 2..9 is a piece, and the proof's count is those boxes plus Lemma C's
        assertTrue(pieces.size() > 10 && pieces.size() - 2 <= proof.points(), pieces.size() + " " + proof.points());
        Duration limit = Duration.ofSeconds(120);
        var ok = CertificateVerifier.verify(c, covering, limit);
        assertTrue(ok.confirmed(), ok.message());

        java.util.List<Covering.Piece> dropped = new java.util.ArrayList<>(pieces);
        Covering.Piece gone = dropped.remove(5);
        var gap = CertificateVerifier.verify(c, new Covering(covering.kind(), dropped), limit);
        assertTrue(!gap.confirmed() && gap.message().contains("do not cover")
                && gap.message().contains(String.format(java.util.Locale.ROOT, "n = %.0f", gone.nLo())),
                gap.message());

        // a G box relabelled as an H box (G/(1 - a) is only bounded on a >= 1/2)
        java.util.List<Covering.Piece> moved = new java.util.ArrayList<>(pieces);
        int g = 1;
        while (moved.get(g).part() != TwoOutcomeEstimatorCertifier.G_BOX) {
            g++;
        }
        Covering.Piece p = moved.get(g);
        moved.set(g, new Covering.Piece(TwoOutcomeEstimatorCertifier.H_BOX, p.nLo(), p.nHi(), p.lo(), p.hi(),
                p.margin()));
        var wrongSide = CertificateVerifier.verify(c, new Covering(covering.kind(), moved), limit);
        assertTrue(!wrongSide.confirmed() && wrongSide.message().contains("piece " + (g + 1) + " is of part 1"),
                wrongSide.message());

        java.util.List<Covering.Piece> early = new java.util.ArrayList<>(pieces);
        early.set(early.size() - 1, new Covering.Piece(TwoOutcomeEstimatorCertifier.UNIFORM, 9, last.nHi(), last.lo(),
                last.hi(), 0));
        var tooEarly = CertificateVerifier.verify(c, new Covering(covering.kind(), early), limit);
        assertTrue(!tooEarly.confirmed() && tooEarly.message().contains("start at n = 10"), tooEarly.message());
    }
}
