package org.bonlab.numeric.interval;

import java.util.Locale;
import org.bonlab.Bon;
import org.bonlab.claim.Claim;
import org.bonlab.claim.Family;
import org.bonlab.claim.Range;
import org.bonlab.claim.Relation;
import org.bonlab.expr.Expr;
import org.bonlab.expr.Quantity;
import org.bonlab.policy.PolicyVar;

/**
 * Thm 4 (Eq. 27) of Beirami et al., \( \mathrm{KL}(\pi_n \| p) \le q(\log n + (n-1)\log(1-\varepsilon_\infty) -
 * (n-1)/n) + (1-q)\log((1-q)/\varepsilon_\infty) \) with \( q = (1-\varepsilon_\infty)^n \), and Thm 3 (Eq. 21), the
 * same inequality written as a lower bound on the gap \( \log n - (n-1)/n - \mathrm{KL} \), over a simplex family of
 * any size, bernoulli(p) or a named policy, and any range of n: wherever \( \varepsilon_\infty > 0 \) (elsewhere the
 * bound is undefined and the point outside the claim).
 *
 * <p><b>The argument</b>: split off the top outcome and apply Thm 1 to the rest. \( \varepsilon_\infty \) is the
 * probability of the last outcome in the total order (reward, then the tie-break order), whose best-of-n probability
 * is \( 1 - (1-\varepsilon_\infty)^n = 1 - q \). Below it, \( F_i \le 1 - \varepsilon_\infty \), and with p' the
 * policy p without its top outcome, renormalised, \( \pi_n(y_i) = F_i^n - F_{i-1}^n = q\,\pi'_n(y_i) \) and
 * \( p(y_i) = (1-\varepsilon_\infty)p'(y_i) \), where \( \pi'_n \) is best-of-n of p'. So
 * \[ \mathrm{KL}(\pi_n \| p) = (1-q)\log\frac{1-q}{\varepsilon_\infty} + q\,\mathrm{KL}(\pi'_n \| p') + q(n-1)
 * \log(1-\varepsilon_\infty), \]
 * and \( \mathrm{KL}(\pi'_n \| p') \le \log n - (n-1)/n \) by Thm 1 ({@link QuantileCouplingCertifier}) gives Eq. (27)
 * (with q = 0 on one outcome). Subtracting both sides from \( \log n - (n-1)/n \) gives Eq. (21), whose right side is
 * \( \log n - (n-1)/n \) minus that of Eq. (27) term by term: \( (1-q)(\log(n\varepsilon_\infty/(1-q)) - (n-1)/n)
 * - (n-1)q\log(1-\varepsilon_\infty) \).
 *
 * <p><b>Cor 3</b> (Eq. 22), \( \log n - (n-1)/n - \mathrm{KL} \ge (1 - e^{-n\varepsilon_\infty})
 * \log(n\varepsilon_\infty) - 1 \), follows from Thm 3 by comparing the two bounds, which depend on
 * \( \varepsilon = \varepsilon_\infty \) and n alone. Write x = n eps and \( q = (1-\varepsilon)^n \le e^{-x} \). The
 * difference D (Thm 3's bound minus Cor 3's) is \( [(1-q) - (1-e^{-x})]\log x - (1-q)\log(1-q) + 1 - (1-q)(n-1)/n
 * - (n-1)q\log(1-\varepsilon) \), whose last four terms add up to at least \( 1 - (1-q)(n-1)/n \ge \max(q, 1/n) \).
 * <ul>
 * <li>x >= 1: the first term is >= 0 (1 - q >= 1 - e^-x, log x >= 0), so D >= 1/n.</li>
 * <li>x < 1 and n = 1: Thm 3's bound is 0 (q = 1 - eps) and Cor 3's is negative.</li>
 * <li>x < 1 and n >= 2, so eps <= 1/2: the first term is \( -(e^{-x} - q)\ell \) with \( \ell = -\log x > 0 \), so
 *     D >= 0 once \( e^{-x}/q \le 1 + 1/\ell \). Since \( -\log(1-\varepsilon) - \varepsilon \le \varepsilon^2/(2(1 -
 *     \varepsilon)) \le \varepsilon^2 \), \( e^{-x}/q \le e^{n\varepsilon^2} \le e^{x^2/2} \le 1 + e^{1/2}x^2/2 \), and
 *     \( x^2\ell \le 1/(2e) \) on (0, 1), so \( (e^{1/2}/2)x^2 \le 0.83/(2e\ell) < 1/\ell \).</li>
 * </ul>
 * The argument has no numeric step, so the proof carries no covering.
 */
public final class TopOutcomeCertifier {

    private TopOutcomeCertifier() {
    }

    /**
     * Whether {@code claim} is {@code kl(p.bestOf(n), p) <= bound(THM4_KL_UPPER, p, n)} or {@code analyticalKl(n) -
     * kl(p.bestOf(n), p) >= bound(THM3_GAP_LOWER or COR3_GAP_LOWER, p, n)} (or either swapped), over one simplex
     * family, bernoulli(p) or a named policy without symbols, and one range of integers n >= 1.
     */
    public static boolean applies(Claim claim) {
        return theorem(claim) != null;
    }

    private static String theorem(Claim claim) {
        if (claim.policies().size() != 1 || claim.domain().size() != 1
                || !(claim.domain().get(0) instanceof Range.Integers range) || range.from() < 1
                || claim.relation() == Relation.EQUALS) {
            return null;
        }
        var only = claim.policies().entrySet().iterator().next();
        Family f = only.getValue();
        if (!Arguments.anyPolicy(f)) {
            return null;
        }
        PolicyVar p = only.getKey();
        Expr.Sym n = range.symbol();
        Expr small = Arguments.small(claim);
        Expr big = Arguments.big(claim);
        Expr kl = Bon.kl(p.bestOf(n), p);
        if (small.equals(kl) && big.equals(Bon.bound(Quantity.BoundKind.THM4_KL_UPPER, p, n))) {
            return "Thm 4 (Eq. 27)";
        }
        if (small.equals(Bon.bound(Quantity.BoundKind.THM3_GAP_LOWER, p, n))
                && big.equals(Bon.analyticalKl(n).minus(kl))) {
            return "Thm 3 (Eq. 21)";
        }
        if (small.equals(Bon.bound(Quantity.BoundKind.COR3_GAP_LOWER, p, n))
                && big.equals(Bon.analyticalKl(n).minus(kl))) {
            return "Cor 3 (Eq. 22)";
        }
        return null;
    }

    /** The proof of a claim for which {@link #applies} holds. */
    static IntervalCertifier.Result certify(Claim claim) {
        String theorem = theorem(claim);
        String cor3 = theorem.startsWith("Cor 3") ? ", then Thm 3's bound >= Cor 3's (x = n eps_inf: the "
                + "difference is >= 1/n for x >= 1; for x < 1, e^-x/(1 - eps_inf)^n <= e^(x^2/2) <= 1 + 1/(-log x))"
                : "";
        return new IntervalCertifier.Result.Certified(String.format(Locale.ROOT, "%s with eps_inf > 0, %s: "
                + "%s by splitting off the top outcome: KL = (1 - q) log((1 - q)/eps_inf) + q KL(pi'_n || p') + "
                + "q (n-1) log(1 - eps_inf), q = (1 - eps_inf)^n, p' the policy without its top outcome, and "
                + "KL(pi'_n || p') <= log n - (n-1)/n by Thm 1 (data processing)%s; an argument with no numeric step",
                Arguments.over(claim.policies().values().iterator().next()),
                Arguments.range((Range.Integers) claim.domain().get(0)), theorem, cor3), 0);
    }
}
