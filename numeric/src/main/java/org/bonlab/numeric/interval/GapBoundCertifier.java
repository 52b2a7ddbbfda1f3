package org.bonlab.numeric.interval;

import java.util.Locale;
import org.bonlab.Bon;
import org.bonlab.claim.Claim;
import org.bonlab.claim.Family;
import org.bonlab.claim.Range;
import org.bonlab.claim.Relation;
import org.bonlab.expr.Expr;
import org.bonlab.expr.Quantity;
import org.bonlab.expr.Rational;
import org.bonlab.policy.PolicyVar;

/**
 * Thm 2 (Eq. 17) and Cor 2 (Eq. 19) of Beirami et al. over every policy on at most L outcomes (any rewards, ties
 * included) and every n of a range, which may be every n >= 1: the gap \( \widetilde{\mathrm{KL}}_n - \mathrm{KL} \)
 * is at most \( 2n(n-1)e^{-H_2(p)} \), and at most \( 2n(n-1)\delta \) with \( \delta = \max_y p(y) \). Neither
 * is tight as n grows (the gap grows like log n, the bounds like n^2), and over a simplex of bounded size a proof
 * needs nothing of the policy but L.
 *
 * <p><b>The argument.</b> Write \( L_n = \log n - (n-1)/n \) (Eq. 5). For any policy p on at most L outcomes:
 * <ol>
 * <li>the gap is at most \( L_n \), since \( \mathrm{KL}(\pi_n \| p) \ge 0 \) (Gibbs' inequality);</li>
 * <li>\( e^{-H_2(p)} = \sum_y p(y)^2 \ge 1/L \) (Cauchy-Schwarz: \( 1 = (\sum_y p(y))^2 \le L \sum_y p(y)^2 \)),
 *     and \( \delta = \max_y p(y) \ge 1/L \); so both bounds are at least \( 2n(n-1)/L \);</li>
 * <li>hence the claim holds at every n with \( L_n \le 2n(n-1)/L \). It holds at n = 1 (both sides 0) and wherever
 *     \( 2n^2 \ge L(n-1) \), because \( \log n \le n - 1 \) gives \( L_n \le (n-1)^2/n \le 2n(n-1)/L \). The
 *     quadratic \( 2n^2 - Ln + L \) is negative only between its roots, which exist for L > 8 and lie below L/2;
 *     at those finitely many n, \( L_n \le 2n(n-1)/L \) is checked directly with an outward-rounded enclosure of
 *     log n ({@link Interval}).</li>
 * </ol>
 * So every n is settled by exact integer arithmetic or by one enclosure, and the claim is PROVED on the whole range.
 * Where step 3 fails at some n (L >= 21 at n = 2: \( L_2 = 0.193 > 4/L \)), the true KL is needed and the claim is
 * not certified here; the result names the first such n.
 *
 * <p><b>A constant on the bound</b> ({@code bonlab tighten} asks whether c times the bound still holds): the same
 * steps with \( 2c\,n(n-1)/L \). The integer condition becomes \( L(n-1) \le 2c\,n^2 \), which holds for every
 * n >= L/(2c); the n below are checked one by one, the integer condition first, else the enclosure. n = 2 binds:
 * the argument proves every n exactly when \( c \ge L(\log 2 - 1/2)/4 \).
 *
 * <p><b>The quantile cells</b> (where the number of outcomes does not reach): the gap is a sum over outcomes of
 * Jensen gaps of n v^(n-1) on the outcome's quantile cell, each at most \( (\log 2 - 1/2)\,p(y)^2 \) at n = 2 and
 * \( T\,n(n-1)\,p(y)^2 \) for n >= 3 ({@link QuantileCellLemma}, T = 37/400). So c times the bound holds for every
 * policy on any number of outcomes (ties broken by listing order, as everywhere) wherever
 * \( 4c \ge \log 2 - 1/2 \) (if the range holds n = 2) and 2c >= T (if it holds some n >= 3); as \( \sum_y p(y)^2
 * \le \max_y p(y) \), Cor 2 follows from Thm 2. The constant \( (\log 2 - 1/2)/4 = 0.0482868 \) is sharp: a
 * point mass at n = 2 attains it. Its certificate names the argument {@value QuantileCellLemma#ARGUMENT} and covers
 * the range with one piece; a re-check runs the lemma's boxes again in exact arithmetic.
 */
