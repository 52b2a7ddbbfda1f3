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
