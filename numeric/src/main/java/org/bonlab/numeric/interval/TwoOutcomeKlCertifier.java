package org.bonlab.numeric.interval;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import org.bonlab.Bon;
import org.bonlab.claim.Claim;
import org.bonlab.claim.Family;
import org.bonlab.claim.Range;
import org.bonlab.claim.Relation;
import org.bonlab.expr.Expr;
import org.bonlab.policy.PolicyVar;

/**
 * Thm 1 (Eq. 15) of Beirami et al., \( \mathrm{KL}(\pi_n \| p) \le \log n - (n-1)/n \), over every policy on one or
 * two outcomes (any rewards, or the bernoulli(p) family) for every n of a range reaching past {@link #FROM}, which
 * may be every n >= 1: boxes for the n below {@link #FROM} ({@link IntervalCertifier}), and an argument uniform in n
 * from there on. On two outcomes the bound is not tight as n grows, but only just: mpmath puts the smallest margin
 * over the policies at 0.2804 for n = 10, 0.5582 for n = 1000 and 0.6981 for n = 10^6.
 *
 * <p><b>The argument.</b> Best-of-n follows the total order of the outcomes (reward, then the tie-break order), so
 * with a the probability of the lower outcome and \( t = a^n \), \( \pi_n = (t, 1 - t) \) and
 * \( \mathrm{KL} = (n-1)\,t\log a + (1-t)\log S \) with \( S = (1-t)/(1-a) = \sum_{k<n} a^k \in [1, n] \). At a = 0
 * and a = 1, \( \pi_n = p \) and the KL is 0. Write \( L_n = \log n - 1 + 1/n \), which increases with n.
 * <ul>
 * <li>a <= 1/2: the first term is <= 0 and \( S \le 1/(1-a) \le 2 \), so \( \mathrm{KL} \le \log 2 <
 *     L_{10} \le L_n \): condition (A).</li>
 * <li>a in [1/2, 1): let \( s = -n\log a \in (0, n\log 2] \), so \( t = e^{-s} \). From \( \log(1/a) \le 1/a - 1 \),
 *     \( 1 - a \ge a s/n \), so \( \log S \le \log n + \log\varphi + s/n \) with \( \varphi = (1-t)/s \in (0, 1] \)
 *     (and \( -\log a = s/n \)). With \( (n-1)t\log a = -(n-1)ts/n \), the margin \( L_n - \mathrm{KL} \) is at
 *     least \[ B_n(s) = t\log n - 1 - (1-t)\log\varphi + ts + (1-s)/n. \] \( \partial B_n/\partial n =
 *     (tn + s - 1)/n^2 \ge 0 \) (for s <= 1, \( t \ge 1 - s \) gives \( tn + s - 1 \ge (n-1)(1-s) \)), so B_n(s) >=
 *     B_{10}(s) for n >= 10.
 *     <ul>
 *     <li>s >= 7: \( t\log n, ts \ge 0 \), \( -(1-t)\log\varphi \ge (1-t)\log s \ge (1-e^{-7})\log 7 \) and
 *         \( (1-s)/n \ge -\log 2 \) (as s <= n log 2), so \( B_n(s) \ge (1-e^{-7})\log 7 - 1 - \log 2 > 0 \):
 *         condition (B).</li>
 *     <li>s in (0, 7]: \( B_{10}(s) > 0 \), checked by bisecting [0, 7] with outward-rounded enclosures (t, 1 - t
 *         and \( \varphi \) are monotone in s, \( \varphi(0) = 1 \)): condition (C).</li>
 *     </ul></li>
 * </ul>
 * The conditions are checked every time the argument is used; the n below {@link #FROM} go to the box certifiers
 * (the simplex of 2 outcomes, or p of bernoulli(p)).
 */
public final class TwoOutcomeKlCertifier {

    /** The first n the uniform argument covers. */
    static final long FROM = 10;

    /** Where condition (C)'s bisection ends and condition (B) takes over. */
    static final double S_END = 7;

    /** The narrowest box of s before giving up (B_10's minimum on [0, 7] is 0.1559, near s = 2.875). */
    static final double MIN_WIDTH = 1e-9;

