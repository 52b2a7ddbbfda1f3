package org.bonlab.numeric.interval;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.bonlab.claim.Binding;
import org.bonlab.claim.Claim;
import org.bonlab.claim.Family;
import org.bonlab.claim.Range;
import org.bonlab.claim.Relation;
import org.bonlab.expr.Expr;
import org.bonlab.policy.Policy;
import org.bonlab.policy.PolicyVar;

/**
 * A claim weaker than one of the quantile coupling's bounds ({@link QuantileCouplingCertifier}): {@code small <= big}
 * where {@code small} is a quantity the coupling bounds by B (the KL of best-of-n by log n - (n-1)/n, Thm 1 of
 * Beirami et al.; the win rates by n/(n+1), v3 Thm 5.3; Mroueh's chi^2, squared Hellinger and total variation
 * bounds), but {@code big} is not B. It holds on the domain if {@code B <= big} does there (transitivity), a claim
 * the rest of the certifier is asked to prove: by boxes of n when neither B nor {@code big} depends on the policy
 * (KL <= log n, the win rate <= 1 - 1/(2n), both for every n), by the boxes over the policy's family otherwise.
 */
final class WeakeningCertifier {

    private WeakeningCertifier() {
    }

    /** The two claims a proof is made of: the coupling's {@code small <= B}, and {@code B <= big}. */
    record Split(Claim known, Claim rest) {
    }

    /** The name of this route in certificates: the argument that proves {@link Split#known}. */
    static final String ARGUMENT = "quantile-coupling";

    /**
     * The split of {@code claim} through the first bound B of its small side that the coupling proves on the
     * claim's family and range of n, or empty (also when {@code big} is that bound: the argument takes it whole).
     */
    static Optional<Split> split(Claim claim) {
        if (claim.relation() == Relation.EQUALS || claim.policies().size() != 1 || claim.domain().size() != 1
                || !(claim.domain().get(0) instanceof Range.Integers range)) {
            return Optional.empty();
        }
        PolicyVar p = claim.policies().keySet().iterator().next();
        Expr small = Arguments.small(claim);
        Expr big = Arguments.big(claim);
        for (Expr bound : QuantileCouplingCertifier.boundsOf(small, p, range.symbol())) {
            if (bound.equals(big)) {
                continue;
            }
            Claim known = new Claim(claim.name(), small, Relation.AT_MOST, bound, claim.domain(), claim.policies());
            if (!QuantileCouplingCertifier.applies(known)) {
                continue; // not on this family or range (ties for the win-rate gap, n = 1 for total variation)
            }
            Map<PolicyVar, Family> used = mentions(bound, p) || mentions(big, p) ? claim.policies() : Map.of();
            return Optional.of(new Split(known, new Claim(claim.name(), difference(bound, big), Relation.AT_MOST,
                    Expr.constant(0), claim.domain(), used)));
        }
        return Optional.empty();
    }

    /**
     * {@code a - b} with the terms the two sums share cancelled (log n - (n-1)/n - log n is -(n-1)/n), so that boxes
     * of n reaching infinity can enclose it where both sides grow without bound.
     */
    static Expr difference(Expr a, Expr b) {
        List<Expr> plus = new ArrayList<>();
        List<Expr> minus = new ArrayList<>();
        terms(a, true, plus, minus);
        terms(b, false, plus, minus);
        for (Iterator<Expr> it = plus.iterator(); it.hasNext(); ) {
            if (minus.remove(it.next())) {
                it.remove();
            }
        }
        Expr sum = null;
        for (Expr t : plus) {
            sum = sum == null ? t : sum.plus(t);
        }
        for (Expr t : minus) {
            sum = sum == null ? t.unaryMinus() : sum.minus(t);
        }
        return sum == null ? Expr.constant(0) : sum;
    }

    /** The terms of the sum {@code e}, each into {@code plus} or {@code minus} by its sign ({@code positive} flips). */
    private static void terms(Expr e, boolean positive, List<Expr> plus, List<Expr> minus) {
        if (e instanceof Expr.Add add) {
            terms(add.left(), positive, plus, minus);
            terms(add.right(), positive, plus, minus);
        } else if (e instanceof Expr.Sub sub) {
            terms(sub.left(), positive, plus, minus);
            terms(sub.right(), !positive, plus, minus);
        } else if (e instanceof Expr.Neg neg) {
            terms(neg.operand(), !positive, plus, minus);
        } else if (e instanceof org.bonlab.expr.Quantity.AnalyticalKl a) {
            // Eq. (5): log n - (n-1)/n, so that its log n can cancel against another
            terms(org.bonlab.Bon.log(a.n()), positive, plus, minus);
            terms(a.n().minus(Expr.constant(1)).div(a.n()), !positive, plus, minus);
        } else {
            (positive ? plus : minus).add(e);
        }
    }

    /** Whether {@code e} refers to the policy variable {@code p}. */
    private static boolean mentions(Expr e, PolicyVar p) {
        return !Binding.bind(e, Map.of(p, Policy.coin())).equals(e);
    }

    /** The proof of {@code claim} through its split, or why there is none. */
    static IntervalCertifier.Result certify(Claim claim, Split split) {
        IntervalCertifier.Result known = QuantileCouplingCertifier.certify(split.known());
        if (!(known instanceof IntervalCertifier.Result.Certified k)) {
            return known;
        }
        IntervalCertifier.Result rest = IntervalCertifier.certify(split.rest());
        String bound = split.known().rhs().show();
        if (rest instanceof IntervalCertifier.Result.Certified r) {
            return new IntervalCertifier.Result.Certified(String.format(Locale.ROOT, "by transitivity through %s: %s; "
                    + "and %s <= %s on the domain, as %s <= 0: %s", bound, k.argument(), bound,
                    Arguments.big(claim).show(), split.rest().lhs().show(), r.argument()), k.points() + r.points(),
                    r.covering().map(c -> new Covering(c.kind(), c.pieces(), ARGUMENT)));
        }
        return new IntervalCertifier.Result.NotCertified(String.format(Locale.ROOT, "the claim would follow from %s "
                + "(the quantile coupling) and %s <= %s, that is %s <= 0, but that was not certified: %s", bound,
                bound, Arguments.big(claim).show(), split.rest().lhs().show(),
                ((IntervalCertifier.Result.NotCertified) rest).reason()));
    }
}
