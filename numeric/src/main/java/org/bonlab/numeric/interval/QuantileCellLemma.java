package org.bonlab.numeric.interval;

import java.math.BigDecimal;
import java.util.Locale;
import org.bonlab.expr.Rational;

/**
 * The lemma behind the sharp constant of Thm 2 (Eq. 17) and Cor 2 (Eq. 19) of Beirami et al. over every policy:
 * the gap \( \log n - (n-1)/n - \mathrm{KL}(\pi_n \| p) \) is at most \( \tfrac{\log 2 - 1/2}{2}\, n(n-1) \sum_y
 * p(y)^2 \), that is the bound of Thm 2 times \( (\log 2 - 1/2)/4 = 0.0482868 \), for every n and every number of
 * outcomes, with equality at n = 2 for a point mass (so no smaller constant holds).
 *
 * <p><b>The quantile coupling.</b> Rank the outcomes by reward (ties broken by listing order, as every engine of
 * bonlab does) and give outcome y the cell [a, b] of [0, 1] between the CDF below it and its own, of length p(y).
 * With f(v) = n v^(n-1), the density of the largest of n uniforms, \( \pi_n(y) = \int_a^b f \) and
 * \( \log n - (n-1)/n = \int_0^1 f \log f \) (Eq. 5), so the gap is a sum over cells of Jensen gaps
 * \( J = \int_a^b f \log(f/\bar f) \), \( \bar f = \pi_n(y)/p(y) \). The claim follows from J <= C n(n-1) p^2 on
 * every cell with \( C = (\log 2 - 1/2)/2 \).
 *
 * <ul>
 * <li><b>n = 2</b>: f is linear; with s = (b-a)/(b+a), \( J = (b-a)^2 \Psi(s)/s \) where
 *     \( \Psi(s) = \frac12\int_{-1}^1 (1+su)\log(1+su)\,du \) is convex with \( \Psi(0) = 0 \), so \( \Psi(s)/s \le
 *     \Psi(1) = \log 2 - 1/2 \) and J <= (log 2 - 1/2) p^2 = C n(n-1) p^2.</li>
 * <li><b>n >= 3</b>: with t = a/b, \( J = n b^n K_n(t) \) where \( K_n(t) = \int_t^1 w^{n-1}\log(w^{n-1}/m(t))\,dw \)
 *     and m(t) the mean of w^(n-1) over [t, 1]. Differentiating, \( K_n'(s) = -\varphi(g(s); m(s)) \) with
 *     g(s) = s^(n-1) and \( \varphi(x;\mu) = x\log(x/\mu) - x + \mu \ge 0 \), and K_n(1) = 0; so if
 *     \( \varphi(g(s); m(s)) \le 2T(n-1)(1-s) \) for every s in [0, 1) then \( K_n(t) \le T(n-1)(1-t)^2 \) and,
 *     as b <= 1, \( J \le T n(n-1) b^2 (1-t)^2 = T n(n-1) p^2 \). This class proves that pointwise inequality with
 *     T = {@link #T} = 0.0925 < C for every n >= 3 ({@link #check}).</li>
 * </ul>
 *
 * <p><b>The pointwise inequality.</b> Write u = 1 - s and x = (n-1)u. Since g is the least value of w^(n-1) on
 * [s, 1], g <= m, and \( \log r \le 2(r-1)/(r+1) \) on (0, 1] (the difference increases to 0 at r = 1) gives
 * \( \varphi(g; m) \le \rho(m, g) = (m-g)^2/(m+g) \). Exactly, \( m - g = u P(s)/n \) with
 * \( P(s) = \sum_{j=0}^{n-2} (j+1)s^j \) and \( m + g = S(s)/n + s^{n-1} \) with \( S(s) = \sum_{k=0}^{n-1} s^k \),
 * so the ratio to be bounded by T is at most \( \rho_n(s) = u P(s)^2 / (2n(n-1)(S(s) + n s^{n-1})) \).
 * <ol>
 * <li>x <= 1/2: P(s) <= P(1) = n(n-1)/2 gives m - g <= x/2, and m + g >= 2 s^(n-1) >= 2(1 - x) (Bernoulli), so
 *     the ratio is at most x/(16(1 - x)) <= 1/16 < T.</li>
 * <li>x >= X1 = 2.33: \( \rho \le m - g \le m \le 1/(nu) < 1/x \), so the ratio is below 1/(2x^2) <= 1/(2 X1^2)
 *     <= T (exact rationals: 2 X1^2 T >= 1).</li>
 * <li>1/2 <= x <= X1 and 3 <= n < {@link #FINITE_UP_TO}: boxes of s on which \( \rho_n \) is enclosed from its
 *     monotone parts, \( (1 - s_{lo}) P(s_{hi})^2 / (2n(n-1)(S(s_{lo}) + n s_{lo}^{n-1})) \); at n = 3, where
 *     \( \rho_3 \) reaches 0.09662 > T near s = 0.16, a box may instead use \( \varphi = m\,\psi(g/m) \) itself,
 *     \( \psi(r) = r\log r - r + 1 \) decreasing and g/m = 3s^2/(1+s+s^2) and m increasing in s:
 *     \( m(s_{hi})\,\psi(r(s_{lo}))/(4(1 - s_{hi})) \).</li>
 * <li>1/2 <= x <= X1 and n >= {@link #FINITE_UP_TO}: \( (1-v)^{n-1} \le e^{-(n-1)v} \) gives
 *     \( m \le \bar m(x) = (1 - e^{-x})/x \), and \( \log(1-u) \ge -u/(1-u) \) with u <= X1/(N0 - 1) gives
 *     \( g \ge e^{-\kappa x} \), \( \kappa = (N_0 - 1)/(N_0 - 1 - X_1) \). As \( \rho(m, g) \) increases in m and
 *     decreases in g where g <= m, the ratio is at most \( \rho(\bar m(x), e^{-\kappa x})/(2x) \): boxes of x.</li>
 * </ol>
 * Every box is enclosed in whichever arithmetic {@link Interval} runs (outward-rounded floating point, or the exact
 * rationals of a certificate's re-check); about 150 boxes in all.
 */
