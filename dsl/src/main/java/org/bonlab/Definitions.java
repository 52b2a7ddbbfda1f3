package org.bonlab;

import java.util.Locale;
import org.bonlab.claim.Binding;
import org.bonlab.expr.Expr;
import org.bonlab.expr.Quantity;
import org.bonlab.policy.Policy;

/**
 * Quantities defined in the outcome-level language ({@link Bon#expectation}, {@link Bon#prob}, ...), each once,
 * with its source. Every engine computes them from the definition; nothing here evaluates.
 *
 * <p>A definition reads like the paper: {@code kl(q, p)} is \( \mathbb{E}_{y \sim q}[\log q(y)/p(y)] \).
 */
public final class Definitions {

    private Definitions() {
    }

    /**
     * \( \mathrm{KL}(q \| p) = \mathbb{E}_{y \sim q}[\log(q(y)/p(y))] \), Eq. (3) of Beirami et al. (2024). The
     * built-in {@link Bon#kl} computes the same number with the O(L) sweep; they are tested equal.
     */
    public static Expr kl(Policy q, Policy p) {
        return Bon.define("KL(" + q.describe() + " || " + p.describe() + ")", "Eq. (3) of Beirami et al.",
                Bon.expectation(q, Bon.log(Bon.prob(q).div(Bon.prob(p)))));
    }

    /**
     * The definition of a built-in quantity in the outcome-level language, where it has one: the engines compute
     * the built-ins with specialised code (the O(L) KL sweep, the stable estimator formulas, the interval
     * enclosures of pi_i/p_i), which is an optimisation of this definition and is tested equal to it on the
     * reference cases ({@code BuiltInDefinitionsTest}). The win rates compare reward values, so they are written
     * with the CDF of the reward value ({@link Bon#rewardCdf}), which counts tied outcomes together.
     */
    public static java.util.Optional<Expr> of(Quantity q) {
        Expr d = null;
        if (q instanceof Quantity.Kl k) {
            d = Bon.expectation(k.q(), Bon.log(Bon.prob(k.q()).div(Bon.prob(k.p()))));
        } else if (q instanceof Quantity.AnalyticalKl a) {
            d = a.definition();
        } else if (q instanceof Quantity.ExpectedReward r) {
            d = Bon.expectation(r.q(), Bon.reward(r.q()));
        } else if (q instanceof Quantity.WinRate w) {
            // P[r(Y) > r(Y')] = E_{y ~ q}[G_-(y)]; ties half adds P[r(Y') = r(y)]/2 = (G(y) - G_-(y))/2
            Expr below = Bon.rewardCdfBelow(w.p());
            d = Bon.expectation(w.q(), w.ties() == Quantity.Ties.STRICT ? below
                    : below.plus(Bon.rewardCdf(w.p())).div(2L));
        } else if (q instanceof Quantity.Entropy h) {
            d = Bon.expectation(h.q(), Bon.log(Bon.prob(h.q()))).unaryMinus();
        } else if (q instanceof Quantity.RenyiEntropy h) {
            d = Bon.log(Bon.sumOverOutcomes(h.q(), Bon.prob(h.q()).pow(h.alpha())))
                    .div(Expr.constant(1).minus(h.alpha()));
        } else if (q instanceof Quantity.ChiSquare c) {
            d = Bon.expectation(c.p(), Bon.prob(c.q()).div(Bon.prob(c.p())).minus(1L).pow(2));
        } else if (q instanceof Quantity.EstimatorAt e) {
            d = estimator(e.estimator(), e.epsilon(), e.n());
        } else if (q instanceof Quantity.EstimatorMean m) {
            d = Bon.expectation(m.base().bestOf(m.n()), estimator(m.estimator(), Bon.prob(m.base()), m.n()));
        } else if (q instanceof Quantity.Bound b) {
            d = bound(b.kind(), b.base(), b.n());
        } else if (q instanceof Quantity.VbonObjective j) {
            d = Bon.expectation(j.theta(), Bon.log(Bon.prob(j.theta()).div(Bon.prob(j.base().bestOf(j.n())))))
                    .unaryMinus();
        } else if (q instanceof Quantity.VbonBound v) {
            Expr eLogF = Bon.expectation(v.theta(), Bon.log(Bon.cdfBelow(v.base())));
            Expr kl = Bon.expectation(v.theta(), Bon.log(Bon.prob(v.theta()).div(Bon.prob(v.base()))));
            Expr n = v.n();
            if (v.kind() == Quantity.VbonBoundKind.L) {
                d = n.minus(1L).times(eLogF).minus(kl);
            } else {
                Expr h = Bon.expectation(v.theta(), Bon.log(Bon.prob(v.theta()))).unaryMinus();
                Expr alpha = n.plus(2L).times(n.minus(1L)).div(2L);
                Expr beta = n.times(n.plus(1L)).div(2L);
                Expr gamma = n.times(n.minus(1L)).div(2L);
                d = gamma.times(eLogF).minus(alpha.times(h)).minus(beta.times(kl));
            }
        }
        return java.util.Optional.ofNullable(d);
    }

