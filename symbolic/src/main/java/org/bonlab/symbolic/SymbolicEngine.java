package org.bonlab.symbolic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.bonlab.expr.Expr;
import org.bonlab.expr.Quantity;
import org.bonlab.numeric.DoubleEvaluator;
import org.bonlab.numeric.quantity.UndefinedQuantityException;
import org.bonlab.policy.BasePolicy;
import org.bonlab.policy.BestOf;
import org.bonlab.policy.Policy;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.interfaces.IExpr;

/**
 * Derives closed forms of best-of-n quantities with a symbolic n, shows they equal the papers' forms, finds
 * their limits, and cross-checks everything against the numeric engine before it is reported.
 *
 * <p>Symja is used where it is reliable (identities by {@code Expand(PowerExpand(lhs - rhs))}, limits) and
 * never trusted alone: a limit is printed only when the numbers confirm it, and an identity Symja cannot
 * reduce is reported as checked numerically, never as proved. Each Symja call runs under {@link #timeLimit()}.
 * Not thread-safe; use one engine per thread. Close it when done.
 */
public final class SymbolicEngine implements AutoCloseable {

    /** The default limit for one Symja call. */
    public static final Duration DEFAULT_TIME_LIMIT = Duration.ofSeconds(20);

    /** Relative agreement required between a closed form and the numeric engine. */
    public static final double CROSS_CHECK_TOLERANCE = 1e-12;

    /** Absolute agreement required where the value is below {@link #SMALL_VALUE} in magnitude. */
    public static final double CROSS_CHECK_ABSOLUTE = 1e-15;

    static final double SMALL_VALUE = 1e-3;

    /** Relative agreement required between a limit and the numeric value at the largest n tried. */
    public static final double LIMIT_TOLERANCE = 1e-9;

    /** The values of n at which closed forms are cross-checked: 24 points from 1 to 10^6. */
    public static final List<Long> CROSS_CHECK_POINTS = List.of(1L, 2L, 3L, 4L, 5L, 7L, 10L, 15L, 20L, 30L, 50L,
            70L, 100L, 200L, 500L, 1_000L, 2_000L, 5_000L, 10_000L, 30_000L, 100_000L, 300_000L, 1_000_000L, 999_983L);

    /** The values of n at which a limit is confirmed; the sequence must approach the limit. */
    static final List<Double> LIMIT_POINTS = List.of(1e3, 1e6, 1e9, 1e12, 1e15);

    private final SymjaSession symja;

    public SymbolicEngine() {
        this(DEFAULT_TIME_LIMIT);
    }

    public SymbolicEngine(Duration timeLimit) {
        this.symja = new SymjaSession(timeLimit);
    }

    public Duration timeLimit() {
        return symja.timeLimit();
    }

    /**
     * Derives a quantity of best-of-n with symbolic n: {@code kl(p.bestOf(n), p)}, {@code expectedReward(p.bestOf(n))},
     * the win rates of {@code p.bestOf(n)} against p, or the analytical formula {@code analyticalKl(n)}.
     *
     * @throws IllegalArgumentException naming the quantity when it is not of a supported shape
     */
    public Derivation derive(Expr quantity, Expr.Sym n) {
        Expr closed;
        Expr presented;
        Optional<BestOfForms> forms = Optional.empty();
        if (quantity instanceof Quantity.AnalyticalKl a) {
            closed = a.definition();
            presented = closed;
        } else {
            BasePolicy base = bestOfBase(quantity, n);
            BestOfForms f = BestOfForms.of(base, n);
            forms = Optional.of(f);
            if (quantity instanceof Quantity.Kl) {
                closed = f.klDirect();
                presented = f.klPresented();
            } else if (quantity instanceof Quantity.ExpectedReward) {
                double[] r = new double[base.size()];
                int[] order = base.reward().ranking();
                for (int i = 0; i < r.length; i++) {
                    r[i] = base.reward().value(order[i]);
                }
                closed = f.expectedReward(r);
                presented = simplified(closed, n).orElse(closed);
            } else {
                Quantity.WinRate w = (Quantity.WinRate) quantity;
                if (base.reward().size() > 1 && org.bonlab.numeric.policy.Ranking.of(base.reward()).hasTies()) {
                    throw new IllegalArgumentException("win rate for a symbolic derivation needs distinct rewards, "
                            + "but " + base.describe() + " has ties");
                }
                closed = f.winRate(w.ties() == Quantity.Ties.HALF);
                presented = simplified(closed, n).orElse(closed);
            }
        }
        Verification equality = presented.equals(closed)
                ? new Verification.Proved("the presented form is the closed form")
                : identity(closed, presented, n);
        LimitResult limit = limit(quantity, closed, n, forms);
        Verification cross = crossCheck(quantity, presented, n);
        return new Derivation(quantity, n, closed, presented, equality, limit, cross);
    }

