package org.bonlab.numeric.claim;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.math3.analysis.MultivariateFunction;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.SimplexOptimizer;
import org.apache.commons.math3.random.RandomGenerator;
import org.bonlab.claim.Binding;
import org.bonlab.claim.Claim;
import org.bonlab.claim.Family;
import org.bonlab.claim.Range;
import org.bonlab.expr.Expr;
import org.bonlab.numeric.DoubleEvaluator;
import org.bonlab.numeric.precise.HighPrecisionEvaluator;
import org.bonlab.policy.Explicit;
import org.bonlab.policy.Policy;
import org.bonlab.policy.PolicyVar;
import org.bonlab.policy.Reward;

/**
 * Searches for a counterexample to a claim over policy families and symbol ranges: random policies of many shapes
 * ({@link PolicyDraws}), then Nelder-Mead (Commons Math) from the point of smallest margin, over the logits of the
 * policies' probabilities. A violation is shrunk to the fewest outcomes, the simplest probabilities and the
 * smallest integers that still violate (as property-based testing tools do) and re-checked at 50 digits.
 * Seeded and reproducible; the verdict carries the seed. The random phase runs on several threads as independent
 * units (see {@link #UNIT}), and so do the climbs from the points closest to tight, each from its own start, with the
 * same verdict whatever their number. Without a sound argument the answer is never PROVED.
 */
public final class ConjectureSearch {

    /** Evaluations per claim unless told otherwise. */
    public static final int DEFAULT_EVALUATIONS = 4_000;

    private final long seed;
    private final int evaluations;
    private final PrintStream progress;
    private final int threads;

    public ConjectureSearch(long seed) {
        this(seed, DEFAULT_EVALUATIONS, null);
    }

    /**
     * @param progress where to print a progress line each second for searches longer than a second, or null
     */
    public ConjectureSearch(long seed, int evaluations, PrintStream progress) {
        this(seed, evaluations, progress, Runtime.getRuntime().availableProcessors());
    }