    private TwoOutcomeKlCertifier() {
    }

    /**
     * Whether {@code claim} is {@code kl(p.bestOf(n), p) <= analyticalKl(n)} (or the same swapped with {@code >=})
     * over one family of policies on at most two outcomes (a simplex with any rewards, or bernoulli(p)) and one
     * range of integers n >= 1 reaching {@link #FROM} or beyond (below it the box certifiers need no argument).
     */
    public static boolean applies(Claim claim) {
        if (claim.policies().size() != 1 || claim.domain().size() != 1
                || !(claim.domain().get(0) instanceof Range.Integers range) || range.from() < 1
                || range.to() < FROM) {
            return false;
        }
        var only = claim.policies().entrySet().iterator().next();
        if (!(only.getValue() instanceof Family.Simplex s && s.maxSize() <= 2
                || only.getValue() instanceof Family.Bernoulli)) {
            return false;
        }
        PolicyVar p = only.getKey();
        Expr.Sym n = range.symbol();
        Expr kl = Bon.kl(p.bestOf(n), p);
        Expr bound = Bon.analyticalKl(n);
        return claim.relation() == Relation.AT_MOST && claim.lhs().equals(kl) && claim.rhs().equals(bound)
                || claim.relation() == Relation.AT_LEAST && claim.lhs().equals(bound) && claim.rhs().equals(kl);
    }

    /** The proof of a claim for which {@link #applies} holds, or why there is none. */
    static IntervalCertifier.Result certify(Claim claim) {
        Range.Integers range = (Range.Integers) claim.domain().get(0);
        String below = "";
        long points = 0;
        java.util.List<Covering.Piece> pieces = IntervalCertifier.recording() ? new java.util.ArrayList<>() : null;
        if (range.from() < FROM) {
            Claim head = head(claim);
            IntervalCertifier.Result r = IntervalCertifier.certify(head);
            if (r instanceof IntervalCertifier.Result.NotCertified nc) {
                return new IntervalCertifier.Result.NotCertified(String.format(Locale.ROOT, "n = %d..%d, below the "
                        + "argument uniform in n: %s", range.from(), FROM - 1, nc.reason()));
            }
            IntervalCertifier.Result.Certified c = (IntervalCertifier.Result.Certified) r;
            points = c.points();
            if (pieces != null && c.covering().isPresent() && c.covering().get().kind() == headKind(claim)) {
                pieces.addAll(c.covering().get().pieces());
            } else {
                pieces = null; // the boxes kept no covering: no certificate
            }
            below = String.format(Locale.ROOT, "; for n = %d..%d: %s", range.from(), FROM - 1, c.argument());
        }
        Conditions tail = conditions();
        if (!tail.failure().isEmpty()) {
            return new IntervalCertifier.Result.NotCertified("not certified: " + tail.failure());
        }
        long first = Math.max(range.from(), FROM);
        if (pieces != null) {
            pieces.add(new Covering.Piece(headParts(claim), first, range.unbounded() ? Double.POSITIVE_INFINITY
                    : range.to(), new double[0], new double[0], tail.smallest()));
        }
        return new IntervalCertifier.Result.Certified(String.format(Locale.ROOT, "%s, %s: for n >= %d, with "
                + "a the lower outcome's probability, KL <= log 2 < L_n where a <= 1/2, and where a >= 1/2 the margin "
                + "is at least B_n(s) (s = -n log a), which increases with n, is >= (1 - e^-7) log 7 - 1 - log 2 > 0 "
                + "for s >= 7, and has enclosures >= %.3g > 0 on s in (0, 7] at n = %d (%d outward-rounded boxes "
                + "of s)%s",
                Arguments.over(claim.policies().values().iterator().next()), Arguments.range(range), first,
                tail.smallest(), FROM, tail.boxes(), below), points + tail.boxes(),
                IntervalCertifier.covering(Covering.Kind.TWO_OUTCOME_KL, pieces));
    }

    /** The claim over the n below {@link #FROM} (its range must start below it), which the boxes prove. */
    static Claim head(Claim claim) {
        Range.Integers range = (Range.Integers) claim.domain().get(0);
        return new Claim(claim.name(), claim.lhs(), claim.relation(), claim.rhs(),
                List.of(new Range.Integers(range.symbol(), range.from(), FROM - 1)), claim.policies(),
                claim.expected());
    }

