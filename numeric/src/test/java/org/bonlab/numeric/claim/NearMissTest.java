package org.bonlab.numeric.claim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.bonlab.Bon;
import org.bonlab.claim.Claim;
import org.bonlab.claim.Family;
import org.bonlab.expr.Expr;
import org.bonlab.policy.Explicit;
import org.bonlab.policy.Policy;
import org.bonlab.policy.PolicyVar;
import org.bonlab.policy.Reward;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Violations below the search's tolerance (1e-9 of the scale): FALSIFIED only where interval arithmetic and 50 digits
 * confirm them at a genuine policy. Reference values from mpmath at 40 digits: the largest KL of best-of-2 over
 * bernoulli(p) is 0.13603242631285109385 (at q = 0.39795254731591654, the root of its derivative), and the coin's
 * KL at n = 2 is (3/4) log(3/2) - (1/4) log 2 = 0.13081203594113695913.
 */
class NearMissTest {

    private static final PolicyVar P = Policy.variable("p");

    private static Claim klOfBestOfTwoAtMost(long numerator, long denominator) {
        return Bon.claim(Bon.kl(P.bestOf(Bon.n), P)).atMost(Expr.rational(numerator, denominator))
                .forAll(P, new Family.Bernoulli()).forAll(Bon.n, 2, 2).named("KL <= " + numerator + "/" + denominator);
    }

    @Test
    @DisplayName("over bernoulli(p): a bound 1.3e-11 below the largest KL is FALSIFIED, confirmed twice; 7e-12 above it is not")
    void familyClaimOffBelowTheTolerance() {
        Verdict v = new ConjectureSearch(1, 2000, null).check(klOfBestOfTwoAtMost(136032426300L, 1_000_000_000_000L));
        Verdict.Falsified f = assertInstanceOf(Verdict.Falsified.class, v, v.report());
        assertTrue(f.evidence().contains("confirmed twice") && f.evidence().contains("margin -1.2848"), f.evidence());
        Verdict w = new ConjectureSearch(1, 2000, null).check(klOfBestOfTwoAtMost(136032426320L, 1_000_000_000_000L));
        assertFalse(w instanceof Verdict.Falsified, w.report());
    }

    @Test
    @DisplayName("fixed policy: the coin's KL at n = 2 against bounds 1.4e-13 below and 6.3e-14 above it, and as an equality")
    void fixedPolicyClaimsOffBelowTheTolerance() {
        Policy coin = Policy.coin();
        Expr kl = Bon.kl(coin.bestOf(Bon.n), coin);
        Verdict below = new ClaimChecker().check(Bon.claim(kl).atMost(Expr.rational(130812035941L, 1_000_000_000_000L))
                .forAll(Bon.n, 2, 2));
        Verdict.Falsified f = assertInstanceOf(Verdict.Falsified.class, below, below.report());
        assertTrue(f.evidence().contains("margin -1.3695"), f.evidence());
        Verdict above = new ClaimChecker().check(Bon.claim(kl)
                .atMost(Expr.rational(1308120359412L, 10_000_000_000_000L)).forAll(Bon.n, 2, 2));
        assertFalse(above instanceof Verdict.Falsified, above.report());
        Verdict equal = new ClaimChecker().check(Bon.claim(kl)
                .isEqualTo(Expr.rational(130812035941L, 1_000_000_000_000L)).forAll(Bon.n, 2, 2));
        assertInstanceOf(Verdict.Falsified.class, equal, equal.report());
        // the true value as an equality: the enclosures meet, nothing is claimed
        Expr exact = Expr.rational(3, 4).times(Bon.log(Expr.rational(3, 2))).minus(Expr.rational(1, 4)
                .times(Bon.log(Expr.constant(2))));
        Verdict truth = new ClaimChecker().check(Bon.claim(kl).isEqualTo(exact).forAll(Bon.n, 2, 2));
        assertFalse(truth instanceof Verdict.Falsified, truth.report());
    }

    @Test
    @DisplayName("a drawn policy whose doubles miss 1 is moved to the 2^-53 grid; one that would lose an outcome is not")
    void policiesSummingToOneExactly() {
        Explicit drawn = Explicit.ofDoubles(List.of("a", "b"), new double[] {0.39795247833066844, 0.6020475216693316},
                Reward.of(0, 1));
        assertFalse(NearMiss.sumsToOne(drawn));
        Explicit repaired = NearMiss.summingToOne(drawn).orElseThrow();
        assertTrue(NearMiss.sumsToOne(repaired));
        // the smaller moves to the grid (at most 2^-54), the larger takes that and the draw's own miss of 1
        assertTrue(Math.abs(repaired.probabilityAsDouble(0) - drawn.probabilityAsDouble(0)) <= 0x1p-54);
        assertTrue(Math.abs(repaired.probabilityAsDouble(1) - drawn.probabilityAsDouble(1)) <= 0x1p-53);
        assertEquals(0, new BigDecimal(repaired.probabilityAsDouble(0)).add(new BigDecimal(repaired
                .probabilityAsDouble(1))).compareTo(BigDecimal.ONE));
        Explicit tiny = Explicit.ofDoubles(List.of("a", "b", "c"), new double[] {1e-20, 0.3, 0.7}, Reward.of(0, 1, 2));
        assertTrue(NearMiss.summingToOne(tiny).isEmpty(), "1e-20 would round to 0 on the grid");
        Explicit exact = Explicit.ofDoubles(List.of("a", "b"), new double[] {0.25, 0.75}, Reward.of(0, 1));
        assertTrue(NearMiss.summingToOne(exact).orElseThrow() == exact);
        // a point of the claim's domain where nothing confirms a violation: empty
        assertTrue(NearMiss.confirm(klOfBestOfTwoAtMost(136032426320L, 1_000_000_000_000L),
                new ConjectureSearch.Candidate(Map.of(P, repaired), Map.of(Bon.n, 2.0))).isEmpty());
    }
}
