package org.bonlab.numeric.interval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.obermuhlner.math.big.BigDecimalMath;
import java.math.BigDecimal;
import java.math.MathContext;
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
import org.bonlab.policy.Policy;
import org.bonlab.policy.PolicyVar;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Thm 2 and Cor 2 over every policy on up to L outcomes for every n: the argument's steps checked independently
 * (60-digit logs, the bounds of random policies), where it stops (L = 21 at n = 2), and claims it must not take.
 */
class GapBoundCertifierTest {

    private static final Expr.Sym N = Bon.n;
    private static final PolicyVar P = Policy.variable("p");
    private static final MathContext MC = new MathContext(60);

    private static Expr gap() {
        return Bon.analyticalKl(N).minus(Bon.kl(P.bestOf(N), P));
    }

    /** The covering the argument's proof of {@code c} records. */
    private static Covering recordedCovering(Claim c) {
        IntervalCertifier.recordCoverings(true);
        try {
            return assertInstanceOf(IntervalCertifier.Result.Certified.class, GapBoundCertifier.certify(c)).covering()
                    .orElseThrow();
        } finally {
            IntervalCertifier.recordCoverings(false);
        }
    }

    private static Claim claim(Quantity.BoundKind kind, Family f, long from, long to) {
        return Bon.claim(gap()).atMost(Bon.bound(kind, P, N)).forAll(P, f).forAll(N, from, to).named("gap bound");
    }

    @Test
    @DisplayName("Thm 2 and Cor 2 over every policy on up to 12 outcomes (any rewards, ties), every n >= 1: PROVED, "
            + "n = 2, 3, 4 by enclosures of log n, the rest by exact integers; a user's verdict says so")
    void everyNOnUpToTwelveOutcomes() {
        for (Quantity.BoundKind kind : new Quantity.BoundKind[] {Quantity.BoundKind.THM2_GAP_UPPER,
            Quantity.BoundKind.COR2_GAP_UPPER}) {
            for (Family.Rewards rewards : Family.Rewards.values()) {
                Claim c = claim(kind, new Family.Simplex(1, 12, rewards), 1, Range.INFINITY);
                assertTrue(GapBoundCertifier.applies(c));
                var proof = assertInstanceOf(IntervalCertifier.Result.Certified.class, GapBoundCertifier.certify(c));
                // 2n^2 < 12(n - 1) exactly at n = 2, 3, 4 (8 < 12, 18 < 24, 32 < 36; 50 >= 48)
                assertEquals(3, proof.points(), proof.argument());
                assertTrue(proof.argument().contains("n = 1..infinity") && proof.argument().contains("other 3 values"),
                        proof.argument());
            }
        }
        // the same claim written the other way round, through the checker a spec goes through
        Claim swapped = Bon.claim(Bon.bound(Quantity.BoundKind.THM2_GAP_UPPER, P, N)).atLeast(gap())
                .forAll(P, Family.simplex(3)).forAll(N, 1, Range.INFINITY).named("Thm 2, every n");
        assertTrue(GapBoundCertifier.applies(swapped));
        Verdict v = new ConjectureSearch(1, 200, null).check(swapped);
        assertInstanceOf(Verdict.Proved.class, v, v.report());
        // on 2 and 3 outcomes no n needs a logarithm
        var small = assertInstanceOf(IntervalCertifier.Result.Certified.class,
                GapBoundCertifier.certify(claim(Quantity.BoundKind.THM2_GAP_UPPER, Family.simplex(3), 1, 10)));
        assertTrue(small.argument().contains("which is every n"), small.argument());
        // independently, the box certifier (which encloses the true KL, not its lower bound 0) proves the same claim
        // on 3 outcomes over a finite range
        var boxes = SimplexCertifier.certify(claim(Quantity.BoundKind.THM2_GAP_UPPER,
                new Family.Simplex(1, 3, Family.Rewards.ORDERED), 1, 200),
                new SimplexCertifier.Budget(2_000_000, java.time.Duration.ofMinutes(2), 1));
        assertInstanceOf(IntervalCertifier.Result.Certified.class, boxes, boxes.toString());
    }

