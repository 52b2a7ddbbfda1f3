package org.bonlab.symbolic;

import java.util.Map;
import org.bonlab.expr.Expr;
import org.bonlab.expr.Rational;

/**
 * Sound enclosures of real expressions over the domains of their symbols, to establish that an expression is
 * positive everywhere on the domain. This is what makes a PowerExpand-style rewrite (\( \log(ab) = \log a +
 * \log b \), \( (a^b)^c = a^{bc} \), \( \sqrt{x^2} = x \)) valid: each needs its bases and log arguments
 * positive, and bonlab applies it only where this class has shown that they are.
 *
 * <p>Each enclosure is a real interval with outward rounding (sums checked exact by TwoSum, otherwise widened by
 * one ulp; the JDK's {@code log}, {@code exp} are within one ulp, so widening by one ulp each way is sound) and
 * with open or closed ends, so that "\( 2^{-n} &gt; 0 \) for every n" and "p &gt; 0 on (0, 1)" are kept: an
 * expression is positive when its lower end is above 0, or is 0 and open. Anything it cannot enclose (an unknown
 * node kind, a log of something not shown positive) is the whole real line, so the answer is "not shown", never
 * a wrong "positive".
 */
final class Positivity {

    /** A real interval; an open end excludes its value (an infinite end is always open). */
    record Bounds(double lo, boolean loOpen, double hi, boolean hiOpen) {

        static final Bounds REAL = new Bounds(Double.NEGATIVE_INFINITY, true, Double.POSITIVE_INFINITY, true);

        /** The open interval (0, 1): a probability parameter. */
        static final Bounds PROBABILITY = new Bounds(0, true, 1, true);

        /** (0, infinity): a temperature or any positive parameter. */
        static final Bounds POSITIVE = new Bounds(0, true, Double.POSITIVE_INFINITY, true);

        /** [from, to], to possibly infinite: a sample count n. */
        static Bounds atLeast(double from, double to) {
            return new Bounds(from, false, to, Double.isInfinite(to));
        }

        static Bounds point(double v) {
            return new Bounds(v, false, v, false);
        }

        /** Every value is above 0. */
        boolean positive() {
            return lo > 0 || lo == 0 && loOpen;
        }

        boolean nonNegative() {
            return lo >= 0;
        }

        boolean negative() {
            return hi < 0 || hi == 0 && hiOpen;
        }

        Bounds negate() {
            return new Bounds(-hi, hiOpen, -lo, loOpen);
        }
    }

    private final Map<Expr.Sym, Bounds> domain;

    /** @param domain the range of each symbol; a symbol not named ranges over the reals */
    Positivity(Map<Expr.Sym, Bounds> domain) {
        this.domain = Map.copyOf(domain);
    }

    /** Whether {@code e} is shown positive at every point of the domain. */
    boolean isPositive(Expr e) {
        return enclose(e).positive();
    }

    Bounds enclose(Expr e) {
        if (e instanceof Expr.Num num) {
            return constant(num);
        }
        if (e instanceof Expr.Sym s) {
            return domain.getOrDefault(s, Bounds.REAL);
        }
        if (e instanceof Expr.Add a) {
            return add(enclose(a.left()), enclose(a.right()));
        }
        if (e instanceof Expr.Sub s) {
            return add(enclose(s.left()), enclose(s.right()).negate());
        }
        if (e instanceof Expr.Neg n) {
            return enclose(n.operand()).negate();
        }
        if (e instanceof Expr.Mul m) {
            return multiply(enclose(m.left()), enclose(m.right()));
        }
        if (e instanceof Expr.Div d) {
            return multiply(enclose(d.numerator()), reciprocal(enclose(d.denominator())));
        }
        if (e instanceof Expr.Exp x) {
            return exp(enclose(x.operand()));
        }
        if (e instanceof Expr.Log l) {
            return log(enclose(l.operand()));
        }
        if (e instanceof Expr.Pow p) {
            return pow(enclose(p.base()), p.exponent());
        }
        if (e instanceof Expr.BinaryEntropy h) {
            Bounds x = enclose(h.operand());
            return x.lo >= 0 && x.hi <= 1 ? new Bounds(0, false, Math.nextUp(Math.log(2)), false) : Bounds.REAL;
        }
        return Bounds.REAL; // a node kind not enclosed here: nothing is claimed about it
    }

    private static Bounds constant(Expr.Num num) {
        if (num.value() instanceof Rational r && r.isInteger() && r.numerator().bitLength() < 53) {
            return Bounds.point(r.numerator().doubleValue()); // exact
        }
        double v = num.value().toDouble();
        if (!Double.isFinite(v)) {
            return Bounds.REAL;
        }
        return new Bounds(Math.nextDown(v), false, Math.nextUp(v), false);
    }

    static Bounds add(Bounds a, Bounds b) {
        double lo = sumDown(a.lo, b.lo);
        double hi = -sumDown(-a.hi, -b.hi);
        return new Bounds(lo, a.loOpen || b.loOpen || Double.isInfinite(lo), hi,
                a.hiOpen || b.hiOpen || Double.isInfinite(hi));
    }

