package org.bonlab.numeric.claim;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.bonlab.claim.Binding;
import org.bonlab.claim.Claim;
import org.bonlab.expr.Expr;
import org.bonlab.expr.Rational;
import org.bonlab.numeric.interval.Interval;
import org.bonlab.numeric.interval.IntervalEvaluator;
import org.bonlab.numeric.precise.HighPrecisionEvaluator;
import org.bonlab.policy.BasePolicy;
import org.bonlab.policy.Explicit;
import org.bonlab.policy.PolicyVar;

/**
 * Counterexamples below the search's tolerance. A violation counts in double precision only beyond
 * {@link ClaimChecker#VIOLATION_TOLERANCE} of the scale of the two sides; a point where the margin is negative by
 * less (a claim off by 1e-11, say) is a counterexample when two computations other than the search's confirm it:
 * the outward-rounded interval enclosures of the two sides at the point do not meet on the claim's side (a proof
 * that the claim fails there), and the 50-digit margin is below -{@link #TOLERANCE} of the scale. Both read the
 * point's policies as written, so the point must be a genuine member of the claim's domain: every explicit policy
 * it involves sums to 1 exactly (a drawn one whose doubles do not is made to, by its largest probability, where
 * that is a double); otherwise nothing is claimed.
 */
final class NearMiss {

    /**
     * The least 50-digit violation, as a fraction of {@code max(1, |lhs|, |rhs|)}, that confirms a counterexample
     * below the search's tolerance: a thousand times the 1e-18 to which the 50-digit engine is held against the
     * 60-digit references ({@code HighPrecisionEvaluatorTest}).
     */
    static final double TOLERANCE = 1e-15;

    private NearMiss() {
    }

    /** A confirmed counterexample: the point (its policies summing to 1 exactly) and the evidence. */
    record Confirmed(ConjectureSearch.Candidate candidate, String evidence) {
    }

    /** The counterexample at {@code c}, confirmed as the class says, or empty. */
    static Optional<Confirmed> confirm(Claim claim, ConjectureSearch.Candidate c) {
        Map<PolicyVar, Explicit> policies = new LinkedHashMap<>();
        for (Map.Entry<PolicyVar, Explicit> e : c.policies().entrySet()) {
            Optional<Explicit> exact = summingToOne(e.getValue());
            if (exact.isEmpty()) {
                return Optional.empty();
            }
            policies.put(e.getKey(), exact.get());
        }
        try {
            Expr lhs = Binding.bind(claim.lhs(), policies);
            Expr rhs = Binding.bind(claim.rhs(), policies);
            for (Expr side : List.of(lhs, rhs)) {
                for (BasePolicy b : Binding.basePolicies(side)) {
                    if (b instanceof Explicit x && !sumsToOne(x)) {
                        return Optional.empty(); // a fixed policy of the claim, as written, is not quite one
                    }
                }
            }
            Map<Expr.Sym, Interval> box = new HashMap<>();
            c.symbols().forEach((k, v) -> box.put(k, Interval.point(v)));
            Interval l = IntervalEvaluator.over(box).evaluate(lhs);
            Interval r = IntervalEvaluator.over(box).evaluate(rhs);
            boolean fails = switch (claim.relation()) {
                case AT_MOST -> l.lo() > r.hi();
                case AT_LEAST -> l.hi() < r.lo();
                case EQUALS -> l.lo() > r.hi() || l.hi() < r.lo();
            };
            if (!fails) {
                return Optional.empty();
            }
            HighPrecisionEvaluator hp = new HighPrecisionEvaluator(50);
            Map<Expr.Sym, BigDecimal> at = new HashMap<>();
            c.symbols().forEach((k, v) -> at.put(k, new BigDecimal(v)));
            BigDecimal hl = hp.evaluate(lhs, at);
            BigDecimal hr = hp.evaluate(rhs, at);
            BigDecimal margin = switch (claim.relation()) {
                case AT_MOST -> hr.subtract(hl);
                case AT_LEAST -> hl.subtract(hr);
                case EQUALS -> hl.subtract(hr).abs().negate();
            };
            BigDecimal scale = BigDecimal.ONE.max(hl.abs()).max(hr.abs());
            if (margin.compareTo(scale.multiply(BigDecimal.valueOf(-TOLERANCE))) >= 0) {
                return Optional.empty();
            }
            MathContext digits = new MathContext(20);
            return Optional.of(new Confirmed(new ConjectureSearch.Candidate(policies, c.symbols()),
                    String.format(Locale.ROOT, "a violation below the search's tolerance (%s of the scale), confirmed "
                            + "twice: outward-rounded interval arithmetic encloses lhs in %s and rhs in %s (a proof "
                            + "that the claim fails here), and at 50 digits lhs = %s, rhs = %s, margin %s",
                            ClaimChecker.VIOLATION_TOLERANCE, l, r, hl.round(digits), hr.round(digits),
                            margin.round(new MathContext(6)))));
        } catch (RuntimeException e) {
            // an engine that cannot evaluate the claim here (interval arithmetic covers fewer quantities): no
            // second computation, no counterexample
            return Optional.empty();
        }
    }

    /** Whether the probabilities as written sum to 1 exactly. */
    static boolean sumsToOne(Explicit x) {
        Rational sum = Rational.ZERO;
        for (int i = 0; i < x.size(); i++) {
            sum = sum.plus(x.probability(i).toRational());
        }
        return sum.compareTo(Rational.ONE) == 0;
    }

    /** 2^53: every multiple of 2^-53 in [0, 1] is a double. */
    private static final double GRID = 0x1p53;

    /**
     * {@code x} if its probabilities sum to 1 exactly; else, for probabilities written as doubles, the nearest
     * policy on the grid of multiples of 2^-53 (each probability but the largest rounded to the grid, the largest 1
     * minus the others: every such sum is a double; each of the others moves by at most 2^-54, the largest by
     * their moves and the amount by which the doubles missed 1), provided no probability falls to 0; else empty.
     */
    static Optional<Explicit> summingToOne(Explicit x) {
        if (sumsToOne(x)) {
            return Optional.of(x);
        }
        if (x.isExact()) {
            return Optional.empty();
        }
        double[] p = x.probabilitiesAsDoubles();
        int top = 0;
        for (int i = 1; i < p.length; i++) {
            top = p[i] > p[top] ? i : top;
        }
        double others = 0; // a sum of multiples of 2^-53 below 1: exact
        for (int i = 0; i < p.length; i++) {
            if (i != top) {
                double q = Math.rint(p[i] * GRID) / GRID;
                if (q == 0 && p[i] > 0) {
                    return Optional.empty(); // the point would leave the support it was drawn on
                }
                p[i] = q;
                others += q;
            }
        }
        p[top] = 1 - others;
        if (!(p[top] > 0)) {
            return Optional.empty();
        }
        Explicit repaired = x.withProbabilities(p);
        return sumsToOne(repaired) ? Optional.of(repaired) : Optional.empty();
    }
}
