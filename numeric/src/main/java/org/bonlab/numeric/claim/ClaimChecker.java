package org.bonlab.numeric.claim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.bonlab.claim.Claim;
import org.bonlab.claim.Range;
import org.bonlab.claim.Relation;
import org.bonlab.expr.Expr;
import org.bonlab.numeric.DoubleEvaluator;
import org.bonlab.numeric.quantity.UndefinedQuantityException;

/**
 * Checks a claim numerically over its domain: every point when the domain has at most
 * {@link #EXHAUSTIVE_LIMIT} points (in ascending order, so the first counterexample found is the smallest),
 * otherwise a grid of small values, log-spaced values and the end points.
 *
 * <p>A violation counts only when it exceeds {@link #VIOLATION_TOLERANCE} times the scale of the two sides, and
 * a counterexample is re-evaluated by a fresh evaluator before it is reported; a smaller one at the smallest margin
 * only when interval arithmetic and 50 digits confirm it ({@link NearMiss}). Without a sound argument the
 * verdict is never PROVED: a claim that holds everywhere checked is UNDECIDED, with its smallest margin.
 */
public final class ClaimChecker {

    /** A violation must exceed this times \( \max(1, |lhs|, |rhs|) \) to count. */
    public static final double VIOLATION_TOLERANCE = 1e-9;

    /** Domains with at most this many points are checked exhaustively. */
    public static final long EXHAUSTIVE_LIMIT = 2_000_000;

    /** On larger domains, each range contributes at most this many values. */
    public static final int SAMPLES_PER_RANGE = 2_000;

    /**
     * Numeric checks and searches over a range without an upper end ({@code Range.INFINITY}) sample n up to this
     * value; only the interval certifier covers the integers beyond it (up to and including n -> infinity).
     */
    public static final long LARGEST_SAMPLED = 1_000_000_000_000_000L;

    /** The largest value of {@code r} that numeric checks sample. */
    static long sampledTo(Range.Integers r) {
        return r.unbounded() ? Math.max(r.from(), LARGEST_SAMPLED) : r.to();
    }

    public Verdict check(Claim claim) {
        List<List<Double>> axes = new ArrayList<>();
        long total = 1;
        boolean exhaustive = true;
        for (Range r : claim.domain()) {
            Range.Integers ints = (Range.Integers) r;
            total = Math.multiplyHigh(total, ints.count()) != 0 ? Long.MAX_VALUE : total * ints.count();
        }
        if (total > EXHAUSTIVE_LIMIT) {
            exhaustive = false;
        }
        for (Range r : claim.domain()) {
            axes.add(values((Range.Integers) r, exhaustive));
        }
        DoubleEvaluator ev = new DoubleEvaluator();
        long evaluations = 0;
        long undefined = 0;
        String unconfirmed = "";
        String firstUndefined = "";
        Verdict.Point smallest = null;
        int[] idx = new int[axes.size()];
        while (true) {
            Map<Expr.Sym, Double> at = new LinkedHashMap<>();
            for (int k = 0; k < idx.length; k++) {
                at.put(claim.domain().get(k).symbol(), axes.get(k).get(idx[k]));
            }
            evaluations++;
            Verdict.Point point;
            try {
                point = evaluate(ev, claim, at);
            } catch (UndefinedQuantityException e) {
                point = null;
                if (undefined++ == 0) {
                    firstUndefined = "first undefined at " + describe(at) + ": " + e.getMessage();
                }
            }
            if (point != null) {
                if (violates(point)) {
                    String recheck = ConjectureSearch.recheck(claim, new ConjectureSearch.Candidate(Map.of(), at));
                    if (!recheck.startsWith("NOT confirmed")) {
                        return new Verdict.Falsified(claim, point, recheck, evaluations);
                    }
                    if (unconfirmed.isEmpty()) {
                        unconfirmed = "a double-precision violation at " + describe(at) + " was " + recheck;
                    }
                    point = null; // not a margin the claim can be said to have
                }
                if (point != null && (smallest == null || point.margin() < smallest.margin())) {
                    smallest = point;
                }
            }
            int k = idx.length - 1;
            while (k >= 0 && ++idx[k] == axes.get(k).size()) {
                idx[k] = 0;
                k--;
            }
            if (k < 0) {
                break;
            }
        }
        if (smallest != null && smallest.margin() < 0) {
            // a violation below the tolerance: a counterexample where interval arithmetic and 50 digits confirm it
            java.util.Optional<NearMiss.Confirmed> near = NearMiss.confirm(claim,
                    new ConjectureSearch.Candidate(Map.of(), smallest.at()));
            if (near.isPresent()) {
                return new Verdict.Falsified(claim, smallest, near.get().evidence(), evaluations);
            }
        }
        String note = firstUndefined.isEmpty() ? unconfirmed
                : unconfirmed.isEmpty() ? firstUndefined : firstUndefined + "; " + unconfirmed;
        Verdict.Undecided undecided = new Verdict.Undecided(claim, evaluations, exhaustive, smallest, undefined, "",
                note);
        return certifyOr(claim, undecided);
    }