    @Test
    @DisplayName("step 3 at 60 digits: wherever a single n is certified, log n - (n-1)/n <= 2n(n-1)/L holds; where it "
            + "is not (L = 21 at n = 2 first), it fails")
    void stepThreeAgainstSixtyDigits() {
        int certified = 0;
        int refused = 0;
        for (int size = 1; size <= 60; size++) {
            for (long n = 1; n <= 40; n++) {
                Claim c = claim(Quantity.BoundKind.THM2_GAP_UPPER, new Family.Simplex(1, size, Family.Rewards.ORDERED),
                        n, n);
                BigDecimal ln = BigDecimalMath.log(BigDecimal.valueOf(n), MC)
                        .subtract(BigDecimal.valueOf(n - 1).divide(BigDecimal.valueOf(n), MC));
                BigDecimal least = BigDecimal.valueOf(2 * n * (n - 1)).divide(BigDecimal.valueOf(size), MC);
                var r = GapBoundCertifier.byNumberOfOutcomes(c);
                if (r instanceof IntervalCertifier.Result.Certified) {
                    assertTrue(ln.compareTo(least) <= 0, "L = " + size + ", n = " + n);
                    certified++;
                } else {
                    assertTrue(ln.compareTo(least) > 0, "L = " + size + ", n = " + n + ": " + r);
                    assertTrue(((IntervalCertifier.Result.NotCertified) r).reason().contains("does not reach n = " + n),
                            r.toString());
                    refused++;
                }
            }
        }
        assertTrue(certified > 2000 && refused > 0, certified + " " + refused);
        // L = 20 is the last size reached at n = 2: log 2 - 1/2 = 0.19315 <= 4/20, > 4/21
        assertInstanceOf(IntervalCertifier.Result.Certified.class, GapBoundCertifier.certify(
                claim(Quantity.BoundKind.COR2_GAP_UPPER, new Family.Simplex(1, 20, Family.Rewards.TIED), 1,
                        Range.INFINITY)));
        Claim wide = claim(Quantity.BoundKind.COR2_GAP_UPPER, new Family.Simplex(1, 21, Family.Rewards.TIED), 1,
                Range.INFINITY);
        var stops = GapBoundCertifier.byNumberOfOutcomes(wide);
        assertTrue(stops instanceof IntervalCertifier.Result.NotCertified nc
                && nc.reason().contains("does not reach n = 2 on up to L = 21 outcomes"), stops.toString());
        // where the number of outcomes does not reach, the quantile cells do
        var cells = assertInstanceOf(IntervalCertifier.Result.Certified.class, GapBoundCertifier.certify(wide));
        assertTrue(cells.argument().contains("by the quantile cells"), cells.argument());
        assertInstanceOf(IntervalCertifier.Result.Certified.class, GapBoundCertifier.certify(
                claim(Quantity.BoundKind.COR2_GAP_UPPER, new Family.Simplex(1, 21, Family.Rewards.TIED), 3,
                        Range.INFINITY)));
    }

    @Test
    @DisplayName("steps 1 and 2 on 2000 random policies on up to 12 outcomes: gap <= log n - (n-1)/n, and both bounds "
            + ">= 2n(n-1)/L")
    void stepsOneAndTwoOnRandomPolicies() {
        Random rng = new Random(20261202L);
        DoubleEvaluator ev = new DoubleEvaluator();
        for (int trial = 0; trial < 2000; trial++) {
            int size = 1 + rng.nextInt(12);
            double[] w = new double[size];
            double total = 0;
            for (int i = 0; i < size; i++) {
                w[i] = Math.pow(rng.nextDouble(), 4); // some outcomes near 0, as at the simplex's edges
                total += w[i];
            }
            for (int i = 0; i < size; i++) {
                w[i] /= total;
            }
            Policy p = Policy.probabilities(w);
            double n = 1 + rng.nextInt(200);
            Map<Expr.Sym, Double> at = Map.of(N, n);
            double ln = Math.log(n) - (n - 1) / n;
            double gap = ev.evaluate(Bon.analyticalKl(N).minus(Bon.kl(p.bestOf(N), p)), at);
            assertTrue(gap <= ln + 1e-12, "gap " + gap + " at n = " + n);
            double least = 2 * n * (n - 1) / size;
            for (Quantity.BoundKind kind : new Quantity.BoundKind[] {Quantity.BoundKind.THM2_GAP_UPPER,
                Quantity.BoundKind.COR2_GAP_UPPER}) {
                double bound = ev.evaluate(Bon.bound(kind, p, N), at);
                assertTrue(bound >= least * (1 - 1e-12), kind + ": " + bound + " < " + least);
            }
        }
    }

