package org.bonlab.expr;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.Locale;
import java.util.Objects;

/**
 * An exact rational number {@code numerator / denominator} in lowest terms with a positive denominator.
 *
 * <p>Decimal text such as {@code "0.1"} or {@code "1e-300"} parses to the exact rational it denotes, so
 * probabilities given with 60 digits are kept to 60 digits.
 */
public record Rational(BigInteger numerator, BigInteger denominator) implements Scalar, Comparable<Rational> {

    public static final Rational ZERO = new Rational(BigInteger.ZERO, BigInteger.ONE);
    public static final Rational ONE = new Rational(BigInteger.ONE, BigInteger.ONE);

    public Rational {
        Objects.requireNonNull(numerator, "numerator");
        Objects.requireNonNull(denominator, "denominator");
        if (denominator.signum() == 0) {
            throw new ArithmeticException("denominator must be non-zero, but was 0 (numerator " + numerator + ")");
        }
        if (denominator.signum() < 0) {
            numerator = numerator.negate();
            denominator = denominator.negate();
        }
        BigInteger g = gcd(numerator, denominator);
        if (!g.equals(BigInteger.ONE) && g.signum() != 0) {
            numerator = numerator.divide(g);
            denominator = denominator.divide(g);
        }
        if (numerator.signum() == 0) {
            denominator = BigInteger.ONE;
        }
    }

    /**
     * The greatest common divisor. When one operand fits in a long (every probability read from a CSV file with up
     * to 18 significant digits), gcd(a, b) = gcd(a, b mod a) takes one short division and a binary gcd on longs
     * instead of {@link BigInteger#gcd}'s mutable big integers.
     */
    private static BigInteger gcd(BigInteger a, BigInteger b) {
        BigInteger small = a.bitLength() <= b.bitLength() ? a : b;
        BigInteger large = small == a ? b : a;
        if (small.bitLength() >= 63) {
            return a.gcd(b);
        }
        long x = Math.abs(small.longValue());
        if (x == 0) {
            return large.abs();
        }
        long y = large.bitLength() < 63 ? Math.abs(large.longValue()) : remainder(large, x);
        if (y == 0) {
            return BigInteger.valueOf(x);
        }
        int shift = Long.numberOfTrailingZeros(x | y);
        x >>= Long.numberOfTrailingZeros(x);
        while (y != 0) {
            y >>= Long.numberOfTrailingZeros(y);
            if (x > y) {
                long t = x;
                x = y;
                y = t;
            }
            y -= x;
        }
        return x << shift == 1 ? BigInteger.ONE : BigInteger.valueOf(x << shift);
    }

    /**
     * |b| mod x for 0 < x < 2^62: for |b| below 2^128 by long arithmetic, the low word's bits shifted in one at a
     * time (r < x keeps 2r + 1 below 2^63), without {@link BigInteger#mod}'s allocations; else by it.
     */
    private static long remainder(BigInteger b, long x) {
        BigInteger magnitude = b.signum() < 0 ? b.negate() : b;
        if (magnitude.bitLength() > 128) {
            return magnitude.mod(BigInteger.valueOf(x)).longValue();
        }
        long low = magnitude.longValue();
        long r = Long.remainderUnsigned(magnitude.shiftRight(64).longValue(), x);
        for (int bit = 63; bit >= 0; bit--) {
            r = (r << 1) | ((low >>> bit) & 1);
            if (r >= x) {
                r -= x;
            }
        }
        return r;
    }

    public static Rational of(long value) {
        return new Rational(BigInteger.valueOf(value), BigInteger.ONE);
    }

    public static Rational of(long numerator, long denominator) {
        return new Rational(BigInteger.valueOf(numerator), BigInteger.valueOf(denominator));
    }

    public static Rational of(BigDecimal value) {
        BigDecimal v = value.stripTrailingZeros();
        if (v.scale() <= 0) {
            return new Rational(v.toBigIntegerExact(), BigInteger.ONE);
        }
        return new Rational(v.unscaledValue(), v.scale() < TENS.length ? TENS[v.scale()] : BigInteger.TEN.pow(v.scale()));
    }

    /** 10^0 .. 10^399: the denominators of decimals, computed once. */
    private static final BigInteger[] TENS = new BigInteger[400];