    /** How a certifier's reason begins when it covered part of the domain and then ran out of budget or time. */
    static final String PARTIAL = "not certified: ";

    /**
     * PROVED when interval certification succeeds (a sound argument); otherwise the given verdict, with the
     * certifier's report (the fraction certified and the boxes left open) when it ran out of budget part way.
     */
    static Verdict certifyOr(Claim claim, Verdict.Undecided undecided) {
        if (undecided.smallest() == null) {
            return undecided;
        }
        if (undecided.undefined() > 0) {
            // boxes need both sides defined on the whole domain; an argument (an inequality between the two sides
            // wherever both are defined) still proves the claim on its domain, and the report says what was left out
            var argued = org.bonlab.numeric.interval.IntervalCertifier.byArgument(claim);
            if (argued.isPresent() && argued.get() instanceof org.bonlab.numeric.interval.IntervalCertifier.Result
                    .Certified c) {
                return new Verdict.Proved(claim, c.argument() + String.format(Locale.ROOT, " (on the points where "
                        + "both sides are defined; %d of the points drawn were not)", undecided.undefined()),
                        undecided.evaluations() + c.points());
            }
            return undecided;
        }
        var r = org.bonlab.numeric.interval.IntervalCertifier.certify(claim);
        if (r instanceof org.bonlab.numeric.interval.IntervalCertifier.Result.Certified c) {
            return new Verdict.Proved(claim, c.argument(), undecided.evaluations() + c.points());
        }
        String reason = ((org.bonlab.numeric.interval.IntervalCertifier.Result.NotCertified) r).reason();
        if (!reason.startsWith(PARTIAL)) {
            return undecided; // the certifier does not cover this claim: nothing was certified
        }
        // a certification that ran out of budget: how much of the domain it covered, and where it stopped
        String note = undecided.note().isEmpty() ? reason : undecided.note() + "; " + reason;
        return new Verdict.Undecided(claim, undecided.evaluations(), undecided.exhaustive(), undecided.smallest(),
                undecided.undefined(), undecided.search(), note);
    }

    private static String describe(Map<Expr.Sym, Double> at) {
        return new Verdict.Point(at, 0, 0, 0).describe();
    }

    static Verdict.Point evaluate(DoubleEvaluator ev, Claim claim, Map<Expr.Sym, Double> at) {
        double lhs = ev.evaluate(claim.lhs(), at);
        double rhs = ev.evaluate(claim.rhs(), at);
        return new Verdict.Point(Map.copyOf(at), lhs, rhs, margin(claim.relation(), lhs, rhs));
    }

    /** How far the claim is from failing: positive when it holds with room. */
    static double margin(Relation relation, double lhs, double rhs) {
        switch (relation) {
            // + 0.0 turns a margin of -0.0 (from -Math.abs(0), or -0.0 - 0.0) into 0, never printed as "-0"
            case AT_MOST:
                return rhs - lhs + 0.0;
            case AT_LEAST:
                return lhs - rhs + 0.0;
            case EQUALS:
                return -Math.abs(lhs - rhs) + 0.0;
            default:
                throw new AssertionError(relation);
        }
    }

    static boolean violates(Verdict.Point p) {
        double scale = Math.max(1, Math.max(Math.abs(p.lhs()), Math.abs(p.rhs())));
        return p.margin() < -VIOLATION_TOLERANCE * scale;
    }

    private static List<Double> values(Range.Integers r, boolean all) {
        if (all) {
            List<Double> out = new ArrayList<>((int) r.count());
            for (long v = r.from(); v <= r.to(); v++) {
                out.add((double) v);
            }
            return out;
        }
        TreeSet<Double> set = new TreeSet<>();
        long to = sampledTo(r);
        for (long v = r.from(); v <= to && set.size() < SAMPLES_PER_RANGE / 2; v++) {
            set.add((double) v);
        }
        double lo = Math.max(1, r.from());
        double hi = to;
        int steps = SAMPLES_PER_RANGE / 2;
        for (int i = 0; i <= steps && lo < hi; i++) {
            double v = Math.rint(lo * Math.pow(hi / lo, (double) i / steps));
            if (v >= r.from() && v <= to) {
                set.add(v);
            }
        }
        set.add((double) to);
        return new ArrayList<>(set);
    }
}
