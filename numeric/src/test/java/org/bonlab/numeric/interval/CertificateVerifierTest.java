package org.bonlab.numeric.interval;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.bonlab.Bon;
import org.bonlab.claim.Claim;
import org.bonlab.claim.Family;
import org.bonlab.claim.Range;
import org.bonlab.expr.Expr;
import org.bonlab.policy.Policy;
import org.bonlab.policy.PolicyVar;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Certificates re-checked in exact arithmetic: confirmed as made, rejected when a piece is gone or the claim false. */
class CertificateVerifierTest {

    private static final PolicyVar P = Policy.variable("p");
    private static final Expr KL = Bon.kl(P.bestOf(Bon.n), P);
    private static final Duration MINUTE = Duration.ofMinutes(1);

    @AfterEach
    void stopRecording() {
        IntervalCertifier.recordCoverings(false);
    }

    private static Covering proof(Claim claim) {
        IntervalCertifier.recordCoverings(true);
        IntervalCertifier.Result r = IntervalCertifier.certify(claim);
        IntervalCertifier.Result.Certified c = assertInstanceOf(IntervalCertifier.Result.Certified.class, r,
                r.toString());
        return c.covering().orElseThrow();
    }

    private static Covering without(Covering c, int index) {
        List<Covering.Piece> pieces = new ArrayList<>(c.pieces());
        pieces.remove(index);
        return new Covering(c.kind(), pieces);
    }

    @Test
    @DisplayName("Thm 1 on bernoulli(p), n = 1..20: confirmed; without one box of p, not covered; for half the "
            + "bound (false at n = 3), margins not confirmed")
    void bernoulliFamily() {
        Claim thm1 = Bon.claim(KL).atMost(Bon.analyticalKl(Bon.n)).forAll(P, new Family.Bernoulli())
                .forAll(Bon.n, 1, 20).named("Thm 1 on bernoulli(p)");
        Covering c = proof(thm1);
        assertTrue(c.kind() == Covering.Kind.PARAMETER && c.pieces().size() > 20, c.kind() + " " + c.pieces().size());
        CertificateVerifier.Verification v = CertificateVerifier.verify(thm1, c, MINUTE);
        assertTrue(v.confirmed(), v.message());
        CertificateVerifier.Verification gap = CertificateVerifier.verify(thm1, without(c, 5), MINUTE);
        assertFalse(gap.confirmed());
        assertTrue(gap.message().startsWith("the pieces do not cover the domain: p in [0.0, 1.0], no piece covers n = "),
                gap.message());
        // the same covering offered for a false claim: KL <= (log n - (n-1)/n)/2 fails on the coin at n = 3
        Claim half = Bon.claim(KL).atMost(Bon.analyticalKl(Bon.n).div(2L)).forAll(P, new Family.Bernoulli())
                .forAll(Bon.n, 1, 20).named("half of Thm 1");
        CertificateVerifier.Verification forged = CertificateVerifier.verify(half, c, MINUTE);
        assertFalse(forged.confirmed());
        assertTrue(forged.message().contains("is not confirmed: its enclosure in exact arithmetic is"),
                forged.message());
    }

    @Test
    @DisplayName("win rate <= n/(n+1) over every policy on 2 and 3 outcomes, every tie pattern, n = 1..5: confirmed; "
            + "a shrunken piece leaves a gap")
    void simplex() {
        Claim thm1 = Bon.claim(Bon.winRateStrict(P.bestOf(Bon.n), P)).atMost(Bon.n.div(Bon.n.plus(1)))
                .forAll(P, new Family.Simplex(2, 3, Family.Rewards.TIED)).forAll(Bon.n, 1, 5).named("win rate");
        Covering c = proof(thm1);
        assertTrue(c.kind() == Covering.Kind.SIMPLEX, c.kind().toString());
        CertificateVerifier.Verification v = CertificateVerifier.verify(thm1, c, MINUTE);
        assertTrue(v.confirmed(), v.message());
        // the last piece of 3 outcomes, its first coordinate cut to its lower half
        int last = c.pieces().size() - 1;
        Covering.Piece p = c.pieces().get(last);
        double[] hi = p.hi().clone();
        hi[0] = 0.5 * (p.lo()[0] + p.hi()[0]);
        List<Covering.Piece> pieces = new ArrayList<>(c.pieces());
        pieces.set(last, new Covering.Piece(p.part(), p.nLo(), p.nHi(), p.lo(), hi, p.margin()));
        CertificateVerifier.Verification gap = CertificateVerifier.verify(thm1, new Covering(c.kind(), pieces), MINUTE);
        assertFalse(gap.confirmed());
        assertTrue(gap.message().contains("do not cover the domain"), gap.message());
    }

    @Test
    @DisplayName("Thm 1 on the coin, every n >= 1 (boxes of n, the last unbounded): confirmed; a covering of another "
            + "kind is refused")
    void boxesOfN() {
        Claim coin = Bon.claim(KL).atMost(Bon.analyticalKl(Bon.n)).forAll(P, new Family.Named(Policy.coin()))
                .forAll(Bon.n, 1, Range.INFINITY).named("Thm 1 on the coin");
        Covering c = proof(coin);
        assertTrue(c.pieces().get(c.pieces().size() - 1).nHi() == Double.POSITIVE_INFINITY, c.toString());
        assertTrue(CertificateVerifier.verify(coin, c, MINUTE).confirmed());
        CertificateVerifier.Verification other = CertificateVerifier.verify(coin,
                new Covering(Covering.Kind.SIMPLEX, c.pieces()), MINUTE);
        assertFalse(other.confirmed());
        assertTrue(other.message().contains("of kind SIMPLEX, but the claim's domain is covered by pieces of kind "
                + "N_BOXES"), other.message());
        CertificateVerifier.Verification tail = CertificateVerifier.verify(coin, without(c, c.pieces().size() - 1),
                MINUTE);
        assertTrue(tail.message().contains("no piece covers n in [") && tail.message().endsWith("infinity]"),
                tail.message());
    }

    @Test
    @DisplayName("log n - (n-1)/n <= (log n)^2/2 + 1/2 for every n >= 1 (both sides unbounded; the last box of n "
            + "enclosed as a polynomial in log n): PROVED and confirmed in exact arithmetic; 11 + (log n)^2/1000 in "
            + "place of the bound (false for n from about 1.9*10^5 to e^987) not PROVED")
    void logPolynomialTail() {
        Expr l = Bon.log(Bon.n);
        Claim square = Bon.claim(Bon.analyticalKl(Bon.n)).atMost(l.times(l).div(2L).plus(Expr.rational(1, 2)))
                .forAll(Bon.n, 1, Range.INFINITY).named("Eq. 5 below a square of log n");
        Covering c = proof(square);
        Covering.Piece last = c.pieces().get(c.pieces().size() - 1);
        assertTrue(last.nHi() == Double.POSITIVE_INFINITY && last.nLo() < 100, c.toString());
        CertificateVerifier.Verification v = CertificateVerifier.verify(square, c, MINUTE);
        assertTrue(v.confirmed(), v.message());
        Claim late = Bon.claim(Bon.analyticalKl(Bon.n)).atMost(Expr.constant(11).plus(l.times(l).div(1000L)))
                .forAll(Bon.n, 1, Range.INFINITY).named("false from n = 1.9*10^5");
        IntervalCertifier.Result r = IntervalCertifier.certify(late);
        assertFalse(r instanceof IntervalCertifier.Result.Certified, r.toString());
    }
}
