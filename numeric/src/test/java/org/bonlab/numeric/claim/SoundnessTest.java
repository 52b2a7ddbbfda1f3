package org.bonlab.numeric.claim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import org.bonlab.Bon;
import org.bonlab.claim.Claim;
import org.bonlab.claim.Family;
import org.bonlab.expr.Expr;
import org.bonlab.expr.Rational;
import org.bonlab.numeric.DoubleEvaluator;
import org.bonlab.numeric.precise.HighPrecisionEvaluator;
import org.bonlab.numeric.quantity.UndefinedQuantityException;
import org.bonlab.policy.Policy;
import org.bonlab.policy.PolicyVar;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each case pins a way bonlab was once wrong without saying so. */
class SoundnessTest {

    private static final Expr.Sym N = Bon.n;
    private static final PolicyVar P = Policy.variable("p");
    private static final Expr.Sym LAMBDA = Bon.symbol("lambda");

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    @DisplayName("true claims about soft best-of-n at small temperature are not falsified (the quadrature once lost mass)")
    void softBestOfTrueClaims(long seed) {
        Claim reward = Bon.claim(Bon.expectedReward(P.softBestOf(N, LAMBDA))).atLeast(Bon.expectedReward(P))
                .forAll(P, new Family.Simplex(2, 5, Family.Rewards.UNIT_INTERVAL)).forAll(N, 1, 20)
                .forAllReals(LAMBDA, 0, Double.POSITIVE_INFINITY).named("soft best-of-n raises the expected reward");
        Claim win = Bon.claim(Bon.winRateHalf(P.softBestOf(N, LAMBDA), P)).atLeast(Expr.rational(1, 2))
                .forAll(P, new Family.Simplex(2, 5, Family.Rewards.UNIT_INTERVAL)).forAll(N, 1, 20)
                .forAllReals(LAMBDA, 0, Double.POSITIVE_INFINITY).named("soft best-of-n wins at least half");
        for (Claim c : new Claim[] {reward, win}) {
            Verdict v = new ConjectureSearch(seed, 600, null).check(c);
            assertTrue(!(v instanceof Verdict.Falsified), v.report());
        }
    }

    @Test
    @DisplayName("a claim false only near where it is tight (Thm 1 with 0.995 before the bound) is falsified under "
            + "each of 10 seeds: the local phase climbs lhs/rhs from the tightest points (random draws alone: 5 of 10)")
    void falsifiedNearTheTightRegion() {
        Claim c = Bon.claim(Bon.kl(P.bestOf(N), P)).atMost(Bon.analyticalKl(N).times(Expr.constant(0.995)))
                .forAll(P, Family.simplex(12)).forAll(N, 1, 1_000_000).named("Thm 1 with 0.995");
        for (long seed = 1; seed <= 10; seed++) {
            Verdict.Falsified f = assertInstanceOf(Verdict.Falsified.class,
                    new ConjectureSearch(seed, 4000, null).check(c), "seed " + seed);
            assertTrue(f.recheck().startsWith("re-checked at 50 digits"), f.recheck());
        }
        // on a true claim the local phase spends its budget (it once stopped after about 10 evaluations at the
        // smallest margin, 0 at n = 1, where Nelder-Mead has nowhere to go): Thm 1 with its bound raised by 10^-9
        // (Thm 1 itself is PROVED by data processing before any search; raised, it is PROVED after the search, by
        // the quantile coupling's bound and log n - (n-1)/n <= log n - (n-1)/n + 10^-9)
        Claim thm1 = Bon.claim(Bon.kl(P.bestOf(N), P)).atMost(Bon.analyticalKl(N).plus(Expr.rational(1,
                1_000_000_000))).forAll(P, Family.simplex(12)).forAll(N, 1, 1_000_000).named("Thm 1");
        Verdict.Proved u = assertInstanceOf(Verdict.Proved.class, new ConjectureSearch(1, 4000, null).check(thm1));
        assertTrue(u.evaluations() > 3200 + 400, u.report());
    }

    @Test
    @DisplayName("a claim undefined everywhere is vacuous, says so, and fails isNotFalsified")
    void vacuousClaims() {
        Claim c = Bon.claim(Bon.kl(P.bestOf(N), P).div(Bon.constant(0))).atMost(Bon.constant(1))
                .forAll(P, Family.simplex(3)).forAll(N, 1, 10);
        // 50 evaluations: 40 random ones, and no local optimisation without a defined point to start from
        Verdict.Undecided v = assertInstanceOf(Verdict.Undecided.class, new ConjectureSearch(1, 50, null).check(c));
        assertTrue(v.vacuous(), v.report());
        assertTrue(v.evidence().startsWith("undefined at every one of the 40 points evaluated")
                && v.evidence().contains("divides by zero"), v.evidence());
        assertThrows(AssertionError.class, () -> ClaimAssertions.assertThatClaim(c).withSeed(1).isNotFalsified());
        Claim grid = Bon.claim(Bon.kl(Policy.coin().bestOf(N), Policy.coin()).div(Bon.constant(0)))
                .atMost(Bon.constant(1)).forAll(N, 1, 10);
        Verdict.Undecided g = assertInstanceOf(Verdict.Undecided.class, new ClaimChecker().check(grid));
        assertTrue(g.vacuous() && g.evidence().contains("first undefined at n = 1"), g.evidence());
    }

