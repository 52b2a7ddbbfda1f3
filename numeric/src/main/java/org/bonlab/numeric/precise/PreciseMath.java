package org.bonlab.numeric.precise;

import ch.obermuhlner.math.big.BigDecimalMath;
import java.math.BigDecimal;
import java.math.MathContext;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;

/**
 * exp and log at the precision of their argument, faster than apfloat's at the precisions the high-precision
 * engine works at (measured here at 45 digits: apfloat 1.12 about 2 ms for an exp and 0.5 ms for a log, big-math's
 * {@link BigDecimalMath#exp} about 0.06 ms; the 50-digit reference rows, {@code bench/high-precision-reference.sh},
 * went from 137 s to 35 s).
 *
 * <ul>
 *   <li>exp: big-math's series with argument reduction, at 10 guard digits, for |x| below {@link #EXP_LIMIT};
 *       apfloat's beyond (where a BigDecimal's scale would overflow).
 *   <li>log: x = m 10^k with m in [1, 10); log m by Halley's iteration y &larr; y + 2(m - e^y)/(m + e^y) from the
 *       double-precision log, which converges cubically (16, 48, 144 digits), then k log 10 (log 10 from apfloat). Up to
 *       {@link #LOG_DIGITS} digits; apfloat's AGM beyond, where it is faster.
 * </ul>
 * Both are accurate to the argument's precision in absolute terms near 0 (for log, near x = 1), as apfloat's
 * results are: the argument carries no more.
 */
final class PreciseMath {

    /** Beyond this |x|, exp is apfloat's. */
    static final double EXP_LIMIT = 1e6;

    private static final Apfloat EXP_ABOVE = new Apfloat((long) EXP_LIMIT);
    private static final Apfloat EXP_BELOW = new Apfloat((long) -EXP_LIMIT);

    /** Above this precision, log is apfloat's. */
    static final long LOG_DIGITS = 150;

    private static final int GUARD = 10;

    /**
     * Arguments with a decimal exponent beyond this (such as F^n at n = 10^18) stay with apfloat: a BigDecimal's
     * exponent is an int.
     */
    static final long MAX_SCALE = 100_000_000;

    private PreciseMath() {
    }

    static Apfloat exp(Apfloat x) {
        long prec = x.precision();
        if (prec == Apfloat.INFINITE || prec > Integer.MAX_VALUE - GUARD || Math.abs(x.scale()) > MAX_SCALE
                || x.compareTo(EXP_ABOVE) > 0 || x.compareTo(EXP_BELOW) < 0) {
            return ApfloatMath.exp(x);
        }
        if (x.signum() == 0) {
            return new Apfloat(1, prec);
        }
        BigDecimal b = toBigDecimal(x);
        BigDecimal y = b.abs().compareTo(FIXED_POINT_EXP_LIMIT) <= 0 ? expFixedPoint(b, (int) prec + GUARD)
                : BigDecimalMath.exp(b, new MathContext((int) prec + GUARD));
        return new Apfloat(y, prec);
    }

    /** Up to this |x|, exp is {@link #expFixedPoint}; big-math's beyond. */
    static final BigDecimal FIXED_POINT_EXP_LIMIT = BigDecimal.valueOf(64);

    /** Guard bits of {@link #expFixedPoint}: its squarings multiply the series' error by up to 2^17. */
    private static final int FIXED_POINT_GUARD_BITS = 64;

