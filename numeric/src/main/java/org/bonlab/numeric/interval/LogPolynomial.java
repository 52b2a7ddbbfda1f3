package org.bonlab.numeric.interval;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bonlab.expr.Expr;
import org.bonlab.expr.Rational;
import org.bonlab.numeric.interval.RationalTail.Fraction;
import org.bonlab.numeric.interval.RationalTail.Poly;

/**
 * An expression in n that is a polynomial in log n with coefficients rational in n, and logs of linear functions of
 * n, enclosed over every real n in [a, infinity] by its leading behaviour: \( (\log n)^2 - 3 \log n + 1/n \),
 * \( \log(n + 1) - \log n - 1/n \), \( n \log(n + 3) - n \log n - 3 \). {@link RationalTail} takes R0 + R1 log n by
 * the tangent of log at a; this class takes what that does not reach: higher powers of log n, logs of α n + β and
 * of positive constants. It also reads the forms R0 + R1 log n for that tangent ({@link #linear}): one reader of
 * these expressions for both.
 *
 * <p>The form. The expression is brought to a sum of terms \( c(n) \ell^k I \) with \( \ell = \log n \), c a
 * rational function of n with exact rational coefficients, k &ge; 0 and I an interval factor (1 for an exact term).
 * Exact terms with the same k are added exactly, so the parts that cancel as n grows cancel before any rounding. A
 * log of a positive constant c is an interval constant; \( \log(\alpha n + \beta) \) with \( \alpha &gt; 0 \) is
 * \( \log \alpha + \ell + t\,g \), t = 1/n, where \( g = \mathrm{log1p}(x)/x \) at \( x = (\beta/\alpha) t \), and g
 * is decreasing on (-1, infinity) with g(0) = 1, so it lies between its values at the ends of x's range over
 * \( t \in [0, 1/a] \) (which must stay above -1: \( \alpha a + \beta &gt; 0 \)).
 *
 * <p>The enclosure. Each coefficient is \( c(n) = n^{d} \tilde c(t) \) with d its degree (numerator's less
 * denominator's) and \( \tilde c \) a ratio of polynomials in t whose constant terms are the leading coefficients,
 * enclosed over t in [0, 1/a] by Horner's scheme (the denominator's enclosure must not contain 0). With D the largest
 * degree and K the largest power of \( \ell \) among the terms of degree D, the expression is
 * \( n^D \ell^K S \) with \( S = \sum \tilde c(t)\, I\, t^{D-d} \ell^{k-K} \), and each weight
 * \( t^m \ell^j \) (m &ge; 0; j &le; 0 where m = 0) is enclosed over n &ge; a: \( \ell^{-|j|} \le (\log a)^{-|j|} \)
 * (so a &gt; 1 wherever a power of \( \ell \) is divided out), \( t^m \le a^{-m} \), and for j &gt; 0, m &gt; 0
 * \( \ell^j / n^m \) is at most its value at a where \( \log a \ge j/m \), and at most its peak \( (j/(m e))^j \)
 * elsewhere. So S is an interval holding the expression's ratio to \( n^D \ell^K \) at every n &ge; a (for K = 0
 * or terms all of power K, also at n = 1), and its sign is that of the leading coefficient once a is large enough.
 * The scale \( n^D \ell^K \) lies in \( [a^D (\log a)^K, \infty) \) for D &ge; 0 and in \( [0, \text{peak}] \) for
 * D &lt; 0. Every step is an {@link Interval} operation, so in {@link ExactArithmetic} (a certificate's check) the
 * same steps run with exact rationals and series with remainder bounds.
 */
final class LogPolynomial {

    /** Most terms kept (beyond, the expansion is not worth its cost). */
    static final int MAX_TERMS = 64;

    /** Highest power of log n kept. */
    static final int MAX_LOG_POWER = 8;

    /** Highest integer power expanded. */
    static final int MAX_POWER = 8;

    private LogPolynomial() {
    }

    /** \( c(n) \ell^k \), times {@code factor} (null for an exact term). */
    private record Term(Fraction coef, int k, Interval factor) {
    }

    private static final Fraction ONE = constant(Rational.ONE);

    private static Fraction constant(Rational r) {
        return new Fraction(Poly.constant(r), Poly.constant(Rational.ONE));
    }