    @Test
    @DisplayName("a claim defined at few points says so")
    void rarelyDefinedClaims() {
        // log(n - 8) is defined for n >= 9 only: 2 of 10 points
        Claim c = Bon.claim(Bon.log(N.minus(Bon.constant(8)))).atMost(N).forAll(N, 1, 10);
        Verdict.Undecided v = assertInstanceOf(Verdict.Undecided.class, new ClaimChecker().check(c));
        assertTrue(!v.vacuous() && v.evidence().contains("undefined at 8 of 10 points")
                && v.evidence().contains("defined at only 20.0% of the points"), v.evidence());
    }

    @Test
    @DisplayName("a counterexample names the rewards even when they ascend (they matter to soft best-of-n)")
    void counterexamplesCarryRewards() {
        Claim c = Bon.claim(Bon.expectedReward(P.softBestOf(N, Expr.constant(1)))).atMost(Bon.expectedReward(P))
                .forAll(P, new Family.Simplex(2, 3, Family.Rewards.ORDERED)).forAll(N, 2, 10);
        Verdict.Falsified f = assertInstanceOf(Verdict.Falsified.class, new ConjectureSearch(1, 400, null).check(c));
        assertTrue(f.evidence().contains("with rewards [") && f.evidence().contains("n = ")
                && f.evidence().contains("re-checked at 50 digits") && f.evidence().contains("seed 1"), f.evidence());
    }

    @Test
    @DisplayName("a violation that no independent computation confirms is not FALSIFIED")
    void unconfirmedViolations() {
        // soft best-of-n with n = 10^6 draws on 40 outcomes: far beyond exact enumeration, so no 50-digit re-check
        Policy base = Policy.uniform(40);
        Claim c = Bon.claim(Bon.expectedReward(base.softBestOf(N, Expr.constant(1)))).atMost(Bon.constant(0))
                .forAll(N, 1_000_000, 1_000_002);
        Verdict v = new ClaimChecker().check(c);
        Verdict.Undecided u = assertInstanceOf(Verdict.Undecided.class, v, v.report());
        assertTrue(u.evidence().contains("NOT confirmed: no independent computation"), u.evidence());
    }

    @Test
    @DisplayName("high precision: KL is exactly 0 at n = 1 and never negative (geometric(60, 2) gave -4E-120)")
    void highPrecisionKlIsNeverNegative() {
        HighPrecisionEvaluator hp = new HighPrecisionEvaluator(50);
        Policy g = Policy.geometric(60, Rational.of(2));
        assertEquals(0, hp.evaluate(Bon.kl(g.bestOf(1), g)).signum());
        assertEquals(0, hp.evaluate(Bon.kl(g, g.bestOf(1))).signum());
        for (long n : new long[] {2, 3, 1000}) {
            BigDecimal kl = hp.evaluate(Bon.kl(g.bestOf(n), g));
            BigDecimal reverse = hp.evaluate(Bon.kl(g, g.bestOf(n)));
            assertTrue(kl.signum() > 0 && reverse.signum() > 0, n + ": " + kl + ", " + reverse);
            // and the double engine agrees
            assertEquals(kl.doubleValue(), new DoubleEvaluator().evaluate(Bon.kl(g.bestOf(n), g)),
                    1e-12 * kl.doubleValue());
        }
        Policy half = Policy.geometric(500, Rational.of(1, 2));  // probabilities down to 2^-499
        BigDecimal kl = hp.evaluate(Bon.kl(half.bestOf(2), half));
        assertEquals(new DoubleEvaluator().evaluate(Bon.kl(half.bestOf(2), half)), kl.doubleValue(),
                1e-12 * kl.doubleValue());
        assertEquals(0.0, new DoubleEvaluator().evaluate(Bon.kl(half.bestOf(1), half)));
    }

    @Test
    @DisplayName("double precision says underflow when the top outcome's probability is below the double range")
    void underflowIsSaidAsUnderflow() {
        Policy g = Policy.geometric(2000, Rational.of(1, 2)); // the top outcome has probability 2^-1999
        UndefinedQuantityException e = assertThrows(UndefinedQuantityException.class, () -> new DoubleEvaluator()
                .evaluate(Bon.bound(org.bonlab.expr.Quantity.BoundKind.COR3_GAP_LOWER, g, Bon.constant(2))));
        assertTrue(e.getMessage().contains("underflows") && !e.getMessage().contains("has probability 0"),
                e.getMessage());
        // the reverse KL stays defined: outcomes below the double range keep their log-probabilities
        double reverse = new DoubleEvaluator().evaluate(Bon.kl(g, g.bestOf(2)));
        assertTrue(reverse > 0 && Double.isFinite(reverse), Double.toString(reverse));
    }
}
