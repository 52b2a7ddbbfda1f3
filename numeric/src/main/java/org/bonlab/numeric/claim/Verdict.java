package org.bonlab.numeric.claim;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.bonlab.claim.Claim;
import org.bonlab.expr.Expr;

/**
 * The outcome of checking a claim, with its evidence. A verdict is a value, not an exception.
 * <ul>
 *   <li>{@link Proved}: only with a sound argument, which it states;</li>
 *   <li>{@link Falsified}: a counterexample whose violation exceeds the evaluation error and survived a
 *       re-check;</li>
 *   <li>{@link Undecided}: everything else, with the points tried and the smallest margin found.</li>
 * </ul>
 */
public sealed interface Verdict permits Verdict.Proved, Verdict.Falsified, Verdict.Undecided {

    Claim claim();

    /** How many points were evaluated. */
    long evaluations();

    /** {@code PROVED}, {@code FALSIFIED} or {@code UNDECIDED}. */
    String label();

    /** One line of evidence. */
    String evidence();

    /** A multi-line report: the claim as written, the verdict, the evidence. */
    default String report() {
        return String.format(Locale.ROOT, "%s%n  claimed:     %s%n  verdict:     %s%n  evidence:    %s%n"
                        + "  evaluations: %d%n", claim().name(), claim().statement(), label(), evidence(),
                evaluations());
    }

    /** A point of the domain and both sides of the claim there. */
    record Point(Map<Expr.Sym, Double> at, double lhs, double rhs, double margin, String policies) {
        public Point(Map<Expr.Sym, Double> at, double lhs, double rhs, double margin) {
            this(at, lhs, rhs, margin, "");
        }

        public String describe() {
            String symbols = at.entrySet().stream()
                    .map(e -> e.getKey().name() + " = " + formatValue(e.getValue()))
                    .collect(Collectors.joining(", "));
            return policies.isEmpty() ? symbols : symbols.isEmpty() ? policies : policies + ", " + symbols;
        }
    }

    record Proved(Claim claim, String argument, long evaluations) implements Verdict {
        @Override
        public String label() {
            return "PROVED";
        }

        @Override
        public String evidence() {
            return argument;
        }
    }

    /**
     * @param counterexample the point, both sides, and the (negative) margin
     * @param recheck        how the violation was confirmed
     */
    record Falsified(Claim claim, Point counterexample, String recheck, long evaluations) implements Verdict {
        @Override
        public String label() {
            return "FALSIFIED";
        }

        @Override
        public String evidence() {
            return String.format(Locale.ROOT, "counterexample %s: lhs = %.17g, rhs = %.17g, violated by %.3g (%s)",
                    counterexample.describe(), counterexample.lhs(), counterexample.rhs(),
                    -counterexample.margin(), recheck);
        }
    }

    /**
     * @param exhaustive whether every point of a finite domain was evaluated
     * @param smallest   the point with the smallest margin, or null when no point had a defined value
     * @param undefined  how many points had no defined value
     * @param search     how the points were chosen (empty for a grid)
     * @param note       more evidence: why the first undefined point was undefined, a violation that an
     *                   independent computation did not confirm (empty when there is none)
     */
    record Undecided(Claim claim, long evaluations, boolean exhaustive, Point smallest, long undefined, String search,
            String note) implements Verdict {
        public Undecided(Claim claim, long evaluations, boolean exhaustive, Point smallest, long undefined) {
            this(claim, evaluations, exhaustive, smallest, undefined, "", "");
        }

        public Undecided(Claim claim, long evaluations, boolean exhaustive, Point smallest, long undefined,
                String search) {
            this(claim, evaluations, exhaustive, smallest, undefined, search, "");
        }

        /** Below this fraction of defined points, the evidence says that the claim is defined at few points. */
        public static final double FEW_DEFINED = 0.5;

        @Override
        public String label() {
            return "UNDECIDED";
        }

        @Override
        public String evidence() {
            if (vacuous()) {
                return String.format(Locale.ROOT, "undefined at every one of the %d points evaluated, so nothing was "
                        + "checked%s", evaluations, note.isEmpty() ? "" : " (" + note + ")");
            }
            if (smallest == null) {
                return String.format(Locale.ROOT, "no margin to report at the %d points evaluated: %s", evaluations,
                        note.isEmpty() ? "none had a defined value" : note);
            }
            String where = String.format(Locale.ROOT, "smallest margin %.6g at %s (lhs = %.17g, rhs = %.17g)",
                            smallest.margin(), smallest.describe(), smallest.lhs(), smallest.rhs());
            String scope = exhaustive
                    ? String.format(Locale.ROOT, "holds at all %d defined points of the domain in double precision "
                            + "(numerical evidence, not a proof)", evaluations - undefined)
                    : String.format(Locale.ROOT, "no violation at %d %s points", evaluations - undefined,
                            search.isEmpty() ? "sampled" : search);
            String undefinedPart = "";
            if (undefined > 0) {
                double defined = (double) (evaluations - undefined) / evaluations;
                undefinedPart = String.format(Locale.ROOT, "; undefined at %d of %d points%s", undefined, evaluations,
                        defined < FEW_DEFINED ? String.format(Locale.ROOT, " (the claim is defined at only %.1f%% of "
                                + "the points evaluated)", 100 * defined) : "");
            }
            return scope + "; " + where + undefinedPart + (note.isEmpty() ? "" : "; " + note);
        }

        /** Whether the claim held at every point evaluated. */
        public boolean heldEverywhereChecked() {
            return smallest != null;
        }

        /** Whether no point evaluated had a defined value: nothing was checked, which is a mistake in the claim. */
        public boolean vacuous() {
            return smallest == null && undefined > 0 && undefined == evaluations;
        }
    }

    private static String formatValue(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