public final class GapBoundCertifier {

    private GapBoundCertifier() {
    }

    /**
     * Whether {@code claim} is {@code analyticalKl(n) - kl(p.bestOf(n), p) <= c * bound(THM2 or COR2, p, n)} with c
     * an exact positive number (1 when the bound stands alone; other c come from {@code bonlab tighten}), or the same
     * with the sides swapped and {@code >=}, over one simplex family of policies p and one range of integers n >= 1
     * (finite, or every n with {@link Range#INFINITY}).
     */
    public static boolean applies(Claim claim) {
        return factor(claim).isPresent();
    }

    /** The constant c of a claim of the shape {@link #applies} describes; empty for any other claim. */
    private static java.util.Optional<Rational> factor(Claim claim) {
        if (claim.policies().size() != 1 || claim.domain().size() != 1
                || !(claim.domain().get(0) instanceof Range.Integers range) || range.from() < 1
                || range.to() < range.from()) {
            return java.util.Optional.empty();
        }
        var only = claim.policies().entrySet().iterator().next();
        if (!(only.getValue() instanceof Family.Simplex)) {
            return java.util.Optional.empty();
        }
        PolicyVar p = only.getKey();
        Expr.Sym n = range.symbol();
        Expr gap = Bon.analyticalKl(n).minus(Bon.kl(p.bestOf(n), p));
        Expr small = Arguments.small(claim);
        Expr big = Arguments.big(claim);
        if (claim.relation() == Relation.EQUALS || !small.equals(gap)) {
            return java.util.Optional.empty();
        }
        for (Quantity.BoundKind kind : new Quantity.BoundKind[] {Quantity.BoundKind.THM2_GAP_UPPER,
            Quantity.BoundKind.COR2_GAP_UPPER}) {
            Expr bound = Bon.bound(kind, p, n);
            if (big.equals(bound)) {
                return java.util.Optional.of(Rational.ONE);
            }
            if (big instanceof Expr.Mul m) {
                Expr c = m.left().equals(bound) ? m.right() : m.right().equals(bound) ? m.left() : null;
                if (c instanceof Expr.Num num && num.value() instanceof Rational r && r.signum() > 0) {
                    return java.util.Optional.of(r);
                }
            }
        }
        return java.util.Optional.empty();
    }

    /** The most values of n checked one by one before the argument gives up (far more than any c needs at n = 2). */
    static final long MAX_CHECKED = 10_000_000;

    /** The argument's data read from a claim of the shape {@link #applies} describes: c, L and the range of n. */
    record Argument(Rational c, int size, Range.Integers range, Family.Simplex simplex) {
    }

    static Argument argument(Claim claim) {
        Family.Simplex s = (Family.Simplex) claim.policies().values().iterator().next();
        return new Argument(factor(claim).orElseThrow(), s.maxSize(), (Range.Integers) claim.domain().get(0), s);
    }