    @Test
    @DisplayName("a constant c times the bound (bonlab tighten's upper ends): by the number of outcomes exactly where "
            + "log n - (n-1)/n <= 2c n(n-1)/L at every n (c >= L (log 2 - 1/2)/4, 0.57944 on 12 outcomes), by the "
            + "quantile cells down to (log 2 - 1/2)/4 = 0.04828679514 on any number, and from n = 3 on to 37/800")
    void constantTimesTheBound() {
        Family twelve = new Family.Simplex(1, 12, Family.Rewards.ORDERED);
        // L (log 2 - 1/2)/4 = 3 (log 2 - 1/2) = 0.579441541679835928251696364375 (mpmath) on 12 outcomes;
        // (log 2 - 1/2)/4 = 0.0482867951399863273543080303646 (mpmath)
        for (String[] c : new String[][] {{"0.5795", "outcomes"}, {"0.5794", "cells"}, {"1", "outcomes"},
            {"3", "outcomes"}, {"0.04828679514", "cells"}, {"0.04828679513", "no"}}) {
            Claim scaled = Bon.claim(gap()).atMost(Bon.bound(Quantity.BoundKind.COR2_GAP_UPPER, P, N)
                    .times(Expr.constant(org.bonlab.expr.Rational.parse(c[0])))).forAll(P, twelve)
                    .forAll(N, 1, Range.INFINITY).named("Cor 2 with c = " + c[0]);
            assertTrue(GapBoundCertifier.applies(scaled));
            var r = GapBoundCertifier.certify(scaled);
            assertEquals(!c[1].equals("no"), r instanceof IntervalCertifier.Result.Certified, c[0] + ": " + r);
            assertEquals(c[1].equals("cells"), r instanceof IntervalCertifier.Result.Certified p
                    && p.argument().contains("quantile cells"), c[0] + ": " + r);
            if (c[1].equals("no")) {
                assertTrue(r instanceof IntervalCertifier.Result.NotCertified nc
                        && nc.reason().contains("near a point mass"), r.toString());
            }
        }
        // without n = 2, the cells' lemma for n >= 3 reaches 2c = 37/400 (the true constant there is lower)
        for (String[] c : new String[][] {{"0.04625", "yes"}, {"0.0462", "no"}}) {
            Claim fromThree = Bon.claim(gap()).atMost(Bon.bound(Quantity.BoundKind.THM2_GAP_UPPER, P, N)
                    .times(Expr.constant(org.bonlab.expr.Rational.parse(c[0])))).forAll(P, twelve)
                    .forAll(N, 3, Range.INFINITY).named("Thm 2 from n = 3 with c = " + c[0]);
            var r = GapBoundCertifier.certify(fromThree);
            assertEquals(c[1].equals("yes"), r instanceof IntervalCertifier.Result.Certified, c[0] + ": " + r);
        }
        // the constant on the left of the product too
        Claim left = Bon.claim(gap()).atMost(Expr.rational(3, 5).times(Bon.bound(Quantity.BoundKind.THM2_GAP_UPPER, P,
                N))).forAll(P, twelve).forAll(N, 1, Range.INFINITY).named("Thm 2 with 3/5 on the left");
        assertInstanceOf(IntervalCertifier.Result.Certified.class, GapBoundCertifier.certify(left));
    }