    /** Sums like exact terms and drops zero ones; null when the result is too large. */
    private static List<Term> normal(List<Term> terms) {
        List<Term> out = new ArrayList<>();
        Fraction[] exact = new Fraction[MAX_LOG_POWER + 1];
        for (Term t : terms) {
            if (t.k() > MAX_LOG_POWER) {
                return null;
            }
            if (t.factor() == null) {
                exact[t.k()] = exact[t.k()] == null ? t.coef() : exact[t.k()].plus(t.coef());
                if (exact[t.k()].tooLarge()) {
                    return null;
                }
            } else if (t.coef().num().c().length > 0) {
                out.add(t);
            }
        }
        for (int k = 0; k <= MAX_LOG_POWER; k++) {
            if (exact[k] != null && exact[k].num().c().length > 0) {
                out.add(new Term(exact[k], k, null));
            }
        }
        return out.size() > MAX_TERMS ? null : out;
    }

    private static List<Term> plus(List<Term> x, List<Term> y) {
        List<Term> all = new ArrayList<>(x);
        all.addAll(y);
        return normal(all);
    }

    private static List<Term> negate(List<Term> x) {
        List<Term> out = new ArrayList<>();
        for (Term t : x) {
            out.add(new Term(new Fraction(t.coef().num().negate(), t.coef().den()), t.k(), t.factor()));
        }
        return out;
    }

    private static List<Term> times(List<Term> x, List<Term> y) {
        if ((long) x.size() * y.size() > 4L * MAX_TERMS) {
            return null;
        }
        List<Term> all = new ArrayList<>();
        for (Term u : x) {
            for (Term v : y) {
                Fraction c = u.coef().times(v.coef());
                if (c.tooLarge()) {
                    return null;
                }
                Interval f = u.factor() == null ? v.factor() : v.factor() == null ? u.factor()
                        : u.factor().times(v.factor());
                all.add(new Term(c, u.k() + v.k(), f));
            }
        }
        return normal(all);
    }

    /** The terms of a rational function of n alone, or null when {@code x} is anything else. */
    private static Fraction pureFraction(List<Term> x) {
        if (x.isEmpty()) {
            return new Fraction(new Poly(new Rational[0]), Poly.constant(Rational.ONE));
        }
        return x.size() == 1 && x.get(0).k() == 0 && x.get(0).factor() == null ? x.get(0).coef() : null;
    }

    /** The terms of left + right (or left - right), null where either side is not of this shape. */
    private static List<Term> sum(Expr left, Expr right, boolean subtract, Expr.Sym n, double a) {
        List<Term> x = terms(left, n, a);
        List<Term> y = x == null ? null : terms(right, n, a);
        return y == null ? null : plus(x, subtract ? negate(y) : y);
    }

    /** {@code e} as terms, or null when it is not of the form (see the class comment). */
    private static List<Term> terms(Expr e, Expr.Sym n, double a) {
        if (e instanceof Expr.Log log) {
            return logTerms(log.operand(), n, a);
        }
        if (e instanceof Expr.Defined d) {
            return terms(d.definition(), n, a);
        }
        if (e instanceof org.bonlab.expr.Quantity.AnalyticalKl k) {
            return terms(k.definition(), n, a); // log n - (n-1)/n (Eq. 5)
        }
        if (e instanceof Expr.Neg neg) {
            List<Term> x = terms(neg.operand(), n, a);
            return x == null ? null : negate(x);
        }
        if (e instanceof Expr.Add add) {
            return sum(add.left(), add.right(), false, n, a);
        }
        if (e instanceof Expr.Sub sub) {
            return sum(sub.left(), sub.right(), true, n, a);
        }
        if (e instanceof Expr.Mul mul) {
            List<Term> x = terms(mul.left(), n, a);
            List<Term> y = x == null ? null : terms(mul.right(), n, a);
            return y == null ? null : times(x, y);
        }
        if (e instanceof Expr.Div div) {
            List<Term> x = terms(div.numerator(), n, a);
            List<Term> y = x == null ? null : terms(div.denominator(), n, a);
            Fraction q = y == null ? null : pureFraction(y);
            if (q == null || q.num().c().length == 0) {
                return null; // a division by anything but a non-zero rational function of n
            }
            return times(x, List.of(new Term(q.inverse(), 0, null)));
        }
        if (e instanceof Expr.Pow pow && pow.exponent() instanceof Expr.Num k) {
            Fraction rational = RationalTail.fraction(e, n); // a power of a rational function: its own expansion
            if (rational != null) {
                return rational.num().c().length == 0 ? List.of() : List.of(new Term(rational, 0, null));
            }
            Rational r = k.value().toRational();
            if (!r.denominator().equals(BigInteger.ONE) || r.numerator().abs().compareTo(
                    BigInteger.valueOf(MAX_POWER)) > 0) {
                return null;
            }
            int m = r.numerator().intValueExact();
            List<Term> base = terms(pow.base(), n, a);
            if (base == null) {
                return null;
            }
            if (m < 0) {
                Fraction q = pureFraction(base);
                if (q == null || q.num().c().length == 0) {
                    return null;
                }
                base = List.of(new Term(q.inverse(), 0, null));
            }
            List<Term> result = List.of(new Term(ONE, 0, null));
            for (int i = 0; i < Math.abs(m) && result != null; i++) {
                result = times(result, base);
            }
            return result;
        }
        Fraction f = RationalTail.fraction(e, n);
        return f == null ? null : f.num().c().length == 0 ? List.of() : List.of(new Term(f, 0, null));
    }