    static {
        TENS[0] = BigInteger.ONE;
        for (int k = 1; k < TENS.length; k++) {
            TENS[k] = TENS[k - 1].multiply(BigInteger.TEN);
        }
    }

    /**
     * Parses {@code "3"}, {@code "-0.25"}, {@code "1e-300"} or {@code "1/3"} exactly.
     *
     * @throws NumberFormatException naming the text when it is not such a number
     */
    public static Rational parse(String text) {
        String t = text.strip();
        try {
            int slash = t.indexOf('/');
            if (slash >= 0) {
                return new Rational(new BigInteger(t.substring(0, slash).strip()),
                        new BigInteger(t.substring(slash + 1).strip()));
            }
            Rational plain = plainDecimal(t);
            return plain != null ? plain : of(new BigDecimal(t));
        } catch (NumberFormatException | ArithmeticException e) {
            throw new NumberFormatException(
                    String.format(Locale.ROOT, "not a number: '%s' (expected e.g. 0.25, 1e-3 or 1/4)", text));
        }
    }

    /**
     * As {@link #parse(String)}, reading plain decimal text (no spaces around it) straight from {@code text}, so that a
     * reader of many numbers can pass a view of its buffer instead of making a string for each; other text goes
     * through {@link #parse(String)}.
     *
     * @throws NumberFormatException naming the text when it is not a number
     */
    public static Rational parse(CharSequence text) {
        Rational plain = text.length() == 0 ? null : plainDecimal(text);
        return plain != null ? plain : parse(text.toString());
    }

    /**
     * Decimal text ({@code "0.000123"}, {@code "-7"}, {@code "1.25e-06"}: optional sign, digits with at most one
     * point, an optional exponent) with at most 18 significant digits, read into a long without {@link BigDecimal}
     * (the cost of reading a PMF file of 10^6 rows); null for any other
     * text, which {@link BigDecimal} then reads (and rejects if it is not a number).
     */
    private static Rational plainDecimal(CharSequence t) {
        DecimalReader r = new DecimalReader();
        return r.read(t) ? r.value() : null;
    }

    /**
     * Reads plain decimal text ({@code "0.000123"}, {@code "-7"}, {@code "1.25e-06"}: optional sign, digits with at
     * most one point, an optional exponent of up to four digits; at most 18 significant digits) into a long and a
     * number of decimal places, without {@link BigDecimal}. One reader serves a whole file (it keeps the last
     * number read); not for use by two threads at once.
     */
    public static final class DecimalReader {
        private long unscaled;
        private int places;
        private boolean negative;

        /** Whether {@code t} is plain decimal text; if so, {@link #unscaled} and {@link #places} give its value. */
        public boolean read(CharSequence t) {
            int i = 0;
            int length = t.length();
            boolean negative = false;
            if (i < length && (t.charAt(i) == '-' || t.charAt(i) == '+')) {
                negative = t.charAt(i) == '-';
                i++;
            }
            long u = 0;
            boolean sawDigit = false;
            int digits = 0;
            int scale = -1; // digits after the point, -1 before a point is seen
            for (; i < length; i++) {
                char c = t.charAt(i);
                if (c == '.' && scale < 0) {
                    scale = 0;
                } else if (c >= '0' && c <= '9') {
                    sawDigit = true;
                    if (u != 0 || c != '0') {
                        if (++digits > 18) {
                            return false;
                        }
                    }
                    u = u * 10 + (c - '0');
                    if (scale >= 0) {
                        scale++;
                    }
                } else if ((c == 'e' || c == 'E') && sawDigit) {
                    break;
                } else {
                    return false;
                }
            }
            int exponent = 0;
            if (i < length) { // an exponent: 'e', an optional sign, then one to four digits
                int j = i + 1;
                boolean negativeExponent = j < length && t.charAt(j) == '-';
                if (j < length && (t.charAt(j) == '-' || t.charAt(j) == '+')) {
                    j++;
                }
                if (j == length || length - j > 4) {
                    return false;
                }
                for (; j < length; j++) {
                    char c = t.charAt(j);
                    if (c < '0' || c > '9') {
                        return false;
                    }
                    exponent = exponent * 10 + (c - '0');
                }
                exponent = negativeExponent ? -exponent : exponent;
            }
            int p = Math.max(scale, 0) - exponent;
            if (!sawDigit || p >= TENS.length || p < -18 + digits) {
                return false; // no digits, or too many places for the table, or an integer too large for a long
            }
            for (; p < 0; p++) {
                u *= 10; // at most 18 digits in all: no overflow
            }
            unscaled = negative ? -u : u;
            places = p;
            this.negative = negative;
            return true;
        }

