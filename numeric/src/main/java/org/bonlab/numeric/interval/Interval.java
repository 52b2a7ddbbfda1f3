package org.bonlab.numeric.interval;

import java.util.Locale;

/**
 * A closed interval [lo, hi] of reals with outward rounding: every operation returns an interval that contains
 * the exact result for every choice of arguments in its operands. No maintained Java library covers log and exp
 * with outward rounding, so this one is small and written here.
 *
 * @implNote +, -, *, / and sqrt are correctly rounded in IEEE 754, so widening the rounded end points by one ulp
 *     ({@link Math#nextDown}, {@link Math#nextUp}) encloses the exact result. {@link Math#log}, {@link Math#exp},
 *     {@link Math#log1p} and {@link Math#expm1} are documented to be within 1 ulp of the exact result and
 *     semi-monotonic; their end points are widened by {@link #TRANSCENDENTAL_ULPS} ulps.
 */
public record Interval(double lo, double hi) {

    /** Ulps added on each side of a transcendental function's end points (documented error: 1 ulp). */
    public static final int TRANSCENDENTAL_ULPS = 2;

    public static final Interval ZERO = new Interval(0, 0);
    public static final Interval ONE = new Interval(1, 1);

    /**
     * Whether the operations use {@link ExactArithmetic} (exact rationals, series with rigorous remainders) instead
     * of the floating arithmetic below: set only to re-check a certificate, before any evaluation starts. Either
     * arithmetic is sound; the exact one is independent of the other and tens of times slower (a certificate of
     * 9,241 pieces re-checks in about 10 s).
     */
    private static boolean exact;

    /** Switches every interval operation of this JVM to the exact arithmetic (true) or back to floating (false). */
    public static void useExactArithmetic(boolean on) {
        exact = on;
    }

    /** Whether the exact arithmetic is in use. */
    public static boolean exactArithmetic() {
        return exact;
    }

