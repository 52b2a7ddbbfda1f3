package org.bonlab.numeric.interval;

import java.util.Locale;
import org.bonlab.Bon;
import org.bonlab.claim.Claim;
import org.bonlab.claim.Family;
import org.bonlab.claim.Range;
import org.bonlab.claim.Relation;
import org.bonlab.expr.Expr;
import org.bonlab.policy.PolicyVar;

/**
 * Cor 1 (Eq. 16) of Beirami et al. for two prompts: \( w\,\mathrm{KL}(\pi_n^{(1)} \| p_1) + (1-w)\,\mathrm{KL}(\pi_n^{(2)}
 * \| p_2) \le \log n - (n-1)/n \) for weights w in [0, 1], over any two families of policies (simplices, bernoulli(p),
 * named policies without symbols) and any range of n. Each KL is at most \( \log n - (n-1)/n \) by Thm 1 (data
 * processing, {@link QuantileCouplingCertifier}), and a convex combination of two numbers at most a bound is at most
 * it. The argument has no numeric step, so the proof carries no covering.
 */
public final class PromptAverageCertifier {

    private PromptAverageCertifier() {
    }

    /**
     * Whether {@code claim} is {@code w * kl(p.bestOf(n), p) + (1 - w) * kl(q.bestOf(n), q) <= analyticalKl(n)} (or
     * swapped with {@code >=}) with w a real symbol ranging within [0, 1], n a range of integers >= 1, and p, q the
     * claim's two policy variables over simplices, bernoulli(p) or named policies without symbols.
     */
    public static boolean applies(Claim claim) {
        if (claim.policies().size() != 2 || claim.domain().size() != 2 || claim.relation() == Relation.EQUALS) {
            return false;
        }
        Range.Integers ints = null;
        Range.Reals reals = null;
        for (Range r : claim.domain()) {
            if (r instanceof Range.Integers i) {
                ints = i;
            } else if (r instanceof Range.Reals re) {
                reals = re;
            }
        }
        if (ints == null || reals == null || ints.from() < 1 || !(reals.lower() >= 0 && reals.upper() <= 1)) {
            return false;
        }
        for (Family f : claim.policies().values()) {
            if (!Arguments.anyPolicy(f)) {
                return false;
            }
        }
        Expr.Sym n = ints.symbol();
        Expr.Sym w = reals.symbol();
        if (!Arguments.big(claim).equals(Bon.analyticalKl(n))) {
            return false;
        }
        Expr small = Arguments.small(claim);
        for (PolicyVar p : claim.policies().keySet()) {
            for (PolicyVar q : claim.policies().keySet()) {
                if (p != q && small.equals(w.times(Bon.kl(p.bestOf(n), p)).plus(Expr.constant(1).minus(w)
                        .times(Bon.kl(q.bestOf(n), q))))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The proof of a claim for which {@link #applies} holds. */
    static IntervalCertifier.Result certify(Claim claim) {
        Range.Integers ints = (Range.Integers) claim.domain().stream().filter(r -> r instanceof Range.Integers)
                .findFirst().orElseThrow();
        return new IntervalCertifier.Result.Certified(String.format(Locale.ROOT, "every weight in [0, 1], %s: Cor 1 "
                + "(Eq. 16): each prompt's KL is at most log n - (n-1)/n by Thm 1 (data processing), so is their "
                + "convex combination; an argument with no numeric step", Arguments.range(ints)), 0);
    }
}
