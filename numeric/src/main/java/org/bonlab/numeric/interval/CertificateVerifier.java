package org.bonlab.numeric.interval;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 * Re-checks an interval proof from its covering, trusting nothing in it but the claim: the domain is rebuilt from
 * the claim itself, the pieces must cover it (a sweep that cuts the domain at the pieces' faces until each part
 * lies in one piece or, over a simplex, wholly outside it), and the margin is enclosed again on every piece in
 * {@link ExactArithmetic} (exact rationals, series with rigorous remainder bounds), independent of the floating
 * arithmetic that made the proof. The enclosure formulas of {@link IntervalEvaluator} are shared by both runs;
 * the arithmetic under them is not.
 */
public final class CertificateVerifier {

    private CertificateVerifier() {
    }

    /** The outcome: whether the certificate is confirmed, and why or why not. */
    public record Verification(boolean confirmed, String message) {
    }

    /** One part of the domain to cover: its root box and how to enclose the margin on a piece of it. */
    private record Part(String name, double nLo, double nHi, double[] lo, double[] hi, boolean simplex, Expr lhs,
            Expr rhs, Explicit placeholder) {
    }

    /**
     * A proof by an argument with no numeric step: the named argument must be the one that takes the claim's form,
     * and prove it.
     */
    private static Verification verifyArgument(Claim claim, Covering covering) {
        java.util.Optional<IntervalCertifier.Argument> taken = IntervalCertifier.withoutNumericStep(claim);
        if (taken.isEmpty()) {
            return new Verification(false, String.format(Locale.ROOT, "the certificate names the argument '%s', but "
                    + "no argument with no numeric step takes the claim as stated", covering.argument()));
        }
        IntervalCertifier.Argument a = taken.get();
        if (!a.name().equals(covering.argument())) {
            return new Verification(false, String.format(Locale.ROOT, "the certificate names the argument '%s', but "
                    + "the claim has the form the argument '%s' takes", covering.argument(), a.name()));
        }
        IntervalCertifier.Result r = a.certify().apply(claim);
        if (r instanceof IntervalCertifier.Result.Certified c) {
            return new Verification(true, String.format(Locale.ROOT, "the claim has the form the argument '%s' proves "
                    + "on its whole domain; the argument has no numeric step, so what is re-checked is the form: %s",
                    a.name(), c.argument()));
        }
        return new Verification(false, String.format(Locale.ROOT, "the argument '%s' takes the claim's form but "
                + "does not prove it: %s", a.name(), ((IntervalCertifier.Result.NotCertified) r).reason()));
    }

    /**
     * A proof by transitivity ({@link WeakeningCertifier}): the claim must split into the coupling's bound, which the
     * argument takes, and the bound {@code <= big}, which the pieces must prove like any covering.
     */
    private static Verification verifyWeakening(Claim claim, Covering covering, Duration limit) {
        java.util.Optional<WeakeningCertifier.Split> split = WeakeningCertifier.split(claim);
        if (split.isEmpty() || !covering.argument().equals(WeakeningCertifier.ARGUMENT)) {
            return new Verification(false, String.format(Locale.ROOT, "the certificate proves the claim through the "
                    + "bound of the argument '%s', but the claim is not weaker than a bound of the quantile "
                    + "coupling", covering.argument()));
        }
        if (!(QuantileCouplingCertifier.certify(split.get().known()) instanceof IntervalCertifier.Result.Certified k)) {
            return new Verification(false, "the quantile coupling does not prove " + split.get().known().statement());
        }
        Claim rest = split.get().rest();
        Verification v = verify(rest, new Covering(covering.kind(), covering.pieces()), limit);
        String bound = split.get().known().rhs().show();
        return new Verification(v.confirmed(), String.format(Locale.ROOT, "%s <= %s by the argument '%s' (%s); and "
                + "%s <= %s, as %s <= 0: %s", Arguments.small(claim).show(), bound, covering.argument(), k.argument(),
                bound, Arguments.big(claim).show(), rest.lhs().show(), v.message()));
    }

