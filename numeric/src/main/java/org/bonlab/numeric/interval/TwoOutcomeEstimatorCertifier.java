package org.bonlab.numeric.interval;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import org.bonlab.Bon;
import org.bonlab.claim.Claim;
import org.bonlab.claim.Family;
import org.bonlab.claim.Range;
import org.bonlab.claim.Relation;
import org.bonlab.expr.Expr;
import org.bonlab.policy.PolicyVar;

/**
 * Conjecture 4.4 of Beirami et al. (v3): the mean of the estimator Eq. (28) under best-of-n is at least the KL,
 * \( \mathbb{E}_{y \sim \pi_n}[\widehat{\mathrm{KL}}(p(y))] \ge \mathrm{KL}(\pi_n \| p) \), proved on every policy
 * on one or two outcomes for every n >= 1, by a reduction to a function bounded away from 0, branch-and-bound on it
 * for n below {@link TwoOutcomeEstimatorTail#FROM}, and an argument uniform in n from there on.
 *
 * <p><b>The reduction.</b> On two outcomes let a be the probability of the lower-ranked outcome and b = 1 - a that
 * of the top one (any rewards; ties broken by the tie-break order, so one outcome is on top), so that
 * \( \pi_n = (a^n, 1 - a^n) \). With \( L_n = \log n - (n-1)/n \), \( S_a = \sum_{k<n} a^k = (1-a^n)/b \) and
 * \( S_b = \sum_{k<n} b^k = (1-b^n)/a \), Eq. (28) gives \( \widehat{\mathrm{KL}}(b) = a^n(L_n + (n-1)\log a) +
 * (1-a^n)\log\frac{1-a^n}{b} \), whose second term is the top outcome's log-ratio in the KL: the margin
 * \( M = \mathbb{E}[\widehat{\mathrm{KL}}] - \mathrm{KL} \) is \( a^n G \) with
 * \[ G = b^n (L_n + (n-1)\log b) + (1 - b^n)\log S_b + (1 - a^n)(L_n - \log S_a) - (n-1) a^n \log a \]
 * (the identity is proved by Symja for symbolic a and n in {@code TwoOutcomeEstimatorIdentityTest} of the
 * symbolic module, and checked at 50 digits in {@code HighPrecisionEvaluatorTest}). So M >= 0 wherever G >= 0.
 * G is 0 at n = 1 for every a, and tends to 0 like b as a -> 1, so near a = 1 the argument bounds
 * \( H = G/b = L_n b^{n-1} + (n-1) b^{n-1}\log b + a S_b S'_b \lambda(b S'_b) + S_a (L_n - \log S_a)
 * + (n-1) a^n \mu(b) \) instead, with \( S'_b = \sum_{k<n-1} b^k \) (so \( S_b = 1 + b S'_b \)),
 * \( \lambda(x) = \log(1+x)/x \) (decreasing, 1 at 0) and \( \mu(b) = -\log(1-b)/b \) (increasing, 1 at 0). The
 * sums are enclosed through \( \varphi_m(x) = (1 - (1-x)^m)/x = \sum_{k<m} (1-x)^k \), decreasing in x, from its
 * values at the ends of a box (m at x = 0), computed as -expm1(m log1p(-x))/x; \( b^{n}\log b \) through
 * \( x \log x \) of \( b^n \). mpmath puts the minimum of H at 0.33326 (n = 2, a = 0.231), 0.833 (n = 3) and 1
 * (n >= 4, at a -> 1).
 *
 * <p><b>The proof.</b> n = 1: best-of-1 is p, the KL is 0 and Eq. (28) is 0 at n = 1 (q = 1 - eps: both terms
 * vanish), so M = 0. The ends a = 0 and a = 1 (one outcome has all the mass; also every policy on one outcome):
 * pi_n = p, the KL is 0 and the estimator at eps = 1 is 0, so M = 0. For each n >= 2 the a-interval [0, 1] is
 * split at 1/2 and bisected: a box in [0, 1/2] is done when the enclosure of G is >= 0, a box in [1/2, 1] when the
 * enclosure of H is >= 0 (b > 0 inside, so G = b H >= 0; and a^n >= 0). Every enclosure is outward-rounded
 * ({@link Interval}). For n >= {@link TwoOutcomeEstimatorTail#FROM}, G > 0 on a in [0, 1/2] and G/b > 0 on a in
 * [1/2, 1) by the lemmas of {@link TwoOutcomeEstimatorTail}, whose numeric conditions are checked at each use. The
 * claim is PROVED only if every box of every n below that is done and the conditions hold. The per-n bisection
 * itself ({@link #bisect}) reaches n = 10^4 in about 30 s; {@code bench/conjecture44.sh} times it, an independent
 * check of the uniform argument over a finite range.
 */