    /** The kind of the boxes' covering of the head: SIMPLEX over a simplex, PARAMETER over bernoulli(p). */
    static Covering.Kind headKind(Claim claim) {
        return claim.policies().values().iterator().next() instanceof Family.Simplex ? Covering.Kind.SIMPLEX
                : Covering.Kind.PARAMETER;
    }

    /** How many parts the head's covering has: the uniform piece's part is this number. */
    static int headParts(Claim claim) {
        return claim.policies().values().iterator().next() instanceof Family.Simplex s
                ? SimplexCertifier.placeholders(s).size() : 1;
    }

    /** The numeric conditions of the uniform argument: boxes evaluated, smallest margin, failure ("" if none). */
    record Conditions(long boxes, double smallest, String failure) {
    }

    /** Checks conditions (A), (B) and (C) of the class comment in outward-rounded arithmetic. */
    static Conditions conditions() {
        Interval one = Interval.ONE;
        Interval n = Interval.point(FROM);
        Interval ln = n.log().minus(one).plus(one.div(n));
        Interval log2 = Interval.point(2).log();
        if (!(ln.lo() > log2.hi())) {
            return new Conditions(0, 0, "condition (A): L_" + FROM + " = " + ln + " is not above log 2 = " + log2);
        }
        Interval end = Interval.point(S_END);
        Interval b = one.minus(end.negate().exp()).times(end.log()).minus(one).minus(log2);
        if (!(b.lo() > 0)) {
            return new Conditions(0, 0, "condition (B): (1 - e^-7) log 7 - 1 - log 2 is in " + b);
        }
        Interval logN = n.log();
        Deque<double[]> work = new ArrayDeque<>();
        work.push(new double[] {0, S_END});
        long boxes = 0;
        double smallest = Double.POSITIVE_INFINITY;
        while (!work.isEmpty()) {
            double[] box = work.pop();
            boxes++;
            Interval m = lowerBound(box[0], box[1], n, logN);
            if (m.lo() > 0) {
                smallest = Math.min(smallest, m.lo());
                continue;
            }
            double mid = 0.5 * (box[0] + box[1]);
            if (box[1] - box[0] < MIN_WIDTH || mid <= box[0] || mid >= box[1]) {
                return new Conditions(boxes, smallest, String.format(Locale.ROOT, "condition (C): the enclosure of "
                        + "B_%d on s in [%.17g, %.17g] is %s", FROM, box[0], box[1], m));
            }
            work.push(new double[] {mid, box[1]});
            work.push(new double[] {box[0], mid});
        }
        return new Conditions(boxes, smallest, "");
    }

    /** An enclosure of B_n(s) over s in [s1, s2] (0 <= s1 <= s2), n and log n given as enclosures. */
    static Interval lowerBound(double s1, double s2, Interval n, Interval logN) {
        Interval one = Interval.ONE;
        Interval s = new Interval(s1, s2);
        // t = e^-s and 1 - t = -expm1(-s) are monotone in s: enclosed from their values at the ends
        Interval t = new Interval(Interval.point(-s2).exp().lo(), Interval.point(-s1).exp().hi());
        Interval oneMinusT = new Interval(Math.max(0, Interval.point(-s1).expm1().negate().lo()),
                Interval.point(-s2).expm1().negate().hi());
        // phi = (1 - e^-s)/s decreases from phi(0) = 1; -log phi >= 0
        Interval phi = new Interval(phiAt(s2).lo(), Math.min(1, phiAt(s1).hi()));
        Interval minusLogPhi = phi.log().negate().intersect(new Interval(0, Double.POSITIVE_INFINITY));
        return t.times(logN).minus(one).plus(oneMinusT.times(minusLogPhi)).plus(t.times(s))
                .plus(one.minus(s).div(n));
    }

    private static Interval phiAt(double s) {
        if (s == 0) {
            return Interval.ONE;
        }
        Interval p = Interval.point(s);
        return p.negate().expm1().negate().div(p);
    }
}
