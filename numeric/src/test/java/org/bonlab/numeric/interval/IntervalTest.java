package org.bonlab.numeric.interval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Map;
import java.util.SplittableRandom;
import org.bonlab.Bon;
import org.bonlab.claim.Claim;
import org.bonlab.claim.Family;
import org.bonlab.expr.Expr;
import org.bonlab.numeric.ReferenceTable;
import org.bonlab.numeric.claim.ClaimChecker;
import org.bonlab.numeric.claim.Verdict;
import org.bonlab.numeric.precise.HighPrecisionEvaluator;
import org.bonlab.policy.Policy;
import org.bonlab.policy.PolicyVar;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class IntervalTest {

    static void assertEncloses(Interval i, BigDecimal exact, String what) {
        assertTrue(new BigDecimal(i.lo()).compareTo(exact) <= 0 && exact.compareTo(new BigDecimal(i.hi())) <= 0,
                what + ": " + i + " does not contain " + exact);
    }

    @Test
    @DisplayName("log, exp, log1p, expm1, powers, x log x and arithmetic enclose their 50-digit values (500 random inputs)")
    void operationsEncloseHighPrecisionValues() {
        SplittableRandom rng = new SplittableRandom(99);
        HighPrecisionEvaluator hp = new HighPrecisionEvaluator(50);
        Expr.Sym x = Bon.symbol("x");
        for (int k = 0; k < 500; k++) {
            double v = Math.exp(rng.nextDouble(-30, 3));
            double u = rng.nextDouble(0.001, 0.999);
            Map<Expr.Sym, BigDecimal> at = Map.of(x, new BigDecimal(v));
            Interval iv = Interval.point(v);
            assertEncloses(iv.log(), hp.evaluate(Expr.log(x), at), "log " + v);
            assertEncloses(iv.exp(), hp.evaluate(Expr.exp(x), at), "exp " + v);
            assertEncloses(iv.log1p(), hp.evaluate(Expr.log(x.plus(1)), at), "log1p " + v);
            assertEncloses(iv.pow(37), hp.evaluate(x.pow(37), at), "pow " + v);
            assertEncloses(iv.times(Interval.point(u)).plus(Interval.point(1 / 3.0)),
                    hp.evaluate(x.times(Expr.constant(u)).plus(Expr.constant(1 / 3.0)), at), "arith " + v);
            Map<Expr.Sym, BigDecimal> atU = Map.of(x, new BigDecimal(u));
            assertEncloses(Interval.point(u).xLogX(), hp.evaluate(x.times(Expr.log(x)), atU), "xlogx " + u);
            assertEncloses(Interval.point(-u).expm1(), hp.evaluate(Expr.exp(x.unaryMinus()).minus(1), atU),
                    "expm1 " + -u);
        }
    }

    @Test
    @DisplayName("the KL enclosure of Figure 3 left contains the mpmath reference and is narrow")
    void klEnclosesReference() {
        Policy p = Policy.spike(5, "1e-4");
        for (ReferenceTable.Row row : ReferenceTable.publicRows()) {
            if (!row.caseName().equals("fig3left") || row.n() == 1) {
                continue;
            }
            Interval kl = new IntervalEvaluator(Map.of(Bon.n, (double) row.n()))
                    .evaluate(Bon.kl(p.bestOf(Bon.n), p));
            assertEncloses(kl, row.values().get("kl"), "fig3left n=" + row.n());
            assertTrue(kl.width() < 1e-9 * Math.max(1, kl.hi()), "n = " + row.n() + ": " + kl);
        }
    }

    @Test
    @DisplayName("PROVED by certified intervals: Thm 1 on the coin at every n in 2..10^5, and from n = 1 where it is tight")
    void certifiesTheoremOneOnTheCoin() {
        Policy coin = Policy.coin();
        Claim from2 = Bon.claim(Bon.kl(coin.bestOf(Bon.n), coin)).atMost(Bon.analyticalKl(Bon.n))
                .forAll(Bon.n, 2, 100_000).named("Thm 1, coin");
        Verdict v = new ClaimChecker().check(from2);
        Verdict.Proved proved = assertInstanceOf(Verdict.Proved.class, v, v.report());
        assertTrue(proved.argument().contains("interval arithmetic"), proved.argument());
        Claim from1 = from2.forAll(Bon.symbol("m"), 1, 1); // unchanged claim, but at n = 1 too:
        Claim tight = Bon.claim(Bon.kl(coin.bestOf(Bon.n), coin)).atMost(Bon.analyticalKl(Bon.n))
                .forAll(Bon.n, 1, 1000);
        // tight at n = 1 (0 <= 0): certified because both sides are exact there (best-of-1 is p; log 1 = 0)
        assertInstanceOf(IntervalCertifier.Result.Certified.class, IntervalCertifier.certify(tight));
        Claim beyond = Bon.claim(Bon.kl(coin.bestOf(Bon.n), coin)).atMost(Bon.analyticalKl(Bon.n).minus(1e-300))
                .forAll(Bon.n, 1, 10);
        assertInstanceOf(IntervalCertifier.Result.NotCertified.class, IntervalCertifier.certify(beyond));
        assertInstanceOf(Verdict.Proved.class, new ClaimChecker().check(from1));
    }

    @Test
    @DisplayName("never certifies a false claim, an equality, or a claim over a simplex of more than 3 outcomes")
    void neverCertifiesWhatItCannot() {
        Policy coin = Policy.coin();
        Expr kl = Bon.kl(coin.bestOf(Bon.n), coin);
        Claim wrong = Bon.claim(kl).atMost(Bon.analyticalKl(Bon.n).div(4L)).forAll(Bon.n, 2, 1000);
        assertInstanceOf(IntervalCertifier.Result.NotCertified.class, IntervalCertifier.certify(wrong));
        Claim eq = Bon.claim(kl).isEqualTo(kl).forAll(Bon.n, 2, 10);
        assertInstanceOf(IntervalCertifier.Result.NotCertified.class, IntervalCertifier.certify(eq));
        PolicyVar p = Policy.variable("p");
        // (Pinsker's inequality 2 TV^2 <= KL, which holds and which no argument takes: Thm 1 is PROVED over any
        // simplex by the quantile coupling, with no boxes)
        Expr tv = org.bonlab.Definitions.totalVariation(p.bestOf(Bon.n), p);
        Claim family = Bon.claim(tv.times(tv).times(2L)).atMost(Bon.kl(p.bestOf(Bon.n), p))
                .forAll(p, Family.simplex(4)).forAll(Bon.n, 2, 10);
        IntervalCertifier.Result.NotCertified no = assertInstanceOf(IntervalCertifier.Result.NotCertified.class,
                IntervalCertifier.certify(family));
        assertTrue(no.reason().contains("at most 3 outcomes"), no.reason());
        assertEquals(0.0, Interval.point(0).xLogX().hi());
    }

    @Test
    @DisplayName("division encloses the exact quotient (BigDecimal, 2000 random pairs), is exact where the quotient is, "
            + "and x / infinity is 0; x log x past 1 encloses its value")
    void divisionAndXLogXBeyondOne() {
        SplittableRandom rng = new SplittableRandom(7);
        java.math.MathContext mc = new java.math.MathContext(60);
        for (int k = 0; k < 2000; k++) {
            double a = (rng.nextBoolean() ? 1 : -1) * Math.exp(rng.nextDouble(-40, 40));
            double b = (rng.nextBoolean() ? 1 : -1) * Math.exp(rng.nextDouble(-40, 40));
            BigDecimal exact = new BigDecimal(a).divide(new BigDecimal(b), mc);
            Interval q = Interval.point(a).div(Interval.point(b));
            assertEncloses(q, exact, a + " / " + b);
            assertTrue(q.hi() - q.lo() <= Math.ulp(a / b), "at most one ulp wide: " + q);
        }
        double[][] extremes = {{1e-310, 3}, {Double.MIN_VALUE, 3}, {3e-300, 7e10}, {1e300, 3e-7}, {-5e-320, 7},
            {1, 3e307}, {2, -Double.MAX_VALUE}};
        for (double[] ab : extremes) {
            Interval q = Interval.point(ab[0]).div(Interval.point(ab[1]));
            assertEncloses(q, new BigDecimal(ab[0]).divide(new BigDecimal(ab[1]), mc), ab[0] + " / " + ab[1]);
        }
        Interval overflow = Interval.point(1e300).div(Interval.point(3e-10)); // 3.3e309: past the largest double
        assertTrue(overflow.hi() == Double.POSITIVE_INFINITY && overflow.lo() <= Double.MAX_VALUE, overflow.toString());
        assertEquals(Interval.point(0.5), Interval.ONE.div(Interval.point(2)));
        assertEquals(Interval.point(0.75), Interval.point(3).div(Interval.point(4)));
        Interval third = Interval.ONE.div(Interval.point(3));
        assertTrue(third.lo() < third.hi(), third.toString());
        Interval tail = Interval.ONE.div(new Interval(8, Double.POSITIVE_INFINITY));
        assertEquals(0.0, tail.lo());
        assertEquals(0.125, tail.hi());
        HighPrecisionEvaluator hp = new HighPrecisionEvaluator(50);
        Expr.Sym x = Bon.symbol("x");
        for (double v : new double[] {1.5, Math.E, 10, 1e6, 1e300}) {
            assertEncloses(Interval.point(v).xLogX(), hp.evaluate(x.times(Expr.log(x)), Map.of(x, new BigDecimal(v))),
                    "x log x at " + v);
        }
        Interval wide = new Interval(0.1, 3).xLogX(); // convex: -1/e inside, 3 log 3 at the top
        assertTrue(wide.contains(-Math.exp(-1)) && wide.contains(3 * Math.log(3)), wide.toString());
    }

    @org.junit.jupiter.api.Test
    @org.junit.jupiter.api.DisplayName("times and div: every sign pattern encloses the exact extreme corners (BigDecimal) and is at most an ulp wider")
    void productsAndQuotientsByTheSignsOfTheEnds() {
        java.util.Random rng = new java.util.Random(5);
        for (int k = 0; k < 20000; k++) {
            Interval x = randomInterval(rng);
            Interval y = randomInterval(rng);
            java.math.BigDecimal[] xs = {new java.math.BigDecimal(x.lo()), new java.math.BigDecimal(x.hi())};
            java.math.BigDecimal[] ys = {new java.math.BigDecimal(y.lo()), new java.math.BigDecimal(y.hi())};
            java.math.BigDecimal min = null;
            java.math.BigDecimal max = null;
            for (java.math.BigDecimal a : xs) {
                for (java.math.BigDecimal b : ys) {
                    java.math.BigDecimal c = a.multiply(b);
                    min = min == null || c.compareTo(min) < 0 ? c : min;
                    max = max == null || c.compareTo(max) > 0 ? c : max;
                }
            }
            assertTight(x.times(y), min, max, x + " * " + y);
            if (y.lo() > 0 || y.hi() < 0) {
                java.math.MathContext mc = new java.math.MathContext(80);
                min = null;
                max = null;
                for (java.math.BigDecimal a : xs) {
                    for (java.math.BigDecimal b : ys) {
                        java.math.BigDecimal c = a.divide(b, mc);
                        min = min == null || c.compareTo(min) < 0 ? c : min;
                        max = max == null || c.compareTo(max) > 0 ? c : max;
                    }
                }
                assertTight(x.div(y), min, max, x + " / " + y);
            }
        }
        // 0 times infinity: no information
        org.junit.jupiter.api.Assertions.assertEquals(Double.NEGATIVE_INFINITY,
                new Interval(0, 1).times(new Interval(-1, Double.POSITIVE_INFINITY)).lo());
        org.junit.jupiter.api.Assertions.assertEquals(new Interval(0, Double.POSITIVE_INFINITY),
                new Interval(0, 1).times(new Interval(1, Double.POSITIVE_INFINITY)));
    }

    /** An interval of any sign pattern, with ends of 1 to 53 significant bits and now and then an end at 0. */
    private static Interval randomInterval(java.util.Random rng) {
        double a = end(rng);
        double b = end(rng);
        return new Interval(Math.min(a, b), Math.max(a, b));
    }

    private static double end(java.util.Random rng) {
        if (rng.nextInt(10) == 0) {
            return 0;
        }
        double v = Math.scalb(rng.nextDouble() + 0.5, rng.nextInt(40) - 20);
        if (rng.nextBoolean()) {
            v = Math.rint(v * 64) / 64; // few significant bits: exact products and quotients occur
        }
        return rng.nextBoolean() ? v : -v;
    }

    /** r encloses [min, max] and each end is within an ulp of it. */
    private static void assertTight(Interval r, java.math.BigDecimal min, java.math.BigDecimal max, String what) {
        org.junit.jupiter.api.Assertions.assertTrue(new java.math.BigDecimal(r.lo()).compareTo(min) <= 0
                && max.compareTo(new java.math.BigDecimal(r.hi())) <= 0, what + " = " + r + " misses [" + min + ", " + max + "]");
        org.junit.jupiter.api.Assertions.assertTrue(r.lo() >= Math.nextDown(min.doubleValue())
                && r.hi() <= Math.nextUp(max.doubleValue()), what + " = " + r + " is wider than an ulp");
    }

    @org.junit.jupiter.api.Test
    @org.junit.jupiter.api.DisplayName("pow: encloses the exact power (BigDecimal) for 5000 random x, n; exact powers stay exact points")
    void powEnclosesAndStaysExact() {
        java.util.Random rng = new java.util.Random(11);
        for (int k = 0; k < 5000; k++) {
            double x = rng.nextDouble();
            int n = 2 + rng.nextInt(rng.nextBoolean() ? 60 : 3000);
            Interval r = Interval.point(x).pow(n);
            java.math.BigDecimal exact = new java.math.BigDecimal(x).pow(n, new java.math.MathContext(60));
            org.junit.jupiter.api.Assertions.assertTrue(new java.math.BigDecimal(r.lo()).compareTo(exact) <= 0
                    && exact.compareTo(new java.math.BigDecimal(r.hi())) <= 0, x + "^" + n + " not in " + r);
        }
        org.junit.jupiter.api.Assertions.assertEquals(Interval.point(Math.scalb(1.0, -40)), Interval.point(0.5).pow(40));
        org.junit.jupiter.api.Assertions.assertEquals(Interval.point(0.5625), Interval.point(0.75).pow(2));
        org.junit.jupiter.api.Assertions.assertEquals(Interval.ONE, Interval.point(1).pow(1_000_000));
        // dyadic ends with few significant bits: their powers are doubles, and come out exactly
        for (int k = 0; k < 5000; k++) {
            int bits = 1 + rng.nextInt(8);
            double x = Math.scalb((double) (1 + 2 * rng.nextInt(1 << (bits - 1))), -rng.nextInt(12) - bits + rng.nextInt(4));
            int n = 2 + rng.nextInt(Math.min(53 / bits, 40) - 1); // bits * n <= 53, |exponent| * n < 1000
            java.math.BigDecimal exact = new java.math.BigDecimal(x).pow(n);
            Interval r = new Interval(x / 2, x).pow(n);
            org.junit.jupiter.api.Assertions.assertEquals(0, new java.math.BigDecimal(r.hi()).compareTo(exact), x + "^" + n);
            org.junit.jupiter.api.Assertions.assertEquals(0, new java.math.BigDecimal(r.lo()).compareTo(
                    new java.math.BigDecimal(x / 2).pow(n)), (x / 2) + "^" + n);
        }
        // ends at 0 and 1 are their own powers, at any n (the top outcome's F = 1 in every box)
        org.junit.jupiter.api.Assertions.assertEquals(new Interval(0, 1), new Interval(0, 1).pow(10_000));
        org.junit.jupiter.api.Assertions.assertEquals(Interval.ZERO, Interval.ZERO.pow(7));
        org.junit.jupiter.api.Assertions.assertEquals(Interval.ONE, Interval.ZERO.pow(0));
        // one end at 0 or 1 and the other inside: the inner end's power, outward
        Interval half = new Interval(0, 0.5).pow(3);
        org.junit.jupiter.api.Assertions.assertEquals(new Interval(0, 0.125), half);
        Interval upper = new Interval(0.3, 1).pow(10_000);
        org.junit.jupiter.api.Assertions.assertEquals(1.0, upper.hi());
        org.junit.jupiter.api.Assertions.assertTrue(upper.lo() == 0.0 || upper.lo() <= Math.pow(0.3, 10_000), upper.toString());
    }
}