    /** The base policy p of a quantity about {@code p.bestOf(n)}. */
    private static BasePolicy bestOfBase(Expr quantity, Expr.Sym n) {
        Policy q;
        Policy p = null;
        if (quantity instanceof Quantity.Kl k) {
            q = k.q();
            p = k.p();
        } else if (quantity instanceof Quantity.WinRate w) {
            q = w.q();
            p = w.p();
        } else if (quantity instanceof Quantity.ExpectedReward r) {
            q = r.q();
        } else {
            throw unsupported(quantity);
        }
        if (!(q instanceof BestOf b) || !(b.policy() instanceof BasePolicy base) || !b.n().equals(n)
                || p != null && !p.equals(base)) {
            throw unsupported(quantity);
        }
        return base;
    }

    private static IllegalArgumentException unsupported(Expr quantity) {
        return new IllegalArgumentException(String.format(Locale.ROOT,
                "quantity must be kl(p.bestOf(n), p), expectedReward(p.bestOf(n)), a win rate of p.bestOf(n) "
                        + "against p, or analyticalKl(n), but was %s", quantity.show()));
    }

    /** Symja's Simplify, translated back; empty when Symja fails or the result cannot be translated. */
    private Optional<Expr> simplified(Expr e, Expr.Sym n) {
        ToSymja to = new ToSymja();
        to.symbol(n);
        SymjaSession.Outcome o = symja.eval(F.Simplify(to.translate(e)));
        if (o instanceof SymjaSession.Outcome.Value v) {
            return new FromSymja(to.inverse()).translate(v.expr());
        }
        return Optional.empty();
    }

    /**
     * Shows {@code a == b}: exactly when Symja reduces {@code Expand(PowerExpand(a - b))} to 0, otherwise by
     * agreement at the cross-check points (reported as numerical evidence, not proof).
     *
     * @implNote PowerExpand is sound here because every base it expands is a positive real for n &ge; 1.
     */
    Verification identity(Expr a, Expr b, Expr.Sym n) {
        ToSymja to = new ToSymja();
        IExpr diff = F.Subtract(to.translate(a), to.translate(b));
        SymjaSession.Outcome o = symja.eval(F.Expand(F.PowerExpand(diff)));
        if (o instanceof SymjaSession.Outcome.Value v && v.expr().isZero()) {
            return new Verification.Proved("Symja reduces Expand(PowerExpand(closed form - presented form)) to 0");
        }
        String why = o instanceof SymjaSession.Outcome.Failed f ? f.reason() : "Symja left a non-zero difference";
        return agreement(a, b, n, why);
    }

    private Verification agreement(Expr a, Expr b, Expr.Sym n, String why) {
        DoubleEvaluator ev = new DoubleEvaluator();
        double worst = 0;
        for (long k : CROSS_CHECK_POINTS) {
            Map<Expr.Sym, Double> at = Map.of(n, (double) k);
            double x = ev.evaluate(a, at);
            double y = ev.evaluate(b, at);
            double err = relativeError(x, y);
            if (err > CROSS_CHECK_TOLERANCE) {
                return new Verification.Unverified(String.format(Locale.ROOT,
                        "%s, and the forms differ at n = %d: %.17g vs %.17g", why, k, x, y));
            }
            worst = Math.max(worst, err);
        }
        return new Verification.CheckedNumerically(CROSS_CHECK_POINTS.size(), worst, why);
    }

    /** The presented form against the numeric engine's value of the quantity itself. */
    private Verification crossCheck(Expr quantity, Expr presented, Expr.Sym n) {
        DoubleEvaluator ev = new DoubleEvaluator();
        double worst = 0;
        for (long k : CROSS_CHECK_POINTS) {
            Map<Expr.Sym, Double> at = Map.of(n, (double) k);
            double engine = ev.evaluate(quantity, at);
            double form;
            try {
                form = ev.evaluate(presented, at);
            } catch (UndefinedQuantityException e) {
                return new Verification.Unverified("the closed form cannot be evaluated at n = " + k + ": "
                        + e.getMessage());
            }
            double err = relativeError(engine, form);
            if (err > CROSS_CHECK_TOLERANCE) {
                return new Verification.Unverified(String.format(Locale.ROOT,
                        "the closed form gives %.17g at n = %d but the numeric engine gives %.17g", form, k,
                        engine));
            }
            worst = Math.max(worst, err);
        }
        return new Verification.CheckedNumerically(CROSS_CHECK_POINTS.size(), worst,
                "closed form in double precision against the numeric engine, n from 1 to 10^6");
    }