    /**
     * e^y to {@code digits} significant digits for |y| &lt;= {@link #FIXED_POINT_EXP_LIMIT}, in binary fixed point: r =
     * |y|/2^s with s chosen so that r &lt;= 2^-10, e^r by its Taylor series on integers with {@code bits} fraction
     * bits (each step a product, a shift and a division by a small integer, each truncating by less than 2^-bits), then
     * squared s times (each squaring doubles the relative error and adds one truncation, all values at least 1), and
     * inverted for y &lt; 0. With bits = digits log2(10) + {@value #FIXED_POINT_GUARD_BITS}, the error is below
     * 2^(s + 5) truncations, far below the last digit. big-math's exp, which it replaces here, sums its series with
     * a BigDecimal division per term (four fifths of a 25-digit log in the high-precision engine).
     */
    static BigDecimal expFixedPoint(BigDecimal y, int digits) {
        if (y.signum() == 0) {
            return BigDecimal.ONE;
        }
        BigDecimal a = y.abs();
        if (a.precision() - a.scale() < -digits - 1) { // |y| < 10^-(digits + 1): e^y = 1 + y to the last digit
            return BigDecimal.ONE.add(y, new MathContext(digits));
        }
        int s = Math.max(0, (int) Math.ceil(Math.log(a.doubleValue()) / Math.log(2)) + 10); // |y| / 2^s <= 2^-10
        int bits = (int) Math.ceil(digits * 3.321928094887362) + FIXED_POINT_GUARD_BITS;
        // r = |y| / 2^s as an integer R = floor(|y| 2^(bits - s)) (|y| = u 10^-scale)
        java.math.BigInteger u = a.unscaledValue();
        int scale = a.scale();
        java.math.BigInteger r = scale <= 0 ? u.multiply(java.math.BigInteger.TEN.pow(-scale)).shiftLeft(bits - s)
                : u.shiftLeft(bits - s).divide(java.math.BigInteger.TEN.pow(scale));
        java.math.BigInteger one = java.math.BigInteger.ONE.shiftLeft(bits);
        java.math.BigInteger sum = one;
        java.math.BigInteger term = one;
        for (long k = 1; term.signum() != 0; k++) {
            term = term.multiply(r).shiftRight(bits).divide(java.math.BigInteger.valueOf(k));
            sum = sum.add(term);
        }
        for (int i = 0; i < s; i++) {
            sum = sum.multiply(sum).shiftRight(bits);
        }
        MathContext mc = new MathContext(digits);
        BigDecimal e = new BigDecimal(sum).divide(new BigDecimal(one), new MathContext(digits + 5));
        return y.signum() > 0 ? e.round(mc) : BigDecimal.ONE.divide(e, mc);
    }

    static Apfloat log(Apfloat x) {
        long prec = x.precision();
        if (x.signum() <= 0) {
            return ApfloatMath.log(x); // apfloat's error for a non-positive argument
        }
        if (prec == Apfloat.INFINITE || prec > LOG_DIGITS || Math.abs(x.scale()) > MAX_SCALE) {
            return ApfloatMath.log(x);
        }
        BigDecimal b = toBigDecimal(x);
        int k = b.precision() - b.scale() - 1; // b = m 10^k, m in [1, 10)
        BigDecimal m = b.movePointLeft(k);
        MathContext mc = new MathContext((int) prec + GUARD);
        BigDecimal y = new BigDecimal(Math.log(m.doubleValue()));
        BigDecimal tolerance = BigDecimal.ONE.movePointLeft((int) ((prec + GUARD) / 3 + 2));
        for (int step = 0; step < 8; step++) {
            BigDecimal e = expFixedPoint(y, mc.getPrecision());
            BigDecimal correction = m.subtract(e, mc).multiply(BigDecimal.valueOf(2), mc).divide(m.add(e, mc), mc);
            y = y.add(correction, mc);
            if (correction.abs().compareTo(tolerance) < 0) {
                break; // the next error is about |correction|^3 / 12: below the working precision
            }
        }
        if (k != 0) {
            y = y.add(ln10(mc).multiply(BigDecimal.valueOf(k), mc), mc);
        }
        return new Apfloat(y, prec);
    }

    /** \( b^x \) for b > 0: \( e^{x \log b} \) (integer x: {@link ApfloatMath#pow(Apfloat, long)} instead). */
    static Apfloat pow(Apfloat b, Apfloat x) {
        if (b.signum() <= 0) {
            return ApfloatMath.pow(b, x); // 0^x and apfloat's error for a negative base
        }
        return exp(x.multiply(log(b)));
    }

    private static BigDecimal toBigDecimal(Apfloat x) {
        return new BigDecimal(x.toString(false));
    }

    private static final java.util.Map<Integer, BigDecimal> LN10 = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * log 10 from apfloat, once per precision. Not big-math's {@code BigDecimalMath.log}: in 2.3.2, after a call at
     * 55 digits it returns log 10 at 110 digits with only about 76 correct ({@code PreciseMathTest} runs that order).
     */
    private static BigDecimal ln10(MathContext mc) {
        if (mc.getPrecision() <= LN10_DIGITS - GUARD) {
            return LN10_VALUE.round(mc); // a cold apfloat log 10 costs 20 ms of a 1 s derivation
        }
        return LN10.computeIfAbsent(mc.getPrecision(),
                p -> new BigDecimal(ApfloatMath.log(new Apfloat(10, p)).toString(false)));
    }

    /**
     * log 10 to 200 significant digits (mpmath 1.3 at 210 digits, {@code nstr(log(10), 200)}), rounded to the
     * precision asked for up to {@link #LN10_DIGITS} - {@link #GUARD} digits; {@code PreciseMathTest} compares it
     * with apfloat's at several precisions.
     */
    static final BigDecimal LN10_VALUE = new BigDecimal("2.302585092994045684017991454684364207601101488628772976033"
            + "32790096757260967735248023599720508959829834196778404228624863340952546508280675666628736909878168948290"
            + "72083255546808437998948262331985283935");

    static final int LN10_DIGITS = 200;
}