public final class TwoOutcomeEstimatorCertifier {

    /** The narrowest box of a before giving up on it. */
    static final double MIN_WIDTH = 1e-12;

    private TwoOutcomeEstimatorCertifier() {
    }

    /**
     * Whether {@code claim} is Conjecture 4.4 over every policy on one or two outcomes with distinct rewards (ordered
     * or in any order) and n in a range of integers >= 1 (finite, or every n with {@link Range#INFINITY}):
     * {@code E[KLhat; pi_n] >= KL(pi_n || p)} (or the same with the sides swapped and {@code <=}).
     */
    public static boolean applies(Claim claim) {
        if (claim.policies().size() != 1 || claim.domain().size() != 1
                || !(claim.domain().get(0) instanceof Range.Integers range) || range.from() < 1
                || range.to() < range.from()) {
            return false;
        }
        var only = claim.policies().entrySet().iterator().next();
        if (!(only.getValue() instanceof Family.Simplex s) || s.maxSize() > 2
                || s.rewards() != Family.Rewards.ORDERED && s.rewards() != Family.Rewards.ARBITRARY) {
            return false;
        }
        PolicyVar p = only.getKey();
        Expr.Sym n = range.symbol();
        Expr estimator = Bon.klHatMean(p, n);
        Expr kl = Bon.kl(p.bestOf(n), p);
        return claim.relation() == Relation.AT_LEAST && claim.lhs().equals(estimator) && claim.rhs().equals(kl)
                || claim.relation() == Relation.AT_MOST && claim.lhs().equals(kl) && claim.rhs().equals(estimator);
    }

    /** The proof of a claim for which {@link #applies} holds, or why there is none. */
    static IntervalCertifier.Result certify(Claim claim) {
        Range.Integers range = (Range.Integers) claim.domain().get(0);
        Family.Simplex s = (Family.Simplex) claim.policies().values().iterator().next();
        SimplexCertifier.Budget budget = SimplexCertifier.budget(); // the command line's boxes and time
        long tailFrom = TwoOutcomeEstimatorTail.FROM;
        long bisectTo = Math.min(range.to(), tailFrom - 1);
        java.util.List<Covering.Piece> pieces = IntervalCertifier.recording() ? new java.util.ArrayList<>() : null;
        if (pieces != null && range.from() == 1) {
            pieces.add(new Covering.Piece(N_ONE, 1, 1, new double[] {0}, new double[] {1}, 0));
        }
        Outcome o = range.from() <= bisectTo
                ? bisect(range.from(), bisectTo, 0, budget.maxBoxes(), budget.time(), pieces) : new Outcome(0, "");
        if (!o.failure().isEmpty()) {
            return new IntervalCertifier.Result.NotCertified("not certified: " + o.failure());
        }
        String uniform = "";
        long boxes = o.boxes();
        if (range.to() >= tailFrom) {
            long first = Math.max(range.from(), tailFrom);
            Outcome tail = TwoOutcomeEstimatorTail.check(first);
            if (!tail.failure().isEmpty()) {
                return new IntervalCertifier.Result.NotCertified("not certified: " + tail.failure());
            }
            boxes += tail.boxes();
            if (pieces != null) {
                pieces.add(new Covering.Piece(UNIFORM, first, range.unbounded() ? Double.POSITIVE_INFINITY
                        : range.to(), new double[] {0}, new double[] {1}, 0));
            }
            uniform = String.format(Locale.ROOT, "; for n >= %d, G >= (1 - 2^-n) L_n - 1 - 1/e > 0 on a <= 1/2 and "
                    + "G/(1 - a) >= 1/2 - 2^-(n-1) (n log 2 + 1) > 0 on a >= 1/2 (lemmas uniform in n, their numeric "
                    + "conditions checked on %d outward-rounded boxes)", first, tail.boxes());
        }
        String bisected = range.from() <= bisectTo ? String.format(Locale.ROOT, "; for n = %d..%d, G >= 0 for "
                + "a <= 1/2 and G/(1 - a) >= 0 for a >= 1/2 on %d outward-rounded boxes of a", range.from(), bisectTo,
                o.boxes()) : "";
        return new IntervalCertifier.Result.Certified(String.format(Locale.ROOT, "every policy on %s outcomes, "
                + "n = %d..%s: the margin is a^n G (a the lower outcome's probability; an identity Symja proves "
                + "for symbolic a and n)%s%s; the margin is 0 at n = 1 and at a = 0, 1",
                s.minSize() == s.maxSize() ? Integer.toString(s.maxSize()) : s.minSize() + " to " + s.maxSize(),
                range.from(), range.to() == Range.INFINITY ? "infinity" : Long.toString(range.to()), bisected,
                uniform), boxes, IntervalCertifier.covering(Covering.Kind.ESTIMATOR_TWO_OUTCOMES, pieces));
    }

