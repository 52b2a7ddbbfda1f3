package org.bonlab.numeric.interval;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Optional;
import org.bonlab.expr.Expr;
import org.bonlab.expr.Rational;

/**
 * An expression that is a rational function of n alone, enclosed over every n in [a, infinity] through t = 1/n.
 * Interval arithmetic over n in [a, infinity] loses everything where terms cancel as n grows: n/(n+1) - 1 + 1/(2n)
 * is [0, infinity] - 1 + [0, 1/(2a)] there, though it equals (1 - n)/(2n(n+1)) < 0. Here the expression is first
 * brought to one fraction P(n)/Q(n) with exact rational coefficients (a sum, difference, product or quotient of
 * fractions, an integer power; Q is the product of every denominator met, so it vanishes wherever any of the
 * expression's divisions does, and the two are equal wherever Q(n) != 0). With p and q the degrees, P(n)/Q(n) =
 * n^(p-q) P~(t)/Q~(t), where P~(t) = t^p P(1/t) is a polynomial in t whose constant term is P's leading
 * coefficient; over t in [0, 1/a] Horner's scheme in intervals keeps that term apart from the small ones, so the
 * sign of the leading behaviour survives. An enclosure is returned only when Q~ is bounded away from 0 on [0, 1/a]
 * (so Q(n) != 0 for every n >= a, and the expression is defined there).
 */
final class RationalTail {

    /** Most degree of a numerator or denominator (beyond, the coefficients' sizes grow for nothing). */
    static final int MAX_DEGREE = 24;

    private RationalTail() {
    }

    /** A polynomial in n: coefficients from the constant term up, the highest non-zero (or none: zero). */
    record Poly(Rational[] c) {
        static Poly constant(Rational r) {
            return new Poly(r.signum() == 0 ? new Rational[0] : new Rational[] {r});
        }

        int degree() {
            return c.length - 1;
        }

        Poly plus(Poly o) {
            Rational[] s = new Rational[Math.max(c.length, o.c.length)];
            for (int i = 0; i < s.length; i++) {
                Rational a = i < c.length ? c[i] : Rational.ZERO;
                s[i] = i < o.c.length ? a.plus(o.c[i]) : a;
            }
            return trimmed(s);
        }

        Poly negate() {
            Rational[] s = new Rational[c.length];
            for (int i = 0; i < s.length; i++) {
                s[i] = c[i].negate();
            }
            return new Poly(s);
        }

        Poly times(Poly o) {
            if (c.length == 0 || o.c.length == 0) {
                return new Poly(new Rational[0]);
            }
            Rational[] s = new Rational[c.length + o.c.length - 1];
            Arrays.fill(s, Rational.ZERO);
            for (int i = 0; i < c.length; i++) {
                for (int j = 0; j < o.c.length; j++) {
                    s[i + j] = s[i + j].plus(c[i].times(o.c[j]));
                }
            }
            return trimmed(s);
        }

        private static Poly trimmed(Rational[] s) {
            int n = s.length;
            while (n > 0 && s[n - 1].signum() == 0) {
                n--;
            }
            return new Poly(Arrays.copyOf(s, n));
        }
    }

    /** P/Q. */
    record Fraction(Poly num, Poly den) {
        Fraction plus(Fraction o) {
            return new Fraction(num.times(o.den).plus(o.num.times(den)), den.times(o.den));
        }

        Fraction times(Fraction o) {
            return new Fraction(num.times(o.num), den.times(o.den));
        }

        Fraction inverse() {
            return new Fraction(den, num);
        }

        boolean tooLarge() {
            return num.degree() > MAX_DEGREE || den.degree() > MAX_DEGREE;
        }
    }

    /** {@code e} as one fraction in {@code n}, or empty when it is not a rational function of n alone. */
    private static Optional<Fraction> of(Expr e, Expr.Sym n) {
        Fraction f = fraction(e, n);
        return f == null || f.den().c().length == 0 ? Optional.empty() : Optional.of(f);
    }

    static Fraction fraction(Expr e, Expr.Sym n) {
        Fraction f = build(e, n);
        return f == null || f.tooLarge() ? null : f;
    }

