package org.bonlab.numeric.claim;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.math3.analysis.MultivariateFunction;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.SimplexOptimizer;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.bonlab.claim.Binding;
import org.bonlab.claim.Claim;
import org.bonlab.claim.Range;
import org.bonlab.claim.Relation;
import org.bonlab.expr.Expr;
import org.bonlab.expr.Rational;
import org.bonlab.numeric.interval.IntervalCertifier;
import org.bonlab.numeric.interval.SimplexCertifier;
import org.bonlab.numeric.precise.HighPrecisionEvaluator;
import org.bonlab.policy.Policy;
import org.bonlab.policy.PolicyVar;

/**
 * The sharp constants of a claim. A claim {@code lhs <= rhs} is read as {@code small <= big} (a claim
 * {@code lhs >= rhs} as {@code rhs <= lhs}); over its domain,
 * <ul>
 * <li>the <em>ratio</em> is \( \sup \mathrm{small}/\mathrm{big} \) over the points where big &gt; 0: the bound
 * still holds, and is sharp, when multiplied by it (Theorem 2 of Beirami et al. holds with its constant 2 replaced
 * by 2 times the ratio);</li>
 * <li>the <em>difference</em> is \( \sup (\mathrm{small} - \mathrm{big}) \): the sharp additive slack.</li>
 * </ul>
 * Each is a bracket. The lower end is attained: the value at a witness (policies and n), found by a multi-start
 * optimiser over the whole domain (random points of every shape, then Nelder-Mead from the best of them over the
 * logits of the probabilities and log n, then a hill-climb over the integers), scored by the ratio or difference
 * itself so that it looks where the claim is nearly tight, not where both sides vanish; the best local optima are
 * re-evaluated at 50 digits and the lower end is that value, rounded down. The upper end is certified: the
 * smallest constant c tried for which an argument ({@link IntervalCertifier#byArgument}) or interval
 * branch-and-bound proves {@code small <= c big} (or {@code small <= big + c}) over the whole domain, tried from
 * loose to tight within a time budget (and bisected where an argument gave the proof); it is empty where the domain
 * is beyond the certifiers (more than 3 outcomes outside the arguments, several families) or no c could be proved.
 */
public final class SharpConstants {

    /** How many local optimisations start from the best random points. */
    public static final int STARTS = 8;

    /** Digits of the re-evaluation of the witnesses. */
    public static final int RECHECK_DIGITS = 50;

    /** Points of unbounded ratio in double that are re-checked at 50 digits before such points are skipped. */
    static final int MAX_CONFIRMATIONS = 5;

    /** Significant digits of the reported ends (lower rounded down, upper rounded up). */
    public static final int REPORTED_DIGITS = 10;

    /** The relative steps above the lower end at which an upper end is tried, from loose to tight. */
    static final double[] UPPER_STEPS = {1, 0.1, 1e-2, 1e-3, 1e-4, 1e-6, 1e-8, 0};

    /** The two sharp constants of a claim. */
    public enum Kind {
        RATIO, DIFFERENCE;

        /** The name used in tables and CSV: {@code ratio} or {@code difference}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One sharp constant. {@code lower} is the value at {@code witness} (attained); {@code unbounded} when big
     * is 0 or negative at a point where small is positive (no finite ratio); {@code upper} is present only when
     * certified, {@code upperEvidence} says how or why not.
     */
    public record Bracket(Kind kind, BigDecimal lower, boolean unbounded, Optional<BigDecimal> upper, String witness,
            String upperEvidence) {
        public String lowerText() {
            return unbounded ? "unbounded" : lower.toPlainString();
        }

        public String upperText() {
            return upper.map(BigDecimal::toPlainString).orElse("");
        }
    }

    private final long seed;
    private final int evaluations;
    private final Duration certifyTime;
    private final int threads;