    /** The parts of a {@link Covering.Kind#ESTIMATOR_TWO_OUTCOMES} covering: G >= 0 on a box of a in [0, 1/2]. */
    static final int G_BOX = 0;
    /** H = G/b >= 0 on a box of a in [1/2, 1]. */
    static final int H_BOX = 1;
    /** n = 1, every a: the margin is 0. */
    static final int N_ONE = 2;
    /** Every n of the piece (from {@link TwoOutcomeEstimatorTail#FROM} on), every a: the uniform lemmas. */
    static final int UNIFORM = 3;

    /**
     * The margin's certified lower bound on a G or H piece of a covering (n fixed, a in the piece's box on the
     * right side of 1/2), or empty when the piece is not one: in whichever arithmetic {@link Interval} runs.
     */
    static java.util.Optional<Interval> boxMargin(Covering.Piece p) {
        if (p.nLo() != p.nHi() || p.nLo() < 2 || p.lo().length != 1 || !(p.lo()[0] >= 0 && p.hi()[0] <= 1)
                || p.part() == G_BOX && !(p.hi()[0] <= 0.5) || p.part() == H_BOX && !(p.lo()[0] >= 0.5)) {
            return java.util.Optional.empty();
        }
        long n = (long) p.nLo();
        Interval ln = Interval.point(n).log().minus(Interval.point(n - 1).div(Interval.point(n)));
        Interval a = new Interval(p.lo()[0], p.hi()[0]);
        return java.util.Optional.of(p.part() == G_BOX ? g(a, n, ln) : h(a, n, ln));
    }

    /** What a certification did: the boxes evaluated, and the failure ("" when every box was done). */
    public record Outcome(long boxes, String failure) {
    }

    /**
     * Certifies \( H \ge \) {@code floor} (and \( G \ge \) {@code floor} b) for every n in [from, to] and a in
     * [0, 1] by bisecting a at each n; {@code floor} = 0 is Conjecture 4.4, a positive one a sharper statement (for
     * tests: the true minimum of H over n = 2 is 0.33326). Stops (not certified) after {@code maxBoxes} boxes or
     * after {@code limit}.
     */
    public static Outcome bisect(long from, long to, double floor, long maxBoxes, java.time.Duration limit) {
        return bisect(from, to, floor, maxBoxes, limit, null);
    }