    private static Fraction build(Expr e, Expr.Sym n) {
        if (e instanceof Expr.Num num) {
            return new Fraction(Poly.constant(num.value().toRational()), Poly.constant(Rational.ONE));
        }
        if (e instanceof Expr.Sym s) {
            return s.equals(n) ? new Fraction(new Poly(new Rational[] {Rational.ZERO, Rational.ONE}),
                    Poly.constant(Rational.ONE)) : null;
        }
        if (e instanceof Expr.Defined d) {
            return fraction(d.definition(), n);
        }
        if (e instanceof Expr.Neg neg) {
            Fraction a = fraction(neg.operand(), n);
            return a == null ? null : new Fraction(a.num().negate(), a.den());
        }
        if (e instanceof Expr.Add add) {
            Fraction a = fraction(add.left(), n);
            Fraction b = a == null ? null : fraction(add.right(), n);
            return b == null ? null : a.plus(b);
        }
        if (e instanceof Expr.Sub sub) {
            Fraction a = fraction(sub.left(), n);
            Fraction b = a == null ? null : fraction(sub.right(), n);
            return b == null ? null : a.plus(new Fraction(b.num().negate(), b.den()));
        }
        if (e instanceof Expr.Mul mul) {
            Fraction a = fraction(mul.left(), n);
            Fraction b = a == null ? null : fraction(mul.right(), n);
            return b == null ? null : a.times(b);
        }
        if (e instanceof Expr.Div div) {
            Fraction a = fraction(div.numerator(), n);
            Fraction b = a == null ? null : fraction(div.denominator(), n);
            return b == null || b.num().c().length == 0 ? null : a.times(b.inverse());
        }
        if (e instanceof Expr.Pow pow && pow.exponent() instanceof Expr.Num k) {
            Rational r = k.value().toRational();
            if (!r.denominator().equals(java.math.BigInteger.ONE) || r.numerator().abs().bitLength() > 5) {
                return null;
            }
            int m = r.numerator().intValueExact();
            Fraction base = fraction(pow.base(), n);
            if (base == null || m < 0 && base.num().c().length == 0) {
                return null;
            }
            Fraction result = new Fraction(Poly.constant(Rational.ONE), Poly.constant(Rational.ONE));
            for (int i = 0; i < Math.abs(m); i++) {
                result = result.times(base);
                if (result.tooLarge()) {
                    return null;
                }
            }
            return m < 0 ? result.inverse() : result;
        }
        return null;
    }

    /** R0(n) + R1(n) log n, with R0 and R1 rational functions of n (R1 = 0: no logarithm). */
    record LogLinear(Fraction r0, Fraction r1) {
        static final Fraction ZERO = new Fraction(new Poly(new Rational[0]), Poly.constant(Rational.ONE));

        boolean hasLog() {
            return r1.num().c().length > 0;
        }
    }

    /**
     * An enclosure of {@code e} over every real n in [a, infinity] (a >= 1), or empty when {@code e} is neither of
     * the form R0(n) + R1(n) log n with R0 and R1 rational functions of n alone, their denominators bounded away from
     * 0 there, and R1 of one sign there, nor a polynomial in log n and in logs of linear functions of n that
     * {@link LogPolynomial} encloses.
     *
     * <p>With log n present: log a <= log n <= log a + (n - a)/a on [a, infinity] (log is increasing and concave,
     * the upper bound its tangent at a), with log a replaced by rationals below and above it (the ends of its
     * outward-rounded enclosure). Where R1 >= 0 the lower end is that of the rational function R0 + R1 lambda_lo
     * and the upper end that of R0 + R1 (lambda_hi + (n - a)/a); where R1 <= 0 the other way round. Each is one
     * fraction in t = 1/n as below.
     */
    static Optional<Interval> enclose(Expr e, Expr.Sym n, double a) {
        if (!(a >= 1) || Double.isInfinite(a)) {
            return Optional.empty();
        }
        LogLinear l = LogPolynomial.linear(e, n, a);
        if (l == null) {
            return LogPolynomial.enclose(e, n, a);
        }
        Optional<Interval> linear = l.hasLog() ? logLinear(l, a) : rational(e, n, a);
        if (linear.isPresent() && (linear.get().lo() >= 0 || linear.get().hi() < 0)) {
            return linear;
        }
        Optional<Interval> general = LogPolynomial.enclose(e, n, a);
        if (linear.isEmpty() || general.isEmpty()) {
            return linear.isPresent() ? linear : general;
        }
        // two enclosures of the same values: their common part (they always meet, both being sound)
        double lo = Math.max(linear.get().lo(), general.get().lo());
        double hi = Math.min(linear.get().hi(), general.get().hi());
        return lo <= hi ? Optional.of(new Interval(lo, hi)) : Optional.empty();
    }