    /**
     * @param evaluations double-precision evaluations of the search for each constant (at least 100)
     * @param certifyTime time for certifying the upper ends of each constant (zero: no upper ends)
     */
    public SharpConstants(long seed, int evaluations, Duration certifyTime, int threads) {
        if (evaluations < 100) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "evaluations must be at least 100, but was %d", evaluations));
        }
        if (certifyTime.isNegative() || threads < 1) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "the certification time must not be "
                    + "negative and threads at least 1, but were %s and %d", certifyTime, threads));
        }
        this.seed = seed;
        this.evaluations = evaluations;
        this.certifyTime = certifyTime;
        this.threads = threads;
    }

    /** Both constants of {@code claim}: the ratio, then the difference. */
    public List<Bracket> tighten(Claim original) {
        Claim claim = ConjectureSearch.withSymbolicPoliciesInline(original); // spike(5, eps): eps a symbol like n
        if (claim.relation() == Relation.EQUALS) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "claim '%s' must be an inequality (<= or "
                    + ">=) to have sharp constants, but it is an equality", claim.name()));
        }
        if (claim.domain().isEmpty()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "claim '%s' must range over n (or another "
                    + "symbol) with forAll, but has no range", claim.name()));
        }
        return List.of(bracket(claim, Kind.RATIO), bracket(claim, Kind.DIFFERENCE));
    }

    /** The smaller side of the claim (the one bounded from above). */
    static Expr small(Claim claim) {
        return claim.relation() == Relation.AT_MOST ? claim.lhs() : claim.rhs();
    }

    static Expr big(Claim claim) {
        return claim.relation() == Relation.AT_MOST ? claim.rhs() : claim.lhs();
    }

    /** The score of a point: the ratio or the difference, +infinity where the ratio is unbounded, NaN if none. */
    static double score(Kind kind, double small, double big) {
        if (kind == Kind.DIFFERENCE) {
            return small - big;
        }
        if (big > 0) {
            return small / big;
        }
        return small > 0 ? Double.POSITIVE_INFINITY : Double.NaN;
    }

    /** A point of the domain with its score. */
    record Scored(ConjectureSearch.Candidate candidate, double score) {
    }

    private Bracket bracket(Claim claim, Kind kind) {
        RandomGenerator rng = new Well19937c(seed);
        ConjectureSearch search = new ConjectureSearch(seed, Math.max(10, evaluations), null);
        int randomPhase = evaluations / 2;
        List<Scored> top = new ArrayList<>();
        int confirmations = 0;
        for (int k = 0; k < randomPhase; k++) {
            ConjectureSearch.Candidate c = search.draw(claim, rng);
            double s = score(claim, kind, c);
            if (Double.isNaN(s)) {
                continue;
            }
            if (s == Double.POSITIVE_INFINITY) {
                // in double, the bound is 0 or negative where the bounded side is positive: confirmed at 50 digits
                // (a few such points; both sides are often exactly 0 there, as at n = 1, and only rounding differs)
                if (confirmations++ < MAX_CONFIRMATIONS && unboundedAt(claim, exact(c))) {
                    return new Bracket(kind, BigDecimal.ZERO, true, Optional.empty(), describe(exact(c)),
                            "the bound is 0 or negative where the bounded side is positive (at 50 digits): no finite "
                                    + "ratio");
                }
                continue;
            }
            keepBest(top, new Scored(c, s));
        }
        if (top.isEmpty()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "claim '%s' must have a point where both "
                    + "sides are defined%s, but none of %d random points has one", claim.name(),
                    kind == Kind.RATIO ? " and its bound is positive" : "", randomPhase));
        }
        int perStart = Math.max(20, (evaluations - randomPhase) / STARTS);
        List<Scored> optima = new ArrayList<>();
        for (Scored start : List.copyOf(top)) {
            long[] evaluations = {0};
            Scored local = climb(claim, kind, optimise(claim, kind, start, perStart, evaluations), evaluations,
                    Long.MAX_VALUE);
            optima.add(local);
        }
        optima.sort(Comparator.comparingDouble(Scored::score).reversed());
        // the best local optima again at 50 digits: the double values of both sides may carry cancellation
        BigDecimal best = null;
        Scored witness = null;
        String recheckNote = "";
        for (Scored o : optima) {
            ConjectureSearch.Candidate exact = exact(o.candidate());
            Optional<BigDecimal> precise = precise(claim, kind, exact);
            if (precise.isEmpty()) {
                recheckNote = " (a local optimum could not be evaluated at 50 digits, or its bound is not positive "
                        + "there, and was left out)";
                continue;
            }
            if (best == null || precise.get().compareTo(best) > 0) {
                best = precise.get();
                witness = new Scored(exact, o.score());
            }
        }
        if (best == null) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "claim '%s' cannot be evaluated at %d "
                    + "digits at any of its local optima, so no sharp constant is attained", claim.name(),
                    RECHECK_DIGITS));
        }
        BigDecimal lower = best.round(new MathContext(REPORTED_DIGITS, RoundingMode.FLOOR)).stripTrailingZeros();
        String witnessText = describe(witness.candidate()) + recheckNote;
        if (certifyTime.isZero()) {
            return new Bracket(kind, lower, false, Optional.empty(), witnessText, "no certification asked for");
        }
        return upper(claim, kind, lower, witnessText);
    }

    static void keepBest(List<Scored> top, Scored s) {
        if (top.size() == STARTS && s.score() <= top.get(top.size() - 1).score()) {
            return;
        }
        for (Scored t : top) {
            if (t.score() == s.score()) {
                return; // the same point again (or one as good): starts should differ
            }
        }
        int at = 0; // best first: in after every score at least as good (there are at most STARTS)
        while (at < top.size() && !(top.get(at).score() < s.score())) {
            at++;
        }
        top.add(at, s);
        if (top.size() > STARTS) {
            top.remove(top.size() - 1);
        }
    }

    private static double score(Claim claim, Kind kind, ConjectureSearch.Candidate c) {
        Verdict.Point pt = ConjectureSearch.evaluate(claim, c);
        if (pt == null) {
            return Double.NaN;
        }
        boolean atMost = claim.relation() == Relation.AT_MOST;
        return score(kind, atMost ? pt.lhs() : pt.rhs(), atMost ? pt.rhs() : pt.lhs());
    }

    /**
     * Nelder-Mead, maximising the score, over the logits of the free policies and log of each symbol; counts its
     * evaluations in {@code evaluations[0]}. The counterexample search runs it too, on the ratio, from the points
     * where a claim is closest to tight.
     */
    static Scored optimise(Claim claim, Kind kind, Scored start, int budget, long[] evaluations) {
        List<PolicyVar> vars = ConjectureSearch.movable(claim, start.candidate());
        List<Expr.Sym> syms = new ArrayList<>();
        for (Range r : claim.domain()) {
            syms.add(r.symbol());
        }
        int dims = syms.size();
        for (PolicyVar v : vars) {
            dims += start.candidate().policies().get(v).size();
        }
        double[] x0 = new double[dims];
        int at = 0;
        for (PolicyVar v : vars) {
            for (double p : start.candidate().policies().get(v).probabilitiesAsDoubles()) {
                x0[at++] = Math.log(Math.max(p, 1e-300));
            }
        }
        for (Expr.Sym s : syms) {
            x0[at++] = Math.log(Math.max(start.candidate().symbols().get(s), 1e-300));
        }
        Scored[] best = {start};
        MultivariateFunction f = x -> {
            evaluations[0]++;
            ConjectureSearch.Candidate c = ConjectureSearch.decode(claim, start.candidate(), vars, syms, x);
            double s = c == null ? Double.NaN : score(claim, kind, c);
            if (Double.isNaN(s) || s == Double.POSITIVE_INFINITY) {
                return -1e300; // undefined, outside the domain, or a point with no finite ratio: never chosen
            }
            if (s > best[0].score()) {
                best[0] = new Scored(c, s);
            }
            return s;
        };
        try {
            new SimplexOptimizer(1e-13, 1e-15).optimize(new MaxEval(budget), new ObjectiveFunction(f),
                    GoalType.MAXIMIZE, new InitialGuess(x0), new NelderMeadSimplex(dims, 1.0));
        } catch (TooManyEvaluationsException e) {
            // the budget is spent: keep the best point found
        }
        return best[0];
    }

    /**
     * Steps each integer symbol to a neighbour (+-1, doubled, halved) while the score improves and fewer than
     * {@code limit} evaluations are counted in {@code evaluations[0]}.
     */
    static Scored climb(Claim claim, Kind kind, Scored from, long[] evaluations, long limit) {
        Scored current = from;
        for (int step = 0; step < 200 && evaluations[0] < limit; step++) {
            Scored next = current;
            for (Range r : claim.domain()) {
                if (!(r instanceof Range.Integers ints)) {
                    continue;
                }
                double v = current.candidate().symbols().get(r.symbol());
                for (double w : new double[] {v - 1, v + 1, Math.floor(v / 2), 2 * v}) {
                    if (w < ints.from() || w > ClaimChecker.sampledTo(ints) || w == v) {
                        continue;
                    }
                    Map<Expr.Sym, Double> s = new LinkedHashMap<>(current.candidate().symbols());
                    s.put(r.symbol(), w);
                    ConjectureSearch.Candidate c = new ConjectureSearch.Candidate(current.candidate().policies(), s);
                    evaluations[0]++;
                    double sc = score(claim, kind, c);
                    if (!Double.isNaN(sc) && sc != Double.POSITIVE_INFINITY && sc > next.score()) {
                        next = new Scored(c, sc);
                    }
                }
            }
            if (next == current) {
                return current;
            }
            current = next;
        }
        return current;
    }

    /** The ratio or difference at {@code c} at 50 digits, empty where it cannot be evaluated or big <= 0. */
    private static Optional<BigDecimal> precise(Claim claim, Kind kind, ConjectureSearch.Candidate c) {
        Optional<BigDecimal[]> sides = preciseSides(claim, c);
        if (sides.isEmpty()) {
            return Optional.empty();
        }
        BigDecimal small = sides.get()[0];
        BigDecimal big = sides.get()[1];
        if (kind == Kind.DIFFERENCE) {
            return Optional.of(small.subtract(big));
        }
        return big.signum() > 0 ? Optional.of(small.divide(big, new MathContext(RECHECK_DIGITS))) : Optional.empty();
    }

    /** Below this, a side evaluated at 50 digits counts as 0 (the rounding of 50-digit arithmetic). */
    static final BigDecimal PRECISE_ZERO = new BigDecimal("1e-40");

    private static boolean unboundedAt(Claim claim, ConjectureSearch.Candidate c) {
        Optional<BigDecimal[]> sides = preciseSides(claim, c);
        return sides.isPresent() && sides.get()[0].compareTo(PRECISE_ZERO) > 0 && sides.get()[1].signum() <= 0;
    }

    /** Both sides (small, big) at {@code c} at 50 digits; empty where they cannot be evaluated. */
    private static Optional<BigDecimal[]> preciseSides(Claim claim, ConjectureSearch.Candidate c) {
        try {
            HighPrecisionEvaluator hp = new HighPrecisionEvaluator(RECHECK_DIGITS);
            Map<Expr.Sym, BigDecimal> at = new HashMap<>();
            c.symbols().forEach((k, v) -> at.put(k, new BigDecimal(v)));
            Map<PolicyVar, Policy> bound = new LinkedHashMap<>(c.policies());
            return Optional.of(new BigDecimal[] {hp.evaluate(Binding.bind(small(claim), bound), at),
                hp.evaluate(Binding.bind(big(claim), bound), at)});
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The candidate with exact policies (summing to 1 exactly; see {@link PolicyDraws#exactly}). */
    private static ConjectureSearch.Candidate exact(ConjectureSearch.Candidate c) {
        Map<PolicyVar, org.bonlab.policy.Explicit> policies = new LinkedHashMap<>();
        c.policies().forEach((k, v) -> policies.put(k, PolicyDraws.exactly(v)));
        return new ConjectureSearch.Candidate(policies, c.symbols());
    }

    /** A witness as a reader re-enters it: each policy's exact probabilities as decimals, its rewards, n. */
    static String describe(ConjectureSearch.Candidate c) {
        List<String> parts = new ArrayList<>();
        c.policies().forEach((k, e) -> {
            StringBuilder sb = new StringBuilder(k.name()).append(" = [");
            for (int i = 0; i < e.size(); i++) {
                sb.append(i > 0 ? ", " : "").append(e.isExact()
                        ? e.probability(i).toBigDecimal().stripTrailingZeros().toString()
                        : Double.toString(e.probability(i).toDouble()));
            }
            parts.add(sb.append("] with rewards ").append(PolicyDraws.describe("", e).replaceFirst("^.* with rewards ",
                    "")).toString());
        });
        c.symbols().forEach((k, v) -> parts.add(k.name() + " = " + (v == Math.rint(v) && Math.abs(v) < 1e15
                ? Long.toString(v.longValue()) : Double.toString(v))));
        return String.join(", ", parts);
    }

    /**
     * The tightest certified upper end: constants from {@code lower} plus a step (relative, see
     * {@link #UPPER_STEPS}) are proved over the domain from loose to tight until one fails or time runs out. Where the
     * last proof came from an argument rather than boxes ({@link IntervalCertifier#byArgument}: cheap), the gap
     * between it and the constant that failed is then bisected to {@link #REPORTED_DIGITS} digits.
     */
    private Bracket upper(Claim claim, Kind kind, BigDecimal lower, String witness) {
        long deadline = System.nanoTime() + certifyTime.toNanos();
        BigDecimal proved = null;
        BigDecimal failed = null;
        boolean byArgument = false;
        String evidence = "";
        BigDecimal scale = lower.abs().max(new BigDecimal("1e-6"));
        List<BigDecimal> constants = new ArrayList<>();
        for (double step : UPPER_STEPS) {
            constants.add(lower.add(scale.multiply(BigDecimal.valueOf(step)))
                    .round(new MathContext(REPORTED_DIGITS, RoundingMode.CEILING)).stripTrailingZeros());
        }
        // the claim's own constant (ratio 1, difference 0): proving the claim itself bounds the constant by it
        BigDecimal own = kind == Kind.RATIO ? BigDecimal.ONE : BigDecimal.ZERO;
        if (own.compareTo(lower) >= 0) {
            constants.add(own);
        }
        constants.sort(Comparator.reverseOrder());
        boolean afterBoxesWorked = false;
        for (BigDecimal c : constants) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                evidence = (proved == null ? "not certified: " : "") + "the certification time ran out";
                break;
            }
            if (proved != null && c.compareTo(proved) >= 0) {
                continue;
            }
            if (kind == Kind.RATIO && c.signum() <= 0) {
                break;
            }
            Claim scaled = scaled(claim, kind, c);
            SimplexCertifier.Budget set = SimplexCertifier.budget();
            Duration remaining = Duration.ofNanos(Math.max(1, left));
            // an argument first (Thm 2 and Cor 2 over any simplex: GapBoundCertifier), then boxes on 2 and 3
            // outcomes, which reach constants the argument does not
            java.util.Optional<IntervalCertifier.Result> argued = IntervalCertifier.byArgument(scaled);
            // where the boxes come first but an argument proved a looser constant after they failed, the argument
            // is tried first for the tighter ones (the boxes would fail again, slowly)
            java.util.Optional<IntervalCertifier.Result> after = afterBoxesWorked
                    ? IntervalCertifier.argumentAfterBoxes(scaled) : java.util.Optional.empty();
            IntervalCertifier.Result r;
            if (argued.isPresent() && argued.get() instanceof IntervalCertifier.Result.Certified) {
                r = argued.get();
            } else if (after.isPresent() && after.get() instanceof IntervalCertifier.Result.Certified) {
                r = after.get();
            } else if (SimplexCertifier.applies(scaled)) {
                r = SimplexCertifier.certify(scaled, new SimplexCertifier.Budget(set.maxBoxes(),
                        set.time().compareTo(remaining) < 0 ? set.time() : remaining, threads));
                if (!(r instanceof IntervalCertifier.Result.Certified)) {
                    java.util.Optional<IntervalCertifier.Result> then = IntervalCertifier.argumentAfterBoxes(scaled);
                    if (then.isPresent() && then.get() instanceof IntervalCertifier.Result.Certified) {
                        r = then.get();
                        afterBoxesWorked = true;
                    }
                }
            } else {
                r = argued.orElseGet(() -> IntervalCertifier.certify(scaled));
            }
            if (r instanceof IntervalCertifier.Result.Certified proof) {
                proved = c;
                byArgument = argued.isPresent() && argued.get() == r;
                evidence = "certified: " + proof.argument();
            } else {
                String reason = ((IntervalCertifier.Result.NotCertified) r).reason();
                evidence = proved == null ? "not certified: " + reason
                        : evidence + "; " + c.toPlainString() + " not certified (" + firstClause(reason) + ")";
                failed = c;
                break;
            }
        }
        // the loop stops at the first constant not certified; the claim's own constant, tighter than that one for a
        // difference (0 below lower + 1e-6), may still be taken by an argument made for the claim as stated
        if (own.compareTo(lower) >= 0 && (proved == null || own.compareTo(proved) < 0) && failed != null
                && own.compareTo(failed) < 0 && System.nanoTime() < deadline) {
            Optional<IntervalCertifier.Result> r = IntervalCertifier.byArgument(scaled(claim, kind, own));
            if (r.isPresent() && r.get() instanceof IntervalCertifier.Result.Certified c) {
                evidence = "certified: " + c.argument() + " (the claim as stated; " + failed.toPlainString()
                        + " not certified)";
                proved = own;
                failed = null;
            }
        }
        if (proved != null && failed != null && byArgument) {
            BigDecimal lo = failed;
            BigDecimal hi = proved;
            String proof = evidence;
            for (int step = 0; step < 60 && System.nanoTime() < deadline; step++) {
                BigDecimal mid = lo.add(hi).divide(BigDecimal.valueOf(2), new MathContext(REPORTED_DIGITS,
                        RoundingMode.CEILING)).stripTrailingZeros();
                if (mid.compareTo(hi) >= 0 || mid.compareTo(lo) <= 0) {
                    break;
                }
                Optional<IntervalCertifier.Result> r = IntervalCertifier.byArgument(scaled(claim, kind, mid));
                if (r.isPresent() && r.get() instanceof IntervalCertifier.Result.Certified c) {
                    hi = mid;
                    proof = "certified: " + c.argument();
                } else {
                    lo = mid;
                }
            }
            if (hi.compareTo(proved) < 0) {
                evidence = proof + "; bisected between " + failed.toPlainString() + " (not certified) and "
                        + proved.toPlainString() + " (certified) to " + hi.toPlainString();
                proved = hi;
            }
        }
        return new Bracket(kind, lower, false, Optional.ofNullable(proved), witness, evidence);
    }

    /**
     * {@code small <= c big} (ratio) or {@code small <= big + c} (difference) over the claim's domain; at the claim's
     * own constant (ratio 1, difference 0) the bound is {@code big} itself, so that an argument made for the claim as
     * stated takes it.
     */
    private static Claim scaled(Claim claim, Kind kind, BigDecimal c) {
        Expr constant = Expr.constant(Rational.of(c));
        boolean own = c.compareTo(kind == Kind.RATIO ? BigDecimal.ONE : BigDecimal.ZERO) == 0;
        Expr bound = own ? big(claim) : kind == Kind.RATIO ? big(claim).times(constant) : big(claim).plus(constant);
        return new Claim(claim.name() + " (" + kind.label() + " " + c.toPlainString() + ")", small(claim),
                Relation.AT_MOST, bound, claim.domain(), claim.policies());
    }

    /** The gist of a certifier's reason: its first clause, without a leading "not certified: ". */
    static String firstClause(String reason) {
        String s = reason.startsWith("not certified: ") ? reason.substring("not certified: ".length()) : reason;
        int cut = s.indexOf(';');
        String first = cut > 0 ? s.substring(0, cut) : s;
        return first.length() > 160 ? first.substring(0, 160) + "..." : first;
    }
}