    /** log of {@code arg}: log n, the log of a positive constant, or the log of α n + β (α > 0, α a + β > 0). */
    private static List<Term> logTerms(Expr arg, Expr.Sym n, double a) {
        if (arg.equals(n)) {
            return List.of(new Term(ONE, 1, null));
        }
        Fraction f = RationalTail.fraction(arg, n);
        if (f == null || f.den().c().length != 1 || f.num().c().length == 0 || f.num().c().length > 2) {
            return null; // not a constant or linear polynomial in n (over a constant)
        }
        Rational den = f.den().c()[0];
        Rational beta = f.num().c()[0].div(den);
        if (f.num().c().length == 1) {
            if (beta.signum() <= 0) {
                return null;
            }
            return List.of(new Term(ONE, 0, RationalTail.enclosure(beta).log()));
        }
        Rational alpha = f.num().c()[1].div(den);
        if (alpha.signum() <= 0) {
            return null;
        }
        List<Term> out = new ArrayList<>();
        out.add(new Term(ONE, 1, null));
        if (alpha.compareTo(Rational.ONE) != 0) {
            out.add(new Term(ONE, 0, RationalTail.enclosure(alpha).log()));
        }
        if (beta.signum() != 0) {
            // log1p(x)/x over x = (beta/alpha) t, t in [0, 1/a]: between its values at the ends of x's range
            Interval xEnd = RationalTail.enclosure(beta.div(alpha)).div(Interval.point(a));
            if (!(xEnd.lo() > -1)) {
                return null; // alpha n + beta reaches 0 in [a, infinity]
            }
            Interval g = beta.signum() > 0
                    ? new Interval(logOnePlusOver(xEnd.hi()).lo(), 1)
                    : new Interval(1, logOnePlusOver(xEnd.lo()).hi());
            // log1p(x) = x g = (beta/alpha) g / n
            out.add(new Term(new Fraction(Poly.constant(beta.div(alpha)), new Poly(new Rational[] {Rational.ZERO,
                Rational.ONE})), 0, g));
        }
        return normal(out);
    }

    /** An enclosure of log1p(x)/x at a point x > -1, x != 0. */
    private static Interval logOnePlusOver(double x) {
        Interval p = Interval.point(x);
        return p.log1p().div(p);
    }

    /**
     * {@code e} as R0(n) + R1(n) log n with R0 and R1 rational functions of n ({@link RationalTail}'s tangent at a
     * takes it), or null where it has higher powers of log n, another log or is not of the form at all.
     */
    static RationalTail.LogLinear linear(Expr e, Expr.Sym n, double a) {
        List<Term> terms;
        try {
            terms = terms(e, n, a);
        } catch (ArithmeticException | IllegalArgumentException ex) {
            return null; // a constant that is not a number the fraction can hold, or a log of a box reaching 0
        }
        if (terms == null) {
            return null;
        }
        Fraction r0 = RationalTail.LogLinear.ZERO;
        Fraction r1 = RationalTail.LogLinear.ZERO;
        for (Term t : terms) { // exact terms are one per power of log n (normal)
            if (t.factor() != null || t.k() > 1) {
                return null;
            }
            if (t.k() == 0) {
                r0 = t.coef();
            } else {
                r1 = t.coef();
            }
        }
        return new RationalTail.LogLinear(r0, r1);
    }

