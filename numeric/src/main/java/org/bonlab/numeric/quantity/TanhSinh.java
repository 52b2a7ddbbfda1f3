package org.bonlab.numeric.quantity;

import java.util.Locale;
import java.util.function.DoubleUnaryOperator;

/**
 * Tanh-sinh (double-exponential) quadrature of \( \int_a^b g \) in double precision: with
 * \( u = 1/(1 + e^{-\pi \sinh t}) \) the integral over [0, 1] is \( \int g(u)\, \pi \cosh t\, u (1 - u)\,dt \), summed
 * by the trapezoidal rule with step \( h = 2^{-m} \) for m = 1, 2, ..., each level reusing the points of the last,
 * until two levels agree to {@link #RELATIVE_TOLERANCE}. The substitution makes the error fall like
 * \( e^{-c/h} \) for integrands analytic inside the interval, even with singularities (such as a logarithm) at its
 * ends; both u and 1 - u are formed directly, so no point is lost to rounding near an end.
 */
public final class TanhSinh {

    /** Two levels must agree to this, relative to max(1, |integral|). */
    public static final double RELATIVE_TOLERANCE = 1e-13;

    /** Most halvings of the step. */
    static final int MAX_LEVEL = 12;

    /** Points with |t| beyond this carry weights below 1e-20 of the integrand's scale. */
    static final double T_MAX = 3.5;

    private TanhSinh() {
    }

    /** \( \int_a^b g(x)\,dx \), a &lt; b finite; undefined (with the reason) when it does not settle. */
    public static double integrate(DoubleUnaryOperator g, double a, double b, String what) {
        if (!(a < b) || Double.isInfinite(a) || Double.isInfinite(b)) {
            if (a == b) {
                return 0;
            }
            throw new UndefinedQuantityException(String.format(Locale.ROOT,
                    "%s needs finite ends with lower < upper, but they were %s and %s", what, a, b));
        }
        double width = b - a;
        double sum = term(g, a, width, 0);
        double h = 1;
        for (int k = 1; k * h <= T_MAX; k++) {
            sum += term(g, a, width, k * h) + term(g, a, width, -k * h);
        }
        double previous = sum * h;
        for (int level = 1; level <= MAX_LEVEL; level++) {
            h /= 2;
            for (int k = 1; k * h <= T_MAX; k += 2) {
                sum += term(g, a, width, k * h) + term(g, a, width, -k * h);
            }
            double estimate = sum * h;
            if (!Double.isFinite(estimate)) {
                throw new UndefinedQuantityException(what + " is not finite: the integrand is not integrable there");
            }
            if (level >= 3 && Math.abs(estimate - previous) <= RELATIVE_TOLERANCE * Math.max(1, Math.abs(estimate))) {
                return estimate;
            }
            previous = estimate;
        }
        throw new UndefinedQuantityException(String.format(Locale.ROOT, "%s did not settle to %.0e: its last two "
                + "estimates (step 2^-%d) still differ (a kink or a singularity inside the interval?)", what,
                RELATIVE_TOLERANCE, MAX_LEVEL));
    }

    /** The integrand times the weight at t (u = 1/(1 + e^{-pi sinh t})), scaled to [a, a + width]. */
    private static double term(DoubleUnaryOperator g, double a, double width, double t) {
        double y = Math.PI * Math.sinh(t);
        double u = 1 / (1 + Math.exp(-y));
        double v = 1 / (1 + Math.exp(y)); // 1 - u, formed directly
        double weight = Math.PI * Math.cosh(t) * u * v;
        if (weight == 0) {
            return 0;
        }
        double x = t < 0 ? a + width * u : (a + width) - width * v;
        return g.applyAsDouble(x) * weight * width;
    }
}
