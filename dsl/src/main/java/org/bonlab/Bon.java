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

    // ---- the outcome-level language: quantities defined as expectations and sums over outcomes ----

    /** \( \mathbb{E}_{y \sim q}[\mathit{body}] \), the body written with {@link #prob}, {@link #cdf}, {@link #reward}. */
    public static Expr expectation(Policy q, Expr body) {
        return new Expr.Expectation(q, body);
    }

    /**
     * \( \int_{lower}^{upper} \mathit{body}\,d\,\mathit{variable} \), finite ends (numeric engines: tanh-sinh
     * quadrature; see {@link Expr.Integral}).
     */
    public static Expr integral(Expr.Sym variable, Expr lower, Expr upper, Expr body) {
        return new Expr.Integral(variable, lower, upper, body);
    }

    /** \( \sum_y \mathit{body} \) over the outcomes of q's base policy. */
    public static Expr sumOverOutcomes(Policy q, Expr body) {
        return new Expr.OutcomeSum(q, body);
    }

    /** \( q(y) \), the probability of the outcome y of the enclosing expectation or sum. */
    public static Expr prob(Policy q) {
        return new Expr.AtOutcome(Expr.AtOutcome.Term.PROBABILITY, q);
    }

    /** \( F(y) = \sum_{z \preceq y} q(z) \), the CDF of q in reward order at y. */
    public static Expr cdf(Policy q) {
        return new Expr.AtOutcome(Expr.AtOutcome.Term.CDF, q);
    }

    /** \( F_-(y) = \sum_{z \prec y} q(z) \). */
    public static Expr cdfBelow(Policy q) {
        return new Expr.AtOutcome(Expr.AtOutcome.Term.CDF_BELOW, q);
    }

    /**
     * \( G(y) = P_{y' \sim q}[r(y') \le r(y)] \), the CDF of the reward value under q at y: tied outcomes count
     * together (equal to {@link #cdf} when no rewards tie).
     */
    public static Expr rewardCdf(Policy q) {
        return new Expr.AtOutcome(Expr.AtOutcome.Term.REWARD_CDF, q);
    }

    /** \( G_-(y) = P_{y' \sim q}[r(y') < r(y)] \) (equal to {@link #cdfBelow} when no rewards tie). */
    public static Expr rewardCdfBelow(Policy q) {
        return new Expr.AtOutcome(Expr.AtOutcome.Term.REWARD_CDF_BELOW, q);
    }

    /** \( r(y) \), the reward of the outcome y (of q's base policy). */
    public static Expr reward(Policy q) {
        return new Expr.AtOutcome(Expr.AtOutcome.Term.REWARD, q);
    }

    /** The number of outcomes of q. */
    public static Expr outcomes(Policy q) {
        return new Expr.PolicyNumber(Expr.PolicyNumber.Stat.OUTCOMES, q);
    }

    /** \( \varepsilon_\infty \), the probability of q's highest-ranked outcome (Eq. (20) of Beirami et al.). */
    public static Expr topProbability(Policy q) {
        return new Expr.PolicyNumber(Expr.PolicyNumber.Stat.TOP_PROBABILITY, q);
    }

    /** \( \max_y q(y) \), the \( \delta \) of Cor. 2 of Beirami et al. */
    public static Expr maxProbability(Policy q) {
        return new Expr.PolicyNumber(Expr.PolicyNumber.Stat.MAX_PROBABILITY, q);
    }

    public static Expr abs(Expr x) {
        return new Expr.Abs(x);
    }

    public static Expr sqrt(Expr x) {
        return x.pow(Expr.rational(1, 2));
    }

    /** A quantity with a name, defined by {@code definition}: shown by name, computed from the definition. */
    public static Expr define(String name, String citation, Expr definition) {
        return new Expr.Defined(name, citation, definition);
    }

    public static Claim.Builder claim(Expr lhs) {
        return Claim.that(lhs);
    }
}