    /** An enclosure of {@code e} over every real n in [a, infinity], or empty (see the class comment). */
    static Optional<Interval> enclose(Expr e, Expr.Sym n, double a) {
        if (!(a >= 1) || Double.isInfinite(a)) {
            return Optional.empty();
        }
        List<Term> terms;
        try {
            terms = terms(e, n, a);
        } catch (ArithmeticException | IllegalArgumentException ex) {
            return Optional.empty(); // a constant the fraction cannot hold, or a log of a box reaching 0
        }
        if (terms == null) {
            return Optional.empty();
        }
        if (terms.isEmpty()) {
            return Optional.of(Interval.ZERO);
        }
        int top = Integer.MIN_VALUE;
        for (Term t : terms) {
            top = Math.max(top, degree(t.coef()));
        }
        int logTop = 0;
        for (Term t : terms) {
            if (degree(t.coef()) == top) {
                logTop = Math.max(logTop, t.k());
            }
        }
        Interval t = new Interval(0, Interval.ONE.div(Interval.point(a)).hi());
        Interval logA = Interval.point(a).log();
        Interval sum = Interval.ZERO;
        for (Term term : terms) {
            Interval q = RationalTail.reversedHorner(term.coef().den(), t);
            if (q.lo() <= 0 && q.hi() >= 0) {
                return Optional.empty(); // the coefficient's denominator may vanish in [a, infinity]
            }
            Interval c = RationalTail.reversedHorner(term.coef().num(), t).div(q);
            Interval w = weight(top - degree(term.coef()), term.k() - logTop, a, logA);
            if (w == null) {
                return Optional.empty();
            }
            c = c.times(w);
            sum = sum.plus(term.factor() == null ? c : c.times(term.factor()));
        }
        Interval scale;
        if (top >= 0) {
            double low = Interval.point(a).pow(top).times(logA.pow(logTop)).lo();
            scale = new Interval(Double.isInfinite(low) ? Double.MAX_VALUE : low, top == 0 && logTop == 0 ? 1
                    : Double.POSITIVE_INFINITY);
        } else {
            Interval peak = weight(-top, logTop, a, logA);
            if (peak == null) {
                return Optional.empty();
            }
            scale = peak;
        }
        return Optional.of(scaled(sum, scale));
    }

    private static int degree(Fraction f) {
        return f.num().degree() - f.den().degree();
    }

    /**
     * An enclosure of \( t^m \ell^j \) over n &ge; a (m &ge; 0, and j &le; 0 where m = 0), or null where it has no
     * bound (a power of \( \ell \) divided out at a = 1).
     */
    private static Interval weight(int m, int j, double a, Interval logA) {
        if (m == 0 && j == 0) {
            return Interval.ONE;
        }
        if (j < 0 && !(logA.lo() > 0)) {
            return null;
        }
        if (j <= 0) {
            Interval hi = Interval.ONE.div(Interval.point(a).pow(m)).div(logA.pow(-j));
            return new Interval(0, hi.hi());
        }
        // l^j / n^m: increasing while l < j/m, decreasing after; at a when log a >= j/m, else its peak
        Interval ratio = Interval.point(j).div(Interval.point(m));
        if (logA.lo() >= ratio.hi()) {
            return new Interval(0, logA.pow(j).div(Interval.point(a).pow(m)).hi());
        }
        // (j/(m e))^j = exp(j (log(j/m) - 1))
        return new Interval(0, ratio.log().minus(Interval.ONE).times(Interval.point(j)).exp().hi());
    }

    /** s x for x in {@code s} and a scale in {@code scale} (non-negative, possibly unbounded above). */
    private static Interval scaled(Interval s, Interval scale) {
        double lo = s.lo() >= 0 ? end(s.lo(), scale.lo(), true) : end(s.lo(), scale.hi(), true);
        double hi = s.hi() >= 0 ? end(s.hi(), scale.hi(), false) : end(s.hi(), scale.lo(), false);
        return new Interval(lo, hi);
    }

    /** x y rounded down (or up), with 0 times infinity taken as 0 (the scale is finite at every n). */
    private static double end(double x, double y, boolean down) {
        if (x == 0 || y == 0) {
            return 0;
        }
        Interval p = Interval.point(x).times(Interval.point(y));
        return down ? p.lo() : p.hi();
    }
}