    /** Eq. (28) (with \( q = (1-\varepsilon)^n \)) or Eq. (26) of Beirami et al. at \( \varepsilon \) and n. */
    private static Expr estimator(Quantity.Estimator which, Expr eps, Expr n) {
        Expr one = Expr.constant(1);
        Expr q = one.minus(eps).pow(n);
        Expr second = Bon.log(one.minus(q).div(eps));
        if (which == Quantity.Estimator.KL_HAT1) {
            return second;
        }
        Expr first = q.times(Bon.log(n).plus(n.minus(1L).times(Bon.log(one.minus(eps)))).minus(n.minus(1L).div(n)));
        return first.plus(one.minus(q).times(second));
    }

    /** The right-hand sides of Thm 2 to Thm 4 of Beirami et al. (Eqs. (17), (19), (21), (22), (23), (27)). */
    private static Expr bound(Quantity.BoundKind kind, Policy p, Expr n) {
        Expr one = Expr.constant(1);
        Expr twoNN1 = n.times(2L).times(n.minus(1L));
        Expr eps = Bon.topProbability(p);
        Expr q = one.minus(eps).pow(n);
        return switch (kind) {
            case THM2_GAP_UPPER -> twoNN1.times(Bon.sumOverOutcomes(p, Bon.prob(p).pow(2)));
            case COR2_GAP_UPPER -> twoNN1.times(Bon.maxProbability(p));
            case THM3_GAP_LOWER -> one.minus(q).times(Bon.log(n.times(eps).div(one.minus(q)))
                    .minus(n.minus(1L).div(n))).minus(n.minus(1L).times(q).times(Bon.log(one.minus(eps))));
            case COR3_GAP_LOWER -> one.minus(Expr.exp(n.times(eps).unaryMinus())).times(Bon.log(n.times(eps)))
                    .minus(1L);
            case LEMMA2_KL_UPPER -> Bon.expectation(p.bestOf(n),
                    Bon.log(one.minus(one.minus(Bon.prob(p)).pow(n)).div(Bon.prob(p))));
            case THM4_KL_UPPER -> estimator(Quantity.Estimator.KL_HAT, eps, n);
        };
    }

    /** Total variation distance \( \mathrm{TV}(q, p) = \frac12 \sum_y |q(y) - p(y)| \). */
    public static Expr totalVariation(Policy q, Policy p) {
        return Bon.define("TV(" + q.describe() + ", " + p.describe() + ")", "total variation distance",
                Bon.sumOverOutcomes(p, Bon.abs(Bon.prob(q).minus(Bon.prob(p)))).div(2L));
    }

    /**
     * Squared Hellinger distance \( H^2(q, p) = \frac12 \sum_y (\sqrt{q(y)} - \sqrt{p(y)})^2 \in [0, 1] \)
     * (the f-divergence of \( f(x) = (\sqrt{x} - 1)^2/2 \)).
     */
    public static Expr hellingerSquared(Policy q, Policy p) {
        return Bon.define("H^2(" + q.describe() + ", " + p.describe() + ")", "squared Hellinger distance",
                Bon.sumOverOutcomes(p, Bon.sqrt(Bon.prob(q)).minus(Bon.sqrt(Bon.prob(p))).pow(2)).div(2L));
    }

    /**
     * Rényi divergence of order \( \alpha \ne 1 \): \( D_\alpha(q \| p) = \frac{1}{\alpha - 1}
     * \log \mathbb{E}_{y \sim p}[(q(y)/p(y))^\alpha] \); it tends to KL as \( \alpha \to 1 \).
     */
    public static Expr renyiDivergence(Policy q, Policy p, Expr alpha) {
        return Bon.define("D_" + alpha.show() + "(" + q.describe() + " || " + p.describe() + ")",
                "Renyi divergence of order alpha",
                Bon.log(Bon.expectation(p, Bon.prob(q).div(Bon.prob(p)).pow(alpha))).div(alpha.minus(1L)));
    }

