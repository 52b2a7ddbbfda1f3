package org.bonlab.numeric.interval;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bonlab.Bon;
import org.bonlab.claim.Claim;
import org.bonlab.claim.Family;
import org.bonlab.claim.Range;
import org.bonlab.expr.Expr;
import org.bonlab.expr.Quantity;
import org.bonlab.numeric.precise.HighPrecisionEvaluator;
import org.bonlab.policy.BasePolicy;
import org.bonlab.policy.Policy;
import org.bonlab.policy.PolicyVar;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Interval enclosures of the estimators and bounds of Beirami et al., and the claims they certify. */
class BoundEnclosureTest {

    private static final Expr.Sym N = Bon.n;
    private static final PolicyVar P = Policy.variable("p");

    private static List<Expr> quantities(BasePolicy p) {
        List<Expr> out = new ArrayList<>();
        for (Quantity.BoundKind k : Quantity.BoundKind.values()) {
            out.add(Bon.bound(k, p, N));
        }
        out.add(Bon.klHatMean(p, N));
        out.add(Bon.klHat1Mean(p, N));
        return out;
    }

    @Test
    @DisplayName("every bound and estimator mean encloses its 40-digit value at n = 1, 2, 3, 10, 1000, 10^6")
    void enclosuresContainHighPrecisionValues() {
        HighPrecisionEvaluator hp = new HighPrecisionEvaluator(40);
        BasePolicy[] policies = {Policy.coin(), Policy.probabilities(0.5, 0.3, 0.2), Policy.uniform(7),
                Policy.spike(50, 0.01, 0.2)};
        for (BasePolicy p : policies) {
            for (Expr q : quantities(p)) {
                for (double n : new double[] {1, 2, 3, 10, 1000, 1e6}) {
                    Interval i = IntervalEvaluator.over(Map.of(N, Interval.point(n))).evaluate(q);
                    BigDecimal exact = hp.evaluate(q, Map.of(N, BigDecimal.valueOf(n)));
                    // the 40-digit value is itself rounded: allow its last digits
                    BigDecimal slack = exact.abs().max(BigDecimal.ONE).multiply(new BigDecimal("1e-36"));
                    assertTrue(new BigDecimal(i.lo()).compareTo(exact.add(slack)) <= 0
                            && exact.subtract(slack).compareTo(new BigDecimal(i.hi())) <= 0,
                            q.show() + " at n = " + n + ": " + i + " does not contain " + exact);
                    assertTrue(i.width() <= 1e-12 * Math.max(1, Math.abs(i.lo())), q.show() + " " + i);
                }
            }
        }
    }

    @Test
    @DisplayName("Thm 2 and Cor 2 over boxes of n contain their values; the bounds with exponentials in n refuse boxes "
            + "(Thm 4 for every n is then proved by the argument)")
    void boxes() {
        BasePolicy p = Policy.probabilities(0.5, 0.3, 0.2);
        Interval box = new Interval(3, 40);
        for (Quantity.BoundKind k : new Quantity.BoundKind[] {Quantity.BoundKind.THM2_GAP_UPPER,
                Quantity.BoundKind.COR2_GAP_UPPER}) {
            Interval i = IntervalEvaluator.over(Map.of(N, box)).evaluate(Bon.bound(k, p, N));
            double factor = k == Quantity.BoundKind.THM2_GAP_UPPER ? 0.25 + 0.09 + 0.04 : 0.5;
            assertTrue(i.contains(2 * 3 * 2 * factor) && i.contains(2 * 40 * 39 * factor), i.toString());
        }
        // the boxes of n refuse Thm 4 for every n; the proof comes from the argument tried after them
        IntervalCertifier.Result every = IntervalCertifier.certify(Bon.claim(Bon.kl(P.bestOf(N), P))
                .atMost(Bon.bound(Quantity.BoundKind.THM4_KL_UPPER, P, N)).forAll(P, new Family.Named(p))
                .forAll(N, 1, Range.INFINITY));
        assertTrue(every instanceof IntervalCertifier.Result.Certified c
                && c.argument().contains("splitting off the top outcome"), every.toString());
    }

    @Test
    @DisplayName("PROVED: Thm 2 and Cor 2 on a spike policy for n = 1..10^12; on the coin Cor 3 for n = 2..10^4, and "
            + "Thm 3, Lemma 2, Thm 4 (margins of 2^-n) for n = 2..40")
    void certifiedBounds() {
        BasePolicy spike = Policy.spike(20, 0.05, 0.3);
        Expr gap = Bon.analyticalKl(N).minus(Bon.kl(P.bestOf(N), P));
        for (Quantity.BoundKind k : new Quantity.BoundKind[] {Quantity.BoundKind.THM2_GAP_UPPER,
                Quantity.BoundKind.COR2_GAP_UPPER}) {
            Claim c = Bon.claim(gap).atMost(Bon.bound(k, P, N)).forAll(P, new Family.Named(spike));
            IntervalCertifier.Result r = IntervalCertifier.certify(c.forAll(N, 1, 1_000_000_000_000L));
            assertInstanceOf(IntervalCertifier.Result.Certified.class, r, k + ": " + r);
            // over every n >= 1 both sides grow without bound: the tail cannot be compared, and the report says so
            IntervalCertifier.Result tail = IntervalCertifier.certify(c.forAll(N, 1, Range.INFINITY));
            assertTrue(tail instanceof IntervalCertifier.Result.NotCertified no
                    && no.reason().contains("both sides grow without bound"), tail.toString());
        }
        Family coin = new Family.Named(Policy.coin());
        List<Claim> claims = List.of(
                Bon.claim(gap).atLeast(Bon.bound(Quantity.BoundKind.THM3_GAP_LOWER, P, N)),
                Bon.claim(gap).atLeast(Bon.bound(Quantity.BoundKind.COR3_GAP_LOWER, P, N)),
                Bon.claim(Bon.kl(P.bestOf(N), P)).atMost(Bon.bound(Quantity.BoundKind.LEMMA2_KL_UPPER, P, N)),
                Bon.claim(Bon.kl(P.bestOf(N), P)).atMost(Bon.bound(Quantity.BoundKind.THM4_KL_UPPER, P, N)));
        // Thm 3, Lemma 2 and Thm 4 are exact as n -> infinity: on the coin their margins fall like 2^-n (mpmath:
        // Thm 3 5.2e-15 at n = 49, Lemma 2 2.5e-11 and Thm 4 2.5e-12 at n = 40, all 0 to 60 digits at n = 1000),
        // so double-precision intervals certify them up to about n = 40 and no further; Cor 3's margin is about 1/n
        long[] upTo = {40, 10_000, 40, 40};
        for (int k = 0; k < claims.size(); k++) {
            Claim c = claims.get(k);
            IntervalCertifier.Result r = IntervalCertifier.certify(c.forAll(P, coin).forAll(N, 2, upTo[k]));
            assertInstanceOf(IntervalCertifier.Result.Certified.class, r, c + ": " + r);
        }
        // beyond, the boxes give up; the argument tried after them proves it
        IntervalCertifier.Result thm3Far = IntervalCertifier.certify(claims.get(0).forAll(P, coin).forAll(N, 2, 100));
        assertTrue(thm3Far instanceof IntervalCertifier.Result.Certified c
                && c.argument().contains("splitting off the top outcome"), thm3Far.toString());
    }