    /** The enclosure of R0 + R1 log n by log a and the tangent at a (see {@link #enclose(Expr, Expr.Sym, double)}). */
    private static Optional<Interval> logLinear(LogLinear l, double a) {
        Optional<Interval> r1 = enclose(l.r1(), a);
        if (r1.isEmpty() || !(r1.get().lo() >= 0 || r1.get().hi() <= 0)) {
            return Optional.empty();
        }
        Interval logA = Interval.point(a).log();
        Fraction lambdaLo = constantFraction(Rational.of(new BigDecimal(logA.lo())));
        Fraction lambdaHi = constantFraction(Rational.of(new BigDecimal(logA.hi())));
        Rational ar = Rational.of(new BigDecimal(a));
        // the tangent at a: log a + (n - a)/a <= lambda_hi + n/a - 1
        Fraction tangent = lambdaHi.plus(new Fraction(new Poly(new Rational[] {Rational.ONE.negate(),
            Rational.ONE.div(ar)}), Poly.constant(Rational.ONE)));
        boolean positive = r1.get().lo() >= 0;
        Fraction low = l.r0().plus(l.r1().times(positive ? lambdaLo : tangent));
        Fraction high = l.r0().plus(l.r1().times(positive ? tangent : lambdaLo));
        if (low.tooLarge() || high.tooLarge()) {
            return Optional.empty();
        }
        Optional<Interval> lo = enclose(low, a);
        Optional<Interval> hi = enclose(high, a);
        if (lo.isEmpty() || hi.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Interval(lo.get().lo(), Math.max(lo.get().lo(), hi.get().hi())));
    }

    private static Fraction constantFraction(Rational r) {
        return new Fraction(Poly.constant(r), Poly.constant(Rational.ONE));
    }

    /** The enclosure of a rational function of n alone (see the class comment). */
    private static Optional<Interval> rational(Expr e, Expr.Sym n, double a) {
        if (!(a >= 1) || Double.isInfinite(a)) {
            return Optional.empty();
        }
        Optional<Fraction> form;
        try {
            form = of(e, n);
        } catch (ArithmeticException | IllegalArgumentException ex) {
            return Optional.empty(); // a constant that is not a number the fraction can hold
        }
        return form.isEmpty() ? Optional.empty() : enclose(form.get(), a);
    }

    /** The enclosure of P/Q over n in [a, infinity], or empty when Q~ is not bounded away from 0 there. */
    private static Optional<Interval> enclose(Fraction f, double a) {
        if (f.den().c().length == 0) {
            return Optional.empty();
        }
        Poly num = f.num();
        Poly den = f.den();
        if (num.c().length == 0) {
            return Optional.of(Interval.point(0));
        }
        Interval t = new Interval(0, new Interval(1, 1).div(Interval.point(a)).hi());
        Interval q = reversedHorner(den, t);
        if (q.lo() <= 0 && q.hi() >= 0) {
            return Optional.empty();
        }
        Interval ratio = reversedHorner(num, t).div(q);
        int k = num.degree() - den.degree();
        Interval scale = k <= 0 ? t.pow(-k) : new Interval(a, Double.POSITIVE_INFINITY).pow(k);
        return Optional.of(scale.times(ratio));
    }

    /** P~(t) = t^p P(1/t) = c_p + c_(p-1) t + ... + c_0 t^p over the interval t, by Horner's scheme. */
    static Interval reversedHorner(Poly p, Interval t) {
        Rational[] c = p.c();
        Interval v = enclosure(c[0]);
        for (int i = 1; i < c.length; i++) {
            v = v.times(t).plus(enclosure(c[i]));
        }
        return v;
    }

    /** The nearest doubles around a rational (the point itself when it is a double). */
    static Interval enclosure(Rational r) {
        double d = r.toDouble();
        if (!Double.isFinite(d)) {
            return new Interval(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY); // beyond the doubles: no bound
        }
        double lo = d;
        double hi = d;
        while (Rational.of(new BigDecimal(lo)).compareTo(r) > 0) {
            lo = Math.nextDown(lo);
        }
        while (Rational.of(new BigDecimal(hi)).compareTo(r) < 0) {
            hi = Math.nextUp(hi);
        }
        return new Interval(lo, hi);
    }
}
