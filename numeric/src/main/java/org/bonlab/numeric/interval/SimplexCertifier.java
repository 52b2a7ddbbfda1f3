package org.bonlab.numeric.interval;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import org.bonlab.claim.Binding;
import org.bonlab.claim.Claim;
import org.bonlab.claim.Family;
import org.bonlab.claim.Range;
import org.bonlab.claim.Relation;
import org.bonlab.expr.Expr;
import org.bonlab.policy.Explicit;
import org.bonlab.policy.Policy;
import org.bonlab.policy.PolicyVar;

/**
 * Proves a claim over every policy on at most {@link #MAX_OUTCOMES} outcomes ({@link Family.Simplex}) and every n
 * of one integer range, by branch-and-bound over boxes of (n, probabilities) with outward rounding.
 *
 * <p>The argument. A policy on L outcomes with rewards in a given order and tie pattern is its probabilities in
 * rank order, a point of the closed simplex (which covers the open one the family draws from). Every quantity the
 * interval engine encloses depends on the policy only through those probabilities and the order and ties of the
 * rewards, unless it reads reward values (an expected reward, r(y)); such claims are refused. The coordinates are
 * the CDF in rank order: for L = 3, (F_1, F_2) in the triangle 0 &le; F_1 &le; F_2 &le; 1, with p_1 = F_1,
 * p_2 = F_2 - F_1 and p_3 = 1 - F_2; for L = 2, F_1 = p_1 in [0, 1]. The engine is handed the CDF's enclosures as
 * well as the probabilities', so best-of-n's \( F_i^n - F_{i-1}^n \) is as narrow as the box: in probability
 * coordinates F_2 = p_1 + p_2 had twice a box's width, and the band where the top outcome is rarer than 1/n, where
 * best-of-n's KL moves fastest, needed boxes small in both coordinates rather than in F_2 alone (Theorem 1 on
 * 3 outcomes, n = 1..100: 2,934,597 boxes before, 771,833 with the cut below). A box of coordinates with a box of
 * n [a, b] (b possibly infinite) is done when the enclosure of the margin over it is non-negative; a box outside
 * the triangle is dropped; any other box is split: n at its geometric mean while the n-box is wide relative to the
 * effect of the probability box; otherwise the coordinate whose collapse to its midpoint narrows the margin's
 * enclosure most (each is tried, in parallel with the rest of the generation), among those wider than the widest
 * over {@link #MAX_ASPECT}, is cut at its midpoint. Every tie pattern of the rewards is covered when the
 * family ties rewards. The claim is PROVED only when every box is done. Where the margin is exactly 0 on a set
 * (n = 1 for Theorem 1) the enclosure must be exact there, as the engine's is for best-of-1 (p itself); otherwise
 * such a box is never done and the result says so.
 *
 * <p>Budget: at most {@code maxBoxes} boxes and the time limit; when either runs out, or a box can no longer be
 * split, the result is not a proof: it gives the fraction of the domain certified (by volume of the simplex
 * times the number of integers of n, for a finite range) and the boxes left open. The work is done in generations
 * (every box of one generation evaluated in parallel, the next built in order), so the boxes, the verdict and the
 * open boxes do not depend on the number of threads (only a time limit can cut a run at a different generation).
 */
public final class SimplexCertifier {

    /** Simplices of policies on at most this many outcomes are certified. */
    public static final int MAX_OUTCOMES = 3;

    /** Coordinates of a box narrower than this are not split further. */
    public static final double MIN_WIDTH = 1e-9;

    /** A coordinate of a box is cut by choice only while it is wider than the widest over this. */
    static final double MAX_ASPECT = 16;

    /** Boxes of n starting at or beyond this are not split further. */
    static final double LARGEST_SPLIT = 0x1p52;