    /**
     * Whether \( L(n-1) \le 2c\,n^2 \) (so \( (n-1)^2/n \le 2c\,n(n-1)/L \)) at every integer n in [a, b] (b may be
     * +infinity), in exact integers. \( 2c\,n^2 - Ln + L \) is convex in n with its least value at n = L/(4c): only
     * the integers nearest that point, clamped to [a, b], need checking.
     */
    static boolean integerConditionHolds(Rational c, long size, long a, double b) {
        java.math.BigInteger num = c.numerator();
        java.math.BigInteger den = c.denominator();
        // the vertex L den/(4 num), rounded down and up
        java.math.BigInteger[] q = java.math.BigInteger.valueOf(size).multiply(den)
                .divideAndRemainder(num.shiftLeft(2));
        java.math.BigInteger lo = java.math.BigInteger.valueOf(a);
        java.math.BigInteger hi = b == Double.POSITIVE_INFINITY ? null : new java.math.BigDecimal(b).toBigInteger();
        for (java.math.BigInteger v : new java.math.BigInteger[] {q[0], q[0].add(java.math.BigInteger.ONE), lo}) {
            java.math.BigInteger n = v.max(lo);
            if (hi != null) {
                n = n.min(hi);
            }
            java.math.BigInteger left = den.multiply(java.math.BigInteger.valueOf(size))
                    .multiply(n.subtract(java.math.BigInteger.ONE));
            if (left.compareTo(num.shiftLeft(1).multiply(n).multiply(n)) > 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * An enclosure of \( 2c\,n(n-1)/L - L_n \), the room the argument leaves at n: the claim holds at n where its
     * lower end is >= 0. In whichever arithmetic {@link Interval} runs (floating with outward rounding, or exact
     * rationals when a certificate is re-checked).
     */
    static Interval room(Rational c, long size, long n) {
        Interval cc = enclosure(c);
        java.math.BigInteger nn = java.math.BigInteger.valueOf(n);
        Interval ln = Interval.point(n).log().minus(Interval.point(n - 1).div(Interval.point(n)));
        // 2n(n-1) exactly, enclosed without rounding it first
        Interval least = cc.times(Interval.of(new java.math.BigDecimal(nn.multiply(nn.subtract(
                java.math.BigInteger.ONE)).shiftLeft(1)))).div(Interval.point(size));
        return least.minus(ln);
    }

    /**
     * The proof of a claim for which {@link #applies} holds, or the first n the argument does not reach. When
     * coverings are recorded ({@link IntervalCertifier#recordCoverings}) the proof carries one of kind
     * {@link Covering.Kind#GAP_BOUND}: the runs of n settled by the integer condition, and each n settled by an
     * enclosure, with the room the argument leaves there.
     */
    static IntervalCertifier.Result certify(Claim claim) {
        IntervalCertifier.Result byOutcomes = byNumberOfOutcomes(claim);
        if (byOutcomes instanceof IntervalCertifier.Result.Certified) {
            return byOutcomes;
        }
        Argument arg = argument(claim);
        String cells = cellsFail(arg.c(), arg.range());
        if (cells != null) {
            return new IntervalCertifier.Result.NotCertified(((IntervalCertifier.Result.NotCertified) byOutcomes)
                    .reason() + "; and the quantile-cell argument, which needs no bound on the number of outcomes, "
                    + "does not take it: " + cells);
        }
        Range.Integers range = arg.range();
        double top = range.unbounded() ? Double.POSITIVE_INFINITY : range.to();
        QuantileCellLemma.Outcome lemma = QuantileCellLemma.check();
        String upper = range.to() == Range.INFINITY ? "infinity" : Long.toString(range.to());
        return new IntervalCertifier.Result.Certified(String.format(Locale.ROOT, "every policy (any number of "
                + "outcomes, any rewards), n = %d..%s, by the quantile cells: the gap is the sum over outcomes of the "
                + "Jensen gap of f(v) = n v^(n-1) on the outcome's cell of [0, 1], which is 0 at n = 1, at most "
                + "(log 2 - 1/2) p^2 at n = 2 (convexity), and at most (37/400) n(n-1) p^2 for n >= 3 (a lemma proved "
                + "by %d outward-rounded boxes, largest ratio %.5f); so the gap is at most c 2n(n-1) sum p^2 <= "
                + "c 2n(n-1) max p where 4c >= log 2 - 1/2 (if n = 2 is in the range) and 2c >= 37/400 (if n >= 3 "
                + "is; c = %s)", range.from(), upper, lemma.boxes(), lemma.largest(), decimal(arg.c())), lemma.boxes(),
                IntervalCertifier.recording() ? java.util.Optional.of(new Covering(Covering.Kind.GAP_BOUND,
                        java.util.List.of(new Covering.Piece(0, range.from(), top, new double[0], new double[0], 0)),
                        QuantileCellLemma.ARGUMENT)) : java.util.Optional.empty());
    }

    /**
     * The room the quantile-cell argument leaves at n = 2, \( 4c - (\log 2 - 1/2) \), enclosed in whichever
     * arithmetic {@link Interval} runs: the argument takes c where its lower end is >= 0 (and 2c >= T, which then
     * holds too).
     */
    static Interval cellRoom(Rational c) {
        return Interval.point(4).times(enclosure(c)).minus(Interval.point(2).log().minus(Interval.point(0.5)));
    }

    /** An enclosure of c, its numerator over its denominator in whichever arithmetic {@link Interval} runs. */
    private static Interval enclosure(Rational c) {
        return Interval.of(new java.math.BigDecimal(c.numerator())).div(Interval.of(new java.math.BigDecimal(
                c.denominator())));
    }

    /**
     * Why the quantile-cell argument ({@link QuantileCellLemma}) does not prove Thm 2 or Cor 2 times c over every
     * policy, or null when it does: it needs 4c >= log 2 - 1/2 (the cell term at n = 2), 2c >= T (n >= 3) and the
     * lemma's boxes.
     */
    static String cellsFail(Rational c, Range.Integers range) {
        Interval room = cellRoom(c);
        if (range.from() <= 2 && range.to() >= 2 && !(room.lo() >= 0)) {
            return String.format(Locale.ROOT, "c = %s is not shown to be at least (log 2 - 1/2)/4 = 0.0482867951... "
                    + "(4c - (log 2 - 1/2) is in %s); where c is below (log 2 - 1/2)/4, a policy near a point mass at "
                    + "n = 2 brings the gap to log 2 - 1/2 against a bound of 4c", decimal(c), room);
        }
        if (range.to() >= 3 && c.times(Rational.of(2)).compareTo(QuantileCellLemma.T) < 0) {
            return "2c = " + decimal(c.times(Rational.of(2))) + " is below the lemma's constant 37/400 for n >= 3";
        }
        QuantileCellLemma.Outcome lemma = QuantileCellLemma.check();
        return lemma.holds() ? null : "its lemma is not proved: " + lemma.reason();
    }

    /** The argument that needs only the number of outcomes L (see the class comment). */
    static IntervalCertifier.Result byNumberOfOutcomes(Claim claim) {
        Argument arg = argument(claim);
        Rational c = arg.c();
        Range.Integers range = arg.range();
        Family.Simplex s = arg.simplex();
        long size = arg.size();
        java.math.BigInteger twoNum = c.numerator().shiftLeft(1);
        java.math.BigInteger sizeDen = c.denominator().multiply(java.math.BigInteger.valueOf(size));
        java.util.List<Covering.Piece> pieces = IntervalCertifier.recording() ? new java.util.ArrayList<>() : null;
        double top = range.unbounded() ? Double.POSITIVE_INFINITY : range.to();
        // each n in turn: (n-1)^2/n <= 2c n(n-1)/L, i.e. L(n-1) <= 2c n^2, in exact integers (n = 1 included: both
        // sides of the claim are 0 there); else L_n <= 2c n(n-1)/L by enclosures. From n >= L/(2c) on the integer
        // condition holds for every larger n (2c n^2 >= L n), so the loop stops there
        long checked = 0;
        long run = -1; // the first n of the present run settled by the integer condition, or -1
        long n = range.from();
        for (long steps = 0; n <= range.to(); n++, steps++) {
            java.math.BigInteger nn = java.math.BigInteger.valueOf(n);
            boolean integers = sizeDen.multiply(nn.subtract(java.math.BigInteger.ONE))
                    .compareTo(twoNum.multiply(nn).multiply(nn)) <= 0;
            if (integers && twoNum.multiply(nn).compareTo(sizeDen) >= 0) {
                if (pieces != null) {
                    pieces.add(new Covering.Piece(0, run < 0 ? n : run, top, new double[0], new double[0], 0));
                }
                run = -1;
                break; // n >= L/(2c): every n from here on holds
            }
            if (steps >= MAX_CHECKED) {
                return new IntervalCertifier.Result.NotCertified(String.format(Locale.ROOT, "not certified: the "
                        + "argument gap <= log n - (n-1)/n <= 2c n(n-1)/L checks n one by one up to L/(2c), and "
                        + "stopped after %d values at n = %d (c = %s, L = %d)", MAX_CHECKED, n, decimal(c), size));
            }
            if (integers) {
                run = run < 0 ? n : run;
                continue;
            }
            if (pieces != null && run >= 0) {
                pieces.add(new Covering.Piece(0, run, n - 1, new double[0], new double[0], 0));
            }
            run = -1;
            checked++;
            Interval room = room(c, size, n);
            if (!(room.lo() >= 0)) {
                Interval ln = Interval.point(n).log().minus(Interval.point(n - 1).div(Interval.point(n)));
                return new IntervalCertifier.Result.NotCertified(String.format(Locale.ROOT, "not certified: the "
                        + "argument gap <= log n - (n-1)/n <= %s2n(n-1)/L does not reach n = %d on up to L = %d "
                        + "outcomes (log n - (n-1)/n is in %s, %s2n(n-1)/L in %s); the true KL is needed there",
                        c.equals(Rational.ONE) ? "" : "c ", n, size, ln, c.equals(Rational.ONE) ? "" : "c ",
                        room.plus(ln)) + (c.equals(Rational.ONE) ? "" : " (c = " + decimal(c) + ")"));
            }
            if (pieces != null) {
                pieces.add(new Covering.Piece(0, n, n, new double[0], new double[0], room.lo()));
            }
        }
        if (pieces != null && run >= 0) {
            pieces.add(new Covering.Piece(0, run, top, new double[0], new double[0], 0));
        }
        String upper = range.to() == Range.INFINITY ? "infinity" : Long.toString(range.to());
        String times = c.equals(Rational.ONE) ? "" : decimal(c) + " * ";
        return new IntervalCertifier.Result.Certified(String.format(Locale.ROOT, "every policy on %s outcomes, "
                + "n = %d..%s: the gap is at most log n - (n-1)/n (the KL is >= 0) and %sthe bound at least "
                + "%s2n(n-1)/%d (sum p^2 >= 1/L and max p >= 1/L on L <= %d outcomes); log n - (n-1)/n <= (n-1)^2/n "
                + "<= %s2n(n-1)/%d wherever %s2n^2 >= %d(n-1) (exact integers)%s", s.minSize() == s.maxSize()
                ? Integer.toString(s.maxSize()) : s.minSize() + " to " + s.maxSize(), range.from(), upper, times,
                times, size, size, times, size, times, size, checked == 0 ? ", which is every n"
                        : String.format(Locale.ROOT, ", and at the other %d values of n directly, by outward-rounded "
                                + "enclosures of log n", checked)), checked,
                IntervalCertifier.covering(Covering.Kind.GAP_BOUND, pieces));
    }

    /** c as a terminating decimal when it is one (0.5794415417), else as a fraction. */
    private static String decimal(Rational c) {
        try {
            return new java.math.BigDecimal(c.numerator()).divide(new java.math.BigDecimal(c.denominator()))
                    .stripTrailingZeros().toPlainString();
        } catch (ArithmeticException nonTerminating) {
            return c.toString();
        }
    }
}