        /** The last number read: unscaled * 10^-places. */
        public long unscaled() {
            return unscaled;
        }

        /** Decimal places of the last number read, in [0, 400). */
        public int places() {
            return places;
        }

        /** The last number read, exactly. */
        public Rational value() {
            return decimal(unscaled, places);
        }

        /** The double nearest the last number read (-0.0 for "-0", as {@link Double#parseDouble}). */
        public double toDouble() {
            double v = nearestDouble(Math.abs(unscaled), places);
            return negative ? -v : v;
        }
    }

    /** 10^0 .. 10^22, each a double exactly. */
    private static final double[] EXACT_POWERS_OF_TEN = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

    /**
     * The double nearest the decimal unscaled * 10^-places: for unscaled below 2^53 and at most 22 places by one
     * division of two doubles that are exact (one correct rounding: Clinger's fast path), else through the exact
     * rational's {@link #toDouble()}.
     */
    public static double nearestDouble(long unscaled, int places) {
        if (Math.abs(unscaled) < (1L << 53) && places >= 0 && places < EXACT_POWERS_OF_TEN.length) {
            return unscaled / EXACT_POWERS_OF_TEN[places];
        }
        return decimal(unscaled, places).toDouble();
    }

    /**
     * The decimal unscaled * 10^-places exactly, in lowest terms by long arithmetic: the factors 2 and 5 of the
     * numerator cancel against 10^places = 2^places 5^places, so the denominator 2^a 5^b is one shared object.
     *
     * @throws IllegalArgumentException when places is outside [0, 400)
     */
    public static Rational decimal(long unscaled, int places) {
        if (places < 0 || places >= TENS.length) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "places must be in [0, %d), but was %d", TENS.length, places));
        }
        if (unscaled == 0) {
            return ZERO;
        }
        if (unscaled == Long.MIN_VALUE) {
            return new Rational(BigInteger.valueOf(unscaled), TENS[places]);
        }
        boolean negative = unscaled < 0;
        long u = Math.abs(unscaled);
        int twos = Math.min(Long.numberOfTrailingZeros(u), places);
        u >>= twos;
        int fives = 0;
        while (fives < places && u % 5 == 0) {
            u /= 5;
            fives++;
        }
        return new Rational(BigInteger.valueOf(negative ? -u : u), decimalDenominator(places - twos, places - fives));
    }

    /** 2^a 5^b for a, b below {@link #TENS}'s length, each made once and shared. */
    private static final java.util.concurrent.ConcurrentHashMap<Integer, BigInteger> DECIMAL_DENOMINATORS =
            new java.util.concurrent.ConcurrentHashMap<>();

    private static BigInteger decimalDenominator(int twos, int fives) {
        if (twos == fives) {
            return TENS[twos];
        }
        return DECIMAL_DENOMINATORS.computeIfAbsent(twos * TENS.length + fives,
                key -> BigInteger.valueOf(5).pow(fives).shiftLeft(twos));
    }

    public boolean isInteger() {
        return denominator.equals(BigInteger.ONE);
    }

    public int signum() {
        return numerator.signum();
    }

    public Rational plus(Rational o) {
        return new Rational(numerator.multiply(o.denominator).add(o.numerator.multiply(denominator)),
                denominator.multiply(o.denominator));
    }

    public Rational minus(Rational o) {
        return plus(o.negate());
    }

    public Rational times(Rational o) {
        return new Rational(numerator.multiply(o.numerator), denominator.multiply(o.denominator));
    }

    public Rational div(Rational o) {
        if (o.signum() == 0) {
            throw new ArithmeticException("divisor must be non-zero, but was 0 (dividend " + this + ")");
        }
        return new Rational(numerator.multiply(o.denominator), denominator.multiply(o.numerator));
    }

    public Rational negate() {
        return new Rational(numerator.negate(), denominator);
    }

    public Rational abs() {
        return signum() < 0 ? negate() : this;
    }

    @Override
    /**
     * The nearest double (ties to even), without strings: the quotient scaled to 61..63 bits by one integer division,
     * the remainder folded into its last bit (so the long-to-double conversion rounds as the exact value would), then
     * scaled back exactly; a result outside the normal range goes through {@link BigDecimal}.
     */
    public double toDouble() {
        int sign = numerator.signum();
        if (sign == 0) {
            return 0.0;
        }
        if (exactDouble(numerator) && exactDouble(denominator)) {
            // both operands are doubles exactly, and IEEE division rounds the exact quotient once (ties to even)
            return numerator.doubleValue() / denominator.doubleValue();
        }
        BigInteger n = numerator.abs();
        int shift = 62 - (n.bitLength() - denominator.bitLength());
        BigInteger[] qr = (shift >= 0 ? n.shiftLeft(shift) : n)
                .divideAndRemainder(shift >= 0 ? denominator : denominator.shiftLeft(-shift));
        long q = qr[0].longValue(); // in [2^61, 2^63)
        if (qr[1].signum() != 0) {
            q |= 1; // sticky: far below the rounding position of a 53-bit significand
        }
        double x = (double) q;
        int exponent = Math.getExponent(x) - shift;
        if (exponent <= Double.MIN_EXPONENT || exponent > Double.MAX_EXPONENT) {
            return toBigDecimal(new MathContext(40)).doubleValue(); // subnormal or overflowing: rounded once, there
        }
        return sign * Math.scalb(x, -shift);
    }

    /** Whether b is a double exactly: at most 53 significant bits (and far from overflow). */
    private static boolean exactDouble(BigInteger b) {
        BigInteger magnitude = b.signum() < 0 ? b.negate() : b;
        int bits = magnitude.bitLength();
        return bits <= 1000 && bits - magnitude.getLowestSetBit() <= 53;
    }

    public BigDecimal toBigDecimal(MathContext mc) {
        BigDecimal terminating = terminatingDecimal();
        if (terminating != null) {
            return terminating.round(mc); // exact, then rounded once: no long division
        }
        return new BigDecimal(numerator).divide(new BigDecimal(denominator), mc);
    }

    private static final BigInteger FIVE = BigInteger.valueOf(5);
    private static final double LOG2_5 = Math.log(5) / Math.log(2);
    /** 5^0 .. 5^80: the denominators of decimals with up to 80 places. */
    private static final BigInteger[] FIVES = new BigInteger[81];

    static {
        FIVES[0] = BigInteger.ONE;
        for (int b = 1; b < FIVES.length; b++) {
            FIVES[b] = FIVES[b - 1].multiply(FIVE);
        }
    }

    /**
     * The exact decimal value when the denominator is 2^a 5^b (every number read from decimal text, such as a
     * probability in a CSV file), else null: n / (2^a 5^b) = n 2^(m-a) 5^(m-b) / 10^m with m = max(a, b).
     */
    private BigDecimal terminatingDecimal() {
        int twos = denominator.getLowestSetBit();
        BigInteger rest = denominator.shiftRight(twos);
        int fives = -1;
        // 5^b has 2.32 b bits: at most two candidates to compare with, for b below FIVES.length
        int guess = (int) Math.floor((rest.bitLength() - 1) / LOG2_5);
        for (int b = Math.max(0, guess - 1); b <= guess + 1 && b < FIVES.length; b++) {
            if (FIVES[b].equals(rest)) {
                fives = b;
            }
        }
        if (fives < 0) {
            return null;
        }
        int m = Math.max(twos, fives);
        BigInteger scaled = numerator.shiftLeft(m - twos).multiply(FIVE.pow(m - fives));
        return new BigDecimal(scaled, m);
    }

    @Override
    public BigDecimal toBigDecimal() {
        return toBigDecimal(new MathContext(80));
    }

    @Override
    public boolean isExact() {
        return true;
    }

    @Override
    public Rational toRational() {
        return this;
    }

    @Override
    public int compareTo(Rational o) {
        return numerator.multiply(o.denominator).compareTo(o.numerator.multiply(denominator));
    }

    @Override
    public String toString() {
        return isInteger() ? numerator.toString() : numerator + "/" + denominator;
    }
}
