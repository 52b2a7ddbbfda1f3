package org.bonlab.numeric.interval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 * Proves a claim by certified interval evaluation over its whole domain: integer ranges with at most
 * {@link #MAX_POINTS} points in all, fixed policies, and at most one continuous parameter: the p of one policy
 * drawn from the bernoulli(p) family, or one real symbol with finite ends (such as the weight w of Cor 1).
 * At each integer point both sides are enclosed with outward rounding; the continuous parameter runs over the
 * closed range (which covers the open one: p in [0, 1] for (0, 1)) by branch-and-bound: a box whose margin
 * enclosure is non-negative is done, any other box is halved, down to {@link #MIN_BOX_WIDTH}. The claim is proved
 * only if every point and every box is done. This is a sound argument for that domain (and only for it);
 * equalities, real ranges with an infinite end, two continuous parameters, a family over more than
 * {@link #MAX_POINTS} values of n, and larger families are not covered, and a point where the claim is tight can
 * be certified only where both sides are computed exactly there (best-of-1 is p itself; log 1 = 0).
 *
 * <p>With fixed policies and one integer range longer than {@link #MAX_POINTS} or without an upper end, the
 * range is covered by boxes of n instead (see {@link #overBoxesOfN}): n = 1, 2, ... up to infinity.
 */
public final class IntervalCertifier {

    /** Largest domain certified point by point. */
    public static final long MAX_POINTS = 2_000_000;

    private IntervalCertifier() {
    }

    /** The outcome of an attempt: a proof, or why there is none. */
    public sealed interface Result permits Result.Certified, Result.NotCertified {
        /** A proof, with the covering behind it when coverings are being recorded ({@link #recordCoverings}). */
        record Certified(String argument, long points, java.util.Optional<Covering> covering) implements Result {
            public Certified(String argument, long points) {
                this(argument, points, java.util.Optional.empty());
            }
        }

        record NotCertified(String reason) implements Result {
        }
    }

    /**
     * A proof of {@code claim}, or why there is none. A certification is deterministic, so its result is kept per
     * claim (the most recent 256; not one cut short by a time limit): a claim checked again, as under several
     * seeds, is not certified twice.
     */
    public static Result certify(Claim claim) {
        Result known;
        synchronized (RESULTS) {
            known = RESULTS.get(claim);
        }
        if (known != null && !(recording && known instanceof Result.Certified c && c.covering().isEmpty())) {
            return known;
        }
        Result r = compute(claim);
        if (!(r instanceof Result.NotCertified no && no.reason().contains("time limit"))) {
            synchronized (RESULTS) {
                RESULTS.put(claim, r);
            }
        }
        return r;
    }

    private static final Map<Claim, Result> RESULTS = new java.util.LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Claim, Result> eldest) {
            return size() > 256;
        }
    };

    private static volatile boolean recording;

    /**
     * Whether later proofs keep their covering (every piece and its margin) for a certificate; off by default,
     * since a covering can hold millions of pieces.
     */
    public static void recordCoverings(boolean on) {
        recording = on;
    }

    static boolean recording() {
        return recording;
    }

    /** Forgets the results kept so far (for benchmarks that time certification itself). */
    public static void forgetResults() {
        synchronized (RESULTS) {
            RESULTS.clear();
        }
    }

    /**
     * The arguments made for particular claims, tried before branch-and-bound: Conjecture 4.4 on one or two outcomes
     * ({@link TwoOutcomeEstimatorCertifier}), Thm 2 and Cor 2 (times a constant) over a simplex
     * ({@link GapBoundCertifier}); and, only where the boxes do not come first ({@link #boxesFirst}), Thm 1 on two
     * outcomes for every n ({@link TwoOutcomeKlCertifier}), Thm 1, Mroueh's bounds and the win rates by the quantile
     * coupling ({@link QuantileCouplingCertifier}), Lemma 2 ({@link LemmaTwoCertifier}), Thm 3, Cor 3 and Thm 4
     * ({@link TopOutcomeCertifier}), vBoN's J >= L >= L1 ({@link VbonBoundCertifier}), Cor 1
     * ({@link PromptAverageCertifier}) and soft best-of-n's KL through its density ratio
     * ({@link SoftBestOfRatioCertifier}); then claims weaker than a bound of the quantile coupling
     * ({@link WeakeningCertifier}). A proof, the reason there is none, or empty when no argument takes the claim.
     */
    public static java.util.Optional<Result> byArgument(Claim claim) {
        if (TwoOutcomeEstimatorCertifier.applies(claim)) {
            return java.util.Optional.of(TwoOutcomeEstimatorCertifier.certify(claim));
        }
        if (GapBoundCertifier.applies(claim)) {
            return java.util.Optional.of(GapBoundCertifier.certify(claim));
        }
        return boxesFirst(claim) ? java.util.Optional.empty() : argued(claim);
    }

    /**
     * The arguments that come after the boxes where these come first ({@link #boxesFirst}): Thm 1 on two outcomes
     * (a certificate with numeric content) before the arguments with no numeric step.
     */
    private static java.util.Optional<Result> argued(Claim claim) {
        if (TwoOutcomeKlCertifier.applies(claim)) {
            Result r = TwoOutcomeKlCertifier.certify(claim);
            if (r instanceof Result.Certified || !QuantileCouplingCertifier.applies(claim)) {
                return java.util.Optional.of(r);
            }
        }
        java.util.Optional<Result> argued = withoutNumericStep(claim).map(a -> {
            Result r = a.certify().apply(claim);
            // the covering of such a proof is the argument's name (a certificate records it)
            return r instanceof Result.Certified c && c.covering().isEmpty()
                    ? new Result.Certified(c.argument(), c.points(), java.util.Optional.of(Covering.argument(a.name())))
                    : r;
        });
        if (argued.isPresent()) {
            return argued;
        }
        // weaker than one of the coupling's bounds: that bound, then the bound <= the claim's big side
        return WeakeningCertifier.split(claim).map(s -> WeakeningCertifier.certify(claim, s));
    }

    /** An argument with no numeric step: its name in certificates, which claims it takes, and its proof. */
    public record Argument(String name, java.util.function.Predicate<Claim> applies,
            java.util.function.Function<Claim, Result> certify) {
    }

    /**
     * The arguments with no numeric step, in the order they are tried: the quantile coupling
     * ({@link QuantileCouplingCertifier}), Lemma 2 ({@link LemmaTwoCertifier}), the top outcome
     * ({@link TopOutcomeCertifier}), vBoN's bounds ({@link VbonBoundCertifier}), Cor 1
     * ({@link PromptAverageCertifier}) and soft best-of-n's KL ({@link SoftBestOfRatioCertifier}).
     */
    public static final List<Argument> ARGUMENTS = List.of(
            new Argument("quantile-coupling", QuantileCouplingCertifier::applies, QuantileCouplingCertifier::certify),
            new Argument("lemma-2", LemmaTwoCertifier::applies, LemmaTwoCertifier::certify),
            new Argument("top-outcome", TopOutcomeCertifier::applies, TopOutcomeCertifier::certify),
            new Argument("vbon-bounds", VbonBoundCertifier::applies, VbonBoundCertifier::certify),
            new Argument("prompt-average", PromptAverageCertifier::applies, PromptAverageCertifier::certify),
            new Argument("soft-best-of-n-ratio", SoftBestOfRatioCertifier::applies,
                    SoftBestOfRatioCertifier::certify));

    /** The first argument with no numeric step that takes {@code claim} by its form, if any. */
    public static java.util.Optional<Argument> withoutNumericStep(Claim claim) {
        return ARGUMENTS.stream().filter(a -> a.applies().test(claim)).findFirst();
    }

    /**
     * Whether the boxes are tried before the arguments that would also take {@code claim}, since their proofs have
     * certificates (the arguments come after them where they do not finish): on named policies and bernoulli(p)
     * (boxes of n reach every n on a named policy; over bernoulli(p) an unbounded range is refused at once), and on
     * a simplex of 2 or 3 outcomes over a finite range of n (over an unbounded one the boxes would spend their whole
     * budget before giving up).
     */
    static boolean boxesFirst(Claim claim) {
        if (claim.policies().values().stream()
                .allMatch(f -> f instanceof Family.Named || f instanceof Family.Bernoulli)) {
            return true;
        }
        if (claim.domain().size() != 1 || !(claim.domain().get(0) instanceof Range.Integers range)) {
            return false;
        }
        return !range.unbounded() && claim.policies().values().stream().anyMatch(f -> f instanceof Family.Simplex)
                && claim.policies().values().stream().allMatch(f -> !(f instanceof Family.Simplex s)
                        || s.maxSize() <= SimplexCertifier.MAX_OUTCOMES);
    }

    /**
     * The arguments tried after the boxes where the boxes come first ({@link #boxesFirst}), or empty when none takes
     * the claim or the boxes do not come first (then {@link #byArgument} has them).
     */
    public static java.util.Optional<Result> argumentAfterBoxes(Claim claim) {
        return afterBoxes(claim);
    }

    /** The arguments tried after the boxes ({@link #boxesFirst}), or empty when none takes the claim. */
    private static java.util.Optional<Result> afterBoxes(Claim claim) {
        return boxesFirst(claim) ? argued(claim) : java.util.Optional.empty();
    }

    private static Result compute(Claim claim) {
        Result r = computeFirst(claim);
        if (r instanceof Result.NotCertified boxes) {
            // over a finite range the boxes did not finish: the arguments that take the claim
            java.util.Optional<Result> argued = afterBoxes(claim);
            if (argued.isPresent()) {
                return argued.get() instanceof Result.Certified ? argued.get() : new Result.NotCertified(
                        boxes.reason() + "; and " + ((Result.NotCertified) argued.get()).reason());
            }
        }
        return r;
    }

    private static Result computeFirst(Claim claim) {
        if (claim.relation() == Relation.EQUALS) {
            return new Result.NotCertified("interval arithmetic cannot certify an equality");
        }
        if (TwoOutcomeEstimatorCertifier.applies(claim)) {
            return TwoOutcomeEstimatorCertifier.certify(claim);
        }
        java.util.Optional<Result> argued = byArgument(claim);
        if (argued.isPresent() && (argued.get() instanceof Result.Certified || !SimplexCertifier.applies(claim))) {
            return argued.get();
        }
        if (SimplexCertifier.applies(claim)) {
            // boxes where the argument does not reach (a constant below its reach on 2 or 3 outcomes)
            Result boxes = SimplexCertifier.certify(claim);
            return boxes instanceof Result.NotCertified nc && argued.isPresent()
                    ? new Result.NotCertified(nc.reason() + "; and " + ((Result.NotCertified) argued.get()).reason())
                    : boxes;
        }
        Map<PolicyVar, Policy> fixed = new LinkedHashMap<>();
        Expr.Sym familyP = null;
        for (var e : claim.policies().entrySet()) {
            if (e.getValue() instanceof Family.Named n) {
                fixed.put(e.getKey(), n.policy());
            } else if (e.getValue() instanceof Family.Bernoulli && familyP == null) {
                familyP = FAMILY_PARAMETER;
                fixed.put(e.getKey(), Policy.bernoulli(familyP));
            } else {
                return new Result.NotCertified("certification covers fixed policies and one bernoulli(p) family, "
                        + "but " + e.getKey().name() + " ranges over " + e.getValue());
            }
        }
        List<Range.Integers> ints = new ArrayList<>();
        Expr.Sym continuous = familyP;
        Interval over = new Interval(0, 1); // p of bernoulli(p): the closed [0, 1] covers the family's (0, 1)
        String overText = "p in [0, 1] (covering the family's (0, 1))";
        long total = 1;
        for (Range r : claim.domain()) {
            if (r instanceof Range.Integers i) {
                ints.add(i);
                total = Math.multiplyHigh(total, i.count()) != 0 ? Long.MAX_VALUE : total * i.count();
            } else {
                Range.Reals re = (Range.Reals) r;
                if (continuous != null || Double.isInfinite(re.lower()) || Double.isInfinite(re.upper())) {
                    return new Result.NotCertified("certification covers one continuous parameter with finite "
                            + "ends (a real symbol or the p of bernoulli(p)), but " + r + (continuous != null
                                    ? " is a second one" : " has an infinite end"));
                }
                continuous = re.symbol();
                over = new Interval(re.lower(), re.upper());
                overText = String.format(Locale.ROOT, "%s in [%s, %s] (covering (%s, %s))", re.symbol().name(),
                        re.lower(), re.upper(), re.lower(), re.upper());
            }
        }
        Expr lhs = Binding.bind(claim.lhs(), fixed);
        Expr rhs = Binding.bind(claim.rhs(), fixed);
        if (total > MAX_POINTS) {
            if (claim.domain().size() == 1 && familyP == null) {
                return overBoxesOfN(claim, lhs, rhs, ints.get(0));
            }
            return new Result.NotCertified(String.format(Locale.ROOT, "the domain has more than %d points, and "
                    + "boxes of n are certified only for one integer range and fixed policies", MAX_POINTS));
        }
        int k = ints.size();
        // with several integer ranges, a piece's part is the point of the ranges after the first (the verifier
        // fixes them part by part), kept for a certificate up to MAX_CERTIFIED_PARTS of them
        boolean keepPieces = recording && partsOf(ints) <= MAX_CERTIFIED_PARTS;
        List<Covering.Piece> pieces = keepPieces ? new ArrayList<>() : null;
        long[] boxes = {0};
        double worst = Double.POSITIVE_INFINITY;
        String where = "";
        // the points in blocks, each block's points certified in parallel and merged in order: the verdict, the
        // boxes and the first failure are those of the points taken one after the other, whatever the threads
        int threads = SimplexCertifier.budget().threads();
        long budget = SimplexCertifier.budget().maxBoxes(); // the command line's --budget-boxes, 2*10^6 by default
        java.util.concurrent.ForkJoinPool pool = threads == 1 || total < 2 ? null
                : new java.util.concurrent.ForkJoinPool(threads);
        try {
            for (long first = 0; first < total; first += POINT_BLOCK) {
                long from = first;
                int size = (int) Math.min(POINT_BLOCK, total - first);
                AtPoint[] block = new AtPoint[size];
                Expr.Sym family = continuous;
                Interval range = over;
                long left = budget - boxes[0];
                if (pool == null) {
                    for (int i = 0; i < size; i++) {
                        block[i] = atPoint(claim, lhs, rhs, ints, from + i, family, range, keepPieces, left, null);
                    }
                } else {
                    // the block's points share what is left of the box budget; once they have spent it together,
                    // the rest stop (ABORTED) and are taken again below, one after the other, with exactly what a
                    // sequential run would have left them
                    java.util.concurrent.atomic.AtomicLong shared = new java.util.concurrent.atomic.AtomicLong();
                    org.bonlab.numeric.Futures.join(pool.submit(() -> java.util.stream.IntStream.range(0, size)
                            .parallel().forEach(i -> block[i] = atPoint(claim, lhs, rhs, ints, from + i, family, range,
                                    keepPieces, left, shared))), "certifying");
                }
                for (int i = 0; i < size; i++) {
                    AtPoint a = block[i];
                    if (a.failure() == null && a.margin() == null) { // aborted: again, alone, in order
                        a = atPoint(claim, lhs, rhs, ints, from + i, family, range, keepPieces, budget - boxes[0],
                                null);
                        if (a.failure() == null && a.margin() == null) {
                            return budgetSpent(continuous, a.at(), budget); // it needs more than is left
                        }
                    }
                    boxes[0] += a.boxes();
                    if (boxes[0] > budget) {
                        // the budget ran out in this point's branch-and-bound
                        return budgetSpent(continuous, a.at(), budget);
                    }
                    if (a.failure() != null) {
                        return a.failure();
                    }
                    if (pieces != null) {
                        pieces.addAll(a.pieces());
                    }
                    if (a.margin().lo() < worst) {
                        worst = a.margin().lo();
                        where = a.at().toString();
                    }
                }
            }
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
        String at = where.replace("Sym[name=", "").replace("]", "");
        if (continuous != null) {
            return new Result.Certified(String.format(Locale.ROOT,
                    "certified by interval branch-and-bound with outward rounding: for each of the %d points of the "
                            + "integer domain, %s was split into %d boxes in all, each with a non-negative "
                            + "enclosure of the margin (smallest lower bound %.3g at %s)",
                    total, overText, boxes[0], worst, at), total + boxes[0],
                    covering(Covering.Kind.PARAMETER, pieces));
        }
        return new Result.Certified(String.format(Locale.ROOT,
                "certified by interval arithmetic with outward rounding at every one of the %d points of the domain "
                        + "(smallest certified lower bound of the margin %.3g at %s)", total, worst, at), total,
                covering(Covering.Kind.N_BOXES, pieces));
    }

    static java.util.Optional<Covering> covering(Covering.Kind kind, List<Covering.Piece> pieces) {
        return pieces == null ? java.util.Optional.empty() : java.util.Optional.of(new Covering(kind, pieces));
    }

    /** Most boxes of n in a branch-and-bound over a long or unbounded range of n. */
    public static final long MAX_N_BOXES = 200_000;

    /** Boxes [a, b] of n with a at least this are not split further (above it not every integer is a double). */
    static final double LARGEST_SPLIT = 0x1p52;

    /**
     * Branch-and-bound over an integer range too long to certify point by point, or without an upper end: the
     * range is one box of n, enclosed as a whole (n is then a real interval; the best-of-n quantities are
     * enclosed for every n in it, and +infinity as an end encloses the limit n -> infinity, as t = 1/n in
     * [0, 1/a] would). A box whose margin enclosure is not non-negative is split: an unbounded [a, infinity]
     * into [a, 4a] and [4a + 1, infinity], a bounded one at the geometric mean of its ends, down to single
     * integers, which are enclosed exactly as in the point-by-point case.
     */
    private static Result overBoxesOfN(Claim claim, Expr lhs, Expr rhs, Range.Integers range) {
        double top = range.unbounded() ? Double.POSITIVE_INFINITY : range.to();
        if (!range.unbounded() && (long) top < range.to()) {
            top = Math.nextUp(top); // the double nearest the end lies below it: widen to cover it
        }
        java.util.ArrayDeque<double[]> todo = new java.util.ArrayDeque<>();
        todo.push(new double[] {range.from(), top});
        long boxes = 0;
        long points = 0;
        double worst = Double.POSITIVE_INFINITY;
        String where = "";
        double lastStart = range.from();
        List<Covering.Piece> pieces = recording ? new ArrayList<>() : null;
        while (!todo.isEmpty()) {
            double[] box = todo.pop();
            double a = box[0];
            double b = box[1];
            if (++boxes > MAX_N_BOXES) {
                return new Result.NotCertified(String.format(Locale.ROOT,
                        "branch-and-bound over %s used its %d boxes (at n in [%.0f, %s])", range, MAX_N_BOXES, a,
                        endText(b)));
            }
            Interval margin;
            boolean bothUnbounded = false;
            try {
                IntervalEvaluator ev = IntervalEvaluator.over(Map.of(range.symbol(),
                        a == b ? Interval.point(a) : new Interval(a, b)));
                Interval l = ev.evaluate(lhs);
                Interval r = ev.evaluate(rhs);
                margin = margin(claim, l, r);
                bothUnbounded = Double.isInfinite(l.hi()) && Double.isInfinite(r.hi())
                        || Double.isInfinite(l.lo()) && Double.isInfinite(r.lo());
            } catch (UnsupportedOperationException e) {
                return new Result.NotCertified(e.getMessage());
            } catch (ArithmeticException | IllegalArgumentException e) {
                margin = new Interval(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY); // no enclosure: split
            }
            if (margin.lo() < 0 && b == Double.POSITIVE_INFINITY) {
                margin = tailMargin(claim, lhs, rhs, range.symbol(), a).orElse(margin);
            }
            if (margin.lo() >= 0) {
                if (margin.lo() < worst) {
                    worst = margin.lo();
                    where = a == b ? String.format(Locale.ROOT, "n = %.0f", a)
                            : String.format(Locale.ROOT, "n in [%.0f, %s]", a, endText(b));
                }
                points += a == b ? 1 : 0;
                lastStart = Math.max(lastStart, a);
                if (pieces != null) {
                    pieces.add(new Covering.Piece(0, a, b, new double[0], new double[0], margin.lo()));
                }
                continue;
            }
            if (a == b || a >= LARGEST_SPLIT) {
                return new Result.NotCertified(String.format(Locale.ROOT,
                        "the margin's enclosure %s over n in [%.0f, %s] is not non-negative%s", margin, a, endText(b),
                        a == b ? "" : ", and the box is not split further"));
            }
            if (b == Double.POSITIVE_INFINITY && a >= TAIL_CHECK && bothUnbounded) {
                return new Result.NotCertified(String.format(Locale.ROOT, "both sides grow without bound over n in "
                        + "[%.0f, infinity]: interval arithmetic cannot compare them there (certify a finite range of "
                        + "n instead)", a));
            }
            double m = splitPoint(a, b);
            todo.push(new double[] {m + 1, b});
            todo.push(new double[] {a, m});
        }
        return new Result.Certified(String.format(Locale.ROOT,
                "certified by interval branch-and-bound over n with outward rounding: %s was split into %d boxes of "
                        + "consecutive integers (%d of them single points)%s, each with a non-negative enclosure of "
                        + "the margin (smallest certified lower bound %.3g at %s)", range, boxes, points,
                range.unbounded() ? String.format(Locale.ROOT, ", the last [%.0f, infinity] (t = 1/n in [0, 1/%.0f], "
                        + "so it encloses the limit n -> infinity too)", lastStart, lastStart) : "",
                worst, where), boxes, covering(Covering.Kind.N_BOXES, pieces));
    }

    /**
     * The margin over n in [a, infinity] when it is a rational function of n alone, enclosed as one fraction in
     * t = 1/n ({@link RationalTail}), where the sides' own enclosures lose the terms that cancel; empty otherwise.
     */
    static java.util.Optional<Interval> tailMargin(Claim claim, Expr lhs, Expr rhs, Expr.Sym n, double a) {
        return RationalTail.enclose(claim.relation() == Relation.AT_MOST ? rhs.minus(lhs) : lhs.minus(rhs), n, a);
    }

    /**
     * Where a box of consecutive integers [a, b] (b possibly infinity) is split, into [a, m] and [m + 1, b]: an
     * unbounded box at 4a, a short one at its middle, a long one at the geometric mean of its ends.
     */
    static double splitPoint(double a, double b) {
        if (b == Double.POSITIVE_INFINITY) {
            return Math.max(a + 1, 4 * a);
        }
        if (b - a < 16) {
            return Math.floor((a + b) / 2);
        }
        return Math.min(b - 1, Math.max(a, Math.floor(Math.sqrt(a) * Math.sqrt(b))));
    }

    /** From this n on, an unbounded tail box whose sides are both unbounded is given up at once. */
    static final double TAIL_CHECK = 1 << 20;

    private static String endText(double b) {
        return b == Double.POSITIVE_INFINITY ? "infinity" : String.format(Locale.ROOT, "%.0f", b);
    }

    /** The symbol standing for p of a bernoulli(p) family during certification. */
    static final Expr.Sym FAMILY_PARAMETER = Expr.symbol("p");

    /** Boxes of p below this width are not split further: the claim is then not certified. */
    public static final double MIN_BOX_WIDTH = 1e-12;


    /** A point's branch-and-bound stopped because it, or its block together, spent what was left of the budget. */
    private static final Object ABORTED = new Object();

    private static Result.NotCertified budgetSpent(Expr.Sym p, Map<Expr.Sym, Double> at, long budget) {
        return new Result.NotCertified(String.format(Locale.ROOT,
                "branch-and-bound over %s used its %d boxes (at %s)", p.name(), budget, at));
    }

    /** Points of the integer domain certified together (in parallel) before their results are merged in order. */
    static final int POINT_BLOCK = 256;

    /** What one point of the integer domain gave: its margin's enclosure, or why it failed; its boxes and pieces. */
    private record AtPoint(Map<Expr.Sym, Double> at, Interval margin, Result.NotCertified failure, long boxes,
            List<Covering.Piece> pieces) {
    }

    /**
     * Point number {@code point} of the integer ranges (the last range varying fastest), certified: the margin
     * enclosed there, or, with a continuous parameter, branch-and-bound over it.
     */
    private static AtPoint atPoint(Claim claim, Expr lhs, Expr rhs, List<Range.Integers> ints, long point,
            Expr.Sym continuous, Interval over, boolean keepPieces, long limit,
            java.util.concurrent.atomic.AtomicLong shared) {
        Map<Expr.Sym, Double> at = new LinkedHashMap<>();
        long[] idx = new long[ints.size()];
        long rest = point;
        for (int d = ints.size() - 1; d >= 0; d--) {
            idx[d] = rest % ints.get(d).count();
            rest /= ints.get(d).count();
        }
        for (int d = 0; d < ints.size(); d++) {
            at.put(ints.get(d).symbol(), (double) (ints.get(d).from() + idx[d]));
        }
        List<Covering.Piece> pieces = keepPieces ? new ArrayList<>() : null;
        if (continuous == null) {
            Interval margin;
            try {
                margin = margin(claim, lhs, rhs, IntervalEvaluator.over(points(at)));
            } catch (UnsupportedOperationException | ArithmeticException | IllegalArgumentException e) {
                return new AtPoint(at, null, new Result.NotCertified(e.getMessage()), 0, List.of());
            }
            if (!(margin.lo() >= 0)) {
                return new AtPoint(at, null, new Result.NotCertified(String.format(Locale.ROOT,
                        "the margin's enclosure %s at %s is not non-negative", margin, at)), 0, List.of());
            }
            if (pieces != null) {
                double n = at.values().iterator().next();
                pieces.add(new Covering.Piece(0, n, n, new double[0], new double[0], margin.lo()));
            }
            return new AtPoint(at, margin, null, 0, pieces == null ? List.of() : inPart(pieces, ints, point));
        }
        long[] boxes = {0};
        Object split = bisect(claim, lhs, rhs, at, continuous, over, boxes, limit, shared, pieces);
        if (split == ABORTED) {
            return new AtPoint(at, null, null, boxes[0], List.of());
        }
        if (split instanceof Result.NotCertified no) {
            return new AtPoint(at, null, no, boxes[0], List.of());
        }
        return new AtPoint(at, (Interval) split, null, boxes[0], pieces == null ? List.of()
                : inPart(pieces, ints, point));
    }

    /** The most points of the integer ranges after the first that a certificate lists as parts. */
    public static final long MAX_CERTIFIED_PARTS = 10_000;

    /** The number of points of the integer ranges after the first (1 for one range; more than 2^62 as 2^62). */
    static long partsOf(List<Range.Integers> ints) {
        long parts = 1;
        for (int d = 1; d < ints.size(); d++) {
            long c = ints.get(d).unbounded() ? Long.MAX_VALUE / 2 : ints.get(d).count();
            parts = Math.multiplyHigh(parts, c) != 0 || parts * c > Long.MAX_VALUE / 2 ? Long.MAX_VALUE / 2
                    : parts * c;
        }
        return parts;
    }

    /** The pieces of one point, with their part: the point's index among those of the ranges after the first. */
    private static List<Covering.Piece> inPart(List<Covering.Piece> pieces, List<Range.Integers> ints, long point) {
        long part = point % partsOf(ints);
        if (part == 0) {
            return pieces;
        }
        List<Covering.Piece> out = new ArrayList<>(pieces.size());
        for (Covering.Piece p : pieces) {
            out.add(new Covering.Piece((int) part, p.nLo(), p.nHi(), p.lo(), p.hi(), p.margin()));
        }
        return out;
    }

    private static Map<Expr.Sym, Interval> points(Map<Expr.Sym, Double> at) {
        Map<Expr.Sym, Interval> box = new LinkedHashMap<>();
        at.forEach((k, v) -> box.put(k, Interval.point(v)));
        return box;
    }

    private static Interval margin(Claim claim, Expr lhs, Expr rhs, IntervalEvaluator ev) {
        return margin(claim, ev.evaluate(lhs), ev.evaluate(rhs));
    }

    /** How far the claim is from failing, from the two sides' enclosures: non-negative where it holds. */
    private static Interval margin(Claim claim, Interval l, Interval r) {
        return claim.relation() == Relation.AT_MOST ? r.minus(l) : l.minus(r);
    }

    /**
     * Branch-and-bound over the continuous parameter p (in {@code whole}) at one point of the integer domain: a box
     * is done when the margin's enclosure over the whole box is non-negative, and split in two otherwise. Returns the hull of the certified
     * lower bounds, or why the proof failed (a box narrower than {@link #MIN_BOX_WIDTH}, or the box budget).
     */
    private static Object bisect(Claim claim, Expr lhs, Expr rhs, Map<Expr.Sym, Double> at, Expr.Sym p,
            Interval whole, long[] boxes, long limit, java.util.concurrent.atomic.AtomicLong shared,
            List<Covering.Piece> pieces) {
        java.util.ArrayDeque<Interval> todo = new java.util.ArrayDeque<>();
        todo.push(whole);
        double smallest = Double.POSITIVE_INFINITY;
        Map<Expr.Sym, Interval> fixed = points(at); // the point of the integer ranges, the same for every box
        while (!todo.isEmpty()) {
            Interval box = todo.pop();
            if (++boxes[0] > limit || shared != null && shared.incrementAndGet() > limit) {
                // this point alone, or the points of its block together, spent what is left of the budget: the
                // point is taken again in order, with what the points before it left (and fails if it needs more)
                return ABORTED;
            }
            Interval m;
            try {
                m = margin(claim, lhs, rhs, IntervalEvaluator.over(fixed, p, box));
            } catch (ArithmeticException | IllegalArgumentException e) {
                m = new Interval(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY); // no enclosure: split
            } catch (UnsupportedOperationException e) {
                return new Result.NotCertified(e.getMessage());
            }
            if (m.lo() >= 0) {
                smallest = Math.min(smallest, m.lo());
                if (pieces != null) {
                    double n = at.values().iterator().next();
                    pieces.add(new Covering.Piece(0, n, n, new double[] {box.lo()}, new double[] {box.hi()}, m.lo()));
                }
                continue;
            }
            if (box.width() < MIN_BOX_WIDTH) {
                return new Result.NotCertified(String.format(Locale.ROOT, "at %s, %s in %s: the margin's enclosure "
                        + "%s is not non-negative, and the box is too narrow to split", at, p.name(), box, m));
            }
            double mid = 0.5 * (box.lo() + box.hi());
            todo.push(new Interval(mid, box.hi()));
            todo.push(new Interval(box.lo(), mid));
        }
        return new Interval(smallest, smallest);
    }

    /** Convenience: a proof, or empty. */
    public static Optional<String> proof(Claim claim) {
        return certify(claim) instanceof Result.Certified c ? Optional.of(c.argument()) : Optional.empty();
    }
}
