package org.bonlab.numeric.interval;

import java.util.Locale;
import org.bonlab.Bon;
import org.bonlab.claim.Claim;
import org.bonlab.claim.Range;
import org.bonlab.claim.Relation;
import org.bonlab.expr.Expr;
import org.bonlab.expr.Quantity;
import org.bonlab.policy.PolicyVar;

/**
 * Thm 2 (Eq. 8) of Amini et al., the vBoN objective at least its lower bound, \( J(\theta) = -\mathrm{KL}(\pi_\theta
 * \| \pi_{\mathrm{bon}}) \ge L(\theta) = (N-1)\mathbb{E}_{\pi_\theta}[\log F(y)] - \mathrm{KL}(\pi_\theta \| p) \)
 * with F the strict CDF \( P(y' \prec_r y) \), for every pair of policies on the same outcomes (any families) and
 * every N of a range, wherever both sides are defined.
 *
 * <p><b>The argument</b>, term by term. \( \pi_{\mathrm{bon}}(y) = (F(y) + p(y))^N - F(y)^N \ge N F(y)^{N-1} p(y) \)
 * (for x >= y >= 0, \( x^N - y^N \ge N y^{N-1}(x - y) \), as \( t^N \) is convex), so where \( \pi_\theta(y) > 0 \),
 * \( \log \pi_{\mathrm{bon}}(y) \ge \log N + (N-1)\log F(y) + \log p(y) \). Taking \( \mathbb{E}_{\pi_\theta} \) of
 * \( \log \pi_{\mathrm{bon}}(y) - \log \pi_\theta(y) \) gives \( J \ge \log N + L \ge L \).
 *
 * <p>Thm 4 and Thm 3 (Eq. 16), \( L \ge L_1 \) and \( J \ge L_1 \) with \( L_1 = \gamma\,\mathbb{E}[\log F] - \alpha
 * H(\pi_\theta) - \beta\,\mathrm{KL}(\pi_\theta \| p) \), \( \alpha = (N+2)(N-1)/2 \), \( \beta = N(N+1)/2 \),
 * \( \gamma = N(N-1)/2 \): \( L - L_1 = (N - 1 - \gamma)\mathbb{E}[\log F] + \alpha H(\pi_\theta) + (\beta - 1)
 * \mathrm{KL} \), and each term is >= 0 for N >= 1: \( N - 1 - \gamma = (N-1)(1 - N/2) \le 0 \) while
 * \( \log F \le 0 \); \( \alpha \ge 0 \) and the entropy is >= 0; \( \beta - 1 = (N+2)(N-1)/2 \ge 0 \) and the KL is
 * >= 0. So \( J \ge L \ge L_1 \). The argument has no numeric step, so the proof carries no covering.
 */
public final class VbonBoundCertifier {

    private VbonBoundCertifier() {
    }

    /**
     * Whether {@code claim} is {@code vbonObjective(theta, p, n) >= vbonBound(L or L1, theta, p, n)} or
     * {@code vbonBound(L, ...) >= vbonBound(L1, ...)} (or swapped with {@code <=}) for the claim's two policy
     * variables (any families) and one range of integers n >= 1.
     */
    public static boolean applies(Claim claim) {
        return pair(claim) != null;
    }

    /** The theorem of a claim {@link #applies} takes, by the sides' kinds. */
    private static String theorem(Claim claim) {
        Expr small = Arguments.small(claim);
        Expr big = Arguments.big(claim);
        boolean bigIsJ = big instanceof Quantity.VbonObjective;
        boolean smallIsL1 = small instanceof Quantity.VbonBound b && b.kind() == Quantity.VbonBoundKind.L1;
        return bigIsJ && !smallIsL1 ? "vBoN Thm 2 (Eq. 8), J >= L" : bigIsJ ? "vBoN Thm 3 (Eq. 16), J >= L1"
                : "vBoN Thm 4, L >= L1";
    }

    private static PolicyVar[] pair(Claim claim) {
        if (claim.policies().size() != 2 || claim.domain().size() != 1
                || !(claim.domain().get(0) instanceof Range.Integers range) || range.from() < 1
                || claim.relation() == Relation.EQUALS) {
            return null;
        }
        Expr small = Arguments.small(claim);
        Expr big = Arguments.big(claim);
        Expr.Sym n = range.symbol();
        for (PolicyVar theta : claim.policies().keySet()) {
            for (PolicyVar p : claim.policies().keySet()) {
                if (theta == p) {
                    continue;
                }
                Expr j = Bon.vbonObjective(theta, p, n);
                Expr l = Bon.vbonBound(Quantity.VbonBoundKind.L, theta, p, n);
                Expr l1 = Bon.vbonBound(Quantity.VbonBoundKind.L1, theta, p, n);
                if (big.equals(j) && (small.equals(l) || small.equals(l1)) || big.equals(l) && small.equals(l1)) {
                    return new PolicyVar[] {theta, p};
                }
            }
        }
        return null;
    }

    /** The proof of a claim for which {@link #applies} holds. */
    static IntervalCertifier.Result certify(Claim claim) {
        PolicyVar[] pair = pair(claim);
        Range.Integers range = (Range.Integers) claim.domain().get(0);
        String theorem = theorem(claim);
        String jl = "pi_bon(y) = (F + p)^n - F^n >= n F^(n-1) p(y) (convexity of t^n, F the strict CDF), so "
                + "J >= log n + L >= L";
        String ll1 = "L - L1 = (n - 1 - gamma) E[log F] + alpha H(pi_theta) + (beta - 1) KL, each term >= 0";
        String why = theorem.contains("Thm 2") ? jl : theorem.contains("Thm 4") ? ll1 : jl + "; " + ll1;
        return new IntervalCertifier.Result.Certified(String.format(Locale.ROOT, "every %s and %s where both sides "
                + "are defined, %s: %s term by term: %s; an argument with no numeric step", pair[0].name(),
                pair[1].name(), Arguments.range(range), theorem, why), 0);
    }
}
