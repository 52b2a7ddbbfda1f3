package org.bonlab.numeric.interval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Map;
import java.util.SplittableRandom;
import org.bonlab.Bon;
import org.bonlab.Definitions;
import org.bonlab.expr.Expr;
import org.bonlab.expr.Rational;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Rational functions of n, and forms R0(n) + R1(n) log n, enclosed over [a, infinity] through t = 1/n: the
 * enclosures contain the exact values (exact rational arithmetic, or 60 digits with a log, at 300 random n per
 * expression), keep the sign where the sides' own enclosures lose it, and are refused for what is not of those forms
 * or has a denominator vanishing in the range.
 */
class RationalTailTest {

    private static final Expr.Sym N = Bon.n;
    private static final Expr ONE = Expr.constant(1);

    /** The expressions: differences whose terms cancel as n grows, and the chi^2 bound of Mroueh (2024). */
    private static final Expr[] CASES = {
        N.div(N.plus(1)).minus(ONE).plus(ONE.div(N.times(2L))),               // (1 - n)/(2n(n+1))
        Definitions.chiSquareBoundMroueh(N).minus(N),                           // (n-1)^2/(2n-1) - n
        N.minus(1L).div(N).unaryMinus(),                                            // -(n-1)/n
        N.pow(3).minus(N.times(N).times(Expr.rational(7, 3))).div(N.plus(Expr.constant(0.1)).pow(2)), // grows
        N.plus(1L).pow(-2).minus(ONE.div(N.times(N))),                          // -(2n+1)/(n^2 (n+1)^2)
    };

    @Test
    @DisplayName("each enclosure over [a, infinity] contains the exact value at 300 random n >= a (exact rationals), "
            + "for a = 1, 10, 1000")
    void enclosesTheExactValues() {
        assertEnclosed(CASES, new double[] {1, 10, 1000}, new SplittableRandom(3), RationalTailTest::exactValue);
    }

    /**
     * Each expression's enclosure over [a, infinity], for each a, holds {@code value} at 300 random integers n >= a
     * (up to 2^50, log-uniform).
     */
    private static void assertEnclosed(Expr[] cases, double[] starts, SplittableRandom rng,
            java.util.function.BiFunction<Expr, Long, BigDecimal> value) {
        for (Expr e : cases) {
            for (double a : starts) {
                Interval box = RationalTail.enclose(e, N, a).orElseThrow(() -> new AssertionError(e.show()));
                for (int k = 0; k < 300; k++) {
                    long n = (long) a + (long) Math.floor(Math.exp(rng.nextDouble() * 40)) - 1;
                    n = Math.max((long) a, Math.min(n, 1L << 50));
                    BigDecimal exact = value.apply(e, n);
                    assertTrue((box.lo() == Double.NEGATIVE_INFINITY || new BigDecimal(box.lo()).compareTo(exact) <= 0)
                            && (box.hi() == Double.POSITIVE_INFINITY || new BigDecimal(box.hi()).compareTo(exact) >= 0),
                            e.show() + " at n = " + n + ": " + exact.round(new MathContext(20)) + " outside " + box);
                }
            }
        }
    }

    /** The value at an integer n in exact rational arithmetic (every case is built from n, integers and rationals). */
    private static BigDecimal exactValue(Expr e, long n) {
        return new BigDecimal(rational(e, n).numerator()).divide(new BigDecimal(rational(e, n).denominator()),
                new MathContext(60));
    }

    private static Rational rational(Expr e, long n) {
        if (e instanceof Expr.Num num) {
            return num.value().toRational();
        }
        if (e instanceof Expr.Sym) {
            return Rational.of(n);
        }
        if (e instanceof Expr.Defined d) {
            return rational(d.definition(), n);
        }
        if (e instanceof Expr.Neg g) {
            return rational(g.operand(), n).negate();
        }
        if (e instanceof Expr.Add s) {
            return rational(s.left(), n).plus(rational(s.right(), n));
        }
        if (e instanceof Expr.Sub s) {
            return rational(s.left(), n).minus(rational(s.right(), n));
        }
        if (e instanceof Expr.Mul s) {
            return rational(s.left(), n).times(rational(s.right(), n));
        }
        if (e instanceof Expr.Div s) {
            return rational(s.numerator(), n).div(rational(s.denominator(), n));
        }
        Expr.Pow p = (Expr.Pow) e;
        int k = p.exponent() instanceof Expr.Num num ? num.value().toRational().numerator().intValueExact() : 0;
        Rational base = rational(p.base(), n);
        Rational r = Rational.ONE;
        for (int i = 0; i < Math.abs(k); i++) {
            r = r.times(base);
        }
        return k < 0 ? Rational.ONE.div(r) : r;
    }

    /** Linear in log n with rational coefficients: Mroueh's chi^2 bound against n - log n, and others. */
    private static final Expr[] LOG_CASES = {
        N.minus(Bon.log(N)).minus(Definitions.chiSquareBoundMroueh(N)),            // ~ n/2 - log n
        Bon.log(N).div(N).minus(ONE),                                              // in [-1, 1/e - 1]
        ONE.minus(N).times(Bon.log(N)).div(N.plus(1L)),                           // ~ -log n
        Bon.analyticalKl(N).minus(Bon.log(N).times(Expr.rational(1, 2))),         // (log n)/2 - (n-1)/n
        N.times(N).times(Bon.log(N)).minus(N.pow(3)),                              // n^2 log n - n^3
    };