    /** How many boxes and how long a certification may use, and on how many threads. */
    public record Budget(long maxBoxes, Duration time, int threads) {
        public Budget {
            if (maxBoxes < 1 || time.isNegative() || time.isZero() || threads < 1) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "a budget needs at least one box, a "
                        + "positive time and one thread, but was %d boxes, %s, %d threads", maxBoxes, time, threads));
            }
        }

        /** The default: two million boxes, two minutes, every core. */
        public static Budget standard() {
            return new Budget(2_000_000, Duration.ofMinutes(2), Runtime.getRuntime().availableProcessors());
        }
    }

    private SimplexCertifier() {
    }

    /** Whether {@code claim} ranges over a simplex: then this certifier answers (a proof, or why not). */
    public static boolean applies(Claim claim) {
        return claim.policies().values().stream().anyMatch(f -> f instanceof Family.Simplex);
    }

    /** A box: n in [a, b] (b may be +infinity) and the free coordinates, each [lo, hi]. */
    private record Box(double a, double b, double[] lo, double[] hi) {
        double maxWidth() {
            double w = 0;
            for (int k = 0; k < lo.length; k++) {
                w = Math.max(w, hi[k] - lo[k]);
            }
            return w;
        }

        String describe() {
            StringBuilder s = new StringBuilder();
            s.append(a == b ? String.format(Locale.ROOT, "n = %.0f", a)
                    : String.format(Locale.ROOT, "n in [%.0f, %s]", a, b == Double.POSITIVE_INFINITY ? "infinity"
                            : String.format(Locale.ROOT, "%.0f", b)));
            for (int k = 0; k < lo.length; k++) {
                s.append(String.format(Locale.ROOT, ", F%d in [%.6g, %.6g]", k + 1, lo[k], hi[k]));
            }
            return s.toString();
        }
    }

    /** One sub-problem: policies on {@code size} outcomes with one tie pattern of the rewards. */
    private record Part(int size, double[] rewards, Explicit placeholder) {
        String describe() {
            StringBuilder s = new StringBuilder(size + " outcomes, rewards ");
            for (int i = 0; i < rewards.length; i++) {
                s.append(i == 0 ? "" : i > 0 && rewards[i] == rewards[i - 1] ? " = " : " < ").append("r").append(i + 1);
            }
            return s.toString();
        }
    }

    /** A claim over a simplex, read: the policy variable over it, its family, the fixed policies, the range of n. */
    record Domain(PolicyVar variable, Family.Simplex simplex, Map<PolicyVar, Policy> fixed, Range.Integers range) {
    }

    /**
     * The parts of a claim this certifier covers (also read by {@link CertificateVerifier}).
     *
     * @throws IllegalArgumentException saying why the claim is beyond this certifier
     */
    static Domain domain(Claim claim) {
        PolicyVar variable = null;
        Family.Simplex simplex = null;
        Map<PolicyVar, Policy> fixed = new LinkedHashMap<>();
        for (var e : claim.policies().entrySet()) {
            if (e.getValue() instanceof Family.Named n) {
                fixed.put(e.getKey(), n.policy());
            } else if (e.getValue() instanceof Family.Simplex s && variable == null) {
                variable = e.getKey();
                simplex = s;
            } else {
                throw new IllegalArgumentException("certification over a simplex covers one policy variable over it "
                        + "and fixed policies, but " + e.getKey().name() + " ranges over " + e.getValue());
            }
        }
        if (simplex == null || simplex.maxSize() > MAX_OUTCOMES) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "certification over a simplex covers "
                    + "policies on at most %d outcomes%s", MAX_OUTCOMES,
                    simplex == null ? "" : ", but the family reaches " + simplex.maxSize()));
        }
        if (claim.domain().size() != 1 || !(claim.domain().get(0) instanceof Range.Integers range)) {
            throw new IllegalArgumentException("certification over a simplex covers one integer range (n), but the "
                    + "domain is " + claim.domain());
        }
        return new Domain(variable, simplex, fixed, range);
    }

    /** Certifies with the budget set by {@link #useBudget} (the standard one unless set) on {@link #useThreads}. */
    public static IntervalCertifier.Result certify(Claim claim) {
        return certify(claim, budget());
    }

    /** The budget later certifications get: {@link #useBudget}'s boxes and time on {@link #useThreads}'s threads. */
    public static Budget budget() {
        return new Budget(maxBoxes, time, threads);
    }

    private static volatile int threads = Runtime.getRuntime().availableProcessors();

    private static volatile long maxBoxes = Budget.standard().maxBoxes();

    private static volatile Duration time = Budget.standard().time();

    /**
     * The budget of each later certification (the command line's {@code --budget-boxes} and
     * {@code --budget-seconds}); results kept from an earlier budget are forgotten.
     */
    public static void useBudget(long boxes, Duration limit) {
        new Budget(boxes, limit, 1); // the same rules as any budget
        if (boxes != maxBoxes || !limit.equals(time)) {
            maxBoxes = boxes;
            time = limit;
            IntervalCertifier.forgetResults();
        }
    }

    /** The number of threads of later certifications (the command line's {@code --threads}). */
    public static void useThreads(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("threads must be at least 1, but was " + count);
        }
        threads = count;
    }

    public static IntervalCertifier.Result certify(Claim claim, Budget budget) {
        if (claim.relation() == Relation.EQUALS) {
            return new IntervalCertifier.Result.NotCertified("interval arithmetic cannot certify an equality");
        }
        Domain domain;
        try {
            domain = domain(claim);
        } catch (IllegalArgumentException e) {
            return new IntervalCertifier.Result.NotCertified(e.getMessage());
        }
        PolicyVar variable = domain.variable();
        Map<PolicyVar, Policy> fixed = domain.fixed();
        Range.Integers range = domain.range();
        List<Part> parts = parts(domain.simplex());
        long deadline = System.nanoTime() + budget.time().toNanos();
        long boxes = 0;
        long probed = 0; // enclosures evaluated to choose the coordinate to cut
        double certifiedWeight = 0;
        double worst = Double.POSITIVE_INFINITY;
        String worstWhere = "";
        List<String> open = new ArrayList<>();
        String stop = null;
        double openFrom = Double.POSITIVE_INFINITY; // the least n of a box left open, once the run stops
        boolean openAtInfinity = false;
        double nCount = range.unbounded() ? Double.NaN : (double) range.count();
        ForkJoinPool pool = budget.threads() == 1 ? null : new ForkJoinPool(budget.threads());
        List<Covering.Piece> pieces = IntervalCertifier.recording() ? new ArrayList<>() : null;
        try {
            for (Part part : parts) {
                Map<PolicyVar, Policy> values = new LinkedHashMap<>(fixed);
                values.put(variable, part.placeholder());
                Expr lhs = Binding.bind(claim.lhs(), values);
                Expr rhs = Binding.bind(claim.rhs(), values);
                int dims = part.size() - 1;
                double top = range.unbounded() ? Double.POSITIVE_INFINITY : range.to();
                if (!range.unbounded() && (long) top < range.to()) {
                    top = Math.nextUp(top);
                }
                double[] lo = new double[dims];
                double[] hi = new double[dims];
                java.util.Arrays.fill(hi, 1);
                List<Box> generation = List.of(new Box(range.from(), top, lo, hi));
                while (!generation.isEmpty() && stop == null) {
                    if (boxes + generation.size() > budget.maxBoxes()) {
                        stop = String.format(Locale.ROOT, "the budget of %d boxes ran out", budget.maxBoxes());
                        break;
                    }
                    if (System.nanoTime() > deadline) {
                        stop = "the time limit of " + budget.time().toSeconds() + " s ran out";
                        break;
                    }
                    boxes += generation.size();
                    List<Box> current = generation;
                    Interval[] margins;
                    try {
                        margins = margins(claim, lhs, rhs, part, current, pool);
                    } catch (UnsupportedOperationException e) {
                        return unsupported(e);
                    }
                    // where to cut each box that is neither done nor failed (and not cut in n): its margin enclosed
                    // again with one coordinate collapsed to the point of the cut; the cut goes where that narrows
                    // the enclosure most
                    List<Box> probes = new ArrayList<>();
                    List<Integer> probeDims = new ArrayList<>();
                    int[] probeStart = new int[current.size() + 1];
                    for (int i = 0; i < current.size(); i++) {
                        probeStart[i] = probes.size();
                        Interval m = margins[i];
                        if (m != null && m != SINGLE_N_ONLY && m.lo() < 0 && m.hi() >= 0) {
                            probe(current.get(i), dims, probes, probeDims);
                        }
                    }
                    probeStart[current.size()] = probes.size();
                    Interval[] probeMargins;
                    try {
                        probeMargins = margins(claim, lhs, rhs, part, probes, pool);
                    } catch (UnsupportedOperationException e) {
                        return unsupported(e);
                    }
                    probed += probes.size();
                    List<Box> next = new ArrayList<>();
                    for (int i = 0; i < current.size(); i++) {
                        Box box = current.get(i);
                        Interval m = margins[i];
                        if (m == null) {
                            return new IntervalCertifier.Result.NotCertified("the claim reads reward values (an "
                                    + "expected reward or r(y)), which the family leaves free: certification over a "
                                    + "simplex covers claims that depend on the rewards through their order and ties");
                        }
                        if (m.lo() >= 0) {
                            certifiedWeight += weight(box, range, nCount, dims);
                            if (pieces != null) {
                                pieces.add(new Covering.Piece(parts.indexOf(part), box.a(), box.b(), box.lo(),
                                        box.hi(), m.lo()));
                            }
                            if (m.lo() < worst) {
                                worst = m.lo();
                                worstWhere = part.describe() + ", " + box.describe();
                            }
                            continue;
                        }
                        if (m.hi() < 0) {
                            open.add(0, part.describe() + ", " + box.describe() + ": margin " + m);
                            stop = "the claim fails on a whole box (its margin's enclosure is negative there)";
                            for (int j = i; j < current.size(); j++) {
                                openFrom = Math.min(openFrom, current.get(j).a());
                            }
                            break;
                        }
                        int cut = m == SINGLE_N_ONLY ? -1 : -2;
                        double narrowest = Double.POSITIVE_INFINITY;
                        for (int j = probeStart[i]; j < probeStart[i + 1]; j++) {
                            Interval pm = probeMargins[j];
                            double w = pm == null || pm == SINGLE_N_ONLY ? Double.POSITIVE_INFINITY : pm.hi() - pm.lo();
                            if (cut == -2 || w < narrowest) {
                                cut = probeDims.get(j);
                                narrowest = w;
                            }
                        }
                        List<Box> children = split(box, dims, cut);
                        if (children.isEmpty()) {
                            openFrom = Math.min(openFrom, box.a());
                            openAtInfinity |= atTheCorner(box);
                            if (open.size() < 5) {
                                open.add(part.describe() + ", " + box.describe() + ": margin " + m);
                            }
                            stop = "a box could not be split further with its margin's enclosure still not "
                                    + "non-negative";
                            continue;
                        }
                        next.addAll(children);
                    }
                    generation = next;
                }
                if (stop != null) {
                    for (Box b : generation) {
                        openFrom = Math.min(openFrom, b.a());
                        openAtInfinity |= atTheCorner(b);
                        if (open.size() < 5) {
                            open.add(part.describe() + ", " + b.describe());
                        }
                    }
                    long left = generation.size();
                    int remaining = parts.size() - parts.indexOf(part) - 1;
                    String fraction = Double.isNaN(nCount) ? "" : String.format(Locale.ROOT,
                            "%.4f%% of the domain certified", 100 * certifiedWeight / parts.size());
                    return new IntervalCertifier.Result.NotCertified(String.format(Locale.ROOT,
                            "not certified: %s after %d boxes; %s%s%d boxes left open in %s%s, e.g. %s%s%s", stop,
                            boxes, fraction, fraction.isEmpty() ? "" : ", ", left, part.describe(),
                            remaining > 0 ? " and " + remaining + " tie patterns not started" : "",
                            String.join("; ", open), prefixCertified(range, openFrom, parts, part),
                            openAtInfinity ? TAIL_AT_THE_CORNER : ""));
                }
            }
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
        return new IntervalCertifier.Result.Certified(String.format(Locale.ROOT,
                "certified by interval branch-and-bound over (n, CDF in rank order) with outward rounding: for %s, "
                        + "%s and the closed simplex (covering the open one), %d boxes, each with a non-negative "
                        + "enclosure of the margin (smallest certified lower bound %.3g at %s; %d more enclosures "
                        + "chose where to cut)",
                describe(parts), range, boxes, worst, worstWhere, probed), boxes,
                IntervalCertifier.covering(Covering.Kind.SIMPLEX, pieces));
    }

    /** What boxes reaching n = infinity where a CDF value tends to 1 can and cannot show. */
    static final String TAIL_AT_THE_CORNER = ". Boxes of n reaching infinity are open where a CDF value F tends "
            + "to 1 (an outcome above it rare): there F^n takes every value in [0, 1] on every box, however narrow in F, "
            + "so boxes of (n, F) cannot settle every n, whether or not the claim holds; an argument uniform in n, or a "
            + "finite range of n, can";

    /** A box reaching n = infinity with a CDF coordinate reaching 1. */
    private static boolean atTheCorner(Box box) {
        if (box.b() != Double.POSITIVE_INFINITY) {
            return false;
        }
        for (double hi : box.hi()) {
            if (hi >= 1) {
                return true;
            }
        }
        return false;
    }

    /**
     * Which first integers of n the run certified on the whole simplex before it stopped: every box left open has
     * n at least {@code openFrom}, so every point with a smaller n lies in a certified box (or outside the simplex),
     * for this part and the parts before it (all certified whole); empty when none.
     */
    private static String prefixCertified(Range.Integers range, double openFrom, List<Part> parts, Part part) {
        long from = range.from();
        if (!(openFrom > from) || Double.isInfinite(openFrom)) {
            return "";
        }
        long last = (long) Math.ceil(openFrom) - 1;
        int index = parts.indexOf(part);
        String over = index == parts.size() - 1 ? "every policy of the family"
                : String.format(Locale.ROOT, "the first %d of its %d parts (numbers of outcomes and tie patterns), to "
                        + "%s", index + 1, parts.size(), part.describe());
        return String.format(Locale.ROOT, ". Certified on the way: n = %d..%d over %s", from, last, over);
    }

    /** A side without an interval enclosure; a fork-join pool may hand its exception back wrapped in its own. */
    private static IntervalCertifier.Result unsupported(UnsupportedOperationException e) {
        return new IntervalCertifier.Result.NotCertified(
                e.getCause() instanceof UnsupportedOperationException u ? u.getMessage() : e.getMessage());
    }

    private static String describe(List<Part> parts) {
        List<String> s = new ArrayList<>();
        for (Part p : parts) {
            s.add(p.describe());
        }
        return "policies on " + String.join("; ", s);
    }

    /** The enclosures of the margin over each box, in order (null where the claim read reward values). */
    private static Interval[] margins(Claim claim, Expr lhs, Expr rhs, Part part, List<Box> boxes,
            ForkJoinPool pool) {
        Interval[] out = new Interval[boxes.size()];
        if (pool == null) {
            for (int i = 0; i < out.length; i++) {
                out[i] = margin(claim, lhs, rhs, part, boxes.get(i));
            }
            return out;
        }
        org.bonlab.numeric.Futures.join(pool.submit(() -> IntStream.range(0, boxes.size()).parallel()
                .forEach(i -> out[i] = margin(claim, lhs, rhs, part, boxes.get(i)))), "certifying");
        return out;
    }

    private static Interval margin(Claim claim, Expr lhs, Expr rhs, Part part, Box box) {
        // the coordinates are the CDF in rank order, F_1 <= ... <= F_{L-1} (F_L = 1); p_i = F_i - F_{i-1} in the
        // interval arithmetic itself (outward rounding, or exact for the certificate verifier), clamped to [0, 1]
        int size = part.size();
        Interval[] cdf = new Interval[size];
        for (int k = 0; k < size - 1; k++) {
            cdf[k] = new Interval(box.lo()[k], box.hi()[k]);
        }
        cdf[size - 1] = Interval.ONE;
        Interval[] probabilities = new Interval[size];
        Interval previous = Interval.ZERO;
        for (int k = 0; k < size; k++) {
            Interval d = k == 0 ? cdf[0] : cdf[k].minus(previous);
            probabilities[k] = new Interval(Math.max(0, d.lo()), Math.min(1, Math.max(0, d.hi())));
            previous = cdf[k];
        }
        return margin(claim, lhs, rhs, part, box, probabilities, cdf);
    }

    private static Interval margin(Claim claim, Expr lhs, Expr rhs, Part part, Box box, Interval[] probabilities,
            Interval[] cdf) {
        Interval n = box.a() == box.b() ? Interval.point(box.a()) : new Interval(box.a(), box.b());
        IntervalEvaluator ev = IntervalEvaluator.over(Map.of(claim.domain().get(0).symbol(), n))
                .withProbabilities(part.placeholder(), probabilities, cdf);
        Interval l;
        Interval r;
        try {
            l = ev.evaluate(lhs);
            r = ev.evaluate(rhs);
        } catch (ArithmeticException | IllegalArgumentException e) {
            return new Interval(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY); // no enclosure: split
        } catch (UnsupportedOperationException e) {
            if (box.a() != box.b()) {
                return SINGLE_N_ONLY; // enclosed at single values of n only: split n
            }
            throw e;
        }
        if (ev.readRewardValues()) {
            return null;
        }
        return claim.relation() == Relation.AT_MOST ? r.minus(l) : l.minus(r);
    }

    /**
     * For {@link CertificateVerifier}: the parts of a family (sizes and tie patterns, in the order of the pieces'
     * part indices), each with its placeholder policy.
     */
    static List<Explicit> placeholders(Family.Simplex s) {
        List<Explicit> out = new ArrayList<>();
        for (Part p : parts(s)) {
            out.add(p.placeholder());
        }
        return out;
    }

    /**
     * For {@link CertificateVerifier}: the margin's enclosure on one piece, as the certifier computes it; lhs and
     * rhs bound to the part's placeholder.
     */
    static Interval margin(Claim claim, Expr lhs, Expr rhs, Explicit placeholder, Covering.Piece piece) {
        double[] rewards = new double[placeholder.size()];
        for (int i = 0; i < rewards.length; i++) {
            rewards[i] = placeholder.reward().value(i);
        }
        Interval m = margin(claim, lhs, rhs, new Part(placeholder.size(), rewards, placeholder),
                new Box(piece.nLo(), piece.nHi(), piece.lo(), piece.hi()));
        if (m == null || m == SINGLE_N_ONLY) {
            return new Interval(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
        }
        return m;
    }

    /** The margin of a box of n where a side is enclosed at single values of n only (identity marks it). */
    private static final Interval SINGLE_N_ONLY = new Interval(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);

    /** Whether n of a box can be cut: a box of several integers, not beyond {@link #LARGEST_SPLIT}. */
    private static boolean nSplittable(Box box) {
        return box.a() < box.b() && box.a() < LARGEST_SPLIT;
    }

    /** Whether a box is cut in n rather than in a coordinate: its box of n is wide beside the coordinates' effect. */
    private static boolean nFirst(Box box) {
        double nWidth = box.b() == Double.POSITIVE_INFINITY ? 1 : (box.b() - box.a()) / box.b();
        double pEffect = Math.min(1, box.maxWidth() * box.a()); // F^n moves by about n dF
        return nWidth >= pEffect;
    }

    /**
     * The box with each coordinate in turn collapsed to the point where {@link #split} would cut it, and which
     * coordinate: only coordinates wider than the widest over {@link #MAX_ASPECT}, and none where there is one way
     * to cut (one coordinate, or a box cut in n first).
     */
    private static void probe(Box box, int dims, List<Box> probes, List<Integer> which) {
        if (dims < 2 || (nSplittable(box) && nFirst(box))) {
            return; // one way to cut
        }
        for (int k = 0; k < dims; k++) {
            if (box.hi()[k] - box.lo()[k] > Math.max(MIN_WIDTH, box.maxWidth() / MAX_ASPECT)) {
                double mid = 0.5 * (box.lo()[k] + box.hi()[k]);
                double[] lo = box.lo().clone();
                double[] hi = box.hi().clone();
                lo[k] = mid;
                hi[k] = mid;
                probes.add(new Box(box.a(), box.b(), lo, hi));
                which.add(k);
            }
        }
    }

    /**
     * The two halves of a box, without those wholly outside the simplex; empty when it cannot be split. {@code cut}
     * is the coordinate to cut, -1 for n, -2 to choose: n while the box of n is wide relative to the effect of the
     * probability box (always when it is unbounded), else the widest coordinate.
     */
    private static List<Box> split(Box box, int dims, int cut) {
        boolean nSplittable = nSplittable(box);
        double width = box.maxWidth();
        boolean pSplittable = cut != -1 && dims > 0 && width > MIN_WIDTH;
        if (!nSplittable && !pSplittable) {
            return List.of();
        }
        List<Box> out = new ArrayList<>(2);
        boolean cutN = cut == -1 || (cut == -2 && (!pSplittable || nFirst(box)));
        if (nSplittable && (cutN || !pSplittable)) {
            double a = box.a();
            double b = box.b();
            double m = IntervalCertifier.splitPoint(a, b);
            out.add(new Box(a, m, box.lo(), box.hi()));
            out.add(new Box(m + 1, b, box.lo(), box.hi()));
            return out;
        }
        int k = cut >= 0 && box.hi()[cut] - box.lo()[cut] > MIN_WIDTH ? cut : -1;
        if (k < 0) {
            k = 0;
            for (int j = 1; j < dims; j++) {
                if (box.hi()[j] - box.lo()[j] > box.hi()[k] - box.lo()[k]) {
                    k = j;
                }
            }
        }
        double mid = 0.5 * (box.lo()[k] + box.hi()[k]);
        for (int half = 0; half < 2; half++) {
            double[] lo = box.lo().clone();
            double[] hi = box.hi().clone();
            if (half == 0) {
                hi[k] = mid;
            } else {
                lo[k] = mid;
            }
            if (!outside(lo, hi)) {
                out.add(new Box(box.a(), box.b(), lo, hi));
            }
        }
        return out;
    }

    /** The share of one part's domain a certified box covers (integers of n times area within the simplex). */
    private static double weight(Box box, Range.Integers range, double nCount, int dims) {
        double nShare = Double.isNaN(nCount) ? 0 : (Math.min(box.b(), range.to()) - box.a() + 1) / nCount;
        double area = switch (dims) {
            case 0 -> 1;
            case 1 -> box.hi()[0] - box.lo()[0];
            default -> 2 * triangleArea(box.lo()[0], box.hi()[0], box.lo()[1], box.hi()[1]); // the triangle has area 1/2
        };
        return nShare * area;
    }

    /**
     * Whether a box of CDF coordinates holds no point of the simplex: some F_k's lower end lies above the upper end
     * of F_{k+1} (the coordinates of a policy ascend). Shared with {@link CertificateVerifier}'s coverage check.
     */
    static boolean outside(double[] lo, double[] hi) {
        for (int k = 0; k + 1 < lo.length; k++) {
            if (lo[k] > hi[k + 1]) {
                return true;
            }
        }
        return false;
    }

    /** The area of [x0, x1] x [y0, y1] within x <= y (the triangle of CDF coordinates F_1 <= F_2). */
    static double triangleArea(double x0, double x1, double y0, double y1) {
        // integrate the height max(y1 - max(y0, x), 0) over x: piecewise linear with kinks at x = y0 and x = y1
        double[] cuts = {x0, Math.min(Math.max(y0, x0), x1), Math.min(Math.max(y1, x0), x1), x1};
        double area = 0;
        for (int i = 0; i < 3; i++) {
            double u = cuts[i];
            double v = cuts[i + 1];
            if (v > u) {
                area += 0.5 * (v - u) * (height(u, y0, y1) + height(v, y0, y1));
            }
        }
        return area;
    }

    private static double height(double x, double y0, double y1) {
        return Math.max(y1 - Math.max(y0, x), 0);
    }

    /** The sizes and tie patterns a family covers, each with a placeholder policy (rewards ascending). */
    private static List<Part> parts(Family.Simplex s) {
        List<Part> out = new ArrayList<>();
        for (int size = s.minSize(); size <= s.maxSize(); size++) {
            List<double[]> patterns = new ArrayList<>();
            if (s.rewards() == Family.Rewards.TIED) {
                // each way to cut the ranks 1..size into runs of tied rewards
                for (int mask = 0; mask < 1 << Math.max(0, size - 1); mask++) {
                    double[] r = new double[size];
                    for (int i = 1; i < size; i++) {
                        r[i] = r[i - 1] + ((mask >> (i - 1) & 1) == 1 ? 0 : 1);
                    }
                    patterns.add(r);
                }
            } else {
                double[] r = new double[size];
                for (int i = 0; i < size; i++) {
                    r[i] = i;
                }
                patterns.add(r);
            }
            for (double[] r : patterns) {
                double[] uniform = new double[size];
                java.util.Arrays.fill(uniform, 1.0 / size);
                Explicit placeholder = Policy.probabilities(uniform).withReward(r)
                        .named("simplex(" + size + ")" + java.util.Arrays.toString(r));
                out.add(new Part(size, r, placeholder));
            }
        }
        return out;
    }
}