    /**
     * The f-divergence \( D_f(q \| p) = \mathbb{E}_{y \sim p}[f(q(y)/p(y))] \) for a convex f with f(1) = 0, given
     * as an expression {@code f} in the symbol {@code x}.
     */
    public static Expr fDivergence(Policy q, Policy p, Expr.Sym x, Expr f) {
        return Bon.define("D_f(" + q.describe() + " || " + p.describe() + ") with f(" + x.name() + ") = " + f.show(),
                "f-divergence", Bon.expectation(p, Binding.substitute(f, x, Bon.prob(q).div(Bon.prob(p)))));
    }

    /** \( \chi^2(q \| p) = \mathbb{E}_{y \sim p}[(q(y)/p(y) - 1)^2] \), the f-divergence of \( (x - 1)^2 \). */
    public static Expr chiSquare(Policy q, Policy p) {
        Expr.Sym x = Expr.symbol("x");
        return fDivergence(q, p, x, x.minus(1L).pow(2));
    }

    /**
     * The bound of Lemma 2 (Eq. (23) of Beirami et al.) on KL of best-of-n:
     * \( \mathbb{E}_{y \sim \pi_n}[\log((1 - (1 - p(y))^n)/p(y))] \).
     */
    public static Expr lemma2Bound(Policy p, Expr n) {
        Policy bon = p.bestOf(n);
        return Bon.define("Lemma 2 bound", "Eq. (23) of Beirami et al.", Bon.expectation(bon,
                Bon.log(Expr.constant(1).minus(Expr.constant(1).minus(Bon.prob(p)).pow(n)).div(Bon.prob(p)))));
    }

    /**
     * The win-rate gap bound of Beirami et al. v3 (Thm 5.4 in the numbering of a secondary source; the statement
     * is checked here, not taken on trust): \( \frac{n}{n+1} - W_{1/2} \le \frac{n-1}{2} e^{-H_2(p)} \), with
     * \( e^{-H_2(p)} = \sum_y p(y)^2 \) (Eq. (18) of v1) and \( W_{1/2} \) the win rate with ties counting half.
     */
    public static Expr winRateGapBound(Policy p, Expr n) {
        return Bon.define("(n-1)/2 e^{-H_2(p)}", "Beirami et al. v3, Thm 5.4 (secondary numbering)",
                n.minus(1L).div(2L).times(Bon.sumOverOutcomes(p, Bon.prob(p).pow(2))));
    }

    /**
     * The BoNBoN target (Gui, Garbacea and Veitch 2024, the best-vs-worst identity cited as their Thm 3): the expected
     * log-likelihood ratio \( \log(\pi_n(y)/p(y)) \) of the best of n draws minus that of the worst of n,
     * \( \mathbb{E}_{y \sim \pi_n}[\log \pi_n(y)/p(y)] - \mathbb{E}_{y \sim \mathrm{worst}_n}[\log \pi_n(y)/p(y)] \).
     * BoNBoN's IPO-like loss pulls the fine-tuned model's best-vs-worst log-ratio gap towards it. This is the exact
     * value on the policy at hand; for a continuous reward distribution it is {@link #bonbonTargetContinuum}.
     * The coin at n = 2 gives \( \tfrac12 \log 3 \).
     */
    public static Expr bonbonTarget(Policy p, Expr n) {
        Policy best = p.bestOf(n);
        Expr logRatio = Bon.log(Bon.prob(best).div(Bon.prob(p)));
        return Bon.define("BoNBoN target(" + p.describe() + ", " + n.show() + ")",
                "Gui et al. 2024, best-vs-worst log-ratio gap (their Thm 3)",
                Bon.expectation(best, logRatio).minus(Bon.expectation(p.worstOf(n), logRatio)));
    }

