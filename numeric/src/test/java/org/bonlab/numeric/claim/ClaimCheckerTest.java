package org.bonlab.numeric.claim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bonlab.Bon;
import org.bonlab.claim.Claim;
import org.bonlab.expr.Expr;
import org.bonlab.policy.Policy;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ClaimCheckerTest {

    private static final Policy COIN = Policy.coin();
    private static final Expr KL = Bon.kl(COIN.bestOf(Bon.n), COIN);

    @Test
    @DisplayName("Thm 1 (Eq. 15) holds for the coin at every n in 1..10^6; tight at n = 1")
    void theoremOneHoldsOnTheCoin() {
        Claim thm1 = Bon.claim(KL).atMost(Bon.analyticalKl(Bon.n)).forAll(Bon.n, 1, 1_000_000).named("Thm 1");
        Verdict v = new ClaimChecker().check(thm1);
        // exhaustive in doubles (evidence), then certified by intervals at every n (proof), tight n = 1 included
        Verdict.Proved proved = assertInstanceOf(Verdict.Proved.class, v, v.report());
        assertTrue(proved.argument().contains("every one of the 1000000 points"), proved.argument());
        assertTrue(proved.argument().contains("margin 0.00 at {n=1.0}"), proved.argument());
        assertEquals(2_000_000, proved.evaluations());
    }

    @Test
    @DisplayName("KL == log n - (n-1)/n (Eq. 5 as an identity) is falsified at n = 2")
    void analyticalFormulaAsIdentityIsFalsifiedAtTwo() {
        Claim eq5 = Bon.claim(KL).isEqualTo(Bon.analyticalKl(Bon.n)).forAll(Bon.n, 1, 1_000_000).named("Eq. 5");
        Verdict v = new ClaimChecker().check(eq5);
        Verdict.Falsified f = assertInstanceOf(Verdict.Falsified.class, v, v.report());
        assertEquals(2.0, f.counterexample().at().get(Bon.n));
        // Reference: coin,n=2 of bon_reference_public.csv (mpmath, 60 digits).
        assertEquals(0.13081203594113695913, f.counterexample().lhs(), 1e-15);
        assertEquals(0.19314718055994530942, f.counterexample().rhs(), 1e-15);
        assertEquals(2, f.evaluations());
    }

    @Test
    @DisplayName("a violation within the evaluation tolerance is not a counterexample")
    void roundingIsNotAViolation() {
        Expr tiny = Expr.constant(1e-12);
        Claim c = Bon.claim(KL.plus(tiny.times(Expr.constant(1e-3)))).atMost(KL).forAll(Bon.n, 1, 10);
        assertInstanceOf(Verdict.Undecided.class, new ClaimChecker().check(c));
    }

    @Test
    @DisplayName("large domains are sampled, and say so")
    void largeDomainsAreSampled() {
        Claim c = Bon.claim(KL).atMost(Expr.log(Expr.constant(2))).forAll(Bon.n, 1, 1_000_000_000_000L);
        Verdict.Undecided u = assertInstanceOf(Verdict.Undecided.class, new ClaimChecker().check(c));
        assertTrue(!u.exhaustive() && u.evaluations() <= ClaimChecker.SAMPLES_PER_RANGE + 2);
        assertTrue(u.evidence().contains("sampled"));
    }
}