    /**
     * @param threads how many threads the random phase and the climbs run on (the verdict does not depend on it)
     */
    public ConjectureSearch(long seed, int evaluations, PrintStream progress, int threads) {
        if (evaluations < 10) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "evaluations must be at least 10, but was %d", evaluations));
        }
        if (threads < 1) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "threads must be at least 1, but was %d", threads));
        }
        this.seed = seed;
        this.evaluations = evaluations;
        this.progress = progress;
        this.threads = threads;
    }

    public int threads() {
        return threads;
    }

    public long seed() {
        return seed;
    }

    /** A point of the search: bound policies and symbol values. */
    record Candidate(Map<PolicyVar, Explicit> policies, Map<Expr.Sym, Double> symbols) {
    }

    /**
     * Evaluations per unit of the random phase. The phase is a fixed list of units, unit k drawing from its own
     * generator seeded by {@link #unitSeed}; units run on {@link #threads()} threads and their results are merged
     * in unit order, so the verdict, the counterexample and the count of evaluations do not depend on the number of
     * threads.
     */
    static final int UNIT = 250;

    /** How many units per thread the random phase submits ahead of the one it merges next. */
    static final int IN_FLIGHT = 4;

    /** The seed of unit k of the random phase: the search's seed and k mixed by SplitMix64's finaliser. */
    static long unitSeed(long seed, int k) {
        long z = seed + 0x9E3779B97F4A7C15L * (k + 1L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * The points a search keeps: the smallest margin, and where the claim is closest to tight relative to its size
     * (the smallest margin is often 0 where both sides vanish, as at n = 1, which says nothing about how loose the
     * bound is elsewhere). The first point offered wins a tie, so offering in draw order gives the sequential result.
     */
    private static final class Kept {
        Candidate worst;
        Verdict.Point worstPoint;
        Candidate tightest;
        Verdict.Point tightestPoint;

        /** The points closest to tight relative to their size (best ratio first): the local phase's starts. */
        final List<SharpConstants.Scored> starts = new ArrayList<>();

        void offer(Claim claim, Candidate c, Verdict.Point pt) {
            if (pt == null) {
                return;
            }
            double r = ratio(claim, pt);
            if (r > Double.NEGATIVE_INFINITY) {
                SharpConstants.keepBest(starts, new SharpConstants.Scored(c, r));
            }
            if (worstPoint == null || pt.margin() < worstPoint.margin()) {
                worst = c;
                worstPoint = pt;
            }
            if (r > ratio(claim, tightestPoint)) {
                tightest = c;
                tightestPoint = pt;
            }
        }
    }

    /** What one unit of the random phase found: its first violation (if any) and the points it keeps. */
    private record Unit(long count, Candidate violation, long undefined, String firstUndefined, Kept kept) {
    }

    private Unit runUnit(Claim claim, int k, int size) {
        RandomGenerator rng = new SearchRandom(unitSeed(seed, k));
        long count = 0;
        long undefined = 0;
        String firstUndefined = "";
        Kept kept = new Kept();
        for (int i = 0; i < size; i++) {
            if (Thread.currentThread().isInterrupted()) {
                break; // a violation in an earlier unit ended the search
            }
            Candidate c = draw(claim, rng);
            count++;
            Verdict.Point pt = evaluate(claim, c);
            if (pt == null) {
                if (undefined++ == 0) {
                    firstUndefined = "first undefined at " + describeFully(c) + ": " + undefinedReason(claim, c);
                }
                continue;
            }
            if (ClaimChecker.violates(pt)) {
                return new Unit(count, c, undefined, firstUndefined, kept);
            }
            kept.offer(claim, c, pt);
        }
        return new Unit(count, null, undefined, firstUndefined, kept);
    }

    public Verdict check(Claim original) {
        Claim claim = withSymbolicPoliciesInline(original);
        boolean onlyIntegers = claim.domain().stream().allMatch(r -> r instanceof Range.Integers);
        if (claim.policies().isEmpty() && onlyIntegers) {
            return new ClaimChecker().check(claim);
        }
        long started = System.nanoTime();
        long lastReport = started;
        long count = 0;
        long undefined = 0;
        String firstUndefined = "";
        Kept kept = new Kept();
        int randomPhase = evaluations * 4 / 5;
        int units = (randomPhase + UNIT - 1) / UNIT;
        int localBudget = evaluations - randomPhase;
        java.util.concurrent.ExecutorService pool = threads == 1 ? null
                : java.util.concurrent.Executors.newFixedThreadPool(threads, r -> {
                    Thread t = new Thread(r, "bonlab-search");
                    t.setDaemon(true);
                    return t;
                });
        try {
            // at most IN_FLIGHT units per thread submitted ahead of the one merged next: the pool never idles, and
            // the units done but not yet merged (each keeping its points) stay few, so the live heap stays small
            java.util.ArrayDeque<java.util.concurrent.Future<Unit>> ahead = new java.util.ArrayDeque<>();
            int submitted = 0;
            for (int k = 0; k < units; k++) {
                while (pool != null && submitted < units && submitted < k + IN_FLIGHT * threads) {
                    int unit = submitted++;
                    int size = Math.min(UNIT, randomPhase - unit * UNIT);
                    ahead.add(pool.submit(() -> runUnit(claim, unit, size)));
                }
                Unit u = pool == null ? runUnit(claim, k, Math.min(UNIT, randomPhase - k * UNIT)) : org.bonlab.numeric.Futures.join(ahead.poll(), "searching");
                count += u.count();
                if (undefined == 0 && u.undefined() > 0) {
                    firstUndefined = u.firstUndefined();
                }
                undefined += u.undefined();
                kept.offer(claim, u.kept().worst, u.kept().worstPoint);
                kept.offer(claim, u.kept().tightest, u.kept().tightestPoint);
                for (SharpConstants.Scored st : u.kept().starts) {
                    SharpConstants.keepBest(kept.starts, st);
                }
                if (u.violation() != null) {
                    if (pool != null) {
                        pool.shutdownNow(); // later units are not needed
                    }
                    return falsified(claim, u.violation(), count);
                }
                long now = System.nanoTime();
                if (progress != null && kept.worstPoint != null && now - started > 1_000_000_000L
                        && now - lastReport > 1_000_000_000L) {
                    progress.printf(Locale.ROOT, "searching %s: %d/%d evaluations, smallest margin %.3g (seed %d)%n",
                            claim.name(), count, evaluations, kept.worstPoint.margin(), seed);
                    lastReport = now;
                }
            }
            if (!kept.starts.isEmpty()) {
                // half the local budget: the ratio climbed from each of the points closest to tight, where the claim
                // would fail first (the smallest margin is often 0 at n = 1, where Nelder-Mead has nowhere to go).
                // The climbs are independent: on several threads they run at once, and their results are taken in
                // order as on one (the same counts, the same first violation)
                List<SharpConstants.Scored> starts = List.copyOf(kept.starts);
                int perStart = Math.max(10, localBudget / 2 / starts.size());
                List<java.util.concurrent.Future<Climb>> running = new ArrayList<>();
                if (pool != null) {
                    for (SharpConstants.Scored start : starts) {
                        running.add(pool.submit(() -> climb(claim, start, perStart)));
                    }
                }
                for (int i = 0; i < starts.size(); i++) {
                    Climb c = pool == null ? climb(claim, starts.get(i), perStart)
                            : org.bonlab.numeric.Futures.join(running.get(i), "searching");
                    count += c.used();
                    localBudget -= (int) Math.min(localBudget, c.used());
                    if (c.point() != null && ClaimChecker.violates(c.point())) {
                        return falsified(claim, c.top().candidate(), count);
                    }
                    kept.offer(claim, c.top().candidate(), c.point());
                }
            }
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
        if (kept.worst != null) {
            Local local = optimise(claim, kept.worst, localBudget);
            count += local.evaluations;
            if (local.best != null && local.bestPoint != null) {
                if (ClaimChecker.violates(local.bestPoint)) {
                    return falsified(claim, local.best, count);
                }
                kept.offer(claim, local.best, local.bestPoint);
            }
        }
        if (kept.worstPoint != null && kept.worstPoint.margin() < 0) {
            // a violation below the tolerance: a counterexample where interval arithmetic and 50 digits confirm it
            java.util.Optional<NearMiss.Confirmed> near = NearMiss.confirm(claim, kept.worst);
            if (near.isPresent()) {
                Candidate at = near.get().candidate();
                Verdict.Point pt = evaluate(claim, at);
                return new Verdict.Falsified(claim, described(pt == null ? kept.worstPoint : pt, at),
                        near.get().evidence() + "; seed " + seed, count);
            }
        }
        Verdict.Point worstPoint = kept.worstPoint == null ? null : described(kept.worstPoint, kept.worst);
        Candidate tightest = kept.tightest;
        Verdict.Point tightestPoint = kept.tightestPoint;
        String tight = tightestPoint == null ? "" : String.format(Locale.ROOT, "closest to tight relative to its size: "
                + "%s = %.6g at %s (bonlab tighten gives the sharp constant)",
                claim.relation() == org.bonlab.claim.Relation.AT_MOST ? "lhs/rhs" : "rhs/lhs",
                ratio(claim, tightestPoint), described(tightestPoint, tightest).describe());
        String note = firstUndefined.isEmpty() ? tight : tight.isEmpty() ? firstUndefined : firstUndefined + "; " + tight;
        return ClaimChecker.certifyOr(claim, new Verdict.Undecided(claim, count, false, worstPoint, undefined,
                "random (seed " + seed + ") and locally optimised", note));
    }

    // ---- drawing ----

    Candidate draw(Claim claim, RandomGenerator rng) {
        Map<PolicyVar, Explicit> policies;
        if (claim.policies().size() == 1) { // the common case, without a hash table per point
            var e = claim.policies().entrySet().iterator().next();
            policies = Map.of(e.getKey(), drawPolicy(e.getValue(), Map.of(), rng));
        } else {
            policies = new LinkedHashMap<>();
            for (var e : claim.policies().entrySet()) {
                policies.put(e.getKey(), drawPolicy(e.getValue(), policies, rng));
            }
        }
        Map<Expr.Sym, Double> symbols;
        if (claim.domain().size() == 1) {
            Range r = claim.domain().get(0);
            symbols = Map.of(r.symbol(), drawValue(r, rng));
        } else {
            symbols = new LinkedHashMap<>();
            for (Range r : claim.domain()) {
                symbols.put(r.symbol(), drawValue(r, rng));
            }
        }
        return new Candidate(policies, symbols);
    }

    /**
     * The claim with each policy variable bound to a named policy with symbolic parameters (spike(5, eps) over eps in
     * (0, 1)) replaced by that policy inside the expressions: its parameters are then symbols of the domain like any
     * other, drawn and moved with the rest, and every engine evaluates the policy at their values (a policy drawn
     * once as numbers would not follow a moved eps).
     */
    static Claim withSymbolicPoliciesInline(Claim claim) {
        Map<PolicyVar, Policy> inline = new LinkedHashMap<>();
        Map<PolicyVar, Family> rest = new LinkedHashMap<>();
        for (var e : claim.policies().entrySet()) {
            if (e.getValue() instanceof Family.Named n && DoubleEvaluator.symbolic(n.policy())) {
                for (Expr.Sym s : n.policy().symbols()) {
                    if (claim.domain().stream().noneMatch(r -> r.symbol().equals(s))) {
                        throw new IllegalArgumentException(String.format(Locale.ROOT, "the parameter %s of %s must "
                                + "have a range (e.g. forAllReals(%s, 0, 1)), but the claim gives it none", s.name(),
                                n.policy().describe(), s.name()));
                    }
                }
                inline.put(e.getKey(), n.policy());
            } else {
                rest.put(e.getKey(), e.getValue());
            }
        }
        if (inline.isEmpty()) {
            return claim;
        }
        return new Claim(claim.name(), Binding.bind(claim.lhs(), inline), claim.relation(),
                Binding.bind(claim.rhs(), inline), claim.domain(), rest, claim.expected());
    }

    static Explicit drawPolicy(Family f, Map<PolicyVar, Explicit> bound, RandomGenerator rng) {
        if (f instanceof Family.Named n) {
            if (n.policy() instanceof Explicit e) {
                return e;
            }
            double[] p = new DoubleEvaluator().pmf(n.policy(), Map.of()).probabilities();
            double[] inOutcomeOrder = new double[p.length];
            var ranking = org.bonlab.numeric.policy.Ranking.of(n.policy().reward());
            for (int i = 0; i < p.length; i++) {
                inOutcomeOrder[ranking.outcomeAt(i)] = p[i];
            }
            return PolicyDraws.explicit(inOutcomeOrder, n.policy().reward()).named(n.policy().describe());
        }
        if (f instanceof Family.Bernoulli) {
            double u = rng.nextDouble();
            double p = u < 0.3 ? Math.pow(10, -12 * rng.nextDouble()) : u < 0.6 ? 1 - Math.pow(10, -12
                    * rng.nextDouble()) : rng.nextDouble();
            p = Math.min(Math.max(p, 1e-300), 1 - 1e-16);
            return PolicyDraws.explicit(new double[] {1 - p, p}, org.bonlab.policy.Reward.ascending(2));
        }
        if (f instanceof Family.Simplex s) {
            int size = PolicyDraws.size(rng, s.minSize(), s.maxSize());
            return PolicyDraws.explicit(PolicyDraws.probabilities(rng, size), PolicyDraws.reward(rng, size, s.rewards()));
        }
        if (f instanceof Family.SameProbabilities same) {
            Explicit other = bound.get(same.other());
            if (other == null) {
                throw new IllegalArgumentException("policy variable " + same.other().name()
                        + " must be declared before the variables that give it a second reward");
            }
            return other.withReward(PolicyDraws.reward(rng, other.size(), same.rewards()));
        }
        Family.SameOutcomes same = (Family.SameOutcomes) f;
        Explicit other = bound.get(same.other());
        if (other == null) {
            throw new IllegalArgumentException("policy variable " + same.other().name()
                    + " must be declared before the variables drawn on its outcomes");
        }
        double[] p = PolicyDraws.probabilities(rng, other.size());
        if (rng.nextBoolean() && p.length > 1) {
            int lowest = other.reward().ranking()[0]; // leave out the lowest-ranked outcome (vBoN's F = 0 there)
            p[lowest] = 0;
            p = PolicyDraws.normalise(p);
        }
        return other.withProbabilities(p);
    }

    static double drawValue(Range r, RandomGenerator rng) {
        if (r instanceof Range.Integers ints) {
            double u = rng.nextDouble();
            long to = ClaimChecker.sampledTo(ints);
            if (u < 0.3) {
                return Math.min(to, ints.from() + rng.nextInt(10));
            }
            if (u < 0.35) {
                return to;
            }
            double lo = Math.max(1, ints.from());
            double v = Math.rint(lo * Math.exp(rng.nextDouble() * Math.log(to / lo))); // log-uniform in [lo, to]
            return Math.min(to, Math.max(ints.from(), v));
        }
        Range.Reals re = (Range.Reals) r;
        double lo = re.lower();
        double hi = re.upper();
        if (Double.isInfinite(lo) || Double.isInfinite(hi) || lo >= 0 && hi / Math.max(lo, 1e-300) > 1e3) {
            double from = Double.isInfinite(lo) ? -1e6 : lo;
            double to = Double.isInfinite(hi) ? from + 1e6 : hi;
            if (from >= 0) {
                double a = Math.log(Math.max(from, 1e-6));
                double b = Math.log(to);
                double v = Math.exp(a + rng.nextDouble() * (b - a));
                return Math.min(Math.max(v, Math.nextUp(lo)), Math.nextDown(hi));
            }
            return from + rng.nextDouble() * (to - from);
        }
        double v = lo + rng.nextDouble() * (hi - lo);
        return Math.min(Math.max(v, Math.nextUp(lo)), Math.nextDown(hi));
    }

    // ---- evaluating ----

    /** Both sides at a candidate, or null where a side is undefined or the point is outside its domain. */
    static Verdict.Point evaluate(Claim claim, Candidate c) {
        try {
            Expr lhs = Binding.bind(claim.lhs(), c.policies());
            Expr rhs = Binding.bind(claim.rhs(), c.policies());
            DoubleEvaluator ev = new DoubleEvaluator();
            double l = ev.evaluate(lhs, c.symbols());
            double r = ev.evaluate(rhs, c.symbols());
            // without the policies' description: most points are discarded, and describing one costs more than
            // evaluating it (see described)
            return new Verdict.Point(c.symbols(), l, r, ClaimChecker.margin(claim.relation(), l, r));
        } catch (ArithmeticException | IllegalArgumentException e) {
            return null; // undefined (UndefinedQuantityException) or outside a quantity's domain
        }
    }

    /** Below this, the bounding side of a point is too small for its ratio to mean anything (rounding). */
    static final double RATIO_FLOOR = 1e-9;

    /**
     * The bounded side over the bounding side at a point (lhs/rhs of {@code lhs <= rhs}, rhs/lhs of
     * {@code lhs >= rhs}), or -infinity where it means nothing: an equality, no point, or a bounding side below
     * {@link #RATIO_FLOOR}.
     */
    static double ratio(Claim claim, Verdict.Point pt) {
        if (pt == null || claim.relation() == org.bonlab.claim.Relation.EQUALS) {
            return Double.NEGATIVE_INFINITY;
        }
        boolean atMost = claim.relation() == org.bonlab.claim.Relation.AT_MOST;
        double small = atMost ? pt.lhs() : pt.rhs();
        double big = atMost ? pt.rhs() : pt.lhs();
        return big >= RATIO_FLOOR ? small / big : Double.NEGATIVE_INFINITY;
    }

    /** The point with its policies described: for a point that is kept (a counterexample, the smallest margin). */
    static Verdict.Point described(Verdict.Point pt, Candidate c) {
        return new Verdict.Point(Map.copyOf(pt.at()), pt.lhs(), pt.rhs(), pt.margin(), describe(c));
    }

    /** Why {@code claim} is undefined at {@code c}: the message of the exception its evaluation throws. */
    static String undefinedReason(Claim claim, Candidate c) {
        try {
            DoubleEvaluator ev = new DoubleEvaluator();
            ev.evaluate(Binding.bind(claim.lhs(), c.policies()), c.symbols());
            ev.evaluate(Binding.bind(claim.rhs(), c.policies()), c.symbols());
            return "no reason given";
        } catch (ArithmeticException | IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /** The candidate with its symbols: policies (with rewards) and every symbol's value. */
    static String describeFully(Candidate c) {
        return new Verdict.Point(c.symbols(), 0, 0, 0, describe(c)).describe();
    }

    static String describe(Candidate c) {
        List<String> parts = new ArrayList<>();
        c.policies().forEach((k, v) -> parts.add(PolicyDraws.describe(k.name(), v)));
        return String.join(", ", parts);
    }

    /** A climb of the ratio from one start: where it ended, the evaluations it used, the point there. */
    private record Climb(SharpConstants.Scored top, long used, Verdict.Point point) {
    }

    /** The ratio climbed from {@code start}: three quarters of the budget for Nelder-Mead, the rest stepping n. */
    private Climb climb(Claim claim, SharpConstants.Scored start, int perStart) {
        long[] used = {0};
        SharpConstants.Scored top = SharpConstants.climb(claim, SharpConstants.Kind.RATIO,
                SharpConstants.optimise(claim, SharpConstants.Kind.RATIO, start, Math.max(10, perStart * 3 / 4), used),
                used, perStart);
        return new Climb(top, used[0], evaluate(claim, top.candidate()));
    }

    // ---- local optimisation ----

    record Local(Candidate best, Verdict.Point bestPoint, long evaluations) {
    }

    /**
     * Nelder-Mead on the logits of every policy drawn from a family (a named policy stays fixed), and on log n for
     * integer symbols (rounded).
     */
    Local optimise(Claim claim, Candidate start, int budget) {
        if (budget < 10) {
            return new Local(null, null, 0);
        }
        List<PolicyVar> vars = movable(claim, start);
        List<Expr.Sym> ints = new ArrayList<>();
        for (Range r : claim.domain()) {
            ints.add(r.symbol());
        }
        int dims = 0;
        for (PolicyVar v : vars) {
            dims += start.policies().get(v).size();
        }
        dims += ints.size();
        if (dims == 0) {
            return new Local(null, null, 0);
        }
        double[] x0 = new double[dims];
        int at = 0;
        for (PolicyVar v : vars) {
            for (double p : start.policies().get(v).probabilitiesAsDoubles()) {
                x0[at++] = Math.log(Math.max(p, 1e-300));
            }
        }
        for (Expr.Sym s : ints) {
            x0[at++] = Math.log(Math.max(start.symbols().get(s), 1e-300));
        }
        Candidate[] best = {null};
        Verdict.Point[] bestPoint = {null};
        long[] evals = {0};
        MultivariateFunction f = x -> {
            evals[0]++;
            Candidate c = decode(claim, start, vars, ints, x);
            Verdict.Point pt = c == null ? null : evaluate(claim, c);
            if (pt == null) {
                return 1e300;
            }
            if (bestPoint[0] == null || pt.margin() < bestPoint[0].margin()) {
                best[0] = c;
                bestPoint[0] = pt;
            }
            double scale = Math.max(1, Math.max(Math.abs(pt.lhs()), Math.abs(pt.rhs())));
            return pt.margin() / scale;
        };
        try {
            new SimplexOptimizer(1e-12, 1e-14).optimize(new MaxEval(budget), new ObjectiveFunction(f),
                    GoalType.MINIMIZE, new InitialGuess(x0), new NelderMeadSimplex(dims, 1.0));
        } catch (TooManyEvaluationsException e) {
            // the budget is spent: keep the best point found
        }
        return new Local(best[0], bestPoint[0], evals[0]);
    }

    /**
     * The policy variables whose probabilities a local optimisation moves: not a named policy (one point of the
     * domain), nor a second reward on another variable's policy (its probabilities follow that variable's).
     */
    static List<PolicyVar> movable(Claim claim, Candidate start) {
        List<PolicyVar> vars = new ArrayList<>();
        for (PolicyVar v : start.policies().keySet()) {
            Family f = claim.policies().get(v);
            if (!(f instanceof Family.Named) && !(f instanceof Family.SameProbabilities)) {
                vars.add(v);
            }
        }
        return vars;
    }

    static Candidate decode(Claim claim, Candidate start, List<PolicyVar> vars, List<Expr.Sym> syms,
            double[] x) {
        Map<PolicyVar, Explicit> policies = new LinkedHashMap<>(start.policies()); // named ones stay as they are
        int at = 0;
        for (PolicyVar v : vars) {
            Explicit e = start.policies().get(v);
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < e.size(); i++) {
                max = Math.max(max, x[at + i]);
            }
            double[] w = new double[e.size()];
            double[] original = e.probabilitiesAsDoubles();
            for (int i = 0; i < e.size(); i++) {
                // outcomes without mass stay without mass (a pi_theta that avoids the lowest outcome keeps doing so)
                w[i] = original[i] == 0 ? 0 : Math.exp(x[at + i] - max);
            }
            at += e.size();
            policies.put(v, e.withProbabilities(PolicyDraws.normalise(w)));
        }
        withSecondRewards(claim, policies);
        Map<Expr.Sym, Double> symbols = new LinkedHashMap<>(start.symbols());
        for (Expr.Sym s : syms) {
            Range r = claim.domain().stream().filter(d -> d.symbol().equals(s)).findFirst().orElseThrow();
            double v = Math.exp(x[at++]);
            if (r instanceof Range.Integers ints) {
                v = Math.rint(v);
                if (v < ints.from() || v > ClaimChecker.sampledTo(ints)) {
                    return null;
                }
            } else {
                Range.Reals re = (Range.Reals) r;
                if (!(v > re.lower() && v < re.upper())) {
                    return null;
                }
            }
            symbols.put(s, v);
        }
        return new Candidate(policies, symbols);
    }

    // ---- counterexamples ----

    private Verdict falsified(Claim claim, Candidate c, long evaluations) {
        Candidate small = shrink(claim, c);
        Verdict.Point pt = described(evaluate(claim, small), small);
        String recheck = recheck(claim, small);
        if (recheck.startsWith("NOT confirmed")) {
            return new Verdict.Undecided(claim, evaluations, false, pt, 0,
                    "random (seed " + seed + "); a double-precision violation was " + recheck);
        }
        return new Verdict.Falsified(claim, pt, recheck + "; seed " + seed, evaluations);
    }

    /** Fewer outcomes, simpler probabilities, smaller integers, while the claim is still violated. */
    static Candidate shrink(Claim claim, Candidate c) {
        Candidate current = c;
        boolean changed = true;
        int rounds = 0;
        while (changed && rounds++ < 20) {
            changed = false;
            for (PolicyVar v : current.policies().keySet()) {
                Family.Rewards shape = rewardShape(claim.policies().get(v));
                // rewards on a grid; not under a pi_theta on v's outcomes (SameOutcomes), which shares v's reward
                if ((shape == Family.Rewards.UNIT_INTERVAL || shape == Family.Rewards.UNIT_INTERVAL_BEST_ONE)
                        && !hasDependents(claim, v)) {
                    Explicit e = current.policies().get(v);
                    for (int d : new int[] {1, 2, 4, 10, 100}) {
                        Reward r = PolicyDraws.roundedReward(e.reward(), d, shape);
                        if (!r.equals(e.reward()) && stillViolates(claim, with(claim, current, v, e.withReward(r)))) {
                            current = with(claim, current, v, e.withReward(r));
                            changed = true;
                            break;
                        }
                    }
                }
                if (hasDependents(claim, v) || claim.policies().get(v) instanceof Family.SameOutcomes
                        || claim.policies().get(v) instanceof Family.SameProbabilities
                        || claim.policies().get(v) instanceof Family.Named) {
                    continue;
                }
                Explicit e = current.policies().get(v);
                int min = claim.policies().get(v) instanceof Family.Simplex s ? s.minSize() : e.size();
                // every outcome that can go goes, in one pass (one per round would stop a policy of 40 outcomes
                // at 20 after the rounds run out)
                for (int i = 0; i < current.policies().get(v).size() && current.policies().get(v).size() > min;) {
                    Candidate smaller = without(claim, current, v, i);
                    if (smaller != null && stillViolates(claim, smaller)) {
                        current = smaller;
                        changed = true;
                    } else {
                        i++;
                    }
                }
                e = current.policies().get(v);
                // the uniform policy on the same outcomes and reward: the simplest point of its simplex
                double[] uniform = new double[e.size()];
                java.util.Arrays.fill(uniform, 1.0 / e.size());
                Explicit flat = PolicyDraws.rounded(e.withProbabilities(uniform), e.size());
                if (flat != null && !flat.equals(e) && stillViolates(claim, with(claim, current, v, flat))) {
                    current = with(claim, current, v, flat);
                    changed = true;
                    e = flat;
                }
                if (!e.isExact()) {
                    for (int d : new int[] {2, 3, 4, 5, 10, 20, 100, 1000, 10_000, 1_000_000}) {
                        Explicit r = PolicyDraws.rounded(e, d);
                        if (r != null && stillViolates(claim, with(claim, current, v, r))) {
                            current = with(claim, current, v, r);
                            changed = true;
                            break;
                        }
                    }
                }
            }
            for (Range r : claim.domain()) {
                if (!(r instanceof Range.Integers ints)) {
                    continue;
                }
                double value = current.symbols().get(r.symbol());
                for (double smaller : new double[] {ints.from(), Math.floor(value / 2), value - 1}) {
                    if (smaller >= ints.from() && smaller < value) {
                        Map<Expr.Sym, Double> s = new LinkedHashMap<>(current.symbols());
                        s.put(r.symbol(), smaller);
                        Candidate next = new Candidate(current.policies(), s);
                        if (stillViolates(claim, next)) {
                            current = next;
                            changed = true;
                            break;
                        }
                    }
                }
            }
        }
        return current;
    }

    private static boolean hasDependents(Claim claim, PolicyVar v) {
        return claim.policies().values().stream()
                .anyMatch(f -> f instanceof Family.SameOutcomes s && s.other().equals(v));
    }

    /** The shape of the rewards a family draws, or null where it draws none of its own. */
    private static Family.Rewards rewardShape(Family f) {
        return f instanceof Family.Simplex s ? s.rewards() : f instanceof Family.SameProbabilities s ? s.rewards()
                : null;
    }

    /**
     * The candidate without outcome i of the policy of {@code v} (renormalised), and without that outcome's value in
     * each second reward on it; null when no mass would be left.
     */
    private static Candidate without(Claim claim, Candidate c, PolicyVar v, int drop) {
        Explicit smaller = PolicyDraws.without(c.policies().get(v), drop);
        if (smaller == null) {
            return null;
        }
        Map<PolicyVar, Explicit> m = new LinkedHashMap<>(c.policies());
        m.put(v, smaller);
        for (var e : claim.policies().entrySet()) {
            if (e.getValue() instanceof Family.SameProbabilities same && same.other().equals(v)) {
                Reward r = m.get(e.getKey()).reward();
                double[] values = new double[r.size() - 1];
                for (int i = 0, j = 0; i < r.size(); i++) {
                    if (i != drop) {
                        values[j++] = r.value(i);
                    }
                }
                m.put(e.getKey(), smaller.withReward(Reward.of(values)));
            }
        }
        withSecondRewards(claim, m);
        return new Candidate(m, c.symbols());
    }

    /** Each second reward ({@link Family.SameProbabilities}) on the probabilities its variable now has. */
    static void withSecondRewards(Claim claim, Map<PolicyVar, Explicit> policies) {
        for (var e : claim.policies().entrySet()) {
            if (e.getValue() instanceof Family.SameProbabilities same) {
                Explicit truth = policies.get(e.getKey());
                policies.put(e.getKey(), policies.get(same.other()).withReward(truth.reward()));
            }
        }
    }

    private static Candidate with(Claim claim, Candidate c, PolicyVar v, Explicit e) {
        Map<PolicyVar, Explicit> m = new LinkedHashMap<>(c.policies());
        m.put(v, e);
        withSecondRewards(claim, m);
        return new Candidate(m, c.symbols());
    }

    private static boolean stillViolates(Claim claim, Candidate c) {
        for (var e : c.policies().entrySet()) {
            Family.Rewards shape = rewardShape(claim.policies().get(e.getKey()));
            if (shape != null && !PolicyDraws.hasShape(e.getValue().reward(), shape)) {
                return false; // shrunk out of the family (a best outcome at 1 dropped): not a counterexample
            }
        }
        Verdict.Point pt = evaluate(claim, c);
        return pt != null && ClaimChecker.violates(pt);
    }

    /**
     * The counterexample again at 50 digits, an arithmetic and (for best-of-n and soft best-of-n) an algorithm
     * independent of the double engine's; "NOT confirmed ..." when it does not violate there or cannot be
     * evaluated there, and then the verdict is UNDECIDED.
     */
    static String recheck(Claim claim, Candidate c) {
        try {
            HighPrecisionEvaluator hp = new HighPrecisionEvaluator(50);
            Map<Expr.Sym, BigDecimal> at = new HashMap<>();
            c.symbols().forEach((k, v) -> at.put(k, new BigDecimal(v)));
            Map<PolicyVar, Policy> bound = new LinkedHashMap<>(c.policies());
            BigDecimal l = hp.evaluate(Binding.bind(claim.lhs(), bound), at);
            BigDecimal r = hp.evaluate(Binding.bind(claim.rhs(), bound), at);
            double margin = ClaimChecker.margin(claim.relation(), l.doubleValue(), r.doubleValue());
            Verdict.Point pt = new Verdict.Point(c.symbols(), l.doubleValue(), r.doubleValue(), margin);
            return ClaimChecker.violates(pt)
                    ? String.format(Locale.ROOT, "re-checked at 50 digits: lhs = %s, rhs = %s",
                            l.round(new java.math.MathContext(20)), r.round(new java.math.MathContext(20)))
                    : "NOT confirmed at 50 digits (lhs = " + l + ", rhs = " + r + ")";
        } catch (RuntimeException e) {
            // the same double computation again would confirm nothing: without a second one, no FALSIFIED
            return "NOT confirmed: no independent computation of it (high precision could not evaluate it: "
                    + e.getMessage() + ")";
        }
    }
}