    /**
     * The BoNBoN target for a continuous reward distribution, \( (n-1) H_{n-1} = (n-1) \sum_{k=1}^{n-1} 1/k \), a
     * finite sum. Derived here: with U = F(r(y)) uniform,
     * \( \log(\pi_n/p) = \log n + (n-1)\log U \); the best of n has U ~ Beta(n, 1), \( \mathbb{E}\log U = -1/n \),
     * the worst U ~ Beta(1, n), \( \mathbb{E}\log U = -H_n \), so the gap is \( (n-1)(H_n - 1/n) \). Gui et al.
     * state it as \( 1/(2\beta^*) \), which fixes their loss's \( \beta^* = 1/(2(n-1)H_{n-1}) \); the quotation of it
     * in the vBoN paper gives the reciprocal. n = 2: 1; n = 8: 18.15.
     */
    public static Expr bonbonTargetContinuum(Expr n) {
        Expr.Sym k = Expr.symbol("k");
        return Bon.define("(n-1) H_(n-1)", "Gui et al. 2024, BoNBoN target for a continuous reward (derived)",
                n.minus(1L).times(new Expr.Sum(k, Expr.constant(1), n.minus(1L), Expr.constant(1).div(k))));
    }

    /**
     * The tilted error of a proxy reward against a true reward (Aminian et al. 2025, as recorded by a secondary
     * source; UNVERIFIED against the paper): \( \varepsilon_{\beta} = \frac{1}{\beta} \log
     * \mathbb{E}_{y \sim p}[e^{\beta (r^*(y) - \hat r(y))^2}] \), with \( \beta = 1/\lambda \). Both rewards live
     * on the same outcomes: {@code proxy} and {@code truth} are one policy with two rewards (for example
     * {@code truth = proxy.withReward(...)}). It is 0 when the rewards agree, the mean squared error as
     * \( \lambda \to \infty \) and the squared sup error as \( \lambda \to 0 \).
     */
    public static Expr tiltedError(Policy proxy, Policy truth, Expr lambda) {
        Expr d = Bon.reward(truth).minus(Bon.reward(proxy));
        return Bon.define("eps_lambda(" + proxy.describe() + ", " + truth.describe() + ")",
                "Aminian et al. 2025, tilted error (UNVERIFIED)",
                lambda.times(Bon.log(Bon.expectation(proxy, Expr.exp(d.times(d).div(lambda))))));
    }

    /**
     * The regret bound of soft best-of-n with a proxy reward (Aminian et al. 2025, Thm 5.2 as recorded by a
     * secondary source; UNVERIFIED against the paper), for rewards in [0, 1] whose best outcome has reward 1:
     * \( 1 - \mathbb{E}_{\mathrm{SBoN}_{n,\lambda}(\hat r)}[r^*] \le \sqrt{\varepsilon_\lambda}\,(\sqrt{C_{\hat r}}
     * + \sqrt{C_{r^*}}) + 2\sqrt{\tfrac12 \log(1 + (C_{\hat r} - 1)/n)} + \lambda \log C_{r^*} \), with
     * \( C_r = 1/p(\text{the best outcome under } r) \) (the coverage \( C_\infty \); rewards without ties at
     * the top). The three terms are the proxy error, the finite-n error and the smoothing bias. The tilted error
     * is taken in absolute value: it is non-negative, and the absolute value only keeps a rounding error of a
     * zero error out of the square root.
     */
    public static Expr sbonRegretBound(Policy proxy, Policy truth, Expr n, Expr lambda) {
        Expr one = Expr.constant(1);
        Expr cProxy = one.div(Bon.topProbability(proxy));
        Expr cTrue = one.div(Bon.topProbability(truth));
        Expr proxyError = Bon.sqrt(Bon.abs(tiltedError(proxy, truth, lambda)))
                .times(Bon.sqrt(cProxy).plus(Bon.sqrt(cTrue)));
        Expr finiteN = Expr.constant(2).times(Bon.sqrt(Expr.rational(1, 2)
                .times(Bon.log(one.plus(cProxy.minus(one).div(n))))));
        return Bon.define("regret bound of SBoN(" + proxy.describe() + ", n, lambda) for " + truth.describe(),
                "Aminian et al. 2025, Thm 5.2 (UNVERIFIED)", proxyError.plus(finiteN).plus(lambda.times(Bon.log(cTrue))));
    }

    /**
     * The regret of soft best-of-n run with a proxy reward, measured by the true reward whose best value is 1:
     * \( 1 - \mathbb{E}_{y \sim \mathrm{SBoN}_{n,\lambda}(\hat r)}[r^*(y)] \) (Aminian et al. 2025, Section 5).
     */
    public static Expr sbonRegret(Policy proxy, Policy truth, Expr n, Expr lambda) {
        return Bon.define("regret of SBoN(" + proxy.describe() + ", n, lambda) for " + truth.describe(),
                "Aminian et al. 2025, Section 5", Expr.constant(1).minus(Bon.expectation(proxy.softBestOf(n, lambda),
                        Bon.reward(truth))));
    }