    /** A lower bound on x + y: exact when TwoSum says so, else one ulp below. */
    private static double sumDown(double x, double y) {
        if (Double.isInfinite(x) || Double.isInfinite(y)) {
            return x == Double.NEGATIVE_INFINITY || y == Double.NEGATIVE_INFINITY ? Double.NEGATIVE_INFINITY
                    : Double.POSITIVE_INFINITY;
        }
        double s = x + y;
        double bb = s - x;
        double err = (x - (s - bb)) + (y - bb);
        return err >= 0 && Double.isFinite(s) ? s : Math.nextDown(s);
    }

    static Bounds multiply(Bounds a, Bounds b) {
        if (a.hi <= 0 && b.hi <= 0) {
            return multiply(a.negate(), b.negate());
        }
        if (a.hi <= 0 && b.lo >= 0) {
            return multiply(a.negate(), b).negate();
        }
        if (a.lo >= 0 && b.hi <= 0) {
            return multiply(a, b.negate()).negate();
        }
        if (a.lo >= 0 && b.lo >= 0) {
            double lo = Math.max(0, Math.nextDown(times(a.lo, b.lo)));
            double hi = Math.nextUp(times(a.hi, b.hi));
            boolean strictlyPositive = a.positive() && b.positive();
            return new Bounds(lo, lo == 0 ? strictlyPositive : false, hi, Double.isInfinite(hi) || a.hiOpen
                    || b.hiOpen);
        }
        double[] c = {times(a.lo, b.lo), times(a.lo, b.hi), times(a.hi, b.lo), times(a.hi, b.hi)};
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double x : c) {
            lo = Math.min(lo, x);
            hi = Math.max(hi, x);
        }
        return new Bounds(Math.nextDown(lo), Double.isInfinite(lo), Math.nextUp(hi), Double.isInfinite(hi));
    }

    /** A product of ends, with 0 times an infinite end taken as 0 (the values themselves are finite). */
    private static double times(double x, double y) {
        return x == 0 || y == 0 ? 0 : x * y;
    }

    static Bounds reciprocal(Bounds b) {
        if (b.negative()) {
            return reciprocal(b.negate()).negate();
        }
        if (!b.positive()) {
            return Bounds.REAL;
        }
        double lo = Double.isInfinite(b.hi) ? 0 : Math.max(0, Math.nextDown(1 / b.hi));
        boolean loOpen = Double.isInfinite(b.hi) || b.hiOpen || lo == 0;
        double hi = b.lo == 0 ? Double.POSITIVE_INFINITY : Math.nextUp(1 / b.lo);
        return new Bounds(lo, loOpen, hi, Double.isInfinite(hi) || b.loOpen);
    }

    /** exp, exact at 0. */
    static Bounds exp(Bounds x) {
        double lo = x.lo == 0 ? 1 : Math.max(0, Math.nextDown(Math.exp(x.lo)));
        double hi = x.hi == 0 ? 1 : Math.nextUp(Math.exp(x.hi));
        return new Bounds(lo, lo == 0 || x.loOpen, hi, Double.isInfinite(hi) || x.hiOpen);
    }

    /** log, exact at 1 (so a base in (0, 1) has a negative log, and its positive powers stay in (0, 1)). */
    static Bounds log(Bounds x) {
        if (!x.positive()) {
            return Bounds.REAL;
        }
        double lo = x.lo == 0 ? Double.NEGATIVE_INFINITY : x.lo == 1 ? 0 : Math.nextDown(Math.log(x.lo));
        double hi = Double.isInfinite(x.hi) ? Double.POSITIVE_INFINITY : x.hi == 1 ? 0 : Math.nextUp(Math.log(x.hi));
        return new Bounds(lo, Double.isInfinite(lo) || x.loOpen, hi, Double.isInfinite(hi) || x.hiOpen);
    }

    private Bounds pow(Bounds base, Expr exponent) {
        if (exponent instanceof Expr.Num num && num.value() instanceof Rational r && r.isInteger()
                && r.numerator().bitLength() < 31) {
            int k = r.numerator().intValue();
            if (k == 0) {
                return Bounds.point(1);
            }
            if (k < 0) {
                return reciprocal(integerPower(base, -k));
            }
            return integerPower(base, k);
        }
        if (!base.positive()) {
            return Bounds.REAL; // a real power of a base not shown positive: nothing is claimed
        }
        return exp(multiply(enclose(exponent), log(base)));
    }

    private static Bounds integerPower(Bounds base, int k) {
        if (k > 64) {
            return base.positive() ? exp(multiply(Bounds.point(k), log(base)))
                    : k % 2 == 0 ? new Bounds(0, false, Double.POSITIVE_INFINITY, true) : Bounds.REAL;
        }
        if (k % 2 == 0 && !base.nonNegative()) {
            // an even power is |x|^k: from the enclosure of |x|
            Bounds abs = base.hi <= 0 ? base.negate()
                    : new Bounds(0, false, Math.max(-base.lo, base.hi), Double.isInfinite(base.lo) || base.hiOpen);
            return integerPower(abs, k);
        }
        Bounds out = Bounds.point(1);
        for (int i = 0; i < k; i++) {
            out = multiply(out, base);
        }
        return out;
    }
}
