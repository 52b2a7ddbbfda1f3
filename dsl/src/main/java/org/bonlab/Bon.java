package org.bonlab;

import org.bonlab.claim.Claim;
import org.bonlab.expr.Expr;
import org.bonlab.expr.Quantity;
import org.bonlab.policy.Policy;

/**
 * The entry point of a spec: symbols, quantities and claims. Policies start at {@link Policy}.
 *
 * <pre>{@code
 * var p = Policy.coin();
 * var kl = Bon.kl(p.bestOf(Bon.n), p);
 * var thm1 = Bon.claim(kl).atMost(Bon.analyticalKl(Bon.n)).forAll(Bon.n, 1, 1_000_000).named("Theorem 1");
 * }</pre>
 */
public final class Bon {

    private Bon() {
    }

    /** The number of samples, the usual free symbol of best-of-n results. */
    public static final Expr.Sym n = Expr.symbol("n");

    public static Expr.Sym symbol(String name) {
        return Expr.symbol(name);
    }

    /** \( \mathrm{KL}(q \| p) \), Eq. (3) of Beirami et al. */
    public static Quantity.Kl kl(Policy q, Policy p) {
        return new Quantity.Kl(q, p);
    }

    /** \( \log n - (n-1)/n \), Eq. (5) of Beirami et al. */
    public static Quantity.AnalyticalKl analyticalKl(Expr n) {
        return new Quantity.AnalyticalKl(n);
    }

    public static Quantity.ExpectedReward expectedReward(Policy q) {
        return new Quantity.ExpectedReward(q);
    }

    /** \( P[r(Y) > r(Y')] \) for \( Y \sim q \), \( Y' \sim p \). */
    public static Quantity.WinRate winRateStrict(Policy q, Policy p) {
        return new Quantity.WinRate(q, p, Quantity.Ties.STRICT);
    }

    /** \( P[r(Y) > r(Y')] + \frac12 P[r(Y) = r(Y')] \). */
    public static Quantity.WinRate winRateHalf(Policy q, Policy p) {
        return new Quantity.WinRate(q, p, Quantity.Ties.HALF);
    }

    /** \( H(q) \), the Shannon entropy in nats. */
    public static Quantity.Entropy entropy(Policy q) {
        return new Quantity.Entropy(q);
    }

    /** \( H_\alpha(q) \), Eq. (18) of Beirami et al. */
    public static Quantity.RenyiEntropy renyiEntropy(Policy q, Expr alpha) {
        return new Quantity.RenyiEntropy(q, alpha);
    }

    public static Quantity.ChiSquare chiSquare(Policy q, Policy p) {
        return new Quantity.ChiSquare(q, p);
    }

    /** \( \widehat{\mathrm{KL}}(\varepsilon) \), Eq. (28) of Beirami et al. */
    public static Quantity.EstimatorAt klHat(Expr epsilon, Expr n) {
        return new Quantity.EstimatorAt(Quantity.Estimator.KL_HAT, epsilon, n);
    }

    /** \( \widehat{\mathrm{KL}}_1(\varepsilon) \), Eq. (26) of Beirami et al. */
    public static Quantity.EstimatorAt klHat1(Expr epsilon, Expr n) {
        return new Quantity.EstimatorAt(Quantity.Estimator.KL_HAT1, epsilon, n);
    }

    /** \( \mathbb{E}_{y \sim \pi_n}[\widehat{\mathrm{KL}}(p(y))] \) (Figures 2 and 3 of Beirami et al.). */
    public static Quantity.EstimatorMean klHatMean(Policy base, Expr n) {
        return new Quantity.EstimatorMean(Quantity.Estimator.KL_HAT, base, n);
    }

    /** \( \mathbb{E}_{y \sim \pi_n}[\widehat{\mathrm{KL}}_1(p(y))] \). */
    public static Quantity.EstimatorMean klHat1Mean(Policy base, Expr n) {
        return new Quantity.EstimatorMean(Quantity.Estimator.KL_HAT1, base, n);
    }

    /** The right-hand side of a bound of Beirami et al. for {@code base.bestOf(n)}. */
    public static Quantity.Bound bound(Quantity.BoundKind kind, Policy base, Expr n) {
        return new Quantity.Bound(kind, base, n);
    }

    /** \( J(\theta) = -\mathrm{KL}(\pi_\theta \| \pi_{\mathrm{bon}}) \), Eq. (5a) of Amini et al. */
    public static Quantity.VbonObjective vbonObjective(Policy theta, Policy base, Expr n) {
        return new Quantity.VbonObjective(theta, base, n);
    }

    public static Quantity.VbonBound vbonBound(Quantity.VbonBoundKind kind, Policy theta, Policy base, Expr n) {
        return new Quantity.VbonBound(kind, theta, base, n);
    }

    public static Expr constant(long value) {
        return Expr.constant(value);
    }

    public static Expr log(Expr x) {
        return Expr.log(x);
    }

    public static Claim.Builder claim(Expr lhs) {
        return Claim.that(lhs);
    }
}