    /**
     * Mroueh (2024)'s bound on the \( \chi^2 \) divergence of best-of-n to its base: \( (n-1)^2/(2n-1) \), the
     * \( \chi^2 \) of the continuous best-of-n density \( n u^{n-1} \) on [0, 1].
     */
    public static Expr chiSquareBoundMroueh(Expr n) {
        return Bon.define("(n-1)^2/(2n-1)", "Mroueh (2024), chi^2 bound for best-of-n",
                n.minus(1L).pow(2).div(n.times(2L).minus(1L)));
    }

    /**
     * Mroueh (2024)'s bound on the Rényi divergence of order \( \alpha \) of best-of-n to its base:
     * \( \frac{1}{\alpha - 1}\log\frac{n^\alpha}{\alpha(n-1) + 1} \), that of the continuous density \( n u^{n-1} \).
     */
    public static Expr renyiBoundMroueh(Expr n, Expr alpha) {
        return Bon.define(String.format(Locale.ROOT, "log(n^%1$s/(%1$s(n-1)+1))/(%1$s-1)", alpha.show()),
                "Mroueh (2024), Renyi bound for best-of-n",
                Bon.log(n.pow(alpha).div(alpha.times(n.minus(1L)).plus(1L))).div(alpha.minus(1L)));
    }

    /**
     * Mroueh (2024)'s bound for the total variation of best-of-n to its base, \( \mathrm{TV} \le \int_0^1
     * \tfrac12 |n u^{n-1} - 1|\,du = (1 - \tfrac1n)\, n^{-1/(n-1)} \) for n &ge; 2 (the density crosses 1 at
     * \( u_0 = n^{-1/(n-1)} \), so \( \int_0^1 |n u^{n-1} - 1|\,du = 2(u_0 - u_0^n) \)). It is attained: bernoulli(p)
     * at \( p = 1 - n^{-1/(n-1)} \) has exactly this total variation, so claims of it are tight there.
     */
    public static Expr totalVariationBoundMroueh(Expr n) {
        return Bon.define("(1 - 1/n) n^(-1/(n-1))", "Mroueh (2024), f-divergence bound with f(t) = |t - 1|/2",
                Expr.constant(1).minus(Expr.constant(1).div(n)).times(n.pow(Expr.constant(-1).div(n.minus(1L)))));
    }

    /**
     * Mroueh (2024)'s bound for the squared Hellinger distance (as in {@link #hellingerSquared}) of best-of-n to its
     * base: \( \int_0^1 \tfrac12 (\sqrt{n u^{n-1}} - 1)^2\,du = 1 - \frac{2\sqrt n}{n + 1} \).
     */
    public static Expr hellingerBoundMroueh(Expr n) {
        return Bon.define("1 - 2 sqrt(n)/(n+1)", "Mroueh (2024), f-divergence bound with f(t) = (sqrt(t) - 1)^2/2",
                Expr.constant(1).minus(Bon.sqrt(n).times(2L).div(n.plus(1L))));
    }

    /** The integration variable of {@link #fDivergenceBoundMroueh}. */
    public static final Expr.Sym U = Expr.symbol("u");

    /**
     * Mroueh (2024)'s bound for any f-divergence of best-of-n to its base: \( D_f(\pi_n \| p) \le
     * \int_0^1 f(n u^{n-1})\,du \), the f-divergence of the continuous best-of-n density \( n u^{n-1} \) on [0, 1]
     * from the uniform one (best-of-n of any policy is its image under the quantile map, so data processing gives
     * the bound). {@code f} is an expression in {@code x}; the integral is evaluated numerically (tanh-sinh).
     * With f = x log x it is Eq. (5), log n - (n-1)/n; with (x - 1)^2, (n-1)^2/(2n-1).
     */
    public static Expr fDivergenceBoundMroueh(Expr n, Expr.Sym x, Expr f) {
        Expr density = n.times(U.pow(n.minus(1L)));
        return Bon.define("int_0^1 f(n u^(n-1)) du with f(" + x.name() + ") = " + f.show(),
                "Mroueh (2024), f-divergence bound for best-of-n",
                Bon.integral(U, Expr.constant(0), Expr.constant(1), Binding.substitute(f, x, density)));
    }
}
