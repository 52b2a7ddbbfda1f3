package org.bonlab.numeric.claim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bonlab.Bon;
import org.bonlab.claim.Claim;
import org.bonlab.claim.Range;
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
    @DisplayName("rounding is not a violation; a true violation within the evaluation tolerance is one only where interval arithmetic and 50 digits confirm it")
    void roundingIsNotAViolation() {
        // log n - 1 + 1/n is the analytical formula written out: equal, but rounded differently in doubles
        Expr written = Bon.log(Bon.n).minus(Expr.constant(1)).plus(Expr.constant(1).div(Bon.n));
        Claim same = Bon.claim(Bon.analyticalKl(Bon.n)).atMost(written).forAll(Bon.n, 1, 2000);
        Verdict.Undecided u = assertInstanceOf(Verdict.Undecided.class, new ClaimChecker().check(same));
        assertTrue(u.smallest().margin() < 0, "the rounding gives a negative margin somewhere: " + u.evidence());
        // KL + 10^-14 <= KL is false everywhere, by less than the tolerance (10^-9)
        Expr tiny = Expr.constant(1e-12);
        Claim c = Bon.claim(KL.plus(tiny.times(Expr.constant(1e-2)))).atMost(KL).forAll(Bon.n, 1, 10);
        Verdict.Falsified f = assertInstanceOf(Verdict.Falsified.class, new ClaimChecker().check(c));
        assertTrue(f.evidence().contains("confirmed twice"), f.evidence());
    }

    @Test
    @DisplayName("large domains are sampled, and say so")
    void largeDomainsAreSampled() {
        Claim c = Bon.claim(KL).atMost(Expr.log(Expr.constant(2))).forAll(Bon.n, 1, 1_000_000_000_000L);
        Verdict.Undecided u = assertInstanceOf(Verdict.Undecided.class, new ClaimChecker().check(c));
        assertTrue(!u.exhaustive() && u.evaluations() <= ClaimChecker.SAMPLES_PER_RANGE + 2);
        assertTrue(u.evidence().contains("sampled"));
    }

    @Test
    @DisplayName("Thm 1 on the coin for every n >= 1 (an unbounded range): sampled, then PROVED by boxes of n")
    void theoremOneForEveryN() {
        Claim thm1 = Bon.claim(KL).atMost(Bon.analyticalKl(Bon.n)).forAll(Bon.n, 1, Range.INFINITY);
        Verdict.Proved proved = assertInstanceOf(Verdict.Proved.class, new ClaimChecker().check(thm1));
        assertTrue(proved.argument().contains("infinity]"), proved.argument());
        assertTrue(thm1.statement().endsWith("for n in {1, 2, ...}"), thm1.statement());
    }

    @Test
    @DisplayName("KL <= 0.69 on the coin over every n >= 1 is falsified at the smallest n, 12 (KL = 0.690872)")
    void unboundedRangeIsFalsifiedAtTheSmallestN() {
        Claim c = Bon.claim(KL).atMost(Expr.constant(0.69)).forAll(Bon.n, 1, Range.INFINITY);
        Verdict.Falsified f = assertInstanceOf(Verdict.Falsified.class, new ClaimChecker().check(c));
        assertEquals(12.0, f.counterexample().at().get(Bon.n)); // n = 11 gives 0.688936 < 0.69
        // log 2 - h(2^-12), with h the binary entropy, by hand (Example 1 of Beirami et al.)
        double x = Math.pow(2, -12);
        double h = -x * Math.log(x) - (1 - x) * Math.log1p(-x);
        assertEquals(Math.log(2) - h, f.counterexample().lhs(), 1e-15);
        assertEquals(0.6908723651091466, f.counterexample().lhs(), 1e-15);
    }

    @Test
    @DisplayName("a search never leaves a named policy: KL <= log 4 on uniform(4) is true (KL = log 4 - H(pi_n))")
    void namedPoliciesStayFixed() {
        // against the uniform policy KL(pi || u) = log L - H(pi) <= log L; a search that moved the policy to one
        // whose top outcome has probability below 1/4 would see KL -> log(1/p_top) > log 4 and report a violation
        org.bonlab.policy.PolicyVar p = Policy.variable("p");
        Claim c = Bon.claim(Bon.kl(p.bestOf(Bon.n), p)).atMost(Bon.log(Expr.constant(4)))
                .forAll(p, new org.bonlab.claim.Family.Named(Policy.uniform(4))).forAll(Bon.n, 1, 1000);
        for (long seed = 1; seed <= 5; seed++) {
            Verdict v = new ConjectureSearch(seed, 400, null).check(c);
            assertTrue(!(v instanceof Verdict.Falsified), v.report());
        }
    }

    @Test
    @DisplayName("the search (random phase and climbs from the points closest to tight) on 1, 2 or 3 threads: the same verdict, counterexample and evaluations")
    void searchVerdictDoesNotDependOnThreads() {
        org.bonlab.policy.PolicyVar p = Policy.variable("p");
        Expr kl = Bon.kl(p.bestOf(Bon.n), p);
        org.bonlab.claim.Family simplex = org.bonlab.claim.Family.simplex(6);
        // false only for x within 1e-3 of 0.3: one draw in 500, so found after the first unit of 250 draws
        Expr.Sym x = Bon.symbol("x");
        Expr offset = x.minus(Expr.constant(0.3));
        Claim rare = Bon.claim(Expr.constant(1e-6).minus(offset.times(offset))).atMost(Expr.constant(0))
                .forAllReals(x, 0, 1).named("false near x = 0.3");
        // true (Theorem 1, its bound raised by 10^-9): the search runs to the end, the same on every number of
        // threads, before the weakening of the quantile coupling's bound proves it
        Claim thm1 = Bon.claim(kl).atMost(Bon.analyticalKl(Bon.n).plus(Expr.rational(1, 1_000_000_000)))
                .forAll(p, simplex).forAll(Bon.n, 1, 1000).named("Thm 1");
        boolean acrossUnits = false;
        for (long seed = 1; seed <= 3; seed++) {
            for (Claim c : java.util.List.of(rare, thm1)) {
                Verdict one = new ConjectureSearch(seed, 3000, null, 1).check(c);
                for (int threads : new int[] {2, 3}) {
                    Verdict many = new ConjectureSearch(seed, 3000, null, threads).check(c);
                    assertEquals(one.report(), many.report(), c.name() + ", seed " + seed + ", " + threads + " threads");
                }
                if (one instanceof Verdict.Falsified f && f.evaluations() > ConjectureSearch.UNIT) {
                    acrossUnits = true;
                }
                if (c == thm1) {
                    Verdict.Proved proved = assertInstanceOf(Verdict.Proved.class, one, one.report());
                    assertTrue(proved.argument().startsWith("by transitivity through log(n) - (n - 1)/n")
                            && proved.evaluations() >= 3000, one.report());
                }
            }
        }
        assertTrue(acrossUnits, "no counterexample came after the first unit: the merge across units is untested");
    }

    @Test
    @DisplayName("a margin of zero is +0, never -0 (which would print as -0.00000)")
    void zeroMarginHasNoSign() {
        for (org.bonlab.claim.Relation r : org.bonlab.claim.Relation.values()) {
            assertEquals(0L, Double.doubleToRawLongBits(ClaimChecker.margin(r, 0.0, -0.0)), r.name());
            assertEquals(0L, Double.doubleToRawLongBits(ClaimChecker.margin(r, 1.5, 1.5)), r.name());
        }
    }
}
