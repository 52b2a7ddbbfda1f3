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
 * Lemma 2 (Eq. 23) of Beirami et al., \( \mathrm{KL}(\pi_n \| p) \le \mathbb{E}_{y \sim \pi_n}[\log((1 - (1 -
 * p(y))^n)/p(y))] \), the right side being also the mean of the alternate estimator Eq. (26), over every policy of a
 * simplex family (any number of outcomes, any rewards) or bernoulli(p), for every n of a range (which may be every
 * n >= 1). No box is needed: the margin vanishes on whole faces of the simplex (at n = 1, and wherever the top
 * outcome holds all the mass), where no enclosure is ever strictly positive, but the inequality holds term by term.
 *
 * <p><b>The argument</b> (Eqs. (24)-(25)). Best-of-n follows the total order of the outcomes (reward, then the
 * tie-break order; App. C of Amini et al.), so \( \pi_n(y) = F(y)^n - F_-(y)^n \) with \( F(y) = F_-(y) + p(y) \le
 * 1 \). For n >= 1, \( x \mapsto (x + p)^n - x^n \) does not decrease on x >= 0 (its derivative is
 * \( n((x+p)^{n-1} - x^{n-1}) \ge 0 \)), and \( F_-(y) \le 1 - p(y) \), so \( \pi_n(y) \le 1 - (1 - p(y))^n \).
 * Hence, for each y with p(y) > 0, \( \pi_n(y)\log(\pi_n(y)/p(y)) \le \pi_n(y)\log((1-(1-p(y))^n)/p(y)) \) (log
 * increases; both are 0 where \( \pi_n(y) = 0 \)), and summing over y gives the lemma. (Were tied outcomes to share
 * their group's mass in proportion to p instead, the same bound would hold, since \( (1-(1-x)^n)/x =
 * \sum_{k<n}(1-x)^k \) decreases in x.) The argument has no numeric step, so the proof carries no covering.
 */
public final class LemmaTwoCertifier {

    private LemmaTwoCertifier() {
    }

    /**
     * Whether {@code claim} is {@code kl(p.bestOf(n), p) <= bound(LEMMA2_KL_UPPER, p, n)} or {@code <=
     * klHat1Mean(p, n)} (or either swapped with {@code >=}), over one simplex family or bernoulli(p) and one range of
     * integers n >= 1.
     */
    public static boolean applies(Claim claim) {
        if (claim.policies().size() != 1 || claim.domain().size() != 1
                || !(claim.domain().get(0) instanceof Range.Integers range) || range.from() < 1) {
            return false;
        }
        var only = claim.policies().entrySet().iterator().next();
        if (!(only.getValue() instanceof Family.Simplex || only.getValue() instanceof Family.Bernoulli)) {
            return false;
        }
        PolicyVar p = only.getKey();
        Expr.Sym n = range.symbol();
        Expr kl = Bon.kl(p.bestOf(n), p);
        Expr small = Arguments.small(claim);
        Expr big = Arguments.big(claim);
        return claim.relation() != Relation.EQUALS && small.equals(kl)
                && (big.equals(Bon.bound(Quantity.BoundKind.LEMMA2_KL_UPPER, p, n))
                        || big.equals(Bon.klHat1Mean(p, n)));
    }

    /** The proof of a claim for which {@link #applies} holds. */
    static IntervalCertifier.Result certify(Claim claim) {
        return new IntervalCertifier.Result.Certified(String.format(Locale.ROOT, "%s, %s: term by term (Eqs. "
                + "24-25), pi_n(y) = F(y)^n - F_-(y)^n <= 1 - (1 - p(y))^n since (x + p)^n - x^n does not decrease in "
                + "x and F_-(y) <= 1 - p(y), and log increases; an argument with no numeric step",
                Arguments.over(claim.policies().values().iterator().next()),
                Arguments.range((Range.Integers) claim.domain().get(0))), 0);
    }
}