    @Test
    @DisplayName("claims the argument does not cover are not taken (the gap against Thm 3's lower bound, reversed, a "
            + "named policy, n from 0) or not certified (Thm 2 with 1/100)")
    void takesOnlyThmTwoAndCorTwo() {
        Family f = Family.simplex(3);
        // Thm 2 with 1/100 (a constant 1/200 on the bound) is of the shape, and false: never certified
        Claim false100 = Bon.claim(gap()).atMost(Bon.bound(Quantity.BoundKind.THM2_GAP_UPPER, P, N)
                .times(Expr.rational(1, 200))).forAll(P, f).forAll(N, 1, 10).named("false");
        assertTrue(GapBoundCertifier.applies(false100));
        var refused = GapBoundCertifier.certify(false100);
        assertTrue(refused instanceof IntervalCertifier.Result.NotCertified nc
                && nc.reason().contains("does not reach n = 2 on up to L = 3 outcomes")
                && nc.reason().contains("below (log 2 - 1/2)/4"), refused.toString());
        assertFalse(GapBoundCertifier.applies(Bon.claim(gap()).atMost(Bon.bound(Quantity.BoundKind.THM3_GAP_LOWER, P, N))
                .forAll(P, f).forAll(N, 1, 10).named("wrong direction")));
        assertFalse(GapBoundCertifier.applies(Bon.claim(gap()).atLeast(Bon.bound(Quantity.BoundKind.THM2_GAP_UPPER, P, N))
                .forAll(P, f).forAll(N, 1, 10).named("reversed")));
        assertFalse(GapBoundCertifier.applies(Bon.claim(gap()).atMost(Bon.bound(Quantity.BoundKind.THM2_GAP_UPPER, P, N))
                .forAll(P, new Family.Named(Policy.coin())).forAll(N, 1, 10).named("named")));
        assertFalse(GapBoundCertifier.applies(Bon.claim(gap()).atMost(Bon.bound(Quantity.BoundKind.THM2_GAP_UPPER, P, N))
                .forAll(P, f).forAll(N, 0, 10).named("n from 0")));
        // and the false one is still falsified by the checker, never proved
        Verdict v = new ConjectureSearch(1, 2000, null).check(Bon.claim(gap())
                .atMost(Bon.bound(Quantity.BoundKind.THM2_GAP_UPPER, P, N).times(Expr.rational(1, 200)))
                .forAll(P, new Family.Simplex(1, 12, Family.Rewards.ORDERED)).forAll(N, 1, Range.INFINITY)
                .named("Thm 2 with 1/100"));
        assertInstanceOf(Verdict.Falsified.class, v, v.report());
    }

    @Test
    @DisplayName("a proof by the argument carries a certificate (runs of n settled in integers, single n by "
            + "enclosures) that the exact re-check confirms; it rejects one with a piece removed, a run through an n the integer "
            + "condition does not settle, and an n where the argument's room is negative")
    void certificateOfTheArgument() {
        Claim cor2 = claim(Quantity.BoundKind.COR2_GAP_UPPER, new Family.Simplex(1, 12, Family.Rewards.TIED), 1,
                Range.INFINITY);
        Covering covering = recordedCovering(cor2);
        assertEquals(Covering.Kind.GAP_BOUND, covering.kind());
        // n = 1 in integers (0 <= 2); n = 2, 3, 4 by enclosures (2n^2 < 12(n-1)); from n = 5 on in integers
        java.util.List<String> shown = covering.pieces().stream().map(p -> p.nLo() + ".." + p.nHi()).toList();
        assertEquals(java.util.List.of("1.0..1.0", "2.0..2.0", "3.0..3.0", "4.0..4.0", "5.0..Infinity"), shown);
        // the room at n = 2: 2*2*1/12 - (log 2 - 1/2) = 0.140186152773388023916101211875 (mpmath), certified from below
        double room = covering.pieces().get(1).margin();
        assertTrue(room <= 0.140186152773388023916101211875 && room > 0.140186152773388 - 1e-15, "room " + room);
        java.time.Duration limit = java.time.Duration.ofSeconds(60);
        var ok = CertificateVerifier.verify(cor2, covering, limit);
        assertTrue(ok.confirmed() && ok.message().contains("2 by the integer condition")
                && ok.message().contains("3 by an enclosure"), ok.message());

        java.util.List<Covering.Piece> dropped = new java.util.ArrayList<>(covering.pieces());
        dropped.remove(2);
        var gap = CertificateVerifier.verify(cor2, new Covering(Covering.Kind.GAP_BOUND, dropped), limit);
        assertTrue(!gap.confirmed() && gap.message().contains("do not cover") && gap.message().contains("n = 3"),
                gap.message());

        java.util.List<Covering.Piece> merged = new java.util.ArrayList<>(covering.pieces().subList(3, 5));
        merged.add(0, new Covering.Piece(0, 1, 3, new double[0], new double[0], 0));
        var unsettled = CertificateVerifier.verify(cor2, new Covering(Covering.Kind.GAP_BOUND, merged), limit);
        assertTrue(!unsettled.confirmed() && unsettled.message().contains("is not settled"), unsettled.message());

        // on 21 outcomes the argument fails at n = 2 (log 2 - 1/2 > 4/21): a covering in the right form is rejected
        Claim wide = claim(Quantity.BoundKind.COR2_GAP_UPPER, new Family.Simplex(1, 21, Family.Rewards.TIED), 1, 3);
        java.util.List<Covering.Piece> forged = java.util.List.of(
                new Covering.Piece(0, 1, 1, new double[0], new double[0], 0),
                new Covering.Piece(0, 2, 2, new double[0], new double[0], 0.1),
                new Covering.Piece(0, 3, 3, new double[0], new double[0], 0.1));
        var negative = CertificateVerifier.verify(wide, new Covering(Covering.Kind.GAP_BOUND, forged), limit);
        assertTrue(!negative.confirmed() && negative.message().contains("piece 2 (n = 2) is not confirmed"),
                negative.message());
        // and a covering of this kind for a claim the argument does not take
        var other = CertificateVerifier.verify(claim(Quantity.BoundKind.THM3_GAP_LOWER, Family.simplex(3), 1, 3),
                covering, limit);
        assertTrue(!other.confirmed() && other.message().contains("kind GAP_BOUND"), other.message());
    }