    @Test
    @DisplayName("a false bound is not certified: Thm 2 with 2 replaced by 1/100 on the spike policy")
    void falseBoundIsNotCertified() {
        BasePolicy spike = Policy.spike(20, 0.05, 0.3);
        Expr gap = Bon.analyticalKl(N).minus(Bon.kl(P.bestOf(N), P));
        Claim c = Bon.claim(gap).atMost(Bon.bound(Quantity.BoundKind.THM2_GAP_UPPER, P, N)
                .times(Expr.rational(1, 200))).forAll(P, new Family.Named(spike)).forAll(N, 1, 1_000_000_000_000L);
        assertInstanceOf(IntervalCertifier.Result.NotCertified.class, IntervalCertifier.certify(c));
    }

    @Test
    @DisplayName("vBoN: J, L and L1 enclose their 40-digit values; J >= L >= L1 (Thm 2, 3, 4 of Amini et al.) PROVED "
            + "for a fixed pi_theta, n = 2..1000 (at n = 1 all three are -KL(pi_theta || p): tight)")
    void vbon() {
        org.bonlab.policy.Explicit p = Policy.probabilities(0.5, 0.3, 0.2);
        org.bonlab.policy.Explicit theta = p.withProbabilities(0, 0.4, 0.6); // avoids the lowest outcome (F = 0)
        Expr j = Bon.vbonObjective(theta, p, N);
        Expr l = Bon.vbonBound(Quantity.VbonBoundKind.L, theta, p, N);
        Expr l1 = Bon.vbonBound(Quantity.VbonBoundKind.L1, theta, p, N);
        HighPrecisionEvaluator hp = new HighPrecisionEvaluator(40);
        for (Expr q : List.of(j, l, l1)) {
            for (double n : new double[] {1, 2, 5, 100, 1000}) {
                Interval i = IntervalEvaluator.over(Map.of(N, Interval.point(n))).evaluate(q);
                BigDecimal exact = hp.evaluate(q, Map.of(N, BigDecimal.valueOf(n)));
                IntervalTest.assertEncloses(i, exact, q.show() + " at n = " + n);
                assertTrue(i.width() <= 1e-11 * Math.max(1, Math.abs(i.lo())), q.show() + " " + i);
            }
        }
        // at n = 10^4 pi_n of the middle outcome is 0.8^10^4 - 0.5^10^4 ~ 1e-969, below every double: no enclosure
        org.junit.jupiter.api.Assertions.assertThrows(ArithmeticException.class,
                () -> IntervalEvaluator.over(Map.of(N, Interval.point(1e4))).evaluate(j));
        PolicyVar t = Policy.variable("theta");
        PolicyVar b = Policy.variable("b");
        Family fixedP = new Family.Named(p);
        Family fixedTheta = new Family.Named(theta);
        Claim thm2 = Bon.claim(Bon.vbonObjective(t, b, N)).atLeast(Bon.vbonBound(Quantity.VbonBoundKind.L, t, b, N))
                .forAll(b, fixedP).forAll(t, fixedTheta).forAll(N, 2, 1000);
        Claim thm4 = Bon.claim(Bon.vbonBound(Quantity.VbonBoundKind.L, t, b, N))
                .atLeast(Bon.vbonBound(Quantity.VbonBoundKind.L1, t, b, N)).forAll(b, fixedP).forAll(t, fixedTheta)
                .forAll(N, 2, 1000);
        for (Claim c : List.of(thm2, thm4)) {
            IntervalCertifier.Result r = IntervalCertifier.certify(c);
            assertInstanceOf(IntervalCertifier.Result.Certified.class, r, c + ": " + r);
        }
        // reversed, J <= L is false (J - L is 0.869 at n = 2 here): not certified
        Claim reversed = Bon.claim(Bon.vbonObjective(t, b, N)).atMost(Bon.vbonBound(Quantity.VbonBoundKind.L, t, b,
                N)).forAll(b, fixedP).forAll(t, fixedTheta).forAll(N, 2, 10);
        assertInstanceOf(IntervalCertifier.Result.NotCertified.class, IntervalCertifier.certify(reversed));
    }
}