    /**
     * {@link #bisect}, adding each box done to {@code pieces} as a {@link Covering.Kind#ESTIMATOR_TWO_OUTCOMES}
     * piece when it is not null.
     */
    static Outcome bisect(long from, long to, double floor, long maxBoxes, java.time.Duration limit,
            java.util.List<Covering.Piece> pieces) {
        long deadline = System.nanoTime() + limit.toNanos();
        long boxes = 0;
        for (long n = Math.max(2, from); n <= to; n++) {
            Interval ln = Interval.point(n).log().minus(Interval.point(n - 1).div(Interval.point(n)));
            Deque<double[]> work = new ArrayDeque<>();
            work.push(new double[] {0.5, 1});
            work.push(new double[] {0, 0.5});
            while (!work.isEmpty()) {
                double[] box = work.pop();
                if (++boxes > maxBoxes) {
                    return new Outcome(boxes, String.format(Locale.ROOT, "the budget of %d boxes ran out at n = %d "
                            + "(n = %d..%d certified)", maxBoxes, n, from, n - 1));
                }
                if ((boxes & 4095) == 0 && System.nanoTime() - deadline > 0) {
                    return new Outcome(boxes, String.format(Locale.ROOT, "the time limit of %s ran out at n = %d "
                            + "(n = %d..%d certified, %d boxes)", limit, n, from, n - 1, boxes));
                }
                Interval a = new Interval(box[0], box[1]);
                boolean done;
                Interval enclosure;
                if (box[1] <= 0.5) {
                    double bMax = Math.nextUp(1 - box[0]);
                    enclosure = g(a, n, ln);
                    done = enclosure.lo() >= floor * bMax;
                } else {
                    enclosure = h(a, n, ln);
                    done = enclosure.lo() >= floor;
                }
                if (done) {
                    if (pieces != null) {
                        pieces.add(new Covering.Piece(box[1] <= 0.5 ? G_BOX : H_BOX, n, n, new double[] {box[0]},
                                new double[] {box[1]}, enclosure.lo()));
                    }
                    continue;
                }
                double mid = 0.5 * (box[0] + box[1]);
                if (box[1] - box[0] < MIN_WIDTH || mid <= box[0] || mid >= box[1]) {
                    return new Outcome(boxes, String.format(Locale.ROOT, "at n = %d, a in [%.17g, %.17g] the "
                            + "enclosure of %s stays below %s", n, box[0], box[1], box[1] <= 0.5 ? "G" : "G/(1 - a)",
                            floor));
                }
                work.push(new double[] {mid, box[1]});
                work.push(new double[] {box[0], mid});
            }
        }
        return new Outcome(boxes, "");
    }

    /** b = 1 - a, outward. */
    private static Interval complement(Interval a) {
        return Interval.ONE.minus(a).intersect(new Interval(0, 1));
    }

    /** G of the class comment over a box of a (a in [0, 1/2]). */
    static Interval g(Interval a, long n, Interval ln) {
        Interval b = complement(a);
        Interval sb = phi(a, n);
        Interval sa = phi(b, n);
        Interval pa = a.pow(n);
        Interval pb = b.pow(n);
        Interval k = Interval.point(n - 1).div(Interval.point(n));
        return ln.times(pb).plus(k.times(pb.xLogX()))
                .plus(a.times(sb).times(sb.log()))
                .plus(b.times(sa).times(ln.minus(sa.log())))
                .minus(k.times(pa.xLogX()));
    }

    /** H = G/b of the class comment over a box of a (a in [1/2, 1], so b in [0, 1/2]). */
    static Interval h(Interval a, long n, Interval ln) {
        Interval b = complement(a);
        Interval q = b.pow(n - 1);
        Interval sb = phi(a, n);
        Interval sbShort = phi(a, n - 1);
        Interval sa = phi(b, n);
        Interval pa = a.pow(n);
        Interval x = b.times(sbShort);
        return ln.times(q).plus(q.xLogX())
                .plus(a.times(sb).times(sbShort).times(lambda(x)))
                .plus(sa.times(ln.minus(sa.log())))
                .plus(Interval.point(n - 1).times(pa).times(mu(b)));
    }

    /**
     * \( \varphi_m(x) = \sum_{k<m} (1-x)^k \) over x in [0, 1], decreasing in x: from its values at the ends (m at
     * 0, 1 at 1, else -expm1(m log1p(-x))/x), within its range [1, m].
     */
    static Interval phi(Interval x, long m) {
        return decreasing(x, at -> phiAt(at, m)).intersect(new Interval(1, m));
    }

    private static Interval phiAt(double x, long m) {
        if (x <= 0) {
            return Interval.point(m);
        }
        if (x >= 1 || m == 1) {
            return Interval.ONE;
        }
        Interval p = Interval.point(x);
        return p.negate().log1p().times(Interval.point(m)).expm1().negate().div(p);
    }

    /** \( \lambda(x) = \log(1+x)/x \) over x > -1, decreasing (log1p is concave), 1 at 0. */
    static Interval lambda(Interval x) {
        return decreasing(x, at -> {
            if (at == 0) {
                return Interval.ONE;
            }
            Interval p = Interval.point(at);
            return p.log1p().div(p);
        });
    }

    /** \( \mu(b) = -\log(1-b)/b = \lambda(-b) \) over b in [0, 1/2]: increasing, 1 at 0. */
    static Interval mu(Interval b) {
        return lambda(b.negate());
    }

    /** A decreasing function over x, from enclosures of its values at x's ends. */
    private static Interval decreasing(Interval x, java.util.function.DoubleFunction<Interval> at) {
        return new Interval(at.apply(x.hi()).lo(), at.apply(x.lo()).hi());
    }
}
