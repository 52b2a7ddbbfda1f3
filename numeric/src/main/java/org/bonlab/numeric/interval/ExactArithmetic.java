package org.bonlab.numeric.interval;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The arithmetic of {@link Interval} in exact mode ({@link Interval#useExactArithmetic}): an implementation
 * independent of the floating one, used to re-check certificates. End points are read as the exact rationals they
 * are (every finite double is a dyadic rational); +, - and * are exact and only the result is rounded outward to
 * doubles; / is rounded toward the outside at {@link #DIGITS} digits; log, exp, log1p, expm1 and powers are
 * enclosed by their series with rigorous remainder bounds, every operation of the series in directed rounding
 * (the inner {@link Big} intervals). Nothing here calls {@link Math#log}, {@link Math#exp}, {@link Math#pow} or
 * relies on fused multiply-add or TwoSum, the tools of the floating arithmetic. Infinite end points are passed to
 * the floating arithmetic, whose handling of them is exact in the extended reals.
 */
final class ExactArithmetic {

    /** Working digits of divisions and series. */
    static final int DIGITS = 34;

    private static final MathContext DOWN = new MathContext(DIGITS, RoundingMode.FLOOR);
    private static final MathContext UP = new MathContext(DIGITS, RoundingMode.CEILING);

    /** Beyond this, exp overflows a double; below its negative, exp underflows past the smallest subnormal. */
    private static final BigDecimal EXP_OVER = new BigDecimal("710");
    private static final BigDecimal EXP_UNDER = new BigDecimal("-746");

    private ExactArithmetic() {
    }

    // ---- the rational intervals of the series ----

    /** A closed interval of decimals, every operation rounded outward at {@link #DIGITS} digits. */
    record Big(BigDecimal lo, BigDecimal hi) {
        static Big point(BigDecimal x) {
            return new Big(x, x);
        }

        Big plus(Big o) {
            return new Big(lo.add(o.lo, DOWN), hi.add(o.hi, UP));
        }

        Big minus(Big o) {
            return new Big(lo.subtract(o.hi, DOWN), hi.subtract(o.lo, UP));
        }

        Big times(Big o) {
            BigDecimal[] p = {lo.multiply(o.lo), lo.multiply(o.hi), hi.multiply(o.lo), hi.multiply(o.hi)};
            BigDecimal min = p[0];
            BigDecimal max = p[0];
            for (BigDecimal x : p) {
                min = min.min(x);
                max = max.max(x);
            }
            return new Big(min.round(DOWN), max.round(UP));
        }

        /** Division by an interval of one sign: two quotients, each rounded toward the outside. */
        Big div(Big o) {
            if (o.lo.signum() <= 0 && o.hi.signum() >= 0) {
                throw new ArithmeticException("exact interval division by an interval containing 0");
            }
            if (o.hi.signum() < 0) {
                return new Big(hi.negate(), lo.negate()).div(new Big(o.hi.negate(), o.lo.negate()));
            }
            // a positive divisor: the numerator's sign decides which ends of the divisor give the extremes
            BigDecimal forLo = lo.signum() >= 0 ? o.hi : o.lo;
            BigDecimal forHi = hi.signum() >= 0 ? o.lo : o.hi;
            return new Big(lo.divide(forLo, DOWN), hi.divide(forHi, UP));
        }

        /** Widened by e on each side. */
        Big widen(BigDecimal e) {
            return new Big(lo.subtract(e, DOWN), hi.add(e, UP));
        }
    }

    // ---- rounding to doubles ----

    /** The largest double at most x. */
    static double down(BigDecimal x) {
        double d = x.doubleValue();
        if (Double.isInfinite(d)) {
            return d > 0 ? Double.MAX_VALUE : Double.NEGATIVE_INFINITY;
        }
        return new BigDecimal(d).compareTo(x) > 0 ? Math.nextDown(d) : d;
    }

    /** The smallest double at least x. */
    static double up(BigDecimal x) {
        double d = x.doubleValue();
        if (Double.isInfinite(d)) {
            return d < 0 ? -Double.MAX_VALUE : Double.POSITIVE_INFINITY;
        }
        return new BigDecimal(d).compareTo(x) < 0 ? Math.nextUp(d) : d;
    }

    private static Interval toInterval(Big b) {
        return new Interval(down(b.lo), up(b.hi));
    }

    private static boolean finite(Interval a) {
        return !Double.isInfinite(a.lo()) && !Double.isInfinite(a.hi());
    }

    private static Big big(Interval a) {
        return new Big(new BigDecimal(a.lo()), new BigDecimal(a.hi()));
    }

    // ---- the operations of Interval ----

    static Interval plus(Interval a, Interval b) {
        return new Interval(down(new BigDecimal(a.lo()).add(new BigDecimal(b.lo()))),
                up(new BigDecimal(a.hi()).add(new BigDecimal(b.hi()))));
    }

    static Interval minus(Interval a, Interval b) {
        return new Interval(down(new BigDecimal(a.lo()).subtract(new BigDecimal(b.hi()))),
                up(new BigDecimal(a.hi()).subtract(new BigDecimal(b.lo()))));
    }

    static Interval times(Interval a, Interval b) {
        BigDecimal[] p = {new BigDecimal(a.lo()).multiply(new BigDecimal(b.lo())),
            new BigDecimal(a.lo()).multiply(new BigDecimal(b.hi())),
            new BigDecimal(a.hi()).multiply(new BigDecimal(b.lo())),
            new BigDecimal(a.hi()).multiply(new BigDecimal(b.hi()))};
        BigDecimal min = p[0];
        BigDecimal max = p[0];
        for (BigDecimal x : p) {
            min = min.min(x);
            max = max.max(x);
        }
        return new Interval(down(min), up(max));
    }

    static Interval div(Interval a, Interval b) {
        return toInterval(big(a).div(big(b)));
    }

    static Interval log(Interval a) {
        double lo = a.lo() == 0 ? Double.NEGATIVE_INFINITY : down(log(new BigDecimal(a.lo())).lo);
        double hi = a.hi() == 0 ? Double.NEGATIVE_INFINITY : up(log(new BigDecimal(a.hi())).hi);
        return new Interval(lo, hi);
    }

    static Interval log1p(Interval a) {
        double lo = a.lo() == -1 ? Double.NEGATIVE_INFINITY : down(log1p(new BigDecimal(a.lo())).lo);
        double hi = a.hi() == -1 ? Double.NEGATIVE_INFINITY : up(log1p(new BigDecimal(a.hi())).hi);
        return new Interval(lo, hi);
    }

    static Interval exp(Interval a) {
        return new Interval(Math.max(0, down(exp(new BigDecimal(a.lo())).lo)), up(exp(new BigDecimal(a.hi())).hi));
    }

    static Interval expm1(Interval a) {
        return new Interval(Math.max(-1, down(expm1(new BigDecimal(a.lo())).lo)),
                up(expm1(new BigDecimal(a.hi())).hi));
    }

    /** x^n for x >= 0 and n >= 2, monotone in x: each end by {@link #pow(BigDecimal, long)}. */
    static Interval pow(Interval a, long n) {
        return new Interval(Math.max(0, down(pow(new BigDecimal(a.lo()), n).lo)), up(pow(new BigDecimal(a.hi()), n).hi));
    }

    static boolean applies(Interval a, Interval b) {
        return finite(a) && finite(b);
    }

    static boolean applies(Interval a) {
        return finite(a);
    }

    // ---- the functions, on one decimal ----

    /** The last term kept in a series is below this (relative to 1). */
    private static final BigDecimal TINY = BigDecimal.ONE.movePointLeft(DIGITS + 5);

    /** ln 2 = 2 atanh(1/3), enclosed once. */
    private static final Big LN2 = twoAtanh(Big.point(BigDecimal.ONE).div(Big.point(BigDecimal.valueOf(3))));

    /**
     * 2 atanh(z) = 2 (z + z^3/3 + z^5/5 + ...) for |z| <= 1/3; the tail after the term z^(2K+1)/(2K+1) is at most
     * |z|^(2K+3) / ((2K+3)(1 - z^2)) <= (9/8) |z|^(2K+3) in absolute value.
     */
    private static Big twoAtanh(Big z) {
        Big z2 = z.times(z);
        Big power = z;
        Big sum = z;
        for (int k = 1; k < 400; k++) {
            power = power.times(z2);
            Big term = power.div(Big.point(BigDecimal.valueOf(2L * k + 1)));
            sum = sum.plus(term);
            BigDecimal bound = power.lo.abs().max(power.hi.abs());
            if (bound.compareTo(TINY) < 0) {
                // the tail beyond this term: at most (9/8) |z|^(2k+3) <= (9/8) |z|^(2k+1) / 9 < |z|^(2k+1) / 8
                BigDecimal tail = bound.multiply(z2.hi.abs().max(z2.lo.abs())).multiply(new BigDecimal("1.125"), UP);
                sum = sum.widen(tail);
                return sum.times(Big.point(BigDecimal.valueOf(2)));
            }
        }
        throw new ArithmeticException("atanh series did not converge");
    }

    /** log x for x > 0: x = m 2^e with m in [2/3, 4/3] (exact), log x = e ln 2 + 2 atanh((m - 1)/(m + 1)). */
    static Big log(BigDecimal x) {
        if (x.signum() <= 0) {
            throw new ArithmeticException("exact log of a non-positive number " + x);
        }
        int e = 0;
        BigDecimal m = x;
        BigDecimal twoThirds = new BigDecimal("0.6666");
        BigDecimal fourThirds = new BigDecimal("1.3333");
        // scale by powers of two, exactly: first by the binary exponent of the double nearest x, then by 2s
        double d = x.doubleValue();
        if (d != 0 && !Double.isInfinite(d)) {
            int shift = Math.getExponent(d);
            m = scaleByTwo(m, -shift);
            e += shift;
        }
        while (m.compareTo(fourThirds) > 0) {
            m = scaleByTwo(m, -1);
            e++;
        }
        while (m.compareTo(twoThirds) < 0) {
            m = scaleByTwo(m, 1);
            e--;
        }
        // m near c = j/64: log m = log c + 2 atanh((m - c)/(m + c)) with |z| <= 1/170, so few terms
        int j = m.multiply(BigDecimal.valueOf(64)).setScale(0, RoundingMode.HALF_EVEN).intValueExact();
        BigDecimal c = BigDecimal.valueOf(j).divide(BigDecimal.valueOf(64)); // exact: 64 = 2^6
        Big z = Big.point(m.subtract(c)).div(Big.point(m.add(c)));
        Big result = twoAtanh(z).plus(logOfSixtyFourths(j));
        if (e != 0) {
            result = result.plus(LN2.times(Big.point(BigDecimal.valueOf(e))));
        }
        return result;
    }

    /** log(j/64) for j in 42..86, each enclosed once by the atanh series (|z| <= 1/5). */
    private static final Big[] LOG_TABLE = new Big[87];

    private static Big logOfSixtyFourths(int j) {
        if (j == 64) {
            return Big.point(BigDecimal.ZERO);
        }
        synchronized (LOG_TABLE) {
            if (LOG_TABLE[j] == null) {
                BigDecimal c = BigDecimal.valueOf(j).divide(BigDecimal.valueOf(64));
                LOG_TABLE[j] = twoAtanh(Big.point(c.subtract(BigDecimal.ONE)).div(Big.point(c.add(BigDecimal.ONE))));
            }
            return LOG_TABLE[j];
        }
    }

    /** log(1 + x) for x > -1: 2 atanh(x / (2 + x)) when |x| <= 1/4 (no cancellation), else log of 1 + x. */
    static Big log1p(BigDecimal x) {
        if (x.abs().compareTo(new BigDecimal("0.25")) <= 0) {
            return twoAtanh(Big.point(x).div(Big.point(x.add(BigDecimal.valueOf(2)))));
        }
        return log(BigDecimal.ONE.add(x));
    }

    /** x 2^k, exactly. */
    private static BigDecimal scaleByTwo(BigDecimal x, int k) {
        if (k >= 0) {
            return x.multiply(new BigDecimal(BigInteger.TWO.pow(k)));
        }
        // 2^-j = 5^j / 10^j
        return x.multiply(new BigDecimal(BigInteger.valueOf(5).pow(-k), -k));
    }

    /** e^x - 1 when {@code minusOne}, else e^x, for |x| <= 1/2: Taylor with the tail bounded by 2 |x|^(K+1)/(K+1)!. */
    private static Big taylor(BigDecimal x, boolean minusOne) {
        Big term = Big.point(BigDecimal.ONE);
        Big sum = minusOne ? Big.point(BigDecimal.ZERO) : Big.point(BigDecimal.ONE);
        Big px = Big.point(x);
        for (int k = 1; k < 400; k++) {
            term = term.times(px).div(Big.point(BigDecimal.valueOf(k)));
            sum = sum.plus(term);
            BigDecimal bound = term.lo.abs().max(term.hi.abs());
            if (bound.compareTo(TINY) < 0 || bound.signum() == 0) {
                // tail: |x|^(k+1)/(k+1)! (1 + |x|/(k+2) + ...) <= |term| |x| / (k+1) * 2 <= |term|
                return sum.widen(bound);
            }
        }
        throw new ArithmeticException("exp series did not converge");
    }

    /** e^x, by e^(x / 2^k) squared k times (|x / 2^k| <= 1/2). */
    static Big exp(BigDecimal x) {
        if (x.compareTo(EXP_OVER) > 0) {
            return new Big(new BigDecimal(Double.MAX_VALUE), new BigDecimal(Double.MAX_VALUE).multiply(BigDecimal.TEN));
        }
        if (x.compareTo(EXP_UNDER) < 0) {
            return new Big(BigDecimal.ZERO, new BigDecimal(Double.MIN_VALUE));
        }
        int k = 0;
        BigDecimal y = x;
        BigDecimal half = new BigDecimal("0.5");
        while (y.abs().compareTo(half) > 0) {
            y = scaleByTwo(y, -1);
            k++;
        }
        // y = j/64 + t with |t| <= 1/128: e^y = e^(j/64) e^t, the first from a table
        int j = y.multiply(BigDecimal.valueOf(64)).setScale(0, RoundingMode.HALF_EVEN).intValueExact();
        BigDecimal c = BigDecimal.valueOf(j).divide(BigDecimal.valueOf(64));
        Big r = taylor(y.subtract(c), false).times(expOfSixtyFourths(j));
        for (int i = 0; i < k; i++) {
            r = r.times(r);
        }
        return new Big(r.lo.max(BigDecimal.ZERO), r.hi);
    }

    /** e^(j/64) for j in -32..32, each enclosed once by the Taylor series. */
    private static final Big[] EXP_TABLE = new Big[65];

    private static Big expOfSixtyFourths(int j) {
        if (j == 0) {
            return Big.point(BigDecimal.ONE);
        }
        synchronized (EXP_TABLE) {
            if (EXP_TABLE[j + 32] == null) {
                EXP_TABLE[j + 32] = taylor(BigDecimal.valueOf(j).divide(BigDecimal.valueOf(64)), false);
            }
            return EXP_TABLE[j + 32];
        }
    }

    /** e^x - 1: the Taylor series without its 1 for |x| <= 1/2 (no cancellation), else e^x - 1. */
    static Big expm1(BigDecimal x) {
        if (x.abs().compareTo(new BigDecimal("0.5")) <= 0) {
            return taylor(x, true);
        }
        return exp(x).minus(Big.point(BigDecimal.ONE));
    }

    /** x^n for x >= 0: binary powering in directed rounding for n up to 64, else e^(n log x). */
    static Big pow(BigDecimal x, long n) {
        if (x.signum() == 0 || x.compareTo(BigDecimal.ONE) == 0) {
            return Big.point(x);
        }
        if (n <= 64) {
            Big result = Big.point(BigDecimal.ONE);
            Big base = Big.point(x);
            long e = n;
            while (e > 0) {
                if ((e & 1) == 1) {
                    result = result.times(base);
                }
                e >>= 1;
                if (e > 0) {
                    base = base.times(base);
                }
            }
            return result;
        }
        Big l = log(x).times(Big.point(BigDecimal.valueOf(n)));
        Big lo = exp(l.lo);
        Big hi = exp(l.hi);
        return new Big(lo.lo, hi.hi);
    }
}
