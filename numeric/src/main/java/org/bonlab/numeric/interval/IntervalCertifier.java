package org.bonlab.numeric.interval;

import java.util.LinkedHashMap;
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
 * Proves a claim by certified interval evaluation at every point of a finite domain: fixed policies and integer
 * ranges with at most {@link #MAX_POINTS} points in all. At each point both sides are enclosed with outward
 * rounding, and the claim is proved only if the enclosure of the margin is non-negative everywhere. This is a
 * sound argument for that finite domain (and only for it); equalities and infinite or real ranges are not
 * covered, and a point where the claim is tight (margin exactly 0) cannot be certified.
 */
public final class IntervalCertifier {

    /** Largest domain certified point by point. */
    public static final long MAX_POINTS = 2_000_000;

    private IntervalCertifier() {
    }

    /** The outcome of an attempt: a proof, or why there is none. */
    public sealed interface Result permits Result.Certified, Result.NotCertified {
        record Certified(String argument, long points) implements Result {
        }

        record NotCertified(String reason) implements Result {
        }
    }

    public static Result certify(Claim claim) {
        if (claim.relation() == Relation.EQUALS) {
            return new Result.NotCertified("interval arithmetic cannot certify an equality");
        }
        Map<PolicyVar, Policy> fixed = new LinkedHashMap<>();
        for (var e : claim.policies().entrySet()) {
            if (!(e.getValue() instanceof Family.Named n)) {
                return new Result.NotCertified("certification covers fixed policies only, but " + e.getKey().name()
                        + " ranges over a family");
            }
            fixed.put(e.getKey(), n.policy());
        }
        long total = 1;
        for (Range r : claim.domain()) {
            if (!(r instanceof Range.Integers ints)) {
                return new Result.NotCertified("certification covers integer ranges only, but " + r + " is not one");
            }
            total = Math.multiplyHigh(total, ints.count()) != 0 ? Long.MAX_VALUE : total * ints.count();
        }
        if (total > MAX_POINTS) {
            return new Result.NotCertified(String.format(Locale.ROOT,
                    "the domain has more than %d points", MAX_POINTS));
        }
        Expr lhs = Binding.bind(claim.lhs(), fixed);
        Expr rhs = Binding.bind(claim.rhs(), fixed);
        int k = claim.domain().size();
        long[] idx = new long[k];
        double worst = Double.POSITIVE_INFINITY;
        String where = "";
        for (long point = 0; point < total; point++) {
            Map<Expr.Sym, Double> at = new LinkedHashMap<>();
            for (int d = 0; d < k; d++) {
                Range.Integers r = (Range.Integers) claim.domain().get(d);
                at.put(r.symbol(), (double) (r.from() + idx[d]));
            }
            Interval margin;
            try {
                IntervalEvaluator ev = new IntervalEvaluator(at);
                Interval l = ev.evaluate(lhs);
                Interval r = ev.evaluate(rhs);
                margin = claim.relation() == Relation.AT_MOST ? r.minus(l) : l.minus(r);
            } catch (UnsupportedOperationException | ArithmeticException | IllegalArgumentException e) {
                return new Result.NotCertified(e.getMessage());
            }
            if (!(margin.lo() >= 0)) {
                return new Result.NotCertified(String.format(Locale.ROOT,
                        "the margin's enclosure %s at %s is not non-negative", margin, at));
            }
            if (margin.lo() < worst) {
                worst = margin.lo();
                where = at.toString();
            }
            for (int d = k - 1; d >= 0; d--) {
                if (++idx[d] < ((Range.Integers) claim.domain().get(d)).count()) {
                    break;
                }
                idx[d] = 0;
            }
        }
        return new Result.Certified(String.format(Locale.ROOT,
                "certified by interval arithmetic with outward rounding at every one of the %d points of the domain "
                        + "(smallest certified lower bound of the margin %.3g at %s)", total, worst,
                where.replace("Sym[name=", "").replace("]", "")), total);
    }

    /** Convenience: a proof, or empty. */
    public static Optional<String> proof(Claim claim) {
        return certify(claim) instanceof Result.Certified c ? Optional.of(c.argument()) : Optional.empty();
    }
}
