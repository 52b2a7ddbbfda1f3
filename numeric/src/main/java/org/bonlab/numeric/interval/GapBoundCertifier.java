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
 * Thm 2 (Eq. 17) and Cor 2 (Eq. 19) of Beirami et al. over every policy on at most L outcomes (any rewards, ties
 * included) and every n of a range, which may be every n >= 1: the gap \( \widetilde{\mathrm{KL}}_n - \mathrm{KL} \)
 * is at most \( 2n(n-1)e^{-H_2(p)} \), and at most \( 2n(n-1)\delta \) with \( \delta = \max_y p(y) \). Neither
 * is tight as n grows (the gap grows like log n, the bounds like n^2), and over a simplex of bounded size a proof
 * needs nothing of the policy but L.
 *
 * <p><b>The argument.</b> Write \( L_n = \log n - (n-1)/n \) (Eq. 5). For any policy p on at most L outcomes:
 * <ol>
 * <li>the gap is at most \( L_n \), since \( \mathrm{KL}(\pi_n \| p) \ge 0 \) (Gibbs' inequality);</li>
 * <li>\( e^{-H_2(p)} = \sum_y p(y)^2 \ge 1/L \) (Cauchy-Schwarz: \( 1 = (\sum_y p(y))^2 \le L \sum_y p(y)^2 \)),
 *     and \( \delta = \max_y p(y) \ge 1/L \); so both bounds are at least \( 2n(n-1)/L \);</li>
 * <li>hence the claim holds at every n with \( L_n \le 2n(n-1)/L \). It holds at n = 1 (both sides 0) and wherever
 *     \( 2n^2 \ge L(n-1) \), because \( \log n \le n - 1 \) gives \( L_n \le (n-1)^2/n \le 2n(n-1)/L \). The
 *     quadratic \( 2n^2 - Ln + L \) is negative only between its roots, which exist for L > 8 and lie below L/2;
 *     at those finitely many n, \( L_n \le 2n(n-1)/L \) is checked directly with an outward-rounded enclosure of
 *     log n ({@link Interval}).</li>
 * </ol>
 * So every n is settled by exact integer arithmetic or by one enclosure, and the claim is PROVED on the whole range.
 * Where step 3 fails at some n (L >= 21 at n = 2: \( L_2 = 0.193 > 4/L \)), the true KL is needed and the claim is
 * not certified here; the result names the first such n.
 */
public final class GapBoundCertifier {

    private GapBoundCertifier() {
    }

    /**
     * Whether {@code claim} is {@code analyticalKl(n) - kl(p.bestOf(n), p) <= bound(THM2 or COR2, p, n)} (or the
     * same with the sides swapped and {@code >=}) over one simplex family of policies p and one range of integers
     * n >= 1 (finite, or every n with {@link Range#INFINITY}).
     */
    public static boolean applies(Claim claim) {
        if (claim.policies().size() != 1 || claim.domain().size() != 1
                || !(claim.domain().get(0) instanceof Range.Integers range) || range.from() < 1
                || range.to() < range.from()) {
            return false;
        }
        var only = claim.policies().entrySet().iterator().next();
        if (!(only.getValue() instanceof Family.Simplex)) {
            return false;
        }
        PolicyVar p = only.getKey();
        Expr.Sym n = range.symbol();
        Expr gap = Bon.analyticalKl(n).minus(Bon.kl(p.bestOf(n), p));
        for (Quantity.BoundKind kind : new Quantity.BoundKind[] {Quantity.BoundKind.THM2_GAP_UPPER,
            Quantity.BoundKind.COR2_GAP_UPPER}) {
            Expr bound = Bon.bound(kind, p, n);
            if (claim.relation() == Relation.AT_MOST && claim.lhs().equals(gap) && claim.rhs().equals(bound)
                    || claim.relation() == Relation.AT_LEAST && claim.lhs().equals(bound) && claim.rhs().equals(gap)) {
                return true;
            }
        }
        return false;
    }

    /** The proof of a claim for which {@link #applies} holds, or the first n the argument does not reach. */
    static IntervalCertifier.Result certify(Claim claim) {
        Range.Integers range = (Range.Integers) claim.domain().get(0);
        Family.Simplex s = (Family.Simplex) claim.policies().values().iterator().next();
        long size = s.maxSize();
        // the n where 2n^2 < L(n - 1): none at n = 1, none from L/2 on (2n^2 >= Ln > L(n - 1))
        long checked = 0;
        long last = Math.min(range.to(), (size + 1) / 2);
        for (long n = Math.max(range.from(), 2); n <= last; n++) {
            if (2 * n * n >= size * (n - 1)) {
                continue;
            }
            checked++;
            Interval ln = Interval.point(n).log().minus(Interval.point(n - 1).div(Interval.point(n)));
            // 2n(n-1) exactly (n < L/2 < 2^31, so the long does not overflow), enclosed without rounding it first
            Interval least = Interval.of(java.math.BigDecimal.valueOf(2 * n * (n - 1))).div(Interval.point(size));
            if (!(ln.hi() <= least.lo())) {
                return new IntervalCertifier.Result.NotCertified(String.format(Locale.ROOT, "not certified: the "
                        + "argument gap <= log n - (n-1)/n <= 2n(n-1)/L does not reach n = %d on up to L = %d outcomes "
                        + "(log n - (n-1)/n is in %s, 2n(n-1)/L in %s); the true KL is needed there", n, size, ln,
                        least));
            }
        }
        String upper = range.to() == Range.INFINITY ? "infinity" : Long.toString(range.to());
        return new IntervalCertifier.Result.Certified(String.format(Locale.ROOT, "every policy on %s outcomes, "
                + "n = %d..%s: the gap is at most log n - (n-1)/n (the KL is >= 0) and the bound at least 2n(n-1)/%d "
                + "(sum p^2 >= 1/L and max p >= 1/L on L <= %d outcomes); log n - (n-1)/n <= (n-1)^2/n <= "
                + "2n(n-1)/%d wherever 2n^2 >= %d(n-1) (exact integers)%s", s.minSize() == s.maxSize()
                ? Integer.toString(s.maxSize()) : s.minSize() + " to " + s.maxSize(), range.from(), upper, size,
                size, size, size, checked == 0 ? ", which is every n" : String.format(Locale.ROOT, ", and at the "
                        + "other %d values of n directly, by outward-rounded enclosures of log n", checked)),
                checked);
    }
}