final class QuantileCellLemma {

    private QuantileCellLemma() {
    }

    /** The name of the argument in certificates. */
    static final String ARGUMENT = "quantile-cells";

    /** The constant the pointwise inequality is proved with for n >= 3 (below C = (log 2 - 1/2)/2 = 0.0966). */
    static final Rational T = Rational.of(37, 400);

    /** n below this is boxed in s by its polynomials; from it on, by the continuum bound in x = (n-1)(1-s). */
    static final int FINITE_UP_TO = 16;

    /** The x from which the crude bound 1/(2x^2) settles the inequality. */
    static final BigDecimal X1 = new BigDecimal("2.33");

    /** The deepest bisection of a box before the lemma is reported not proved. */
    private static final int MAX_DEPTH = 40;

    /** What a run of the lemma found: whether it holds, how many boxes it took, the largest upper end seen. */
    record Outcome(boolean holds, int boxes, double largest, String reason) {
    }

    private static volatile Outcome floating;

    /**
     * The lemma in the arithmetic {@link Interval} runs in: kept once proved in floating point (it depends on
     * nothing but itself), re-run every time in exact arithmetic (a certificate's re-check).
     */
    static Outcome check() {
        if (Interval.exactArithmetic()) {
            return run();
        }
        Outcome o = floating;
        if (o == null) {
            o = run();
            floating = o;
        }
        return o;
    }

    /** A box function: an upper bound of the ratio on [a, b]. */
    private interface Upper {
        Interval on(double a, double b);
    }