    @Test
    @DisplayName("R0(n) + R1(n) log n: each enclosure over [a, infinity] contains the 60-digit value at 300 random "
            + "n >= a, for a = 4, 10, 1000; chi^2's n - log n - (n-1)^2/(2n-1) is certified positive from a = 4 on (the "
            + "last box of n starts far later in a proof)")
    void enclosesLogLinearForms() {
        assertEnclosed(LOG_CASES, new double[] {4, 10, 1000}, new SplittableRandom(5), RationalTailTest::decimalValue);
        // n/2 + 3/4 + ... - (log 4 + (n - 4)/4) >= 0 on [4, infinity]; the tangent at 1 (n - 1) is too steep
        assertTrue(RationalTail.enclose(LOG_CASES[0], N, 4).orElseThrow().lo() >= 0);
        // log n / n - 1 <= 1/e - 1 < 0: with the tangent at a, at most (log a - 1)/n + 1/a - 1 < 0
        assertTrue(RationalTail.enclose(LOG_CASES[1], N, 10).orElseThrow().hi() < 0);
    }

    /** The value at an integer n to 60 digits: rationals exactly, log n by big-math. */
    private static BigDecimal decimalValue(Expr e, long n) {
        MathContext mc = new MathContext(60);
        if (e instanceof Expr.Log log) {
            return ch.obermuhlner.math.big.BigDecimalMath.log(decimalValue(log.operand(), n), mc);
        }
        if (e instanceof Expr.Defined d) {
            return decimalValue(d.definition(), n);
        }
        if (e instanceof org.bonlab.expr.Quantity.AnalyticalKl k) {
            return decimalValue(k.definition(), n);
        }
        if (e instanceof Expr.Neg g) {
            return decimalValue(g.operand(), n).negate();
        }
        if (e instanceof Expr.Add s) {
            return decimalValue(s.left(), n).add(decimalValue(s.right(), n));
        }
        if (e instanceof Expr.Sub s) {
            return decimalValue(s.left(), n).subtract(decimalValue(s.right(), n));
        }
        if (e instanceof Expr.Mul s) {
            return decimalValue(s.left(), n).multiply(decimalValue(s.right(), n), mc);
        }
        if (e instanceof Expr.Div s) {
            return decimalValue(s.numerator(), n).divide(decimalValue(s.denominator(), n), mc);
        }
        return exactValue(e, n);
    }

    @Test
    @DisplayName("the sign survives where the sides' enclosures lose it: n/(n+1) - 1 + 1/(2n) <= 0 and (n-1)^2/(2n-1) "
            + "- n <= 0 over [1, infinity], which plain intervals enclose as [-infinity, infinity]-wide")
    void keepsTheSign() {
        assertEquals(0.0, RationalTail.enclose(CASES[0], N, 1).orElseThrow().hi());
        assertTrue(RationalTail.enclose(CASES[1], N, 1).orElseThrow().hi() <= 0);
        Interval plain = IntervalEvaluator.over(Map.of(N, new Interval(1, Double.POSITIVE_INFINITY))).evaluate(CASES[0]);
        assertTrue(plain.hi() > 0, plain.toString());
        // a growing one: n^3 - 7/3 n^2 over (n + 1/10)^2 is at least about a - 2.5 on [a, infinity]
        Interval grows = RationalTail.enclose(CASES[3], N, 1000).orElseThrow();
        assertTrue(grows.lo() > 990 && grows.hi() == Double.POSITIVE_INFINITY, grows.toString());
        // (n+1)^-2 - n^-2 < 0, of order n^-3: below 0 and within [-2/a^3, 0] on [a, infinity]
        Interval small = RationalTail.enclose(CASES[4], N, 1000).orElseThrow();
        assertTrue(small.hi() <= 0 && small.lo() >= -2.1e-9, small.toString());
    }

    @Test
    @DisplayName("refused: (log n)^2, log(n + 1), a log whose coefficient changes sign in the range (accepted from "
            + "where it keeps one), another symbol, a non-integer power, a denominator vanishing at n = 5 (accepted "
            + "from n = 6) or everywhere, and a < 1; a coefficient beyond the doubles gives an unbounded enclosure, not "
            + "an error")
    void refusals() {
        assertFalse(RationalTail.enclose(Bon.log(N).times(Bon.log(N)).minus(N), N, 1).isPresent());
        assertFalse(RationalTail.enclose(Bon.log(N.plus(1L)).minus(N), N, 1).isPresent());
        assertFalse(RationalTail.enclose(N.minus(5L).times(Bon.log(N)), N, 1).isPresent());
        // from n = 6 on, n - 5 > 0 (from n = 5 its enclosure, 0 less a rounding, does not show a sign)
        assertTrue(RationalTail.enclose(N.minus(5L).times(Bon.log(N)), N, 6).isPresent());
        assertFalse(RationalTail.enclose(N.plus(Bon.symbol("m")), N, 1).isPresent());
        assertFalse(RationalTail.enclose(N.pow(Expr.constant(0.5)), N, 1).isPresent());
        assertFalse(RationalTail.enclose(ONE.div(N.minus(5L)), N, 1).isPresent());
        assertTrue(RationalTail.enclose(ONE.div(N.minus(5L)), N, 6).isPresent());
        // a division by n - n, which is 0 everywhere
        assertFalse(RationalTail.enclose(ONE.div(N.minus(N)), N, 1).isPresent());
        assertFalse(RationalTail.enclose(N, N, 0.5).isPresent());
        // a coefficient beyond the doubles (10^300 squared) gives no bound rather than an error
        Expr huge = Expr.constant(1e300).times(N);
        Interval wide = RationalTail.enclose(huge.times(huge).minus(N), N, 1).orElseThrow();
        assertTrue(wide.hi() == Double.POSITIVE_INFINITY, wide.toString());
    }
}