    @Test
    @DisplayName("a proof by the quantile cells carries a certificate (one piece over the range, the argument's name) "
            + "that the exact re-check confirms by running the lemma's boxes again; it rejects the same certificate "
            + "for a constant below (log 2 - 1/2)/4, under another argument's name, and with n = 1 left out")
    void certificateOfTheQuantileCells() {
        Claim thm2 = claim(Quantity.BoundKind.THM2_GAP_UPPER, new Family.Simplex(1, 40, Family.Rewards.ARBITRARY), 1,
                Range.INFINITY);
        Covering covering = recordedCovering(thm2);
        assertEquals(Covering.Kind.GAP_BOUND, covering.kind());
        assertEquals(QuantileCellLemma.ARGUMENT, covering.argument());
        java.time.Duration limit = java.time.Duration.ofSeconds(60);
        var ok = CertificateVerifier.verify(thm2, covering, limit);
        assertTrue(ok.confirmed() && ok.message().contains("exact rational arithmetic"), ok.message());

        Claim below = Bon.claim(gap()).atMost(Bon.bound(Quantity.BoundKind.THM2_GAP_UPPER, P, N)
                .times(Expr.constant(org.bonlab.expr.Rational.parse("0.04828679513"))))
                .forAll(P, new Family.Simplex(1, 40, Family.Rewards.ARBITRARY)).forAll(N, 1, Range.INFINITY)
                .named("Thm 2 below its sharp constant");
        var forged = CertificateVerifier.verify(below, covering, limit);
        assertTrue(!forged.confirmed() && forged.message().contains("not confirmed in exact arithmetic"),
                forged.message());
        var renamed = CertificateVerifier.verify(thm2, new Covering(Covering.Kind.GAP_BOUND, covering.pieces(),
                "quantile-coupling"), limit);
        assertTrue(!renamed.confirmed() && renamed.message().contains("only argument of that kind"), renamed.message());
        var short1 = CertificateVerifier.verify(thm2, new Covering(Covering.Kind.GAP_BOUND, java.util.List.of(
                new Covering.Piece(0, 2, Double.POSITIVE_INFINITY, new double[0], new double[0], 0)),
                QuantileCellLemma.ARGUMENT), limit);
        assertTrue(!short1.confirmed() && short1.message().contains("do not cover"), short1.message());
    }
}