    static Outcome run() {
        Rational sixteenth = Rational.of(1, 16);
        if (sixteenth.compareTo(T) > 0) {
            return new Outcome(false, 0, Double.NaN, "1/16 > T: the region x <= 1/2 is not settled");
        }
        Rational x1 = Rational.of(X1);
        if (Rational.of(2).times(x1).times(x1).times(T).compareTo(Rational.ONE) < 0) {
            return new Outcome(false, 0, Double.NaN, "2 X1^2 T < 1: the region x >= X1 is not settled");
        }
        double t = Interval.of(T.toBigDecimal(new java.math.MathContext(30))).lo();
        Interval x1i = Interval.of(X1);
        int[] boxes = {0};
        double[] largest = {0};
        for (int n = 3; n < FINITE_UP_TO; n++) {
            int nn = n;
            double lo = Math.max(0, Interval.ONE.minus(x1i.div(Interval.point(n - 1))).lo());
            double hi = Interval.ONE.minus(Interval.ONE.div(Interval.point(2.0 * (n - 1)))).hi();
            Upper rational = (a, b) -> rhoN(nn, a, b);
            Upper f = n == 3 ? (a, b) -> {
                Interval r = rational.on(a, b);
                if (r.hi() <= t || a <= 0) {
                    return r;
                }
                Interval e = exactThree(a, b);
                return e.hi() < r.hi() ? e : r;
            } : rational;
            String failed = cover(f, lo, hi, t, 0, boxes, largest);
            if (failed != null) {
                return new Outcome(false, boxes[0], largest[0], String.format(Locale.ROOT, "n = %d: %s", n, failed));
            }
        }
        String failed = cover(QuantileCellLemma::continuum, 0.5, x1i.hi(), t, 0, boxes, largest);
        if (failed != null) {
            return new Outcome(false, boxes[0], largest[0], "n >= " + FINITE_UP_TO + ": " + failed);
        }
        return new Outcome(true, boxes[0], largest[0], "");
    }

    /** Bisects [a, b] until f's upper end is at most t on every box; the box where it is not, or null. */
    private static String cover(Upper f, double a, double b, double t, int depth, int[] boxes, double[] largest) {
        Interval r = f.on(a, b);
        if (r.hi() <= t) {
            boxes[0]++;
            largest[0] = Math.max(largest[0], r.hi());
            return null;
        }
        double mid = a + (b - a) / 2;
        if (depth >= MAX_DEPTH || !(mid > a && mid < b)) {
            return String.format(Locale.ROOT, "on [%.17g, %.17g] the ratio is only enclosed below %s", a, b, r);
        }
        String left = cover(f, a, mid, t, depth + 1, boxes, largest);
        return left != null ? left : cover(f, mid, b, t, depth + 1, boxes, largest);
    }

    /** rho_n on s in [a, b], from its monotone parts: (1 - a) P(b)^2 / (2n(n-1)(S(a) + n a^(n-1))). */
    static Interval rhoN(int n, double a, double b) {
        Interval sa = Interval.point(a);
        Interval sb = Interval.point(b);
        Interval p = Interval.point(n - 1); // P(s) = sum_{j=0}^{n-2} (j+1) s^j by Horner
        for (int j = n - 3; j >= 0; j--) {
            p = p.times(sb).plus(Interval.point(j + 1));
        }
        Interval s = Interval.ONE; // S(s) = sum_{k=0}^{n-1} s^k
        for (int k = n - 2; k >= 0; k--) {
            s = s.times(sa).plus(Interval.ONE);
        }
        Interval den = Interval.point(2.0 * n * (n - 1)).times(s.plus(Interval.point(n).times(sa.pow(n - 1))));
        return Interval.ONE.minus(sa).times(p.times(p)).div(den);
    }

    /** phi(s^2; m)/(4(1 - s)) at n = 3 on s in [a, b] (a > 0): m(b) psi(r(a))/(4(1 - b)). */
    static Interval exactThree(double a, double b) {
        Interval sa = Interval.point(a);
        Interval sb = Interval.point(b);
        Interval m = Interval.ONE.plus(sb).plus(sb.times(sb)).div(Interval.point(3));
        Interval r = Interval.point(3).times(sa.times(sa)).div(Interval.ONE.plus(sa).plus(sa.times(sa)));
        Interval psi = r.xLogX().minus(r).plus(Interval.ONE);
        return m.times(psi).div(Interval.point(4).times(Interval.ONE.minus(sb)));
    }

    /** rho(mbar(a), e^(-kappa b))/(2a) on x in [a, b], n >= FINITE_UP_TO. */
    static Interval continuum(double a, double b) {
        Interval xa = Interval.point(a);
        Interval mbar = xa.negate().expm1().negate().div(xa);
        Interval kappa = Interval.point(FINITE_UP_TO - 1).div(Interval.point(FINITE_UP_TO - 1).minus(Interval.of(X1)));
        Interval g = kappa.times(Interval.point(b)).negate().exp();
        Interval m = Interval.point(mbar.hi());
        Interval gl = Interval.point(g.lo());
        Interval d = m.minus(gl);
        return d.times(d).div(m.plus(gl)).div(Interval.point(2).times(xa));
    }
}