    /** Relative error, or absolute error scaled to the tolerance where the value is tiny. */
    static double relativeError(double expected, double actual) {
        double err = Math.abs(actual - expected);
        if (Math.abs(expected) < SMALL_VALUE) {
            return err / CROSS_CHECK_ABSOLUTE * CROSS_CHECK_TOLERANCE;
        }
        return err / Math.abs(expected);
    }

    /**
     * The limit as n goes to infinity: Symja's {@code Limit} first; if it fails (it returns Indeterminate for
     * the uniform L = 3 KL, for example), the dominance argument for KL (with distinct rewards
     * \( \pi_n \to \delta_{y_{\max}} \), so the KL tends to \( \log(1/\varepsilon_\infty) \)). Either way the value is
     * printed only if the numeric engine's values at n = 10^3 .. 10^15 approach it.
     */
    private LimitResult limit(Expr quantity, Expr closed, Expr.Sym n, Optional<BestOfForms> forms) {
        List<String> failures = new ArrayList<>();
        ToSymja to = new ToSymja();
        IExpr sym = to.translate(closed);
        SymjaSession.Outcome o = symja.eval(F.Limit(sym, F.Rule(to.symbol(n), F.CInfinity)));
        if (o instanceof SymjaSession.Outcome.Value v) {
            if (v.expr().isInfinity()) {
                return confirmDivergence(quantity, n, "Symja Limit");
            }
            Optional<Expr> value = new FromSymja(to.inverse()).translate(v.expr());
            if (value.isPresent()) {
                LimitResult r = confirm(quantity, value.get(), n, "Symja Limit");
                if (r instanceof LimitResult.Found) {
                    return r;
                }
                failures.add(((LimitResult.NotFound) r).reason());
            } else {
                failures.add("Symja's limit " + v.expr() + " could not be translated");
            }
        } else {
            failures.add(((SymjaSession.Outcome.Failed) o).reason());
        }
        if (quantity instanceof Quantity.Kl && forms.isPresent()) {
            Expr top = forms.get().topProbability();
            if (!BestOfForms.isZero(top)) {
                Expr value = top instanceof Expr.Num num && num.value() instanceof org.bonlab.expr.Rational r
                        ? Expr.log(Expr.constant(org.bonlab.expr.Rational.ONE.div(r)))
                        : Expr.log(top).unaryMinus();
                LimitResult r = confirm(quantity, value, n,
                        "dominance: with distinct rewards pi_n tends to the point mass on the top outcome, "
                                + "so KL tends to log(1/eps_inf)");
                if (r instanceof LimitResult.Found) {
                    return r;
                }
                failures.add(((LimitResult.NotFound) r).reason());
            }
        }
        return new LimitResult.NotFound(String.join("; ", failures));
    }

    private LimitResult confirm(Expr quantity, Expr value, Expr.Sym n, String method) {
        DoubleEvaluator ev = new DoubleEvaluator();
        double target;
        try {
            target = ev.evaluate(value);
        } catch (RuntimeException e) {
            return new LimitResult.NotFound(method + " gave " + value.show() + ", which does not evaluate");
        }
        double previous = Double.POSITIVE_INFINITY;
        double last = Double.NaN;
        for (double k : LIMIT_POINTS) {
            double d = Math.abs(ev.evaluate(quantity, Map.of(n, k)) - target);
            if (d > previous + LIMIT_TOLERANCE * Math.max(1, Math.abs(target))) {
                return new LimitResult.NotFound(String.format(Locale.ROOT,
                        "%s gave %s, but the numeric values move away from it (at n = %.0e)", method, value.show(), k));
            }
            previous = d;
            last = d;
        }
        if (!(last <= LIMIT_TOLERANCE * Math.max(1, Math.abs(target)))) {
            return new LimitResult.NotFound(String.format(Locale.ROOT,
                    "%s gave %s = %.17g, but the numeric value at n = 1e15 differs by %.3g", method, value.show(),
                    target, last));
        }
        return new LimitResult.Found(value, method, new Verification.CheckedNumerically(LIMIT_POINTS.size(),
                last / Math.max(1, Math.abs(target)), "numeric values at n = 1e3 .. 1e15 approach it"));
    }

    private LimitResult confirmDivergence(Expr quantity, Expr.Sym n, String method) {
        DoubleEvaluator ev = new DoubleEvaluator();
        double previous = Double.NEGATIVE_INFINITY;
        for (double k : LIMIT_POINTS) {
            double v = ev.evaluate(quantity, Map.of(n, k));
            if (!(v > previous)) {
                return new LimitResult.NotFound(method + " gave Infinity, but the numeric values stop growing");
            }
            previous = v;
        }
        return new LimitResult.Diverges(method, new Verification.CheckedNumerically(
                LIMIT_POINTS.size(), 0, "numeric values at n = 1e3 .. 1e15 keep growing"));
    }

    @Override
    public void close() {
        symja.close();
    }
}
