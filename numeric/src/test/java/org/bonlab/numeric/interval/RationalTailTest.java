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
 * Rational functions of n, forms R0(n) + R1(n) log n, and polynomials in log n with logs of linear functions of n
 * ({@link LogPolynomial}), enclosed over [a, infinity] through t = 1/n: the enclosures contain the exact values
 * (exact rational arithmetic, or 60 digits with a log, at 300 random n per expression), keep the sign where the
 * sides' own enclosures lose it, and are refused for what is not of those forms or has a denominator or a log's
 * argument vanishing in the range.
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
        if (e instanceof Expr.Pow p && p.exponent() instanceof Expr.Num k) {
            int m = k.value().toRational().numerator().intValueExact();
            BigDecimal b = decimalValue(p.base(), n).pow(Math.abs(m), mc);
            return m < 0 ? BigDecimal.ONE.divide(b, mc) : b;
        }
        return exactValue(e, n);
    }

    private static final Expr L = Bon.log(N);

    /** Polynomials in log n and logs of linear functions of n and of constants ({@link LogPolynomial}). */
    private static final Expr[] LOG_POLYNOMIAL_CASES = {
        L.times(L).minus(L.times(3L)).plus(ONE.div(N)),                             // (log n)^2 - 3 log n + 1/n
        Bon.log(N.plus(1L)).minus(L).minus(ONE.div(N)),                             // log1p(1/n) - 1/n, ~ -1/(2n^2)
        N.times(Bon.log(N.plus(3L))).minus(N.times(L)).minus(Expr.constant(3)),     // ~ -9/(2n)
        L.pow(3).div(N).minus(Expr.rational(1, 10)),                                // (log n)^3/n peaks at n = e^3
        Bon.log(N.times(2L).minus(1L)).times(L).minus(L.pow(2)),                    // ~ log 2 log n
        Bon.analyticalKl(N).minus(L.pow(2).div(2L)).minus(Expr.rational(1, 2)),     // -(log n - 1)^2/2 - 1 + 1/n
        Bon.log(Expr.constant(3)).times(N).minus(Bon.log(N.times(3L)).times(N)),    // -n log n
        L.pow(2).div(N.pow(2)).plus(Bon.log(N.div(2L).plus(Expr.rational(1, 3)))),  // log(n/2 + 1/3) + ...
        L.pow(2).times(N.plus(1L).pow(-1)).minus(Bon.log(N.minus(1L)).times(L).div(N)), // a negative power
    };

    @Test
    @DisplayName("polynomials in log n with rational coefficients, logs of alpha n + beta and of constants: each "
            + "enclosure over [a, infinity] contains the 60-digit value at 300 random n >= a, for a = 2, 10, 1000 (from "
            + "a = 1 only where no power of log n is divided out), also in exact arithmetic; the leading behaviour "
            + "decides the sign once a is large enough")
    void enclosesLogPolynomials() {
        assertEnclosed(LOG_POLYNOMIAL_CASES, new double[] {2, 10, 1000}, new SplittableRandom(9),
                RationalTailTest::decimalValue);
        // -(log n)^2/2 + log n - 3/2 + 1/n < 0: the ratio to (log n)^2 is below -1/2 + 1/log a, negative from a = 8
        assertTrue(RationalTail.enclose(LOG_POLYNOMIAL_CASES[5], N, 8).orElseThrow().hi() < 0);
        // the log n of log(n + 1) - log n cancel exactly, leaving t (log1p(t)/t - 1) <= 0
        assertTrue(RationalTail.enclose(LOG_POLYNOMIAL_CASES[1], N, 1).orElseThrow().hi() <= 0);
        // (log n)^2 - 3 log n: divided by (log n)^2, the 3/log n has no bound from a = 1
        assertFalse(RationalTail.enclose(LOG_POLYNOMIAL_CASES[0], N, 1).isPresent());
        // (log n)^2 - 3 log n + 1/n > 0 once log a > 3; not decided from a = 10 (log 10 < 3)
        assertTrue(RationalTail.enclose(LOG_POLYNOMIAL_CASES[0], N, 21).orElseThrow().lo() > 0);
        assertTrue(RationalTail.enclose(LOG_POLYNOMIAL_CASES[0], N, 10).orElseThrow().lo() < 0);
        // n - (log n)^2 > 0 at every n >= 1: (log n)^2/n is at most its peak (2/e)^2 < 1
        assertTrue(RationalTail.enclose(N.minus(L.times(L)), N, 1).orElseThrow().lo() > 0);
        // the ratio of (log n)^3/n - 1/10 to 1 is -1/10 + [0, (3/e)^3]: no sign from a = 1, negative from a = 10^5
        assertTrue(RationalTail.enclose(LOG_POLYNOMIAL_CASES[3], N, 1).orElseThrow().hi() > 0);
        assertTrue(RationalTail.enclose(LOG_POLYNOMIAL_CASES[3], N, 100_000).orElseThrow().hi() < 0);
        // the same steps in exact arithmetic (a certificate's check): the values held, the signs kept
        boolean before = Interval.exactArithmetic();
        Interval.useExactArithmetic(true);
        try {
            assertEnclosed(LOG_POLYNOMIAL_CASES, new double[] {10}, new SplittableRandom(10),
                    RationalTailTest::decimalValue);
            assertTrue(RationalTail.enclose(LOG_POLYNOMIAL_CASES[5], N, 8).orElseThrow().hi() < 0);
            assertTrue(RationalTail.enclose(LOG_POLYNOMIAL_CASES[0], N, 21).orElseThrow().lo() > 0);
        } finally {
            Interval.useExactArithmetic(before);
        }
    }

    @Test
    @DisplayName("150 random sums of c n^d (log n)^k log(alpha n + beta)^j (d from -2 to 2, k to 3, j to 1): each "
            + "enclosure over [a, infinity], a = 2, 10, 1000, holds the 60-digit value at 20 random n >= a")
    void enclosesRandomLogPolynomials() {
        SplittableRandom rng = new SplittableRandom(17);
        Expr[] alphas = {ONE, Expr.constant(2), Expr.rational(1, 2)};
        Expr[] betas = {Expr.rational(-1, 2), ONE, Expr.constant(3)};
        int enclosed = 0;
        for (int trial = 0; trial < 150; trial++) {
            Expr e = null;
            int terms = 1 + rng.nextInt(4);
            for (int t = 0; t < terms; t++) {
                Expr term = Expr.rational(rng.nextInt(19) - 9, 1 + rng.nextInt(6));
                int d = rng.nextInt(5) - 2;
                if (d != 0) {
                    term = term.times(N.pow(d));
                }
                for (int k = rng.nextInt(4); k > 0; k--) {
                    term = term.times(L);
                }
                if (rng.nextInt(3) == 0) {
                    term = term.times(Bon.log(alphas[rng.nextInt(3)].times(N).plus(betas[rng.nextInt(3)])));
                }
                e = e == null ? term : rng.nextBoolean() ? e.plus(term) : e.minus(term);
            }
            for (double a : new double[] {2, 10, 1000}) {
                java.util.Optional<Interval> box = RationalTail.enclose(e, N, a);
                if (box.isEmpty()) {
                    continue;
                }
                enclosed++;
                for (int k = 0; k < 20; k++) {
                    long n = (long) a + (long) Math.floor(Math.exp(rng.nextDouble() * 40)) - 1;
                    n = Math.max((long) a, Math.min(n, 1L << 50));
                    BigDecimal exact = decimalValue(e, n);
                    Interval b = box.get();
                    assertTrue((b.lo() == Double.NEGATIVE_INFINITY || new BigDecimal(b.lo()).compareTo(exact) <= 0)
                            && (b.hi() == Double.POSITIVE_INFINITY || new BigDecimal(b.hi()).compareTo(exact) >= 0),
                            e.show() + " from a = " + a + " at n = " + n + ": " + exact.round(new MathContext(20))
                                    + " outside " + b);
                }
            }
        }
        assertTrue(enclosed > 300, "enclosed " + enclosed + " of 450");
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
    @DisplayName("refused: a log of n - 5 from a = 1 (accepted from n = 6), a log of n^2 + 1 or of log n, a tenth power "
            + "of log n, another symbol, a non-integer power, a denominator vanishing at n = 5 (accepted from n = 6) or "
            + "everywhere, and a < 1; a log whose coefficient changes sign is enclosed without a sign; a coefficient "
            + "beyond the doubles gives an unbounded enclosure, not an error")
    void refusals() {
        assertFalse(RationalTail.enclose(Bon.log(N.minus(5L)), N, 1).isPresent());
        assertTrue(RationalTail.enclose(Bon.log(N.minus(5L)), N, 6).isPresent());
        assertFalse(RationalTail.enclose(Bon.log(N.times(N).plus(1L)), N, 1).isPresent());
        assertFalse(RationalTail.enclose(Bon.log(Bon.log(N)), N, 2).isPresent());
        assertFalse(RationalTail.enclose(L.pow(10), N, 2).isPresent());
        // (n - 5) log n: the ratio to n log n is 1 - 5t, which the enclosure over [1, infinity] does not sign
        Interval changes = RationalTail.enclose(N.minus(5L).times(Bon.log(N)), N, 1).orElseThrow();
        assertTrue(changes.lo() < 0 && changes.hi() > 0, changes.toString());
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