    /** Verifies {@code covering} as a proof of {@code claim} within {@code limit}. */
    public static Verification verify(Claim claim, Covering covering, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        if (claim.relation() == Relation.EQUALS) {
            return new Verification(false, "an equality has no interval certificate");
        }
        if (covering.kind() == Covering.Kind.GAP_BOUND) {
            return GapBoundCertifier.applies(claim) ? verifyGapBound(claim, covering, deadline, limit)
                    : new Verification(false, "the covering is of kind GAP_BOUND, but the claim is not Thm 2 or Cor 2 "
                            + "(times an exact positive constant) over a simplex and one integer range, which the "
                            + "gap-bound argument takes");
        }
        if (covering.kind() == Covering.Kind.TWO_OUTCOME_KL) {
            return TwoOutcomeKlCertifier.applies(claim) ? verifyTwoOutcomeKl(claim, covering, limit)
                    : new Verification(false, "the covering is of kind TWO_OUTCOME_KL, but the claim is not Thm 1 over "
                            + "one or two outcomes and a range of n reaching 10");
        }
        if (covering.kind() == Covering.Kind.ESTIMATOR_TWO_OUTCOMES) {
            return TwoOutcomeEstimatorCertifier.applies(claim) ? verifyEstimator(claim, covering, deadline, limit)
                    : new Verification(false, "the covering is of kind ESTIMATOR_TWO_OUTCOMES, but the claim is not "
                            + "Conjecture 4.4 over every policy on one or two outcomes and one integer range");
        }
        if (covering.kind() == Covering.Kind.ARGUMENT) {
            return verifyArgument(claim, covering);
        }
        if (!covering.argument().isEmpty()) {
            return verifyWeakening(claim, covering, limit);
        }
        List<Part> parts;
        Covering.Kind expected;
        try {
            if (SimplexCertifier.applies(claim)) {
                expected = Covering.Kind.SIMPLEX;
                parts = simplexParts(claim);
            } else {
                Object[] r = fixedParts(claim);
                expected = (Covering.Kind) r[0];
                @SuppressWarnings("unchecked")
                List<Part> p = (List<Part>) r[1];
                parts = p;
            }
        } catch (IllegalArgumentException e) {
            return new Verification(false, "the claim has no certifiable domain: " + e.getMessage());
        }
        if (covering.kind() != expected) {
            return new Verification(false, String.format(Locale.ROOT, "the covering is of kind %s, but the claim's "
                    + "domain is covered by pieces of kind %s", covering.kind(), expected));
        }
        List<List<Covering.Piece>> byPart = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            byPart.add(new ArrayList<>());
        }
        for (int i = 0; i < covering.pieces().size(); i++) {
            Covering.Piece p = covering.pieces().get(i);
            String bad = malformed(p, parts);
            if (bad != null) {
                return new Verification(false, "piece " + (i + 1) + " " + bad);
            }
            byPart.get(p.part()).add(p);
        }
        for (int i = 0; i < parts.size(); i++) {
            String gap = uncovered(parts.get(i), byPart.get(i), deadline);
            if (gap != null) {
                return new Verification(false, String.format(Locale.ROOT, "the pieces do not cover the domain: %s%s",
                        parts.get(i).name().isEmpty() ? "" : parts.get(i).name() + ", ", gap));
            }
        }
        boolean before = Interval.exactArithmetic();
        Interval.useExactArithmetic(true);
        double smallest = Double.POSITIVE_INFINITY;
        int count = covering.pieces().size();
        Interval[] margins = new Interval[count];
        try {
            // pieces are independent: enclosed in parallel, then read in order (the first failing piece is named)
            java.util.stream.IntStream.range(0, count).parallel().forEach(i -> {
                if (System.nanoTime() <= deadline) {
                    Covering.Piece p = covering.pieces().get(i);
                    margins[i] = margin(claim, parts.get(p.part()), p);
                }
            });
        } finally {
            Interval.useExactArithmetic(before);
        }
        for (int i = 0; i < count; i++) {
            if (margins[i] == null) {
                return new Verification(false, String.format(Locale.ROOT, "the time limit of %d s ran out before "
                        + "piece %d of %d was checked", limit.toSeconds(), i + 1, count));
            }
            if (!(margins[i].lo() >= 0)) {
                return new Verification(false, String.format(Locale.ROOT, "the margin on piece %d (%s) is not "
                        + "confirmed: its enclosure in exact arithmetic is %s", i + 1,
                        describe(covering.pieces().get(i)), margins[i]));
            }
            smallest = Math.min(smallest, margins[i].lo());
        }
        return new Verification(true, String.format(Locale.ROOT, "confirmed: %d pieces cover the domain of '%s' and "
                + "the margin's enclosure in exact rational arithmetic is non-negative on each (smallest lower bound "
                + "%.3g)", covering.pieces().size(), claim.name(), smallest));
    }

    /**
     * Re-checks a proof by the gap-bound argument ({@link GapBoundCertifier}): the argument's two lemmas (the KL is
     * >= 0; sum p^2 and max p are >= 1/L on L outcomes) are stated, not computed; what is checked is that the pieces
     * cover the claim's range of n and that each is settled, by the integer condition at every n of the piece (exact
     * integers) or, for a single n, by the argument's room enclosed in exact rational arithmetic.
     */
    private static Verification verifyGapBound(Claim claim, Covering covering, long deadline, Duration limit) {
        GapBoundCertifier.Argument arg = GapBoundCertifier.argument(claim);
        Part whole = new Part("", arg.range().from(), top(arg.range()), new double[0], new double[0], false, null,
                null, null);
        for (int i = 0; i < covering.pieces().size(); i++) {
            String bad = malformed(covering.pieces().get(i), List.of(whole));
            if (bad != null) {
                return new Verification(false, "piece " + (i + 1) + " " + bad);
            }
        }
        String gap = uncovered(whole, covering.pieces(), deadline);
        if (gap != null) {
            return new Verification(false, "the pieces do not cover the domain: " + gap);
        }
        if (!covering.argument().isEmpty()) {
            return verifyQuantileCells(claim, covering, arg);
        }
        boolean before = Interval.exactArithmetic();
        Interval.useExactArithmetic(true);
        double smallest = Double.POSITIVE_INFINITY;
        int enclosed = 0;
        try {
            for (int i = 0; i < covering.pieces().size(); i++) {
                if (System.nanoTime() > deadline) {
                    return new Verification(false, String.format(Locale.ROOT, "the time limit of %d s ran out "
                            + "before piece %d of %d was checked", limit.toSeconds(), i + 1,
                            covering.pieces().size()));
                }
                Covering.Piece p = covering.pieces().get(i);
                if (GapBoundCertifier.integerConditionHolds(arg.c(), arg.size(), (long) p.nLo(), p.nHi())) {
                    continue;
                }
                if (p.nLo() != p.nHi()) {
                    return new Verification(false, String.format(Locale.ROOT, "piece %d (%s) is not settled: the "
                            + "integer condition L(n-1) <= 2c n^2 (L = %d, c = %s) fails at some n in it, and only a "
                            + "single n is settled by an enclosure", i + 1, describe(p), arg.size(), arg.c()));
                }
                Interval room = GapBoundCertifier.room(arg.c(), arg.size(), (long) p.nLo());
                if (!(room.lo() >= 0)) {
                    return new Verification(false, String.format(Locale.ROOT, "the margin on piece %d (%s) is not "
                            + "confirmed: 2c n(n-1)/L - (log n - (n-1)/n) (L = %d, c = %s) is in %s in exact "
                            + "arithmetic", i + 1, describe(p), arg.size(), arg.c(), room));
                }
                enclosed++;
                smallest = Math.min(smallest, room.lo());
            }
        } finally {
            Interval.useExactArithmetic(before);
        }
        return new Verification(true, String.format(Locale.ROOT, "confirmed: %d pieces cover the domain of '%s'; "
                + "by the gap-bound argument (gap <= log n - (n-1)/n since the KL is >= 0; the bound >= c 2n(n-1)/L "
                + "since sum p^2 and max p are >= 1/L on L = %d outcomes; c = %s), each piece is settled, %d by the "
                + "integer condition L(n-1) <= 2c n^2 and %d by an enclosure of log n in exact rational arithmetic%s",
                covering.pieces().size(), claim.name(), arg.size(), arg.c(), covering.pieces().size() - enclosed,
                enclosed, enclosed == 0 ? "" : String.format(Locale.ROOT, " (smallest lower bound of the room %.3g)",
                        smallest)));
    }

    /**
     * Re-checks a proof of Thm 2 or Cor 2 times c by the quantile cells ({@link QuantileCellLemma}): the conditions on
     * c (4c >= log 2 - 1/2 where n = 2 is in the range, 2c >= T where n >= 3 is) and every box of the lemma again, in
     * exact rational arithmetic. The pieces have been checked to cover the range already.
     */
    private static Verification verifyQuantileCells(Claim claim, Covering covering, GapBoundCertifier.Argument arg) {
        if (!covering.argument().equals(QuantileCellLemma.ARGUMENT)) {
            return new Verification(false, String.format(Locale.ROOT, "the covering of kind GAP_BOUND names the "
                    + "argument '%s', but the only argument of that kind is '%s'", covering.argument(),
                    QuantileCellLemma.ARGUMENT));
        }
        boolean before = Interval.exactArithmetic();
        Interval.useExactArithmetic(true);
        try {
            String fails = GapBoundCertifier.cellsFail(arg.c(), arg.range());
            if (fails != null) {
                return new Verification(false, "the quantile-cell argument is not confirmed in exact arithmetic: "
                        + fails);
            }
            QuantileCellLemma.Outcome lemma = QuantileCellLemma.check();
            return new Verification(true, String.format(Locale.ROOT, "confirmed: '%s' holds for every policy and n "
                    + "in its range by the quantile cells (c = %s; the lemma's %d boxes enclosed again in exact "
                    + "rational arithmetic, largest ratio %.5f <= 37/400)", claim.name(), arg.c(), lemma.boxes(),
                    lemma.largest()));
        } finally {
            Interval.useExactArithmetic(before);
        }
    }

    /**
     * Re-checks a proof of Conjecture 4.4 on two outcomes ({@link TwoOutcomeEstimatorCertifier}): the reduction of
     * the margin to a^n G (an identity Symja proves for symbolic a and n) and the lemmas' algebra are stated, not
     * computed; what is checked is that the pieces cover n in the claim's range times a in [0, 1], that each box
     * piece's G (or G/(1 - a)) is >= 0 in exact rational arithmetic, and that the numeric conditions of the uniform
     * lemmas hold at the first n of each uniform piece, again in exact arithmetic.
     */
    private static Verification verifyEstimator(Claim claim, Covering covering, long deadline, Duration limit) {
        Range.Integers range = (Range.Integers) claim.domain().get(0);
        Part whole = new Part("", range.from(), top(range), new double[] {0}, new double[] {1}, false, null, null,
                null);
        List<Part> parts = java.util.Collections.nCopies(4, whole);
        int count = covering.pieces().size();
        for (int i = 0; i < count; i++) {
            Covering.Piece p = covering.pieces().get(i);
            String bad = malformed(p, parts);
            if (bad == null && p.part() == TwoOutcomeEstimatorCertifier.N_ONE && !(p.nLo() == 1 && p.nHi() == 1)) {
                bad = "is of part 2 (n = 1), but has n in [" + p.nLo() + ", " + p.nHi() + "]";
            }
            if (bad == null && p.part() == TwoOutcomeEstimatorCertifier.UNIFORM
                    && p.nLo() < TwoOutcomeEstimatorTail.FROM) {
                bad = "is of part 3 (the uniform lemmas), which start at n = " + TwoOutcomeEstimatorTail.FROM
                        + ", but it starts at n = " + (long) p.nLo();
            }
            if (bad == null && p.part() <= TwoOutcomeEstimatorCertifier.H_BOX
                    && TwoOutcomeEstimatorCertifier.boxMargin(p).isEmpty()) {
                bad = "is of part " + p.part() + ", which needs one n >= 2 and a box of a in "
                        + (p.part() == 0 ? "[0, 1/2]" : "[1/2, 1]") + ", but is " + describe(p);
            }
            if (bad != null) {
                return new Verification(false, "piece " + (i + 1) + " " + bad);
            }
        }
        String gap = uncovered(whole, covering.pieces(), deadline);
        if (gap != null) {
            return new Verification(false, "the pieces do not cover the domain: " + gap);
        }
        boolean before = Interval.exactArithmetic();
        Interval.useExactArithmetic(true);
        Interval[] margins = new Interval[count];
        String[] lemmas = new String[count];
        try {
            java.util.stream.IntStream.range(0, count).parallel().forEach(i -> {
                if (System.nanoTime() > deadline) {
                    return;
                }
                Covering.Piece p = covering.pieces().get(i);
                if (p.part() == TwoOutcomeEstimatorCertifier.UNIFORM) {
                    lemmas[i] = TwoOutcomeEstimatorTail.check((long) p.nLo()).failure();
                    margins[i] = Interval.ZERO;
                } else if (p.part() == TwoOutcomeEstimatorCertifier.N_ONE) {
                    margins[i] = Interval.ZERO;
                } else {
                    margins[i] = TwoOutcomeEstimatorCertifier.boxMargin(p).orElseThrow();
                }
            });
        } finally {
            Interval.useExactArithmetic(before);
        }
        double smallest = Double.POSITIVE_INFINITY;
        for (int i = 0; i < count; i++) {
            if (margins[i] == null) {
                return new Verification(false, String.format(Locale.ROOT, "the time limit of %d s ran out before "
                        + "piece %d of %d was checked", limit.toSeconds(), i + 1, count));
            }
            if (lemmas[i] != null && !lemmas[i].isEmpty()) {
                return new Verification(false, String.format(Locale.ROOT, "the uniform lemmas of piece %d (%s) are "
                        + "not confirmed in exact arithmetic: %s", i + 1, describe(covering.pieces().get(i)),
                        lemmas[i]));
            }
            if (!(margins[i].lo() >= 0)) {
                return new Verification(false, String.format(Locale.ROOT, "the margin on piece %d (%s) is not "
                        + "confirmed: its enclosure of %s in exact arithmetic is %s", i + 1,
                        describe(covering.pieces().get(i)), covering.pieces().get(i).part() == 0 ? "G"
                                : "G/(1 - a)", margins[i]));
            }
            if (covering.pieces().get(i).part() <= TwoOutcomeEstimatorCertifier.H_BOX) {
                smallest = Math.min(smallest, margins[i].lo());
            }
        }
        return new Verification(true, String.format(Locale.ROOT, "confirmed: %d pieces cover the domain of '%s' "
                + "(n in the range, a in [0, 1]); the margin is a^n G (a Symja identity), G or G/(1 - a) is >= 0 on "
                + "every box of a in exact rational arithmetic (smallest lower bound %.3g), the margin is 0 at "
                + "n = 1, and the numeric conditions of the uniform lemmas hold in exact arithmetic", count,
                claim.name(), smallest == Double.POSITIVE_INFINITY ? 0 : smallest));
    }

    /**
     * Re-checks a proof of Thm 1 on two outcomes ({@link TwoOutcomeKlCertifier}): the boxes' pieces as a covering of
     * the claim over the n below 10, re-checked like any other; the uniform pieces must cover the rest of the range,
     * start at n >= 10, and the argument's numeric conditions must hold in exact arithmetic (its algebra is stated,
     * not computed).
     */
    private static Verification verifyTwoOutcomeKl(Claim claim, Covering covering, Duration limit) {
        Range.Integers range = (Range.Integers) claim.domain().get(0);
        int uniformPart = TwoOutcomeKlCertifier.headParts(claim);
        List<Covering.Piece> head = new ArrayList<>();
        List<Covering.Piece> uniform = new ArrayList<>();
        for (int i = 0; i < covering.pieces().size(); i++) {
            Covering.Piece p = covering.pieces().get(i);
            if (p.part() == uniformPart) {
                if (p.nLo() < TwoOutcomeKlCertifier.FROM || p.lo().length != 0 || !(p.nLo() <= p.nHi())) {
                    return new Verification(false, String.format(Locale.ROOT, "piece %d (%s) is of part %d (the "
                            + "argument uniform in n), which needs n from %d on and no coordinates", i + 1,
                            describe(p), uniformPart, TwoOutcomeKlCertifier.FROM));
                }
                uniform.add(p);
            } else {
                head.add(p);
            }
        }
        // the uniform pieces, in order of nLo, must reach from max(from, 10) to the end of the range without a gap
        uniform.sort(java.util.Comparator.comparingDouble(Covering.Piece::nLo));
        double reached = Math.max(range.from(), TwoOutcomeKlCertifier.FROM) - 1;
        double end = top(range);
        for (Covering.Piece p : uniform) {
            if (p.nLo() > reached + 1) {
                break;
            }
            reached = Math.max(reached, p.nHi());
        }
        if (reached < end) {
            return new Verification(false, String.format(Locale.ROOT, "the pieces do not cover the domain: no "
                    + "uniform piece covers n = %.0f", reached + 1));
        }
        String verdict = "";
        if (range.from() < TwoOutcomeKlCertifier.FROM) {
            Verification boxes = verify(TwoOutcomeKlCertifier.head(claim),
                    new Covering(TwoOutcomeKlCertifier.headKind(claim), head), limit);
            if (!boxes.confirmed()) {
                return new Verification(false, "for n < " + TwoOutcomeKlCertifier.FROM + ": " + boxes.message());
            }
            verdict = "; for n < " + TwoOutcomeKlCertifier.FROM + ": " + boxes.message();
        } else if (!head.isEmpty()) {
            return new Verification(false, "the range starts at n = " + range.from() + ", so the certificate needs no "
                    + "boxes, but it has " + head.size());
        }
        boolean before = Interval.exactArithmetic();
        Interval.useExactArithmetic(true);
        TwoOutcomeKlCertifier.Conditions c;
        try {
            c = TwoOutcomeKlCertifier.conditions();
        } finally {
            Interval.useExactArithmetic(before);
        }
        if (!c.failure().isEmpty()) {
            return new Verification(false, "the argument's numeric conditions are not confirmed in exact arithmetic: "
                    + c.failure());
        }
        return new Verification(true, String.format(Locale.ROOT, "confirmed: for n >= %d, %d uniform piece(s) "
                + "cover the rest of the range of '%s', and the numeric conditions of the argument (L_10 > log 2; "
                + "(1 - e^-7) log 7 > 1 + log 2; B_10 > 0 on (0, 7], %d boxes, smallest lower bound %.3g) hold in "
                + "exact rational arithmetic%s", TwoOutcomeKlCertifier.FROM, uniform.size(), claim.name(), c.boxes(),
                c.smallest(), verdict));
    }

    private static String describe(Covering.Piece p) {
        StringBuilder s = new StringBuilder(p.nLo() == p.nHi() ? String.format(Locale.ROOT, "n = %.0f", p.nLo())
                : String.format(Locale.ROOT, "n in [%.0f, %s]", p.nLo(), p.nHi() == Double.POSITIVE_INFINITY
                        ? "infinity" : String.format(Locale.ROOT, "%.0f", p.nHi())));
        for (int k = 0; k < p.lo().length; k++) {
            s.append(String.format(Locale.ROOT, ", x%d in [%s, %s]", k + 1, p.lo()[k], p.hi()[k]));
        }
        return s.toString();
    }

    private static String malformed(Covering.Piece p, List<Part> parts) {
        if (p.part() < 0 || p.part() >= parts.size()) {
            return String.format(Locale.ROOT, "names part %d, but the domain has parts 0..%d", p.part(),
                    parts.size() - 1);
        }
        Part part = parts.get(p.part());
        if (p.lo().length != part.lo().length || p.hi().length != part.lo().length) {
            return String.format(Locale.ROOT, "has %d coordinates, but its part has %d", p.lo().length,
                    part.lo().length);
        }
        if (!(p.nLo() <= p.nHi()) || p.nLo() != Math.rint(p.nLo())
                || p.nHi() != Double.POSITIVE_INFINITY && p.nHi() != Math.rint(p.nHi())) {
            return "has no box of integers n in [" + p.nLo() + ", " + p.nHi() + "]";
        }
        for (int k = 0; k < p.lo().length; k++) {
            if (!(p.lo()[k] <= p.hi()[k])) {
                return "has an empty coordinate range [" + p.lo()[k] + ", " + p.hi()[k] + "]";
            }
        }
        return null;
    }

    // ---- the domain, rebuilt from the claim ----

    private static List<Part> simplexParts(Claim claim) {
        SimplexCertifier.Domain d = SimplexCertifier.domain(claim);
        Range.Integers range = d.range();
        List<Part> parts = new ArrayList<>();
        for (Explicit placeholder : SimplexCertifier.placeholders(d.simplex())) {
            Map<PolicyVar, Policy> values = new LinkedHashMap<>(d.fixed());
            values.put(d.variable(), placeholder);
            int dims = placeholder.size() - 1;
            double[] lo = new double[dims];
            double[] hi = new double[dims];
            Arrays.fill(hi, 1);
            parts.add(new Part(placeholder.describe(), range.from(), top(range), lo, hi, true,
                    Binding.bind(claim.lhs(), values), Binding.bind(claim.rhs(), values), placeholder));
        }
        return parts;
    }

    private static Object[] fixedParts(Claim claim) {
        Map<PolicyVar, Policy> fixed = new LinkedHashMap<>();
        Expr.Sym continuous = null;
        double lo = 0;
        double hi = 1;
        for (var e : claim.policies().entrySet()) {
            if (e.getValue() instanceof Family.Named n) {
                fixed.put(e.getKey(), n.policy());
            } else if (e.getValue() instanceof Family.Bernoulli && continuous == null) {
                continuous = IntervalCertifier.FAMILY_PARAMETER;
                fixed.put(e.getKey(), Policy.bernoulli(continuous));
            } else {
                throw new IllegalArgumentException(e.getKey().name() + " ranges over " + e.getValue());
            }
        }
        Range.Integers range = null;
        List<Range.Integers> others = new ArrayList<>();
        for (Range r : claim.domain()) {
            if (r instanceof Range.Integers i && range == null) {
                range = i;
            } else if (r instanceof Range.Integers i) {
                others.add(i);
            } else if (r instanceof Range.Reals re && continuous == null) {
                continuous = re.symbol();
                lo = re.lower();
                hi = re.upper();
            } else {
                throw new IllegalArgumentException("certificates cover one integer range and at most one continuous "
                        + "parameter, but the domain is " + claim.domain());
            }
        }
        if (range == null) {
            throw new IllegalArgumentException("certificates need an integer range (n), but the domain is "
                    + claim.domain());
        }
        List<Range.Integers> ints = new ArrayList<>(List.of(range));
        ints.addAll(others);
        long count = IntervalCertifier.partsOf(ints);
        if (count > IntervalCertifier.MAX_CERTIFIED_PARTS) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "certificates list at most %d points of the "
                    + "integer ranges after the first, but %s have more", IntervalCertifier.MAX_CERTIFIED_PARTS,
                    others));
        }
        Expr lhs = Binding.bind(claim.lhs(), fixed);
        Expr rhs = Binding.bind(claim.rhs(), fixed);
        // one part per point of the ranges after the first, in the certifier's order (the last range fastest),
        // with those symbols fixed at the point's values
        List<Part> parts = new ArrayList<>();
        for (long part = 0; part < count; part++) {
            Expr l = lhs;
            Expr r = rhs;
            StringBuilder name = new StringBuilder();
            long rest = part;
            for (int d = others.size() - 1; d >= 0; d--) {
                Range.Integers o = others.get(d);
                long value = o.from() + rest % o.count();
                rest /= o.count();
                l = Binding.substitute(l, o.symbol(), Expr.constant(value));
                r = Binding.substitute(r, o.symbol(), Expr.constant(value));
                name.insert(0, (d == 0 ? "" : ", ") + o.symbol().name() + " = " + value);
            }
            if (continuous != null) {
                name.append(name.length() == 0 ? "" : ", ").append(continuous.name()).append(" in [").append(lo)
                        .append(", ").append(hi).append("]");
            }
            parts.add(continuous == null
                    ? new Part(name.toString(), range.from(), top(range), new double[0], new double[0], false, l, r,
                            null)
                    : new Part(name.toString(), range.from(), top(range), new double[] {lo}, new double[] {hi}, false,
                            l, r, null));
        }
        if (continuous == null) {
            return new Object[] {Covering.Kind.N_BOXES, parts};
        }
        return new Object[] {Covering.Kind.PARAMETER, parts, continuous};
    }

    private static double top(Range.Integers range) {
        return range.unbounded() ? Double.POSITIVE_INFINITY : range.to();
    }

    // ---- margins ----

    /** An unbounded piece's margin as one fraction in t = 1/n, where that is what the certifier enclosed. */
    private static Interval tail(Claim claim, Part part, Covering.Piece p, Interval otherwise) {
        return IntervalCertifier.tailMargin(claim, part.lhs(), part.rhs(), integerSymbol(claim), p.nLo())
                .orElse(otherwise);
    }

    private static Interval margin(Claim claim, Part part, Covering.Piece p) {
        if (part.simplex()) {
            return SimplexCertifier.margin(claim, part.lhs(), part.rhs(), part.placeholder(), p);
        }
        Map<Expr.Sym, Interval> at = new LinkedHashMap<>();
        Expr.Sym n = integerSymbol(claim);
        at.put(n, p.nLo() == p.nHi() ? Interval.point(p.nLo()) : new Interval(p.nLo(), p.nHi()));
        if (p.lo().length == 1) {
            at.put(continuousSymbol(claim), new Interval(p.lo()[0], p.hi()[0]));
        }
        try {
            IntervalEvaluator ev = IntervalEvaluator.over(at);
            Interval l = ev.evaluate(part.lhs());
            Interval r = ev.evaluate(part.rhs());
            Interval m = claim.relation() == Relation.AT_MOST ? r.minus(l) : l.minus(r);
            return m.lo() < 0 && p.nHi() == Double.POSITIVE_INFINITY && p.lo().length == 0 ? tail(claim, part, p, m)
                    : m;
        } catch (ArithmeticException | IllegalArgumentException | UnsupportedOperationException e) {
            return p.nHi() == Double.POSITIVE_INFINITY && p.lo().length == 0
                    ? tail(claim, part, p, new Interval(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY))
                    : new Interval(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
        }
    }

    private static Expr.Sym integerSymbol(Claim claim) {
        for (Range r : claim.domain()) {
            if (r instanceof Range.Integers) {
                return r.symbol();
            }
        }
        throw new IllegalArgumentException("no integer range");
    }

    private static Expr.Sym continuousSymbol(Claim claim) {
        for (Range r : claim.domain()) {
            if (r instanceof Range.Reals) {
                return r.symbol();
            }
        }
        return IntervalCertifier.FAMILY_PARAMETER;
    }

    // ---- coverage ----

    /** A box of the sweep: n in [a, b] (integers) and coordinates in [lo, hi]. */
    private record Cell(double a, double b, double[] lo, double[] hi, List<Covering.Piece> pieces) {
    }

    /**
     * Null when the pieces cover the part's root box (up to points outside the simplex), else a description of a
     * box that no piece reaches. Closed pieces that cover a box up to faces cover it wholly.
     */
    private static String uncovered(Part part, List<Covering.Piece> pieces, long deadline) {
        ArrayDeque<Cell> todo = new ArrayDeque<>();
        todo.push(new Cell(part.nLo(), part.nHi(), part.lo(), part.hi(), pieces));
        long cells = 0;
        while (!todo.isEmpty()) {
            if ((++cells & 1023) == 0 && System.nanoTime() > deadline) {
                return "the time limit ran out while checking that the pieces cover it";
            }
            Cell c = todo.pop();
            if (part.simplex() && SimplexCertifier.outside(c.lo(), c.hi())) {
                continue; // wholly outside the simplex
            }
            List<Covering.Piece> meeting = new ArrayList<>();
            boolean contained = false;
            for (Covering.Piece p : c.pieces()) {
                if (meets(p, c)) {
                    meeting.add(p);
                    if (contains(p, c)) {
                        contained = true;
                        break;
                    }
                }
            }
            if (contained) {
                continue;
            }
            if (meeting.isEmpty()) {
                return "no piece covers " + describe(new Covering.Piece(0, c.a(), c.b(), c.lo(), c.hi(), 0));
            }
            // cut at the face of a meeting piece nearest the middle of the cell's widest side
            double bestScore = Double.POSITIVE_INFINITY;
            int bestDim = -2;
            double bestAt = 0;
            for (Covering.Piece p : meeting) {
                if (p.nLo() > c.a() && p.nLo() <= c.b()) {
                    double score = nScore(c, p.nLo() - 0.5);
                    if (score < bestScore) {
                        bestScore = score;
                        bestDim = -1;
                        bestAt = p.nLo() - 1; // [a, nLo - 1] and [nLo, b]
                    }
                }
                if (p.nHi() < c.b() && p.nHi() >= c.a()) {
                    double score = nScore(c, p.nHi() + 0.5);
                    if (score < bestScore) {
                        bestScore = score;
                        bestDim = -1;
                        bestAt = p.nHi();
                    }
                }
                for (int k = 0; k < c.lo().length; k++) {
                    for (double face : new double[] {p.lo()[k], p.hi()[k]}) {
                        if (face > c.lo()[k] && face < c.hi()[k]) {
                            double score = Math.abs(face - 0.5 * (c.lo()[k] + c.hi()[k])) / (c.hi()[k] - c.lo()[k]);
                            if (score < bestScore) {
                                bestScore = score;
                                bestDim = k;
                                bestAt = face;
                            }
                        }
                    }
                }
            }
            if (bestDim == -2) {
                return "no piece covers " + describe(new Covering.Piece(0, c.a(), c.b(), c.lo(), c.hi(), 0));
            }
            if (bestDim == -1) {
                todo.push(new Cell(c.a(), bestAt, c.lo(), c.hi(), meeting));
                todo.push(new Cell(bestAt + 1, c.b(), c.lo(), c.hi(), meeting));
            } else {
                double[] hi1 = c.hi().clone();
                hi1[bestDim] = bestAt;
                double[] lo2 = c.lo().clone();
                lo2[bestDim] = bestAt;
                todo.push(new Cell(c.a(), c.b(), c.lo(), hi1, meeting));
                todo.push(new Cell(c.a(), c.b(), lo2, c.hi(), meeting));
            }
        }
        return null;
    }

    /** How far a cut of n at x is from the middle of the cell, relative to its length (log scale when long). */
    private static double nScore(Cell c, double x) {
        if (c.b() == Double.POSITIVE_INFINITY) {
            return 1 - 1 / (1 + Math.abs(Math.log(x / Math.max(1, c.a()))));
        }
        double la = Math.log(Math.max(1, c.a()));
        double lb = Math.log(Math.max(1, c.b()));
        return lb > la ? Math.abs(Math.log(x) - 0.5 * (la + lb)) / (lb - la) : Math.abs(x - 0.5 * (c.a() + c.b()));
    }

    /** Whether the piece meets the cell in a set of positive size (in the coordinates) and in some integer n. */
    private static boolean meets(Covering.Piece p, Cell c) {
        if (p.nLo() > c.b() || p.nHi() < c.a()) {
            return false;
        }
        for (int k = 0; k < c.lo().length; k++) {
            if (!(p.lo()[k] < c.hi()[k] && p.hi()[k] > c.lo()[k])) {
                return false;
            }
        }
        return true;
    }

    private static boolean contains(Covering.Piece p, Cell c) {
        if (p.nLo() > c.a() || p.nHi() < c.b()) {
            return false;
        }
        for (int k = 0; k < c.lo().length; k++) {
            if (p.lo()[k] > c.lo()[k] || p.hi()[k] < c.hi()[k]) {
                return false;
            }
        }
        return true;
    }
}