    public Interval {
        if (Double.isNaN(lo) || Double.isNaN(hi) || lo > hi) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "interval must have lo <= hi, but was [%s, %s]", lo, hi));
        }
    }

    /** The exact point x (a double is exactly representable). */
    public static Interval point(double x) {
        return new Interval(x, x);
    }

    /** An interval containing the real number written in decimal, e.g. "0.1" (not exactly a double). */
    public static Interval of(java.math.BigDecimal x) {
        double d = x.doubleValue();
        int c = new java.math.BigDecimal(d).compareTo(x);
        return c == 0 ? point(d) : c < 0 ? new Interval(d, Math.nextUp(d)) : new Interval(Math.nextDown(d), d);
    }

    private static Interval widen(double lo, double hi, int ulps) {
        for (int i = 0; i < ulps; i++) {
            lo = Math.nextDown(lo);
            hi = Math.nextUp(hi);
        }
        return new Interval(lo, hi);
    }

    public Interval plus(Interval o) {
        if (exact && ExactArithmetic.applies(this, o)) {
            return ExactArithmetic.plus(this, o);
        }
        return new Interval(sumDown(lo, o.lo), sumUp(hi, o.hi));
    }

    public Interval minus(Interval o) {
        if (exact && ExactArithmetic.applies(this, o)) {
            return ExactArithmetic.minus(this, o);
        }
        return new Interval(sumDown(lo, -o.hi), sumUp(hi, -o.lo));
    }

    /** The rounding error of a + b (TwoSum, Knuth): exact, so a + b = s + error; NaN when not finite. */
    private static double sumError(double a, double b, double s) {
        double bb = s - a;
        return (a - (s - bb)) + (b - bb);
    }

    /** A lower bound on a + b: the rounded sum itself when it is exact or rounded down. */
    private static double sumDown(double a, double b) {
        double s = a + b;
        double e = sumError(a, b, s);
        return e >= 0 ? s : Math.nextDown(s); // NaN error (infinities): widen
    }

    private static double sumUp(double a, double b) {
        double s = a + b;
        double e = sumError(a, b, s);
        return e <= 0 ? s : Math.nextUp(s);
    }

    /** A product rounded down (or up): exact products, such as 0 * x, are not widened. */
    private static double productBound(double a, double b, boolean down) {
        double p = a * b;
        if (Double.isInfinite(p) || Math.abs(p) < 0x1p-900) {
            return p == 0 && (a == 0 || b == 0) ? 0 : down ? Math.nextDown(p) : Math.nextUp(p);
        }
        double e = Math.fma(a, b, -p); // exact residual away from underflow
        return down ? (e >= 0 ? p : Math.nextDown(p)) : (e <= 0 ? p : Math.nextUp(p));
    }

    public Interval negate() {
        return new Interval(-hi, -lo);
    }

    public Interval times(Interval o) {
        if (exact && ExactArithmetic.applies(this, o)) {
            return ExactArithmetic.times(this, o);
        }
        // by the signs of the ends, the two corners where the product is least and greatest (the usual case
        // analysis of interval multiplication); both factors straddling 0, or 0 times infinity, take all four
        double down = Double.NaN;
        double up = Double.NaN;
        if (lo >= 0) {
            if (o.lo >= 0) {
                down = productBound(lo, o.lo, true);
                up = productBound(hi, o.hi, false);
            } else if (o.hi <= 0) {
                down = productBound(hi, o.lo, true);
                up = productBound(lo, o.hi, false);
            }
        } else if (hi <= 0) {
            if (o.lo >= 0) {
                down = productBound(lo, o.hi, true);
                up = productBound(hi, o.lo, false);
            } else if (o.hi <= 0) {
                down = productBound(hi, o.hi, true);
                up = productBound(lo, o.lo, false);
            }
        }
        if (!Double.isNaN(down) && !Double.isNaN(up)) {
            return new Interval(down, up);
        }
        double a = lo * o.lo;
        double b = lo * o.hi;
        double c = hi * o.lo;
        double d = hi * o.hi;
        if (Double.isNaN(a) || Double.isNaN(b) || Double.isNaN(c) || Double.isNaN(d)) { // 0 * infinity
            return new Interval(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
        }
        double min = Math.min(Math.min(productBound(lo, o.lo, true), productBound(lo, o.hi, true)),
                Math.min(productBound(hi, o.lo, true), productBound(hi, o.hi, true)));
        double max = Math.max(Math.max(productBound(lo, o.lo, false), productBound(lo, o.hi, false)),
                Math.max(productBound(hi, o.lo, false), productBound(hi, o.hi, false)));
        return new Interval(min, max);
    }

    /**
     * Division; the divisor must not contain 0. Each end is the rounded quotient, moved outward only when the
     * quotient is inexact (the residual a - q b is exact by fma), so 1/2 stays exactly 1/2.
     */
    public Interval div(Interval o) {
        if (o.lo <= 0 && o.hi >= 0) {
            throw new ArithmeticException("interval division by an interval containing 0: " + o);
        }
        if (exact && ExactArithmetic.applies(this, o)) {
            return ExactArithmetic.div(this, o);
        }
        // the divisor lies wholly on one side of 0: by the signs of the ends, the two corners where the quotient
        // is least and greatest
        if (o.lo > 0) {
            return lo >= 0 ? new Interval(quotientBound(lo, o.hi, true), quotientBound(hi, o.lo, false))
                    : hi <= 0 ? new Interval(quotientBound(lo, o.lo, true), quotientBound(hi, o.hi, false))
                    : new Interval(quotientBound(lo, o.lo, true), quotientBound(hi, o.lo, false));
        }
        return lo >= 0 ? new Interval(quotientBound(hi, o.hi, true), quotientBound(lo, o.lo, false))
                : hi <= 0 ? new Interval(quotientBound(hi, o.lo, true), quotientBound(lo, o.hi, false))
                : new Interval(quotientBound(hi, o.hi, true), quotientBound(lo, o.hi, false));
    }

    /** A bound below (or above) a / b for b != 0, with a or b possibly infinite (x / infinity is 0 in the limit). */
    private static double quotientBound(double a, double b, boolean down) {
        double q = a / b;
        if (Double.isNaN(q)) { // infinity / infinity: no information
            return down ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (Double.isInfinite(a) || Double.isInfinite(b) || a == 0) {
            return q == 0 ? 0 : q; // exact in the extended reals
        }
        if (Double.isInfinite(q) || Math.abs(q) < 0x1p-900 || Math.abs(a) < 0x1p-900) {
            return down ? Math.nextDown(q) : Math.nextUp(q);
        }
        double r = Math.fma(-q, b, a); // a - q b, exact away from underflow
        if (r == 0) {
            return q;
        }
        boolean trueAbove = (r > 0) == (b > 0); // a / b = q + r / b
        return down ? (trueAbove ? q : Math.nextDown(q)) : (trueAbove ? Math.nextUp(q) : q);
    }

    /** The natural log; the argument must be positive (an end point at 0 gives -infinity). */
    public Interval log() {
        if (lo < 0) {
            throw new ArithmeticException("interval log of an interval reaching below 0: " + this);
        }
        if (lo == 1 && hi == 1) {
            return ZERO; // log 1 = 0 exactly: lets a claim that is tight at n = 1 (log 1 - 0/1) be certified
        }
        if (exact && ExactArithmetic.applies(this)) {
            return ExactArithmetic.log(this);
        }
        return widen(Math.log(lo), Math.log(hi), TRANSCENDENTAL_ULPS);
    }

    /** The common part of two enclosures of the same number (both contain it, so it is not empty). */
    public Interval intersect(Interval o) {
        double l = Math.max(lo, o.lo);
        double h = Math.min(hi, o.hi);
        if (l > h) {
            throw new ArithmeticException("enclosures of one number do not meet: " + this + " and " + o);
        }
        return new Interval(l, h);
    }

    /** The smallest interval holding both. */
    public Interval hull(Interval o) {
        return new Interval(Math.min(lo, o.lo), Math.max(hi, o.hi));
    }

    public Interval exp() {
        if (exact && ExactArithmetic.applies(this)) {
            return ExactArithmetic.exp(this);
        }
        Interval r = widen(Math.exp(lo), Math.exp(hi), TRANSCENDENTAL_ULPS);
        return new Interval(Math.max(0, r.lo), r.hi);
    }

    public Interval log1p() {
        if (lo < -1) {
            throw new ArithmeticException("interval log1p of an interval reaching below -1: " + this);
        }
        if (exact && ExactArithmetic.applies(this)) {
            return ExactArithmetic.log1p(this);
        }
        return widen(Math.log1p(lo), Math.log1p(hi), TRANSCENDENTAL_ULPS);
    }

    public Interval expm1() {
        if (exact && ExactArithmetic.applies(this)) {
            return ExactArithmetic.expm1(this);
        }
        Interval r = widen(Math.expm1(lo), Math.expm1(hi), TRANSCENDENTAL_ULPS);
        return new Interval(Math.max(-1, r.lo), r.hi);
    }

    /**
     * x^n for a non-negative x and an integer n >= 0 (monotone in x). Where an end's power is exactly
     * representable (a dyadic end with few significant bits, as 1/2 or 3/4), exactly, in integer arithmetic, so
     * exact powers stay exact (claims tight at such points can be certified); otherwise {@code Math.pow} widened by
     * one ulp each way, which is sound because the JDK guarantees its result within one ulp of the exact one, and
     * 2-3 times faster than squaring intervals with outward-rounded products. Ends at 0 and 1 are their own powers.
     */
    public Interval pow(long n) {
        if (lo < 0) {
            throw new ArithmeticException("interval power of an interval reaching below 0: " + this);
        }
        if (n == 0) {
            return ONE;
        }
        if (n == 1 || (lo == 0 || lo == 1) && (hi == 0 || hi == 1)) {
            return this; // 0^n = 0 and 1^n = 1 exactly: the top outcome's F = 1 at every n
        }
        if (exact && ExactArithmetic.applies(this)) {
            return ExactArithmetic.pow(this, n);
        }
        if (!exactPower(lo, n) || !exactPower(hi, n)) {
            return new Interval(powDown(lo, n), powUp(hi, n));
        }
        return new Interval(exactPow(lo, n), exactPow(hi, n));
    }

    /** Whether x^n is a double: x = m 2^e with an odd m of b bits, and b n at most 53 (and no underflow). */
    private static boolean exactPower(double x, long n) {
        if (x == 0 || x == 1 || Double.isInfinite(x)) {
            return true;
        }
        long bits = Double.doubleToRawLongBits(x);
        long mantissa = (bits & 0x000fffffffffffffL) | (Math.getExponent(x) >= Double.MIN_EXPONENT ? 1L << 52 : 0);
        int significant = 64 - Long.numberOfLeadingZeros(mantissa) - Long.numberOfTrailingZeros(mantissa);
        return n <= 53 && significant * n <= 53 && Math.abs(Math.getExponent(x)) * (double) n < 1000;
    }

    private static double powDown(double x, long n) {
        if (x == 0 || x == 1) {
            return x;
        }
        return Math.max(0, Math.nextDown(Math.pow(x, (double) n)));
    }

    private static double powUp(double x, long n) {
        if (x == 0 || x == 1) {
            return x;
        }
        return Math.nextUp(Math.pow(x, (double) n));
    }

    /**
     * x^n exactly, where {@link #exactPower} holds (x = m 2^k with m odd, m^n below 2^53, no underflow): m^n in a
     * long, then the exponent k n.
     */
    private static double exactPow(double x, long n) {
        if (x == 0 || x == 1 || Double.isInfinite(x)) {
            return x;
        }
        long bits = Double.doubleToRawLongBits(x);
        long mantissa = (bits & 0x000fffffffffffffL) | 1L << 52; // x is normal: exactPower excludes subnormals
        int shift = Long.numberOfTrailingZeros(mantissa);
        long m = mantissa >>> shift;
        long power = 1;
        for (long i = 0; i < n; i++) {
            power *= m; // below 2^53: exact
        }
        return Math.scalb((double) power, (int) ((Math.getExponent(x) - 52 + shift) * n));
    }

    /**
     * x log x, with 0 log 0 = 0, for x in [0, infinity] (convex: decreasing on [0, 1/e], increasing after, so the
     * maximum is at an end point and the minimum is -1/e where the interval holds 1/e).
     */
    public Interval xLogX() {
        if (lo < 0) {
            throw new ArithmeticException("interval x log x needs x >= 0, but was " + this);
        }
        Interval l = lo == 0 ? ZERO : point(lo).times(point(lo).log());
        Interval h = hi == 0 ? ZERO : point(hi).times(point(hi).log());
        double min = Math.min(l.lo, h.lo);
        double max = Math.max(l.hi, h.hi);
        double inv = Math.exp(-1);
        if (lo <= inv + 1e-15 && hi >= inv - 1e-15) {
            min = Math.min(min, Math.nextDown(-inv) - 1e-15); // the minimum -1/e, with a margin for its rounding
        }
        return new Interval(min, hi <= 1 ? Math.min(0, max) : max);
    }

    public boolean contains(double x) {
        return lo <= x && x <= hi;
    }

    public double width() {
        return hi - lo;
    }

    @Override
    public String toString() {
        return "[" + end(lo) + ", " + end(hi) + "]";
    }

    /** An end in 17 significant digits; an infinite end in words ("an enclosure [-infinity, infinity]"). */
    private static String end(double x) {
        if (Double.isInfinite(x)) {
            return x > 0 ? "infinity" : "-infinity";
        }
        return Double.isNaN(x) ? "undefined" : String.format(Locale.ROOT, "%.17g", x);
    }
}
