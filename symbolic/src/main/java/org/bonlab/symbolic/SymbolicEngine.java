package org.bonlab.symbolic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bonlab.expr.Expr;
import org.bonlab.expr.Quantity;
import org.bonlab.expr.Rational;
import org.bonlab.expr.Rewrite;
import org.bonlab.numeric.DoubleEvaluator;
import org.bonlab.numeric.precise.HighPrecisionEvaluator;
import org.bonlab.numeric.quantity.UndefinedQuantityException;
import org.bonlab.policy.BasePolicy;
import org.bonlab.policy.Bernoulli;
import org.bonlab.policy.BestOf;
import org.bonlab.policy.Policy;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.expression.S;
import org.matheclipse.core.interfaces.IAST;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.ISymbol;

/**
 * Derives closed forms of best-of-n quantities with a symbolic n (and symbolic family parameters), shows they
 * equal the papers' forms, finds their limits and series, and cross-checks everything against the numeric engine
 * before it is reported.
 *
 * <p>Symja is used where it is reliable (identities by {@code Expand(PowerExpand(lhs - rhs))}, limits, series at
 * 0) and never trusted alone: a limit or series is reported only when the numbers confirm it, and an identity
 * Symja cannot reduce is reported as checked numerically, never as proved. Each Symja call runs under
 * {@link #timeLimit()}. Not thread-safe; use one engine per thread. Close it when done.
 */
public final class SymbolicEngine implements AutoCloseable {

    /** The default limit for one Symja call. */
    public static final Duration DEFAULT_TIME_LIMIT = Duration.ofSeconds(20);

    /** Relative agreement required between a closed form and the numeric engine. */
    public static final double CROSS_CHECK_TOLERANCE = 1e-12;

    /** Absolute agreement required where the value is below {@link #SMALL_VALUE} in magnitude. */
    public static final double CROSS_CHECK_ABSOLUTE = 1e-15;

    static final double SMALL_VALUE = 1e-3;

    /** Significant digits for evaluating closed forms in cross-checks: far beyond the 1e-12 compared. */
    static final int CROSS_CHECK_DIGITS = 20;

    /** Relative agreement required between a limit and the numeric value at the largest n tried. */
    public static final double LIMIT_TOLERANCE = 1e-9;

    /** The values of n at which closed forms are cross-checked: 24 points from 1 to 10^6. */
    public static final List<Long> CROSS_CHECK_POINTS = List.of(1L, 2L, 3L, 4L, 5L, 7L, 10L, 15L, 20L, 30L, 50L,
            70L, 100L, 200L, 500L, 1_000L, 2_000L, 5_000L, 10_000L, 30_000L, 100_000L, 300_000L, 1_000_000L, 999_983L);

    /** Values given to a symbolic probability parameter (such as p of bernoulli(p)) in numeric checks. */
    public static final List<Double> PARAMETER_SAMPLES = List.of(0.05, 0.25, 0.5, 0.75, 0.95);

    /** The values of n at which a limit is confirmed; the sequence must approach the limit. */
    static final List<Double> LIMIT_POINTS = List.of(1e3, 1e6, 1e9, 1e12, 1e15);

    private final SymjaSession symja;

    /**
     * Budget of one Symja Limit attempt, and of one Solve for a root or a stationary point of a quantity of one
     * parameter: the numeric fallbacks make a long wait pointless.
     */
    static final Duration LIMIT_ATTEMPT = Duration.ofSeconds(5);

    public SymbolicEngine() {
        this(DEFAULT_TIME_LIMIT);
    }

    public SymbolicEngine(Duration timeLimit) {
        this.symja = new SymjaSession(timeLimit);
        SymjaSession.warmUp();
    }

    /**
     * Starts loading Symja in the background now (about half a second cold), for programs that know they will
     * derive something: the work overlaps with whatever they do first.
     */
    public static void prewarm() {
        SymjaSession.warmUp();
    }

    public Duration timeLimit() {
        return symja.timeLimit();
    }

    /**
     * Derives a quantity of best-of-n with symbolic n: {@code kl(p.bestOf(n), p)}, {@code expectedReward(p.bestOf(n))},
     * the win rates of {@code p.bestOf(n)} against p, the expected estimators {@code klHatMean(p, n)} and
     * {@code klHat1Mean(p, n)}, or the analytical formula {@code analyticalKl(n)}. The base policy may have exact
     * probabilities or a symbolic parameter ({@code bernoulli(p)}).
     *
     * @throws IllegalArgumentException naming the quantity when it is not of a supported shape
     */
    public Derivation derive(Expr quantity, Expr.Sym n) {
        return within(quantity, () -> deriveWithin(quantity, n));
    }

    /**
     * The sampling bounds of the parameters of the policies in the quantity being worked on
     * ({@link org.bonlab.policy.BasePolicy#parameterBounds}): the numeric checks draw each parameter from
     * (0, bound), so that several spike tops never sum past 1. Set for the duration of each public call.
     */
    private volatile Map<Expr.Sym, Double> sampleBounds = Map.of();

    /** Runs {@code body} with {@link #sampleBounds} extended by those of the policies in {@code quantity}. */
    private <T> T within(Expr quantity, java.util.function.Supplier<T> body) {
        Map<Expr.Sym, Double> outer = sampleBounds;
        Map<Expr.Sym, Double> bounds = new HashMap<>(outer);
        for (org.bonlab.policy.BasePolicy b : org.bonlab.claim.Binding.basePolicies(quantity)) {
            b.parameterBounds().forEach((s, u) -> bounds.merge(s, u, Math::min));
        }
        sampleBounds = Map.copyOf(bounds);
        try {
            return body.get();
        } finally {
            sampleBounds = outer;
        }
    }

    private Derivation deriveWithin(Expr quantity, Expr.Sym n) {
        if (OutcomeExpansion.uses(quantity)) {
            return deriveDefinition(quantity, quantity, n);
        }
        if (!(quantity instanceof Quantity)) {
            return deriveCompound(quantity, n);
        }
        if (quantity instanceof Quantity.Kl k && k.q() instanceof org.bonlab.policy.SoftBestOf s) {
            return deriveSoft(k, s, n);
        }
        if (!(quantity instanceof Quantity.AnalyticalKl)) {
            try {
                bestOfBase(quantity, n);
            } catch (IllegalArgumentException e) {
                // no specialised closed form (entropies, chi^2, KL(p || pi_n), vBoN, ...): the generic path, from
                // the quantity's outcome-level definition, cross-checked against the engine's built-in value
                Optional<Expr> definition = org.bonlab.Definitions.of((Quantity) quantity);
                if (definition.isPresent()) {
                    return deriveDefinition(quantity, definition.get(), n);
                }
                throw e;
            }
        }
        Expr closed;
        Expr presented;
        Verification rewrittenEquality = null; // set where the presented form comes with its proof
        Optional<BestOfForms> forms = Optional.empty();
        Optional<Expr> topReward = Optional.empty(); // E[r]'s limit by dominance: the highest reward
        List<Expr.Sym> parameters = new ArrayList<>();
        if (quantity instanceof Quantity.AnalyticalKl a) {
            closed = a.definition();
            presented = closed;
        } else {
            BasePolicy base = bestOfBase(quantity, n);
            if (quantity instanceof Quantity.Kl && base instanceof org.bonlab.policy.Uniform u
                    && u.size() > BestOfForms.MAX_OUTCOMES) {
                return deriveUniformKl((Quantity.Kl) quantity, u, n);
            }
            parameters.addAll(parameters(base));
            BestOfForms f = BestOfForms.of(base, n);
            forms = Optional.of(f);
            if (quantity instanceof Quantity.Kl) {
                closed = f.klDirect();
                presented = f.klPresented();
                if (presented.equals(closed)) { // no form of the papers' vocabulary: the powers as variables
                    Optional<Expr> rewritten = withPowersAsVariables(closed, n, parameters);
                    if (rewritten.isPresent()) {
                        presented = rewritten.get();
                        rewrittenEquality = POWERS_AS_VARIABLES_PROOF;
                    }
                }
            } else if (quantity instanceof Quantity.EstimatorMean m) {
                closed = f.estimatorMean(m.estimator() == Quantity.Estimator.KL_HAT);
                presented = Vocabulary.recognise(closed, n, base);
            } else if (quantity instanceof Quantity.Bound b) {
                closed = f.bound(b.kind());
                presented = b.kind() == Quantity.BoundKind.THM2_GAP_UPPER
                        ? Expr.constant(2).times(n).times(BestOfForms.add(n, Expr.constant(-1)))
                                .times(Vocabulary.powerSumAsRenyi(base, 2))
                        : Vocabulary.recognise(closed, n, base);
            } else if (quantity instanceof Quantity.ExpectedReward) {
                double[] r = new double[base.size()];
                int[] order = base.reward().ranking();
                for (int i = 0; i < r.length; i++) {
                    r[i] = base.reward().value(order[i]);
                }
                closed = f.expectedReward(r);
                presented = simplified(closed, n, parameters).orElse(closed);
                if (!BestOfForms.isZero(f.topProbability())) {
                    // pi_n tends to the highest reward's outcomes (all of them if tied: E[r] is that reward either way)
                    double highest = r[r.length - 1];
                    topReward = Optional.of(highest == Math.rint(highest) && Math.abs(highest) < 1e15
                            ? Expr.constant((long) highest) : Expr.constant(highest));
                }
            } else {
                Quantity.WinRate w = (Quantity.WinRate) quantity;
                if (org.bonlab.numeric.policy.Ranking.of(base.reward()).hasTies()) {
                    throw new IllegalArgumentException("win rate for a symbolic derivation needs distinct rewards, "
                            + "but " + base.describe() + " has ties");
                }
                closed = f.winRate(w.ties() == Quantity.Ties.HALF);
                presented = simplified(closed, n, parameters).orElse(closed);
            }
        }
        Expr untidy = presented;
        if (!(quantity instanceof Quantity.Kl) && !(quantity instanceof Quantity.AnalyticalKl)) {
            presented = Tidy.tidy(presented); // rationals folded, equal terms collected: checked equal below
        }
        Verification equality = rewrittenEquality != null ? rewrittenEquality
                : presentedEquality(closed, presented, n, parameters);
        if (!(equality instanceof Verification.Proved) && !untidy.equals(presented)) {
            // the tidy form is shown only where it is proved equal as well as the untidy one would be
            Verification plain = presentedEquality(closed, untidy, n, parameters);
            if (plain instanceof Verification.Proved) {
                presented = untidy;
                equality = plain;
            }
        }
        Expr shown = presented;
        java.util.concurrent.Future<Verification> cross = alongside(bounds -> crossCheck(quantity, shown, n,
                parameters, CROSS_CHECK_POINTS, bounds));
        Optional<Expr> highestReward = topReward;
        LimitResult limit = mentions(closed, n) ? limit(quantity, closed, n,
                forms.flatMap(f -> dominanceLimit(quantity, f)).or(() -> highestReward), DOMINANCE, parameters)
                : constantIn(n, presented);
        return new Derivation(quantity, n, closed, presented, equality, limit, cross);
    }

    private Verification presentedEquality(Expr closed, Expr presented, Expr.Sym n, List<Expr.Sym> parameters) {
        return presented.equals(closed)
                ? SAME_FORM
                : Vocabulary.sameTerms(closed, Vocabulary.expand(presented))
                        ? new Verification.Proved("the presented form is the closed form with the analytical formula "
                                + "and Renyi entropies named; written out, the two have the same terms")
                        : identity(closed, Vocabulary.expand(presented), n, parameters);
    }

    /** How a limit by dominance is reported. */
    private static final String DOMINANCE = "dominance: with distinct rewards pi_n tends to the point mass on the "
            + "top outcome";

    /**
     * A quantity written in the outcome-level language ({@link Expr.Expectation}, {@link Expr.Defined}, ...): its
     * expectations and sums written out over the outcomes with the closed forms of each term
     * ({@link OutcomeExpansion}), built-in quantities in it derived as usual; then cross-checked against the
     * numeric engines' reading of the definition itself (a different computation), and taken to its limit.
     */
    private Derivation deriveDefinition(Expr original, Expr definition, Expr.Sym n) {
        Expr expanded = OutcomeExpansion.expand(definition);
        if (containsQuantity(expanded)) {
            Derivation inner = expanded instanceof Quantity ? derive(expanded, n) : deriveCompound(expanded, n);
            List<Expr.Sym> parameters = freeSymbols(inner.closedForm(), n);
            return new Derivation(original, n, inner.closedForm(), inner.presented(), inner.equality(),
                    inner.limit(), crossCheck(original, inner.presented(), n, parameters));
        }
        List<Expr.Sym> parameters = freeSymbols(expanded, n);
        Expr presented = expanded;
        Verification equality = SAME_FORM;
        Optional<Expr> simpler = simplifiedWithPowersAsVariables(expanded, n, parameters);
        if (simpler.isPresent() && simpler.get().show().length() < expanded.show().length()) {
            Verification v = identity(expanded, simpler.get(), n, parameters,
                    Map.of(n, Positivity.Bounds.atLeast(1, Double.POSITIVE_INFINITY)));
            if (!(v instanceof Verification.Unverified)) {
                presented = simpler.get();
                equality = v;
            }
        }
        Expr shown = presented;
        java.util.concurrent.Future<Verification> cross = alongside(bounds -> crossCheck(original, shown, n,
                parameters, CROSS_CHECK_POINTS, bounds));
        LimitResult limit = mentions(expanded, n) ? limit(original, expanded, n, Optional.empty(), "", parameters)
                : constantIn(n, presented);
        return new Derivation(original, n, expanded, presented, equality, limit, cross);
    }

    /** Whether {@code e} has a built-in quantity node anywhere. */
    static boolean containsQuantity(Expr e) {
        boolean[] found = {false};
        new Rewrite() {
            @Override
            protected Expr quantity(Quantity q) {
                found[0] = true;
                return q;
            }
        }.apply(e);
        return found[0];
    }

    /** The equality of a presented form that is the closed form itself. */
    private static final Verification SAME_FORM = new Verification.Proved("the presented form is the closed form");

    /** The largest L for which the KL of uniform(L) is derived as one sum (its check grows like L). */
    public static final int MAX_UNIFORM_SUM = 5_000;

    /** The values of n at which the sum form of the uniform policy's KL is checked (30 points, 1 to 10^6). */
    static final List<Long> UNIFORM_SUM_CHECK_POINTS = List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 10L, 12L, 15L, 20L,
            30L, 50L, 70L, 100L, 200L, 300L, 500L, 700L, 1_000L, 2_000L, 3_000L, 5_000L, 10_000L, 30_000L,
            100_000L, 300_000L, 1_000_000L, 999_983L);

    /**
     * KL of best-of-n of uniform(L) for L beyond {@link BestOfForms#MAX_OUTCOMES}: Lemma 1 (Eq. (7) of Beirami et
     * al.) gives \( \pi_n(i) = (i/L)^n - ((i-1)/L)^n \), so \( \mathrm{KL} = \sum_{i=1}^{L} \pi_n(i)\log(L\,\pi_n(i))
     * \) as one sum over the outcomes (not written out term by term). Its limit is \( \log L \) by dominance
     * (the top outcome has probability 1/L), confirmed numerically; the sum is checked against the numeric engine
     * at 30 values of n.
     */
    private Derivation deriveUniformKl(Quantity.Kl quantity, org.bonlab.policy.Uniform u, Expr.Sym n) {
        long size = u.size();
        if (size > MAX_UNIFORM_SUM) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "uniform(L) is derived for L up to %d (its "
                    + "sum form is checked against the engine at 30 values of n, each a %d-term sum in 20 digits: about "
                    + "20 s at L = 1000, growing like L), but L was %d", MAX_UNIFORM_SUM, size, size));
        }
        Expr.Sym i = Expr.symbol("i");
        Expr sizeExpr = Expr.constant(size);
        Expr pi = i.div(sizeExpr).pow(n).minus(i.minus(Expr.constant(1)).div(sizeExpr).pow(n));
        Expr closed = new Expr.Sum(i, Expr.constant(1), sizeExpr, pi.times(Expr.log(sizeExpr.times(pi))));
        Verification cross = crossCheck(quantity, closed, n, List.of(), UNIFORM_SUM_CHECK_POINTS);
        LimitResult limit = confirm(quantity, Expr.log(sizeExpr), n, List.of(),
                DOMINANCE + ", of probability 1/" + size, new ArrayList<>());
        return new Derivation(quantity, n, closed, closed,
                SAME_FORM, limit, cross);
    }

    /** The quantities {@link #deriveUniformInSize} derives with a symbolic number of outcomes. */
    public static final List<String> UNIFORM_IN_SIZE_QUANTITIES = List.of("win_half", "win_strict", "expected_reward",
            "kl");

    /** The largest fixed n for {@link #deriveUniformInSize} (Faulhaber sums of degree up to 2n). */
    public static final int MAX_N_FOR_SYMBOLIC_SIZE = 40;

    /** Sizes at which a form in L is checked against the numeric engine's uniform(L). */
    static final List<Long> SIZE_CHECK_POINTS = List.of(1L, 2L, 3L, 4L, 5L, 7L, 10L, 20L, 50L, 100L, 1000L, 10_000L);

    /**
     * The win rate or expected reward of best-of-n on uniform(L) at a fixed n, summed over the ranks i = 1..L by
     * {@link Faulhaber}: \( \sum_i (i^n - (i-1)^n) B(i) / (c L^k) \) with B(i) = 2i - 1, c = 2, k = n + 1 (ties half),
     * B(i) = i - 1, c = 1, k = n + 1 (strict) and B(i) = i - 1, c = 1, k = n (the expected reward, rewards 0..L-1);
     * the same terms as {@link #deriveUniformInSize}'s sum, which the cross-check evaluates.
     */
    static IExpr faulhaberSum(String quantity, int n, ISymbol size) {
        List<BigInteger> reward = quantity.equals("win_half")
                ? List.of(BigInteger.ONE.negate(), BigInteger.TWO)
                : List.of(BigInteger.ONE.negate(), BigInteger.ONE);
        List<Rational> q = Faulhaber.sum(Faulhaber.times(Faulhaber.bestOfMass(n), reward));
        org.matheclipse.core.interfaces.IASTAppendable terms = F.PlusAlloc(q.size());
        for (int d = 0; d < q.size(); d++) {
            if (q.get(d).signum() != 0) {
                terms.append(F.Times(ToSymja.rational(q.get(d)), F.Power(size, F.ZZ(d))));
            }
        }
        int k = quantity.equals("expected_reward") ? n : n + 1;
        IExpr denominator = F.Times(F.ZZ(quantity.equals("win_half") ? 2 : 1), F.Power(size, F.ZZ(k)));
        return F.Times(terms.oneIdentity0(), F.Power(denominator, F.CN1));
    }

    /** Sizes at which a limit in L is confirmed. */
    static final List<Long> SIZE_LIMIT_POINTS = List.of(1_000L, 10_000L, 100_000L, 1_000_000L);

    /**
     * A quantity of best-of-n of uniform(L) with the number of outcomes L symbolic and n fixed: by Lemma 1 (Eq. (7)
     * of Beirami et al.) \( \pi_n(i) = (i/L)^n - ((i-1)/L)^n \), so every quantity is a sum over i = 1..L.
     * The win rates (ties count half: \( \sum_i \pi_n(i)(2i-1)/(2L) \); strict: \( \sum_i \pi_n(i)(i-1)/L \))
     * and the expected reward (rewards 0..L-1) have polynomial terms, which bonlab sums in closed form
     * ({@link Faulhaber}); the KL \( \sum_i \pi_n(i)\log(L\pi_n(i)) \) has none and stays a sum. Each form is checked against the
     * numeric engine's uniform(L) at L = 1..10^4, and its limit as L grows (Symja's Limit, or for the KL the
     * Riemann sum's integral \( \int_0^1 n u^{n-1}\log(n u^{n-1})\,du = \log n - (n-1)/n \), Eq. (5)'s origin)
     * is confirmed at L = 10^3..10^6.
     *
     * @param size the symbol standing for L
     */
    public Derivation deriveUniformInSize(String quantity, long n, Expr.Sym size) {
        if (!UNIFORM_IN_SIZE_QUANTITIES.contains(quantity)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "with a symbolic number of outcomes the "
                    + "quantity must be one of %s, but was '%s'", UNIFORM_IN_SIZE_QUANTITIES, quantity));
        }
        if (n < 1 || n > MAX_N_FOR_SYMBOLIC_SIZE) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "with a symbolic number of outcomes n must "
                    + "be a fixed integer from 1 to %d, but was %d", MAX_N_FOR_SYMBOLIC_SIZE, n));
        }
        Expr.Sym i = Expr.symbol("i");
        Expr one = Expr.constant(1);
        Expr nn = Expr.constant(n);
        Expr pi = i.div(size).pow(nn).minus(i.minus(one).div(size).pow(nn));
        Expr body = switch (quantity) {
            case "win_half" -> pi.times(i.times(2L).minus(one)).div(size.times(2L));
            case "win_strict" -> pi.times(i.minus(one)).div(size);
            case "expected_reward" -> pi.times(i.minus(one));
            default -> pi.times(Expr.log(size.times(pi)));
        };
        Expr sum = new Expr.Sum(i, one, size, body);
        Expr closed = sum;
        String how = "kept as a sum over the outcomes (no closed form: a log of a polynomial in i)";
        if (!quantity.equals("kl")) {
            ToSymja to = new ToSymja();
            ISymbol ls = to.symbol(size);
            SymjaSession.Outcome o = symja.eval(F.Factor(F.Together(faulhaberSum(quantity, (int) n, ls))));
            Optional<Expr> back = o instanceof SymjaSession.Outcome.Value v
                    ? new FromSymja(to.inverse()).translate(v.expr()) : Optional.empty();
            if (back.isPresent()) {
                closed = back.get();
                how = "bonlab sums the polynomial terms in closed form (Faulhaber's formula, Bernoulli numbers), Symja's "
                        + "Together and Factor";
            }
        }
        DoubleEvaluator ev = new DoubleEvaluator();
        // The KL stays a sum of L terms, each a probability times a log, with no cancellation beyond the sum's: 25
        // digits serve (the sum at L = 1000 is most of a cold derivation's time at 50). The win rates' Faulhaber
        // polynomials cancel terms as large as L^(n+1): the default 50.
        int digits = quantity.equals("kl") ? 25 : HighPrecisionEvaluator.DEFAULT_DIGITS;
        HighPrecisionEvaluator hp = new HighPrecisionEvaluator(digits);
        Expr checked = closed;
        String checkedHow = how;
        // on the cross-check thread, beside the limit below (and whatever the caller does next)
        java.util.concurrent.Future<Verification> cross = alongside(bounds -> {
            DoubleEvaluator engineEv = new DoubleEvaluator();
            HighPrecisionEvaluator formHp = new HighPrecisionEvaluator(digits); // one per thread
            double worst = 0;
            for (long l : SIZE_CHECK_POINTS) {
                if (quantity.equals("kl") && l > 1000) {
                    continue; // a 20-digit sum of 10^4 logs per point: the KL is checked up to L = 1000
                }
                double engine = engineEv.evaluate(uniformQuantity(quantity, l, n), Map.of());
                double form = closedFormValue(formHp, checked, Map.of(size, (double) l));
                double err = Math.abs(form - engine) / Math.max(Math.abs(engine), SMALL_VALUE);
                if (err > CROSS_CHECK_TOLERANCE) {
                    throw new IllegalStateException(String.format(Locale.ROOT, "the form %s disagrees with the engine "
                            + "at L = %d: %s against %s", checked.show(), l, form, engine));
                }
                worst = Math.max(worst, err);
            }
            return new Verification.CheckedNumerically(SIZE_CHECK_POINTS.size() - (quantity.equals("kl") ? 2 : 0),
                    worst, checkedHow + "; against the double-precision engine's uniform(L), n = " + n
                            + ", L from 1 to " + (quantity.equals("kl") ? "1000" : "10^4"));
        });
        Expr limitValue;
        String method;
        if (quantity.equals("kl")) {
            limitValue = Expr.log(nn).minus(Expr.constant(n - 1).div(nn));
            method = "the Riemann sum of L pi_n(i) = n u^(n-1) + O(1/L) becomes int_0^1 n u^(n-1) log(n u^(n-1)) du "
                    + "= log n - (n-1)/n (Eq. (5))";
        } else {
            ToSymja to = new ToSymja();
            ISymbol ls = to.symbol(size);
            SymjaSession.Outcome o = symja.eval(F.Limit(to.translate(closed), F.Rule(ls, F.CInfinity)));
            if (o instanceof SymjaSession.Outcome.Value val && val.expr().isInfinity()) {
                double previous = 0;
                for (long l : SIZE_LIMIT_POINTS) {
                    double value = closedFormValue(hp, closed, Map.of(size, (double) l));
                    if (!(value > 2 * previous)) {
                        return new Derivation(sum, size, closed, closed, SAME_FORM, new LimitResult.NotFound(
                                "Symja Limit gave Infinity, but the values at L = " + l + " do not keep growing"), cross);
                    }
                    previous = value;
                }
                return new Derivation(sum, size, closed, closed, SAME_FORM, new LimitResult.Diverges("Symja Limit",
                        new Verification.CheckedNumerically(SIZE_LIMIT_POINTS.size(), 0,
                                "values at L = 1e3 .. 1e6 at least double from one to the next")), cross);
            }
            Optional<Expr> v = o instanceof SymjaSession.Outcome.Value val
                    ? new FromSymja(to.inverse()).translate(val.expr()) : Optional.empty();
            if (v.isEmpty()) {
                return new Derivation(sum, size, closed, closed, SAME_FORM, new LimitResult.NotFound(
                        "Symja Limit in " + size.name() + ": " + (o instanceof SymjaSession.Outcome.Failed f
                                ? f.reason() : "untranslatable")), cross);
            }
            limitValue = v.get();
            method = "Symja Limit";
        }
        double target = ev.evaluate(limitValue, Map.of());
        double previous = Double.POSITIVE_INFINITY;
        for (long l : SIZE_LIMIT_POINTS) {
            double value = quantity.equals("kl") ? ev.evaluate(uniformQuantity(quantity, l, n), Map.of())
                    : closedFormValue(hp, closed, Map.of(size, (double) l));
            double distance = Math.abs(value - target);
            if (distance > previous * 1.0000001 + 1e-15 || (l == SIZE_LIMIT_POINTS.get(SIZE_LIMIT_POINTS.size() - 1)
                    && distance > 1e-6 * Math.max(1, Math.abs(target)))) {
                return new Derivation(sum, size, closed, closed, SAME_FORM, new LimitResult.NotFound(
                        method + " gave " + limitValue.show() + ", but the values at L = " + l + " do not approach it"),
                        cross);
            }
            previous = distance;
        }
        LimitResult limit = new LimitResult.Found(limitValue, method, new Verification.CheckedNumerically(
                SIZE_LIMIT_POINTS.size(), 0, "values at L = 1e3 .. 1e6 approach it"), List.of());
        return new Derivation(sum, size, closed, closed, SAME_FORM, limit, cross);
    }

    /**
     * How the KL of best-of-n of uniform(L) approaches its limit log n - (n-1)/n as L grows: the leading term of
     * the gap, \( C_n L^{-2} \) for n &gt;= 3 and \( \frac{\log L}{12 L^2} \) at n = 2
     * ({@link BestOfForms#uniformGapRateCoefficient}, from bonlab's small-probability regime form), or the KL equal to
     * its limit for every L at n = 1.
     *
     * @param term the leading term of log n - (n-1)/n - KL, an expression in {@code size}
     * @param check how it was confirmed against the exact gap
     */
    public record RateInSize(Expr term, String method, Verification check) {
    }

    /** Sizes at which the rate in L is confirmed against the exact gap. */
    static final List<Long> SIZE_RATE_POINTS = List.of(1_000L, 10_000L);

    /** Relative agreement of L^2 times the gap with its predicted coefficient at the largest of the rate points. */
    static final double RATE_TOLERANCE = 1e-3;

    /**
     * The rate at which the KL of best-of-n of uniform(L) (fixed n) reaches log n - (n-1)/n, confirmed at
     * L = 10^3 and 10^4 against the double-precision engine: L^2 times the gap (n >= 3), or it less log(L)/12
     * (n = 2), must settle: within {@link #RATE_TOLERANCE} of the coefficient and closer at 10^4 than at 10^3 (n >= 3),
     * or moving by less than {@link #RATE_TOLERANCE} between the two (n = 2, whose next term is O(L^-2)); where they
     * do not, the rate is returned {@link Verification.Unverified} with the numbers.
     */
    public static RateInSize uniformKlRateInSize(long n, Expr.Sym size) {
        if (n < 1 || n > MAX_N_FOR_SYMBOLIC_SIZE) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "with a symbolic number of outcomes n must "
                    + "be a fixed integer from 1 to %d, but was %d", MAX_N_FOR_SYMBOLIC_SIZE, n));
        }
        if (n == 1) {
            return new RateInSize(Expr.constant(0), "best-of-1 is uniform(L) itself: KL = 0 = log 1 - 0 for every L",
                    new Verification.Proved("by definition (Lemma 1 at n = 1: pi_1 = F - F_- = p)"));
        }
        Rational c = BestOfForms.uniformGapRateCoefficient(n);
        // c/L^2 written num/(den L^2), and (log L)/(12 L^2) at n = 2
        Expr numerator = n == 2 ? Expr.log(size) : Expr.constant(new Rational(c.numerator(), BigInteger.ONE));
        if (n == 2 && !c.numerator().equals(BigInteger.ONE)) {
            numerator = Expr.constant(new Rational(c.numerator(), BigInteger.ONE)).times(numerator);
        }
        Expr squared = size.pow(2);
        Expr term = numerator.div(c.denominator().equals(BigInteger.ONE) ? squared
                : Expr.constant(new Rational(c.denominator(), BigInteger.ONE)).times(squared));
        double[] scaled = new double[SIZE_RATE_POINTS.size()];
        StringBuilder values = new StringBuilder();
        for (int k = 0; k < scaled.length; k++) {
            long l = SIZE_RATE_POINTS.get(k);
            double gap = uniformKlGap(n, l);
            scaled[k] = (double) l * l * gap - (n == 2 ? c.toDouble() * Math.log(l) : 0);
            values.append(k == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.8g at L = %d", scaled[k], l));
        }
        double first = scaled[0];
        double last = scaled[scaled.length - 1];
        boolean settles = n == 2 ? Math.abs(last - first) < RATE_TOLERANCE * Math.abs(last)
                : Math.abs(last / c.toDouble() - 1) < RATE_TOLERANCE
                        && Math.abs(last - c.toDouble()) <= Math.abs(first - c.toDouble());
        if (!settles) {
            return new RateInSize(term, "bonlab's small-probability regime form", new Verification.Unverified(
                    "the numbers do not bear it out: " + (n == 2 ? "L^2 gap - log(L)/12 = " : "L^2 gap = ") + values));
        }
        String method = n == 2
                ? "bonlab's small-probability regime form G_n = n(n-1)^2/24 sum p^3 m^(n-3) (m the midpoint of each "
                        + "outcome's CDF step): at n = 2, L^2 G_2 = (1/12) sum_i 2/(2i-1) = log(L)/12 + O(1)"
                : "bonlab's small-probability regime form G_n = n(n-1)^2/24 sum p^3 m^(n-3) (m the midpoint of each "
                        + "outcome's CDF step) is a midpoint Riemann sum: L^2 G_n -> n(n-1)^2/24 int_0^1 u^(n-3) du";
        String how = n == 2
                ? "L^2 (log n - (n-1)/n - KL) - log(L)/12 = " + values + ": it settles at a constant, the O(L^-2) term, "
                        + "C_2 = log A - log(2)/12 (the next term)"
                : "L^2 (log n - (n-1)/n - KL) = " + values + String.format(Locale.ROOT, " against %s = %.8g",
                        c, c.toDouble());
        // the relative error: against the coefficient (n >= 3), or the change from 10^3 to 10^4 (n = 2)
        return new RateInSize(term, method, new Verification.CheckedNumerically(scaled.length,
                n == 2 ? Math.abs(last - first) / Math.abs(last) : Math.abs(last / c.toDouble() - 1),
                how + " (the exact KL in double precision)"));
    }

    /** Sizes at which the term after the leading one is confirmed (the engine's doubles resolve it there). */
    static final List<Long> SIZE_NEXT_TERM_POINTS = List.of(200L, 1_000L);

    /** Relative agreement of the scaled rest of the gap with the next term's coefficient at the largest size. */
    static final double NEXT_TERM_TOLERANCE = 1e-2;

    /**
     * The term after the leading one in the gap of best-of-n on uniform(L) ({@link #uniformKlNextTermInSize}).
     *
     * @param term the term, an expression in the size
     * @param remainder the order of what is left after it, e.g. "O(L^-5)"
     * @param constantLatex the closed form of the term's constant in LaTeX where it has one (n = 2, 3 and 4; derived
     *     here, see {@link #uniformKlNextTermInSize}), else empty
     */
    public record NextTerm(Expr term, String remainder, String method, Verification check, String constantLatex) {
    }

    /** \( S_3 \) in closed form, in LaTeX. */
    static final String CUBIC_TERM_LATEX = "S_3 = 6\\,\\mathrm{Re}\\,\\zeta'(-2, a) + 2\\sqrt{3}\\,\\mathrm{Im}\\,"
            + "\\zeta'(-1, a), \\quad a = \\tfrac12 + \\tfrac{i}{2\\sqrt{3}}";

    /** \( C_4 \) in closed form, in LaTeX. */
    static final String QUARTIC_TERM_LATEX = "C_4 = \\tfrac{13}{480} + 4\\zeta'(-3, \\tfrac12) + \\zeta'(-1, \\tfrac12) "
            + "+ 8\\,\\mathrm{Re}\\,\\zeta'(-3, b) + 12\\,\\mathrm{Im}\\,\\zeta'(-2, b) - 4\\,\\mathrm{Re}\\,"
            + "\\zeta'(-1, b), \\quad b = \\tfrac{1+i}{2}";

    /**
     * The term after the leading one in the gap \( \log n - \frac{n-1}{n} - \mathrm{KL} \) of best-of-n on
     * uniform(L) (derived here), for n = 2 to {@link #MAX_N_FOR_SYMBOLIC_SIZE}.
     *
     * <p>The gap is a sum over the L cells of [0, 1] of the Jensen gaps \( J = \int f \log(f/\bar f) \) of
     * \( f(v) = n v^{n-1} \) (Eq. 5 against the KL). On a cell of width h = 1/L centred at m, with
     * \( f(m + hu) = f(m)(1 + a_1 hu + a_2 h^2u^2 + a_3 h^3 u^3 + \dots) \), \( a_k = f^{(k)}(m)/(k!\,f(m)) \),
     * expanding \( (1+g)\log(1+g) \) and averaging over u in [-1/2, 1/2] gives
     * \( J = h^3 f a_1^2/24 + h^5 f (a_2^2/360 + a_1 a_3/80 - a_1^2 a_2/160 + a_1^4/960) + O(h^7) \), that is
     * \( h^3 A(m) + h^5 B(m) \) with \( A(m) = n(n-1)^2 m^{n-3}/24 \) and
     * \( B(m) = n (n-1)^2 (2n^2-17n+29) m^{n-5}/2880 \).
     * <ul>
     * <li>n &gt;= 5: the midpoint rule's Euler-Maclaurin expansion, \( \sum_i h A(m_i) = \int_0^1 A - \frac{h^2}{24}
     *     (A'(1) - A'(0)) + O(h^4) \) with A'(0) = 0, and \( \sum_i h B(m_i) = \int_0^1 B + O(h^2) \), give the term
     *     \( D_n L^{-4} \), \( D_n = \int B - A'(1)/24 = -\frac{n(n-1)^2(3n^2-18n+31)}{2880(n-4)} \); the cells near 0,
     *     where the expansion in \( h a_1 = h(n-1)/m \) fails, hold \( O(h^n) \) of the gap, so the rest is
     *     \( O(L^{-5}) \).</li>
     * <li>n = 4: A is linear, so its midpoint sum is exact, and \( B(m) = -\frac{7}{80} m^{-1} \), so
     *     \( h^4 \sum_i h B(m_i) = -\frac{7}{80} h^4 \sum_i \frac{1}{i - 1/2} = -\frac{7}{80} h^4 (\log L + O(1)) \):
     *     the term \( (-\frac{7}{80}\log L + C_4) L^{-4} \), the rest \( O(L^{-5}) \), with \( C_4 \) in closed form
     *     below.</li>
     * <li>n = 2: the gap is exactly \( \log 2 - \frac12 + \log L - L^{-2} \sum_{i \le L} (2i-1)\log(2i-1) \)
     *     (the identity below), and the sum over odd k is \( T(2L) - 2T(L) - L(L+1)\log 2 \) with
     *     \( T(M) = \sum_{k \le M} k \log k \), the log of the hyperfactorial, whose Euler-Maclaurin expansion is
     *     \( (\frac{M^2}{2} + \frac{M}{2} + \frac{1}{12})\log M - \frac{M^2}{4} + \log A + \frac{1}{720 M^2}
     *     + O(M^{-4}) \) (A the Glaisher-Kinkelin constant, \( \log A = \frac{1}{12} - \zeta'(-1) \)). So the gap is
     *     \( \frac{\log L}{12 L^2} + \frac{C_2}{L^2} + \frac{7}{2880 L^4} + O(L^{-6}) \) with
     *     \( C_2 = \log A - \frac{\log 2}{12} \) = 0.19099221198712215342915..., the rest in even powers of 1/L
     *     (those of the expansion).</li>
     * <li>n = 3: the cells are exact, \( J_i = h^3 j(i) \) with \( j(i) = 2(i^3\log i - (i-1)^3\log(i-1))
     *     + D_i\log(3/D_i) - \frac23 D_i \), \( D_i = 3i^2 - 3i + 1 \), and \( j(i) - 1/2 = -\frac{1}{60(i-1/2)^2}
     *     + \dots \) (the \( h^5 \) term), so the gap is \( \frac{1}{2L^2} + S_3 L^{-3} + O(L^{-4}) \) with
     *     \( S_3 = \sum_{i \ge 1} (j(i) - 1/2) \), in closed form below.</li>
     * </ul>
     * The constants in closed form (derived here). Integrating f log f over each cell and telescoping, the gap is
     * exactly \( \log n - \frac{n-1}{n} + (n-1)\log L - L^{-n} \sum_{i \le L} D_i \log D_i \) with
     * \( D_i = i^n - (i-1)^n \). In x = i - 1/2, \( D_3 = 3(x^2 + \frac{1}{12}) \) and \( D_4 = 4x(x^2 + \frac14) \)
     * factor over the complex numbers; with w = x + ic the products \( D \log(x \pm ic) \) are polynomials in w times
     * log w, whose sums over i are differences of Hurwitz zeta derivatives,
     * \( \sum_{k=0}^{L-1} (k+a)^m \log(k+a) = \zeta'(-m, a+L) - \zeta'(-m, a) \). The terms at a + L, by the
     * large-q expansion \( \zeta(s, q) \sim \frac{q^{1-s}}{s-1} + \frac{q^{-s}}{2} + \sum_k \frac{B_{2k}}{(2k)!}
     * (s)_{2k-1} q^{-s-2k+1} \) differentiated in s, make up the growth of the sum and leave a rational constant (0 at
     * n = 3, 13/480 at n = 4: the expansion's constant terms are polynomials in a with rational coefficients); what is
     * left is
     * <ul>
     * <li>\( S_3 = 6\,\mathrm{Re}\,\zeta'(-2, a) + 2\sqrt3\,\mathrm{Im}\,\zeta'(-1, a) \), \( a = \frac12 +
     *     \frac{i}{2\sqrt3} \), = -0.0836214730948461563487536...;</li>
     * <li>\( C_4 = \frac{13}{480} + 4\zeta'(-3, \tfrac12) + \zeta'(-1, \tfrac12) + 8\,\mathrm{Re}\,\zeta'(-3, b)
     *     + 12\,\mathrm{Im}\,\zeta'(-2, b) - 4\,\mathrm{Re}\,\zeta'(-1, b) \), \( b = \frac{1+i}{2} \),
     *     = -0.1061858401726319231530075699...</li>
     * </ul>
     * bonlab evaluates neither Hurwitz zeta derivative at a complex point: the stored values are its own 50-digit
     * extrapolations of the exact finite sums ({@link #cubicTermConstant}, {@link #quarticTermConstant}), which the
     * tests hold to the closed forms' values (mpmath, 40 digits) within 1e-12 and 1e-20.
     * Confirmed at L = 200 and 1000 against the double-precision engine: the rest of the gap after the leading term,
     * scaled by \( L^4 \) (\( L^3 \) at n = 3), must be within {@link #NEXT_TERM_TOLERANCE} of the coefficient and
     * closer at the larger L; at n = 4 the same, less \( -\frac{7}{80}\log L \) and against \( C_4 \), with the KL
     * at 30 digits (in doubles the constant, 1e-13 of the gap at L = 1000, is lost).
     *
     * At n = 2 the same, with the KL at 30 digits: \( L^4 \) times the gap less its two \( L^{-2} \) terms, against
     * 7/2880.
     *
     * @return the term and how it was confirmed, or empty for n below 2 (or beyond
     *     {@link #MAX_N_FOR_SYMBOLIC_SIZE})
     */
    public static Optional<NextTerm> uniformKlNextTermInSize(long n, Expr.Sym size) {
        if (n < 2 || n > MAX_N_FOR_SYMBOLIC_SIZE) {
            return Optional.empty();
        }
        if (n == 2) {
            return Optional.of(uniformKlNextTermAtTwo(size));
        }
        Rational c = BestOfForms.uniformGapRateCoefficient(n);
        double coefficient;
        Expr term;
        String remainder;
        String method;
        int power;
        boolean logarithmic = n == 4;
        if (n == 3) {
            coefficient = CUBIC_TERM_CONSTANT;
            double rounded = Double.parseDouble(String.format(Locale.ROOT, "%.10g", coefficient));
            term = Expr.constant(Math.abs(rounded)).div(size.pow(3));
            term = rounded < 0 ? term.unaryMinus() : term;
            remainder = "O(" + size.name() + "^-4)";
            power = 3;
            method = "the cells' Jensen gaps in closed form, h^3 j(i), and S_3 = sum_{i >= 1} (j(i) - 1/2) with "
                    + "j(i) = 2(i^3 log i - (i-1)^3 log(i-1)) + D log(3/D) - (2/3) D, D = 3i^2 - 3i + 1; in closed form "
                    + "S_3 = 6 Re zeta'(-2, a) + 2 sqrt(3) Im zeta'(-1, a), a = 1/2 + i/(2 sqrt(3)) (Hurwitz zeta; D "
                    + "factored over the complex numbers), evaluated by Richardson extrapolation of its partial sums at 50 "
                    + "digits (derived here; the value stored, recomputed by the tests)";
        } else {
            BigInteger nn = BigInteger.valueOf(n);
            BigInteger m1 = nn.subtract(BigInteger.ONE);
            Rational d = n == 4 ? Rational.of(-7, 80)
                    : new Rational(nn.multiply(m1).multiply(m1).multiply(BigInteger.valueOf(3 * n * n - 18 * n + 31))
                            .negate(), BigInteger.valueOf(2880 * (n - 4)));
            coefficient = d.toDouble();
            Expr numerator = Expr.constant(new Rational(d.numerator().abs(), BigInteger.ONE));
            if (n == 4) {
                numerator = numerator.times(Expr.log(size));
            }
            Expr fourth = size.pow(4);
            term = numerator.div(d.denominator().equals(BigInteger.ONE) ? fourth
                    : Expr.constant(new Rational(d.denominator(), BigInteger.ONE)).times(fourth));
            term = d.signum() < 0 ? term.unaryMinus() : term;
            if (n == 4) {
                double rounded = Double.parseDouble(String.format(Locale.ROOT, "%.10g", QUARTIC_TERM_CONSTANT));
                Expr constant = Expr.constant(Math.abs(rounded)).div(fourth);
                term = rounded < 0 ? term.minus(constant) : term.plus(constant);
            }
            remainder = "O(" + size.name() + "^-5)";
            power = 4;
            method = n == 4 ? "Euler-Maclaurin for the midpoint sums of the cells' Jensen gaps, expanded to h^5: A is "
                    + "linear at n = 4 and h^5 B sums to -(7/80) h^4 log L; the constant C_4 = 13/480 + "
                    + "4 zeta'(-3, 1/2) + zeta'(-1, 1/2) + 8 Re zeta'(-3, b) + 12 Im zeta'(-2, b) - 4 Re zeta'(-1, b), "
                    + "b = (1+i)/2 (Hurwitz zeta; the exact sum over the cells, its D_i = 4x(x^2 + 1/4) factored), "
                    + "evaluated by Richardson extrapolation of the exact sums at 50 digits (derived here; the value "
                    + "stored, recomputed by the tests)"
                    : "Euler-Maclaurin for the midpoint sums of the cells' Jensen gaps, expanded to h^5 (derived here)";
        }
        // at n = 4, what is left after the log term is the constant C_4
        double target = logarithmic ? QUARTIC_TERM_CONSTANT : coefficient;
        Verification check = nextTermCheck(l -> {
            // at n = 4 the constant sits 1e-13 below a gap of 1e-6 at L = 1000: the KL at 30 digits
            double gap = logarithmic ? uniformKlGapPrecise(n, l) : uniformKlGap(n, l);
            // at n = 4, less the log term: what is left must settle at the O(L^-4) term's constant
            return Math.pow(l, power) * (gap - c.toDouble() / ((double) l * l)) - (logarithmic
                    ? coefficient * Math.log(l) : 0);
        }, "%.6g", "L^" + power + " (log n - (n-1)/n - KL - (" + c + ")/L^2)" + (logarithmic ? " + (7/80) log(L)" : ""),
                "", target, logarithmic);
        return Optional.of(new NextTerm(term, remainder, method, check, n == 3 ? CUBIC_TERM_LATEX
                : n == 4 ? QUARTIC_TERM_LATEX : ""));
    }

    /**
     * The terms after the leading \( \frac{\log L}{12 L^2} \) in the gap at n = 2: \( \frac{C_2}{L^2} +
     * \frac{7}{2880 L^4} \) ({@link #uniformKlNextTermInSize}), confirmed at L = 200 and 1000 against the KL at 30 digits.
     */
    private static NextTerm uniformKlNextTermAtTwo(Expr.Sym size) {
        double rounded = Double.parseDouble(String.format(Locale.ROOT, "%.10g", QUADRATIC_TERM_CONSTANT));
        Expr squared = size.pow(2);
        // after the leading log(L)/(12 L^2) (uniformKlRateInSize)
        Expr term = Expr.constant(rounded).div(squared)
                .plus(Expr.constant(7).div(Expr.constant(2880).times(size.pow(4))));
        // the L^-4 term is 1e-7 of the gap at L = 200 and 1e-9 at 1000: the KL at 30 digits
        Verification check = nextTermCheck(l -> Math.pow(l, 4) * (uniformKlGapPrecise(2, l)
                - (Math.log(l) / 12 + QUADRATIC_TERM_CONSTANT) / ((double) l * l)), "%.9g",
                "L^4 (log n - (n-1)/n - KL - (log(L)/12 + C_2)/L^2)", "7/2880 = ", 7.0 / 2880, true);
        String method = "the exact gap log 2 - 1/2 + log L - L^-2 sum_{i <= L} (2i-1) log(2i-1), the sum over odd k "
                + "written with T(M) = sum_{k <= M} k log k (the log of the hyperfactorial) as T(2L) - 2T(L) - "
                + "L(L+1) log 2, and T's Euler-Maclaurin expansion (M^2/2 + M/2 + 1/12) log M - M^2/4 + log A + "
                + "1/(720 M^2) + O(M^-4); the constant C_2 = log A - log(2)/12, A the Glaisher-Kinkelin constant "
                + "(log A = 1/12 - zeta'(-1)), evaluated by Richardson extrapolation of the exact sums at 50 digits "
                + "(derived here; the value stored, recomputed by the tests)";
        return new NextTerm(term, "O(" + size.name() + "^-6)", method, check, QUADRATIC_TERM_LATEX);
    }

    /**
     * The check of a next term at {@link #SIZE_NEXT_TERM_POINTS}: the gap's rest, scaled ({@code scaled} at each L),
     * must be within {@link #NEXT_TERM_TOLERANCE} of {@code target} and closer to it at the larger L.
     *
     * @param format how each scaled value is printed
     * @param what the scaled quantity, as printed
     * @param targetName printed before the target's value (e.g. "7/2880 = "), or empty
     * @param precise whether the KL was taken at 30 digits rather than in double precision
     */
    private static Verification nextTermCheck(java.util.function.LongToDoubleFunction scaled, String format,
            String what, String targetName, double target, boolean precise) {
        double[] values = new double[SIZE_NEXT_TERM_POINTS.size()];
        StringBuilder shown = new StringBuilder();
        for (int k = 0; k < values.length; k++) {
            long l = SIZE_NEXT_TERM_POINTS.get(k);
            values[k] = scaled.applyAsDouble(l);
            shown.append(k == 0 ? "" : ", ").append(String.format(Locale.ROOT, format + " at L = %d", values[k], l));
        }
        double first = values[0];
        double last = values[values.length - 1];
        double error = Math.abs(last / target - 1);
        String how = what + " = " + shown + String.format(Locale.ROOT, " against %s%.10g", targetName, target)
                + (precise ? " (the exact KL at 30 digits)" : " (the exact KL in double precision)");
        boolean holds = error < NEXT_TERM_TOLERANCE && Math.abs(last - target) <= Math.abs(first - target);
        return holds ? new Verification.CheckedNumerically(values.length, error, how)
                : new Verification.Unverified("the numbers do not bear it out: " + how);
    }

    /** \( C_2 \) in closed form, in LaTeX. */
    static final String QUADRATIC_TERM_LATEX = "C_2 = \\log A - \\tfrac{\\log 2}{12} = \\tfrac{1}{12} - \\zeta'(-1) "
            + "- \\tfrac{\\log 2}{12}, \\quad A \\text{ the Glaisher--Kinkelin constant}";

    /**
     * \( C_2 = \log A - \frac{\log 2}{12} \), the constant of the \( L^{-2} \) term of the gap at n = 2
     * ({@link #uniformKlNextTermInSize}), from {@link #quadraticTermConstant} rounded to a double, stored as
     * {@link #CUBIC_TERM_CONSTANT} is. mpmath's {@code log(glaisher) - log(2)/12} at 40 digits is
     * 0.1909922119871221534291503167879325954244.
     */
    static final double QUADRATIC_TERM_CONSTANT = 0.19099221198712215;

    /**
     * \( C_2 \) at 50 digits from the exact gap at n = 2, \( G(L) = \log 2 - \frac12 + \log L - L^{-2}
     * \sum_{i \le L} (2i-1)\log(2i-1) \): \( C(L) = L^2 G(L) - \frac{\log L}{12} \) at L = 125, 250, 500, 1000,
     * extrapolated by Richardson's scheme in \( 1/L^2 \) (the hyperfactorial's expansion has only even powers).
     */
    static java.math.BigDecimal quadraticTermConstant() {
        java.math.MathContext mc = new java.math.MathContext(50);
        org.bonlab.numeric.precise.HighPrecisionEvaluator hp = new org.bonlab.numeric.precise.HighPrecisionEvaluator(50);
        java.math.BigDecimal log2 = hp.evaluate(Expr.log(Expr.constant(2)));
        java.math.BigDecimal[] sums = sumsOfDLogD(i -> 2L * i - 1, hp, mc);
        java.math.BigDecimal[] values = new java.math.BigDecimal[EXTRAPOLATION_SIZES.length];
        java.math.BigDecimal twelve = java.math.BigDecimal.valueOf(12);
        for (int k = 0; k < values.length; k++) {
            java.math.BigDecimal squared = java.math.BigDecimal.valueOf(EXTRAPOLATION_SIZES[k]).pow(2);
            java.math.BigDecimal logL = hp.evaluate(Expr.log(Expr.constant(EXTRAPOLATION_SIZES[k])));
            // L^2 G(L) - log(L)/12
            java.math.BigDecimal scaledGap = squared.multiply(log2.subtract(new java.math.BigDecimal("0.5")).add(logL),
                    mc).subtract(sums[k], mc);
            values[k] = scaledGap.subtract(logL.divide(twelve, mc), mc);
        }
        return richardson(values, 2, mc); // in 1/L^2
    }

    /**
     * {@link #cubicTermConstant} rounded to a double, stored: its 1000 logs at 50 digits took a tenth of a second
     * of every cold derivation of uniform(L)'s KL at n = 3. mpmath's {@code nsum} of the series at 30 digits gives
     * -0.08362147309484615635 (5e-16 away; the extrapolation leaves about 1e-12). {@code RegimesTest} recomputes it.
     */
    static final double CUBIC_TERM_CONSTANT = -0.08362147309484664;

    /**
     * \( C_4 \), the constant of the \( L^{-4} \) term of the gap at n = 4 ({@link #uniformKlNextTermInSize}), from
     * {@link #quarticTermConstant} rounded to a double, stored as {@link #CUBIC_TERM_CONSTANT} is. Its closed form's
     * value (mpmath's Hurwitz zeta derivatives, 40 digits) is -0.1061858401726319231530075699156471025565.
     */
    static final double QUARTIC_TERM_CONSTANT = -0.10618584017263192;

    /**
     * \( C_4 \) at 50 digits from the exact gap at n = 4,
     * \( G(L) = \log 4 - \frac34 + 3\log L - L^{-4}\sum_{i \le L} D_i \log D_i \), \( D_i = i^4 - (i-1)^4 \):
     * \( C(L) = L^4 (G(L) - \frac{3}{4L^2}) + \frac{7}{80}\log L \) at L = 125, 250, 500, 1000, extrapolated by
     * Richardson's scheme in \( 1/L^2 \) (the sums' expansion has only even powers: mpmath puts the extrapolation
     * 7e-24 from the closed form).
     */
    static java.math.BigDecimal quarticTermConstant() {
        java.math.MathContext mc = new java.math.MathContext(50);
        org.bonlab.numeric.precise.HighPrecisionEvaluator hp = new org.bonlab.numeric.precise.HighPrecisionEvaluator(50);
        java.math.BigDecimal log4 = hp.evaluate(Expr.log(Expr.constant(4)));
        java.math.BigDecimal[] sums = sumsOfDLogD(i -> 4L * i * i * i - 6L * i * i + 4L * i - 1, hp, mc);
        java.math.BigDecimal[] values = new java.math.BigDecimal[EXTRAPOLATION_SIZES.length];
        for (int k = 0; k < values.length; k++) {
            java.math.BigDecimal size = java.math.BigDecimal.valueOf(EXTRAPOLATION_SIZES[k]);
            java.math.BigDecimal logL = hp.evaluate(Expr.log(Expr.constant(EXTRAPOLATION_SIZES[k])));
            // L^4 G(L) - (3/4) L^2 + (7/80) log L
            java.math.BigDecimal scaledGap = size.pow(4).multiply(log4.subtract(new java.math.BigDecimal("0.75"))
                    .add(logL.multiply(java.math.BigDecimal.valueOf(3), mc)), mc).subtract(sums[k], mc);
            values[k] = scaledGap.subtract(size.pow(2).multiply(new java.math.BigDecimal("0.75")), mc)
                    .add(logL.multiply(new java.math.BigDecimal("0.0875"), mc), mc);
        }
        return richardson(values, 2, mc); // in 1/L^2
    }

    /**
     * \( S_3 = \sum_{i \ge 1} (j(i) - 1/2) \), the coefficient of \( L^{-3} \) in the gap at n = 3
     * ({@link #uniformKlNextTermInSize}), at 50 digits: the partial sums \( S(N) = 2N^3\log N + N^3(\log 3 - 2/3)
     * - \sum_{i \le N} D_i \log D_i - N/2 \) (the sum of j(i) - 1/2 telescoped, as \( \sum_{i \le N} D_i = N^3 \))
     * at N = 125, 250, 500, 1000, extrapolated in 1/N by Richardson's scheme (the summand's expansion in
     * \( 1/(i - 1/2) \) has only even powers, so \( S(N) - S_3 \) is a series in 1/N; four points leave
     * \( O(N^{-4}) \), about 1e-12).
     */
    static java.math.BigDecimal cubicTermConstant() {
        java.math.MathContext mc = new java.math.MathContext(50);
        org.bonlab.numeric.precise.HighPrecisionEvaluator hp = new org.bonlab.numeric.precise.HighPrecisionEvaluator(50);
        java.math.BigDecimal log3 = hp.evaluate(Expr.log(Expr.constant(3)));
        java.math.BigDecimal[] sums = sumsOfDLogD(i -> 3L * i * i - 3L * i + 1, hp, mc);
        java.math.BigDecimal[] partial = new java.math.BigDecimal[EXTRAPOLATION_SIZES.length];
        for (int k = 0; k < partial.length; k++) {
            java.math.BigDecimal nn = java.math.BigDecimal.valueOf(EXTRAPOLATION_SIZES[k]);
            java.math.BigDecimal cube = nn.pow(3);
            java.math.BigDecimal logN = hp.evaluate(Expr.log(Expr.constant(EXTRAPOLATION_SIZES[k])));
            partial[k] = cube.multiply(logN, mc).multiply(java.math.BigDecimal.valueOf(2))
                    .add(cube.multiply(log3.subtract(new java.math.BigDecimal(2).divide(new java.math.BigDecimal(3), mc)),
                            mc))
                    .subtract(sums[k]).subtract(nn.divide(java.math.BigDecimal.valueOf(2)), mc);
        }
        return richardson(partial, 1, mc); // in 1/N
    }

    /**
     * The sizes at which {@link #quadraticTermConstant}, {@link #cubicTermConstant} and {@link #quarticTermConstant}
     * take their exact sums.
     */
    private static final int[] EXTRAPOLATION_SIZES = {125, 250, 500, 1000};

    /** \( \sum_{i \le N} D_i \log D_i \) at each of {@link #EXTRAPOLATION_SIZES}, with \( D_i \) = {@code d(i)}. */
    private static java.math.BigDecimal[] sumsOfDLogD(java.util.function.LongUnaryOperator d,
            org.bonlab.numeric.precise.HighPrecisionEvaluator hp, java.math.MathContext mc) {
        java.math.BigDecimal[] sums = new java.math.BigDecimal[EXTRAPOLATION_SIZES.length];
        java.math.BigDecimal sum = java.math.BigDecimal.ZERO;
        int done = 0;
        for (int k = 0; k < sums.length; k++) {
            for (int i = done + 1; i <= EXTRAPOLATION_SIZES[k]; i++) {
                long di = d.applyAsLong(i);
                sum = sum.add(java.math.BigDecimal.valueOf(di).multiply(hp.evaluate(Expr.log(Expr.constant(di))), mc),
                        mc);
            }
            done = EXTRAPOLATION_SIZES[k];
            sums[k] = sum;
        }
        return sums;
    }

    /**
     * Richardson's scheme on values at sizes doubling (as {@link #EXTRAPOLATION_SIZES}), when their error is a
     * series in \( h^{step} \), h = 1/size: eliminates \( h^{step} \), \( h^{2\,step} \), ... in turn.
     */
    private static java.math.BigDecimal richardson(java.math.BigDecimal[] values, int step, java.math.MathContext mc) {
        java.math.BigDecimal[] t = values.clone();
        for (int order = 1; order < t.length; order++) {
            java.math.BigDecimal factor = java.math.BigDecimal.valueOf(1L << (step * order));
            for (int k = t.length - 1; k >= order; k--) {
                t[k] = t[k].multiply(factor).subtract(t[k - 1]).divide(factor.subtract(java.math.BigDecimal.ONE), mc);
            }
        }
        return t[t.length - 1];
    }

    /** As {@link #uniformKlGap}, with the KL at 30 digits. */
    private static double uniformKlGapPrecise(long n, long size) {
        java.math.BigDecimal kl = new org.bonlab.numeric.precise.HighPrecisionEvaluator(30).evaluate(
                uniformQuantity("kl", size, n));
        java.math.BigDecimal rest = new org.bonlab.numeric.precise.HighPrecisionEvaluator(30).evaluate(
                Expr.log(Expr.constant(n)).minus(Expr.constant(n - 1).div(Expr.constant(n))));
        return rest.subtract(kl).doubleValue();
    }

    /** log n - (n-1)/n - KL(pi_n || uniform(size)), the KL by the double-precision engine. */
    private static double uniformKlGap(long n, long size) {
        return Math.log(n) - (n - 1.0) / n - new DoubleEvaluator().evaluate(uniformQuantity("kl", size, n), Map.of());
    }

    /** One of {@link #UNIFORM_IN_SIZE_QUANTITIES} on uniform(size) at a fixed n, as the numeric engine reads it. */
    private static Expr uniformQuantity(String quantity, long size, long n) {
        Policy u = Policy.uniform((int) size);
        return switch (quantity) {
            case "win_half" -> org.bonlab.Bon.winRateHalf(u.bestOf(n), u);
            case "win_strict" -> org.bonlab.Bon.winRateStrict(u.bestOf(n), u);
            case "expected_reward" -> org.bonlab.Bon.expectedReward(u.bestOf(n));
            default -> org.bonlab.Bon.kl(u.bestOf(n), u);
        };
    }

    /**
     * An expression of derivable quantities (such as the gap {@code analyticalKl(n) - kl(p.bestOf(n), p)}): each
     * quantity is derived, the closed forms and the presented forms are put in its place, and the whole is
     * cross-checked and taken to its limit like a single quantity. Its limit, when Symja finds none, is the same
     * expression of the parts' limits where they all exist, confirmed numerically.
     */
    private Derivation deriveCompound(Expr expression, Expr.Sym n) {
        List<Derivation> parts = new ArrayList<>();
        Expr closed = new Rewrite() {
            @Override
            protected Expr quantity(Quantity q) {
                Derivation d = derive(q, n);
                parts.add(d);
                return d.closedForm();
            }
        }.apply(expression);
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("expression must contain a quantity to derive, but was "
                    + expression.show());
        }
        java.util.Iterator<Derivation> presentedParts = parts.iterator();
        Expr presented = Vocabulary.recogniseAnalyticalKl(new Rewrite() {
            @Override
            protected Expr quantity(Quantity q) {
                Derivation d = presentedParts.next();
                return q instanceof Quantity.AnalyticalKl ? q : d.presented();
            }
        }.apply(expression), n);
        java.util.Iterator<Derivation> limitParts = parts.iterator();
        boolean[] allFound = {true};
        Expr combined = new Rewrite() {
            @Override
            protected Expr quantity(Quantity q) {
                LimitResult l = limitParts.next().limit();
                allFound[0] &= l instanceof LimitResult.Found;
                return l instanceof LimitResult.Found f ? f.value() : q;
            }
        }.apply(expression);
        List<Expr.Sym> parameters = freeSymbols(closed, n);
        List<Long> points = containsSum(closed) ? SUM_CHECK_POINTS : CROSS_CHECK_POINTS;
        Verification cross = crossCheck(expression, presented, n, parameters, points);
        // the free symbols' ranges are not tracked through the parts: any real, so PowerExpand only where that allows
        Map<Expr.Sym, Positivity.Bounds> domain = Map.of(n, Positivity.Bounds.atLeast(1, Double.POSITIVE_INFINITY));
        Verification equality = points == CROSS_CHECK_POINTS ? identity(closed, presented, n, parameters, domain)
                : agreement(closed, presented, n, parameters, points, "Symja does not expand sums with a symbolic bound");
        LimitResult limit = limit(expression, closed, n, allFound[0] ? Optional.of(combined) : Optional.empty(),
                "the same expression of the parts' limits", parameters);
        if (limit instanceof LimitResult.NotFound nf && divergesAsSum(expression, parts)) {
            LimitResult d = confirmDivergence(expression, n, parameters, "a sum whose terms with + sign include one "
                    + "that diverges to +infinity while every other term has a finite limit", new ArrayList<>());
            limit = d instanceof LimitResult.Diverges ? d
                    : new LimitResult.NotFound(nf.reason() + "; " + ((LimitResult.NotFound) d).reason());
        }
        return new Derivation(expression, n, closed, presented, equality, limit, cross);
    }

    /**
     * Whether {@code expression} is a sum of quantities and constants in which some term with a + sign diverges to
     * +infinity and every other term has a finite limit (the parts are in the order a {@link Rewrite} meets them).
     */
    private static boolean divergesAsSum(Expr expression, List<Derivation> parts) {
        Map<Expr, LimitResult> limits = new HashMap<>();
        for (Derivation d : parts) {
            limits.put(d.quantity(), d.limit());
        }
        boolean diverging = false;
        for (Vocabulary.Term t : Vocabulary.terms(expression)) {
            if (t.value() instanceof Expr.Num) {
                continue;
            }
            LimitResult l = limits.get(t.value());
            if (l instanceof LimitResult.Diverges dv && dv.rate().isEmpty() && !t.negative()) { // to +infinity
                diverging = true;
            } else if (!(l instanceof LimitResult.Found)) {
                return false;
            }
        }
        return diverging;
    }

    /** Whether {@code e} has the symbol {@code s} anywhere. */
    static boolean mentions(Expr e, Expr.Sym s) {
        boolean[] found = {false};
        new Rewrite() {
            @Override
            protected Expr after(Expr x) {
                found[0] |= x.equals(s);
                return x;
            }
        }.apply(e);
        return found[0];
    }

    /** The limit of a closed form without n (the tilted policy's quantities): the form itself, no Limit needed. */
    private static LimitResult constantIn(Expr.Sym n, Expr presented) {
        return new LimitResult.Found(presented, "the closed form does not contain " + n.name(),
                new Verification.Proved("the quantity does not depend on " + n.name()), List.of());
    }

    /**
     * The symbols a derivation's closed form depends on, n first when it appears: what {@link Derivation#fix} can
     * fix.
     */
    public static List<Expr.Sym> parameters(Derivation d) {
        List<Expr.Sym> all = new ArrayList<>();
        List<Expr.Sym> free = symbolsOutsideSums(d.closedForm());
        if (free.contains(d.variable())) {
            all.add(d.variable());
        }
        all.addAll(freeSymbols(d.closedForm(), d.variable()));
        return all;
    }

    /** The symbols of a closed form other than n and the indices of its sums: its family parameters. */
    static List<Expr.Sym> freeSymbols(Expr e, Expr.Sym n) {
        List<Expr.Sym> free = symbolsOutsideSums(e);
        free.remove(n);
        return free;
    }

    /** The symbols of an expression other than the indices of its sums, in the order met. */
    private static List<Expr.Sym> symbolsOutsideSums(Expr e) {
        Set<Expr.Sym> seen = new LinkedHashSet<>();
        Set<Expr.Sym> indices = new java.util.HashSet<>();
        new Rewrite() {
            @Override
            public Expr visitSum(Expr.Sum s) {
                indices.add(s.index());
                return super.visitSum(s);
            }

            @Override
            protected Expr after(Expr x) {
                if (x instanceof Expr.Sym s) {
                    seen.add(s);
                }
                return x;
            }
        }.apply(e);
        seen.removeAll(indices);
        return new ArrayList<>(seen);
    }

    private static boolean containsSum(Expr e) {
        boolean[] found = {false};
        new Rewrite() {
            @Override
            protected Expr after(Expr x) {
                found[0] |= x instanceof Expr.Sum;
                return x;
            }
        }.apply(e);
        return found[0];
    }

    /**
     * The leading behaviour of {@code kl(base.bestOf(n), base)} for large and for small \( n\varepsilon \), each
     * checked against the exact KL (see {@link Regimes} for the derivations). Needs no Symja.
     */
    public Asymptotics regimes(BasePolicy base, Expr.Sym n) {
        return Regimes.of(base, n);
    }

    /** The values of n at which closed forms with sums over 0..n are cross-checked (20 points, n up to 200). */
    public static final List<Long> SUM_CHECK_POINTS = List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 10L, 12L, 15L, 20L,
            25L, 30L, 40L, 50L, 70L, 100L, 150L, 200L);

    /**
     * KL(soft best-of-n || p) on two outcomes, with symbolic n and a numeric or symbolic temperature; the form is
     * a finite sum over the number of draws of the better outcome (see {@link SoftForms}).
     */
    private Derivation deriveSoft(Quantity.Kl quantity, org.bonlab.policy.SoftBestOf s, Expr.Sym n) {
        if (!(s.policy() instanceof BasePolicy base) || !base.equals(quantity.p()) || !s.n().equals(n)) {
            throw unsupported(quantity);
        }
        List<Expr.Sym> parameters = new ArrayList<>(parameters(base));
        if (s.lambda() instanceof Expr.Sym lambda) {
            parameters.add(lambda);
        }
        SoftForms f = SoftForms.of(base, n, s.lambda());
        Expr closed = f.klDirect();
        Expr presented = f.klPresented();
        Verification cross = crossCheck(quantity, presented, n, parameters, SUM_CHECK_POINTS);
        Verification equality = agreement(closed, presented, n, parameters, SUM_CHECK_POINTS.subList(0, 16),
                "Symja does not expand sums with a symbolic bound");
        List<String> failures = new ArrayList<>();
        ToSymja to = new ToSymja();
        SymjaSession.Outcome o = symja.eval(F.Limit(to.translate(closed), F.Rule(to.symbol(n), F.CInfinity)),
                LIMIT_ATTEMPT);
        LimitResult limit = fromSymja(o, to, quantity, n, parameters, "Symja Limit", failures);
        if (limit == null) {
            LimitResult lln = confirm(quantity, f.klLimit(), n, parameters, "law of large numbers: the share of "
                    + "draws of the better outcome tends to p, so soft best-of-n tends to the KL-regularised optimum",
                    failures);
            limit = lln instanceof LimitResult.Found ? lln
                    : new LimitResult.NotFound(String.join("; ", failures) + "; " + ((LimitResult.NotFound) lln).reason());
        }
        return new Derivation(quantity, n, closed, presented, equality, limit, cross);
    }

    /**
     * The symbolic parameters of a base policy: the p of {@code bernoulli(p)}, the symbolic tops of
     * {@code spike(L, [a, b, ...])} (checked at values below their {@link org.bonlab.policy.BasePolicy#parameterBounds
     * bounds}, so the tops never sum past 1), the r of {@code geometric(L, r)} (checked at r in (0, 1)).
     */
    static List<Expr.Sym> parameters(BasePolicy base) {
        if (base instanceof Bernoulli b && !(b.p() instanceof Expr.Num) && !(b.p() instanceof Expr.Sym)) {
            throw new IllegalArgumentException("bernoulli p must be a number or a symbol, but was " + b.p().show());
        }
        return new ArrayList<>(new LinkedHashSet<>(base.symbols()));
    }

    /** The base policy p of a quantity about {@code p.bestOf(n)}. */
    private static BasePolicy bestOfBase(Expr quantity, Expr.Sym n) {
        if (quantity instanceof Quantity.EstimatorMean m) {
            if (m.base() instanceof BasePolicy base && m.n().equals(n)) {
                return base;
            }
            throw unsupported(quantity);
        }
        if (quantity instanceof Quantity.Bound b) {
            if (b.base() instanceof BasePolicy base && b.n().equals(n)) {
                return base;
            }
            throw unsupported(quantity);
        }
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
                        + "against p, klHatMean(p, n), klHat1Mean(p, n), a bound of Beirami et al. on p and n, "
                        + "analyticalKl(n), or an expression of these, but was %s",
                quantity.show()));
    }

    /** How a presented form from {@link #withPowersAsVariables} is shown equal to the closed form. */
    private static final Verification POWERS_AS_VARIABLES_PROOF = new Verification.Proved("bonlab reduces closed form - "
            + "presented form to 0 with the powers p^n of primes, other powers x^n and exponentials e^x as variables "
            + "and each log's argument put together and "
            + "factored (no log split, so no sign condition), Symja's Together on each log's coefficient");

    /**
     * {@code e} rewritten by {@link PowersAsVariables} (powers like 3^(1-n) as variables, each log's coefficient and
     * argument put together and factored), where that is shorter and {@link PowersAsVariables#isIdentity} shows the
     * two equal; empty otherwise.
     */
    private Optional<Expr> withPowersAsVariables(Expr e, Expr.Sym n, List<Expr.Sym> parameters) {
        ToSymja to = translator(n, parameters);
        IExpr input = to.translate(e);
        Optional<IExpr> rewritten = PowersAsVariables.simplified(symja, input);
        if (rewritten.isEmpty() || rewritten.get().leafCount() >= input.leafCount()) {
            return Optional.empty();
        }
        Optional<Expr> back = new FromSymja(to.inverse()).translate(rewritten.get());
        if (back.isEmpty() || !PowersAsVariables.isIdentity(symja, F.Subtract(input, to.translate(back.get())))) {
            return Optional.empty(); // the form shown is the one proved equal, after its way back through Expr
        }
        return back;
    }

    /**
     * Symja's Simplify of {@code e} with its powers like 2^n as variables ({@link PowersAsVariables#simplifiedBySymja}),
     * translated back; {@link #simplified} where {@code e} has no such power.
     */
    private Optional<Expr> simplifiedWithPowersAsVariables(Expr e, Expr.Sym n, List<Expr.Sym> parameters) {
        ToSymja to = translator(n, parameters);
        IExpr input = to.translate(e);
        return PowersAsVariables.simplifiedBySymja(symja, input, symja.timeLimit()).or(() -> symjaSimplify(input))
                .flatMap(r -> new FromSymja(to.inverse()).translate(r));
    }

    /** Symja's Simplify, translated back; empty when Symja fails or the result cannot be translated. */
    private Optional<Expr> simplified(Expr e, Expr.Sym n, List<Expr.Sym> parameters) {
        ToSymja to = translator(n, parameters);
        return symjaSimplify(to.translate(e)).flatMap(r -> new FromSymja(to.inverse()).translate(r));
    }

    private Optional<IExpr> symjaSimplify(IExpr e) {
        return symja.eval(F.Simplify(e)) instanceof SymjaSession.Outcome.Value v ? Optional.of(v.expr())
                : Optional.empty();
    }

    /** A translator to Symja with n and the parameters as its symbols. */
    private static ToSymja translator(Expr.Sym n, List<Expr.Sym> parameters) {
        ToSymja to = new ToSymja();
        to.symbol(n);
        parameters.forEach(to::symbol);
        return to;
    }

    /**
     * Shows {@code a == b} for every n &gt;= 1 and every value of the parameters in (0, 1) (the probabilities of a
     * family); see {@link #identity(Expr, Expr, Expr.Sym, List, Map)}.
     */
    public Verification identity(Expr a, Expr b, Expr.Sym n, List<Expr.Sym> parameters) {
        Map<Expr.Sym, Positivity.Bounds> domain = new HashMap<>();
        domain.put(n, Positivity.Bounds.atLeast(1, Double.POSITIVE_INFINITY));
        // each parameter over all of (0, 1), not only its sampling bound: the spike tops' (0, 1/k) boxes leave out
        // valid policies, and positivity shown there would not cover them
        parameters.forEach(s -> domain.put(s, Positivity.Bounds.PROBABILITY));
        return identity(a, b, n, parameters, domain);
    }

    /**
     * Shows {@code a == b} on {@code domain} (the range of each symbol; a symbol not named is any real): exactly
     * when Symja reduces {@code Expand(a - b)} to 0, with PowerExpand applied first only when every base and log
     * argument it would rewrite is shown positive on the domain ({@link Positivity}); otherwise by agreement at the
     * cross-check points (reported as numerical evidence, not proof).
     *
     * <p>PowerExpand assumes positive bases: it turns \( \sqrt{x^2} \) into x and \( \log(ab) \) into
     * \( \log a + \log b \). Unguarded, it "proved" \( \sqrt{x^2} = x \) for an x that is negative for every n.
     */
    Verification identity(Expr a, Expr b, Expr.Sym n, List<Expr.Sym> parameters,
            Map<Expr.Sym, Positivity.Bounds> domain) {
        ToSymja to = translator(n, parameters);
        IExpr diff = F.Subtract(to.translate(a), to.translate(b));
        // wrapped in Identity so that a difference Symja leaves as a sum is a value, not "returned unevaluated"
        SymjaSession.Outcome evaluated = symja.eval(F.Identity(diff));
        if (!(evaluated instanceof SymjaSession.Outcome.Value value)) {
            return agreement(a, b, n, parameters, ((SymjaSession.Outcome.Failed) evaluated).reason());
        }
        List<IExpr> needPositive = new ArrayList<>();
        PowerExpansion.collect(value.expr(), false, needPositive);
        Positivity positivity = new Positivity(domain);
        FromSymja from = new FromSymja(to.inverse());
        String notShown = null;
        for (IExpr x : needPositive) {
            Optional<Expr> e = from.translate(x);
            if (e.isEmpty() || !positivity.isPositive(e.get())) {
                notShown = e.map(Expr::show).orElse(x.toString());
                break;
            }
        }
        boolean expandPowers = notShown == null;
        SymjaSession.Outcome o = symja.eval(expandPowers ? F.Expand(F.PowerExpand(value.expr()))
                : F.Expand(value.expr()));
        if (o instanceof SymjaSession.Outcome.Value v && !v.expr().isZero()
                && PowersAsVariables.isIdentity(symja, value.expr())) {
            // Symja's Expand leaves it, as where a KL's presented form has its logs' arguments factored (the gap), or
            // where exponentials sit in denominators (the tilted policy's normaliser 1 + e^(1/beta)): before Together,
            // which takes a tenth of a second or more to fail on forms with logs
            return POWERS_AS_VARIABLES_PROOF;
        }
        String together = "";
        if (o instanceof SymjaSession.Outcome.Value v && !v.expr().isZero()
                && symja.eval(F.Together(v.expr())) instanceof SymjaSession.Outcome.Value t && t.expr().isZero()) {
            o = t; // fractions over a common denominator (the tilted optimum's normaliser e^(r/beta))
            together = "Together of ";
        }
        if (o instanceof SymjaSession.Outcome.Value v && v.expr().isZero()) {
            return new Verification.Proved(needPositive.isEmpty()
                    ? "Symja reduces closed form - presented form to 0 (no power or log that needs a positive base)"
                    : expandPowers ? String.format(Locale.ROOT, "Symja reduces " + together
                            + "Expand(PowerExpand(closed form - presented form)) to 0; "
                            + "PowerExpand is valid there because the %d bases and log arguments it rewrites are shown "
                            + "positive on the domain (outward-rounded enclosures)", needPositive.size())
                    : "Symja reduces " + together + "Expand(closed form - presented form) to 0");
        }
        if (o instanceof SymjaSession.Outcome.Failed && PowersAsVariables.isIdentity(symja, value.expr())) {
            return POWERS_AS_VARIABLES_PROOF; // where Symja's Expand gave no answer at all
        }
        String why = o instanceof SymjaSession.Outcome.Failed f ? f.reason()
                : expandPowers ? "Symja left a non-zero difference"
                : "Symja left a non-zero difference (PowerExpand not applied: " + notShown
                        + " is not shown positive on the domain)";
        return agreement(a, b, n, parameters, why);
    }

    /** All points (n, parameters...) of the numeric checks. */
    private List<Map<Expr.Sym, Double>> checkPoints(Expr.Sym n, List<Expr.Sym> parameters, List<? extends Number> ns) {
        return checkPoints(n, parameters, ns, sampleBounds);
    }

    /**
     * As above, each parameter's samples scaled by its bound in {@code bounds} (1 if absent; see
     * {@link org.bonlab.policy.BasePolicy#parameterBounds}), so that every combination is a valid policy.
     */
    static List<Map<Expr.Sym, Double>> checkPoints(Expr.Sym n, List<Expr.Sym> parameters, List<? extends Number> ns,
            Map<Expr.Sym, Double> bounds) {
        List<Map<Expr.Sym, Double>> out = new ArrayList<>();
        List<Map<Expr.Sym, Double>> params = new ArrayList<>();
        params.add(new HashMap<>());
        for (Expr.Sym s : parameters) {
            List<Map<Expr.Sym, Double>> next = new ArrayList<>();
            for (Map<Expr.Sym, Double> m : params) {
                for (double v : PARAMETER_SAMPLES) {
                    Map<Expr.Sym, Double> c = new HashMap<>(m);
                    c.put(s, v * bounds.getOrDefault(s, 1.0));
                    next.add(c);
                }
            }
            params = next;
        }
        for (Map<Expr.Sym, Double> m : params) {
            for (Number k : ns) {
                Map<Expr.Sym, Double> c = new HashMap<>(m);
                c.put(n, k.doubleValue());
                out.add(c);
            }
        }
        return out;
    }

    /**
     * A closed form at a point, evaluated in high precision: closed forms are exact but not stable recipes
     * (\( 6^{-n} \) underflows and \( 40000^n \) overflows in double precision long before n = 10^6).
     */
    static double closedFormValue(HighPrecisionEvaluator hp, Expr form, Map<Expr.Sym, Double> at) {
        return closedFormExact(hp, form, at).doubleValue();
    }

    /** As {@link #closedFormValue}, without rounding to a double (so nothing underflows). */
    static java.math.BigDecimal closedFormExact(HighPrecisionEvaluator hp, Expr form, Map<Expr.Sym, Double> at) {
        Map<Expr.Sym, java.math.BigDecimal> b = new HashMap<>();
        at.forEach((k, v) -> b.put(k, new java.math.BigDecimal(v)));
        return hp.evaluate(form, b);
    }

    /**
     * Whether two values at a check point say anything about agreement: not when both are below
     * {@link #CROSS_CHECK_ABSOLUTE} in magnitude (where the absolute tolerance makes any two agree, and where a
     * double may have underflowed to 0), unless both are exactly 0.
     */
    static boolean informative(java.math.BigDecimal x, java.math.BigDecimal y) {
        if (x.signum() == 0 && y.signum() == 0) {
            return true;
        }
        java.math.BigDecimal floor = java.math.BigDecimal.valueOf(CROSS_CHECK_ABSOLUTE);
        return x.abs().compareTo(floor) >= 0 || y.abs().compareTo(floor) >= 0;
    }

    /** The relative error of {@code actual}, with the absolute tolerance below {@link #SMALL_VALUE}. */
    static double relativeError(java.math.BigDecimal expected, java.math.BigDecimal actual) {
        double err = actual.subtract(expected).abs().doubleValue();
        double e = Math.abs(expected.doubleValue());
        return e < SMALL_VALUE ? err / CROSS_CHECK_ABSOLUTE * CROSS_CHECK_TOLERANCE : err / e;
    }

    private static String skipped(int skipped) {
        return skipped == 0 ? "" : String.format(Locale.ROOT, "; %d more %s not counted: both values below %.0e "
                + "in magnitude, where agreement says nothing", skipped, skipped == 1 ? "point" : "points",
                CROSS_CHECK_ABSOLUTE);
    }

    private Verification agreement(Expr a, Expr b, Expr.Sym n, List<Expr.Sym> parameters, String why) {
        return agreement(a, b, n, parameters, CROSS_CHECK_POINTS, why);
    }

    private Verification agreement(Expr a, Expr b, Expr.Sym n, List<Expr.Sym> parameters, List<Long> ns,
            String why) {
        HighPrecisionEvaluator hp = new HighPrecisionEvaluator(CROSS_CHECK_DIGITS);
        double worst = 0;
        int compared = 0;
        int skipped = 0;
        // two forms without n (the tilted policy's) take the same values at every n: one n is enough
        List<Long> atN = mentions(a, n) || mentions(b, n) ? ns : ns.subList(0, 1);
        List<Map<Expr.Sym, Double>> points = checkPoints(n, parameters, atN);
        for (Map<Expr.Sym, Double> at : points) {
            java.math.BigDecimal x = closedFormExact(hp, a, at);
            java.math.BigDecimal y = closedFormExact(hp, b, at);
            if (!informative(x, y)) {
                skipped++;
                continue;
            }
            double err = relativeError(x, y);
            if (err > CROSS_CHECK_TOLERANCE) {
                return new Verification.Unverified(String.format(Locale.ROOT,
                        "%s, and the forms differ at %s: %s vs %s", why, at, x.round(java.math.MathContext.DECIMAL64),
                        y.round(java.math.MathContext.DECIMAL64)));
            }
            worst = Math.max(worst, err);
            compared++;
        }
        if (compared == 0) {
            return new Verification.Unverified(why + ", and no check point had values large enough to compare"
                    + skipped(skipped));
        }
        return new Verification.CheckedNumerically(compared, worst, why + skipped(skipped));
    }

    /**
     * The thread that cross-checks a derivation while Symja takes its limit (on its own thread): the two are
     * independent, bonlab's numeric engines against Symja, and a cold derivation spends a third of its time on each.
     */
    private static final java.util.concurrent.ExecutorService CHECKER =
            java.util.concurrent.Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "bonlab-cross-check");
                t.setDaemon(true); // never keeps the JVM alive
                return t;
            });

    /**
     * Starts {@code check} on the cross-check thread with the parameters' sampling bounds of the current call
     * ({@link #sampleBounds} is reset when the call returns, and the check may outlive it: the derivation is returned
     * with the check still running, so that a series or a derivative can start at once).
     */
    private java.util.concurrent.Future<Verification> alongside(
            java.util.function.Function<Map<Expr.Sym, Double>, Verification> check) {
        Map<Expr.Sym, Double> bounds = sampleBounds;
        return CHECKER.submit(() -> check.apply(bounds));
    }

    /** The presented form against the numeric engine's value of the quantity itself. */
    private Verification crossCheck(Expr quantity, Expr presented, Expr.Sym n, List<Expr.Sym> parameters) {
        return crossCheck(quantity, presented, n, parameters, CROSS_CHECK_POINTS);
    }

    private Verification crossCheck(Expr quantity, Expr presented, Expr.Sym n, List<Expr.Sym> parameters,
            List<Long> ns) {
        return crossCheck(quantity, presented, n, parameters, ns, sampleBounds);
    }

    private static Verification crossCheck(Expr quantity, Expr presented, Expr.Sym n, List<Expr.Sym> parameters,
            List<Long> ns, Map<Expr.Sym, Double> bounds) {
        DoubleEvaluator ev = new DoubleEvaluator();
        HighPrecisionEvaluator hp = new HighPrecisionEvaluator(CROSS_CHECK_DIGITS);
        double worst = 0;
        int compared = 0;
        int skipped = 0;
        // a quantity that reads n nowhere (the tilted policy's, inside its policies too) and a form without n take
        // the same values at every n: one n is enough
        boolean withoutN = !mentions(presented, n)
                && org.bonlab.claim.Binding.substitute(quantity, n, Expr.constant(2)).equals(quantity);
        List<Map<Expr.Sym, Double>> points = checkPoints(n, parameters, withoutN ? ns.subList(0, 1) : ns, bounds);
        for (Map<Expr.Sym, Double> at : points) {
            double engineValue = ev.evaluate(quantity, at);
            java.math.BigDecimal form;
            try {
                form = closedFormExact(hp, presented, at);
            } catch (UndefinedQuantityException e) {
                return new Verification.Unverified("the closed form cannot be evaluated at " + at + ": "
                        + e.getMessage());
            }
            java.math.BigDecimal engine = new java.math.BigDecimal(engineValue);
            if (!informative(engine, form)) {
                skipped++;
                continue;
            }
            double err = relativeError(engine, form);
            if (err > CROSS_CHECK_TOLERANCE) {
                return new Verification.Unverified(String.format(Locale.ROOT,
                        "the closed form gives %s at %s but the numeric engine gives %.17g",
                        form.round(java.math.MathContext.DECIMAL64), at, engineValue));
            }
            worst = Math.max(worst, err);
            compared++;
        }
        String how = "closed form evaluated to " + CROSS_CHECK_DIGITS + " digits against the double-precision engine, "
                + (withoutN ? "at n = " + ns.get(0) + " only (neither the quantity nor the form involves n)"
                        : "n from " + ns.get(0) + " to " + ns.get(ns.size() - 1)) + (parameters.isEmpty() ? "" : ", " + parameters.stream()
                        .map(Expr.Sym::name).collect(java.util.stream.Collectors.joining(", "))
                        + " in " + PARAMETER_SAMPLES + scaledSamples(parameters, bounds)) + skipped(skipped);
        if (compared == 0) {
            return new Verification.Unverified("no check point had values large enough to compare (" + how + ")");
        }
        return new Verification.CheckedNumerically(compared, worst, how);
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
     * The limit as n goes to infinity: where the quantity has one, the dominance argument first (with distinct rewards
     * \( \pi_n \) tends to the point mass on the top outcome, so the KL tends to \( \log(1/\varepsilon_\infty) \)
     * and the expected reward to the highest reward), since Symja's {@code Limit} gives up on every KL of best-of-n
     * (two failed calls, a tenth of a second or more of a cold derivation); then Symja's {@code Limit}; then the same
     * limit after substituting \( n = 1/t \), \( t \to 0^+ \); then vanishing powers and linear growth. Whatever the
     * method, the value is reported only if the numeric engine's values at n = 10^3 .. 10^15 approach it; the failed
     * attempts are kept with the result.
     */
    private LimitResult limit(Expr quantity, Expr closed, Expr.Sym n, Optional<Expr> candidate, String candidateMethod,
            List<Expr.Sym> parameters) {
        List<String> failures = new ArrayList<>();
        if (candidate.isPresent()) {
            LimitResult d = confirm(quantity, candidate.get(), n, parameters, candidateMethod, failures);
            if (d instanceof LimitResult.Found) {
                return d;
            }
            failures.add(((LimitResult.NotFound) d).reason());
        }
        LimitResult own = ownLinearGrowth(quantity, closed, n, parameters, failures);
        if (own != null) {
            return own;
        }
        ToSymja to = new ToSymja();
        IExpr sym = to.translate(closed);
        ISymbol nSym = to.symbol(n);
        SymjaSession.Outcome direct = symja.eval(F.Limit(sym, F.Rule(nSym, F.CInfinity)), LIMIT_ATTEMPT);
        LimitResult found = fromSymja(direct, to, quantity, n, parameters, "Symja Limit", failures);
        if (found != null) {
            return found;
        }
        ISymbol t = F.Dummy("t");
        IExpr inT = F.subst(sym, nSym, F.Power(t, F.CN1));
        SymjaSession.Outcome o = symja.eval(F.Limit(inT, F.Rule(t, F.C0), F.Rule(F.Direction, F.CN1)), LIMIT_ATTEMPT);
        LimitResult r = fromSymja(o, to, quantity, n, parameters, "Symja Limit after n = 1/t, t -> 0+", failures);
        if (r != null) {
            return r;
        }
        Optional<Expr> vanished = vanishingPowers(closed, n, parameters);
        if (vanished.isPresent() && !definedAtCheckPoints(vanished.get(), n, parameters)) {
            // a vanished power in a denominator or a log (x^n log x^n): the limit is not this form's value
            failures.add("vanishing powers: the form with x^n -> 0 is undefined (0 in a denominator or a log)");
            vanished = Optional.empty();
        }
        if (vanished.isPresent()) {
            Expr tidied = Tidy.tidy(vanished.get()); // 0 - x written -x, and so on
            Expr value = simplified(tidied, n, parameters).filter(v -> !mentions(v, n)).orElse(tidied);
            LimitResult v = confirm(quantity, value, n, parameters, VANISHING_POWERS, failures);
            if (v instanceof LimitResult.Found) {
                return v;
            }
            failures.add(((LimitResult.NotFound) v).reason());
        }
        LimitResult linear = linearGrowth(quantity, sym, nSym, to, n, parameters, failures);
        if (linear != null) {
            return linear;
        }
        return new LimitResult.NotFound(String.join("; ", failures));
    }

    /** Whether {@code e} has a finite value at every check point of the parameters (its n is not read). */
    private boolean definedAtCheckPoints(Expr e, Expr.Sym n, List<Expr.Sym> parameters) {
        DoubleEvaluator ev = new DoubleEvaluator();
        for (Map<Expr.Sym, Double> at : checkPoints(n, parameters, List.of(1))) {
            try {
                ev.evaluate(e, at);
            } catch (RuntimeException undefined) {
                return false;
            }
        }
        return true;
    }

    /** How a limit by vanishing powers is reported. */
    static final String VANISHING_POWERS = "bonlab's vanishing powers: each x^n with x in [0, 1) (and x^-n with x > 1) "
            + "at every check point of the parameters replaced by its limit 0";

    /**
     * The closed form with each power \( x^n \) whose base lies in [0, 1) at every check point of the parameters (and
     * each \( x^{-n} \) with x &gt; 1) replaced by 0, its limit as n grows; empty when no power vanishes or n is left
     * elsewhere. Only a proposal: {@link #confirm} reports it only if the numeric values approach it.
     */
    private Optional<Expr> vanishingPowers(Expr closed, Expr.Sym n, List<Expr.Sym> parameters) {
        DoubleEvaluator ev = new DoubleEvaluator();
        List<Map<Expr.Sym, Double>> points = checkPoints(n, parameters, List.of(1));
        boolean[] changed = {false};
        Expr out = new Rewrite() {
            @Override
            protected Expr after(Expr e) {
                if (!(e instanceof Expr.Pow p) || mentions(p.base(), n)) {
                    return e;
                }
                boolean up = p.exponent().equals(n);
                boolean down = p.exponent() instanceof Expr.Neg neg && neg.operand().equals(n);
                if (!up && !down) {
                    return e;
                }
                for (Map<Expr.Sym, Double> at : points) {
                    double x;
                    try {
                        x = ev.evaluate(p.base(), at);
                    } catch (RuntimeException undefined) {
                        return e;
                    }
                    if (up ? !(x >= 0 && x < 1) : !(x > 1)) {
                        return e;
                    }
                }
                changed[0] = true;
                return Expr.constant(0);
            }
        }.apply(closed);
        return changed[0] && !mentions(out, n) ? Optional.of(out) : Optional.empty();
    }

    /**
     * Linear growth, where Symja's Limit gives up or errs (it gives 0 for vBoN's J/n on the coin, whose value is
     * -(1 - theta) log 2): the coefficient c of n in the form with its powers and logs expanded (Symja's PowerExpand,
     * Expand, Coefficient) is only a proposal; it is reported, as "diverges like c n", only if the numeric
     * engine's quantity/n at n = 10^3 .. 10^15 approaches c, with c non-zero, at every parameter point. Null (with
     * the reason recorded) otherwise.
     */
    private LimitResult linearGrowth(Expr quantity, IExpr form, ISymbol nSym, ToSymja to, Expr.Sym n,
            List<Expr.Sym> parameters, List<String> failures) {
        String method = "bonlab's linear growth: the coefficient of n in the expanded form (Symja PowerExpand, "
                + "Expand, Coefficient), confirmed as the limit of the quantity over n";
        SymjaSession.Outcome o = symja.eval(F.Coefficient(F.Expand(F.PowerExpand(form)), nSym, F.C1), LIMIT_ATTEMPT);
        if (!(o instanceof SymjaSession.Outcome.Value v) || v.expr().isZero() || !v.expr().isFree(nSym)) {
            failures.add("linear growth: no coefficient of n free of n");
            return null;
        }
        Optional<Expr> c = new FromSymja(to.inverse()).translate(v.expr());
        if (c.isEmpty()) {
            failures.add("linear growth: the coefficient " + v.expr() + " cannot be translated");
            return null;
        }
        return confirmLinearGrowth(quantity, c.get(), n, parameters, method, failures);
    }

    /**
     * Linear growth read off the closed form by bonlab itself, before Symja's Limit (which gives up on these forms,
     * two failed calls and a tenth of a second or more each, cold): the coefficient of n of a sum of terms, each a
     * factor free of n times n, a log, or a term free of n, where log x^(a n + b) contributes a log x, and a log's
     * argument whose powers x^n all vanish as n grows (1 - 2^-n) contributes nothing. Only a proposal, confirmed like
     * Symja's ({@link #confirmLinearGrowth}); null (with the reason recorded) where the form is not of this shape or
     * the coefficient is 0.
     */
    private LimitResult ownLinearGrowth(Expr quantity, Expr closed, Expr.Sym n, List<Expr.Sym> parameters,
            List<String> failures) {
        Optional<Expr> c = growthCoefficient(closed, n, parameters);
        if (c.isEmpty() || BestOfForms.isZero(c.get())) {
            failures.add("bonlab's linear growth: the form is not a sum of multiples of n and of logs of powers in n");
            return null;
        }
        return confirmLinearGrowth(quantity, Tidy.tidy(c.get()), n, parameters, "bonlab's linear growth: the "
                + "coefficient of n read off the closed form (log x^(a n + b) = (a n + b) log x; logs of terms tending to "
                + "a positive constant, and terms without n, add nothing), confirmed as the limit of the quantity over "
                + "n", failures);
    }

    /** The c with e = c n + o(n) for a form of the shape {@link #ownLinearGrowth} reads; empty otherwise. */
    private Optional<Expr> growthCoefficient(Expr e, Expr.Sym n, List<Expr.Sym> parameters) {
        if (!mentions(e, n)) {
            return Optional.of(Expr.constant(0));
        }
        if (e.equals(n)) {
            return Optional.of(Expr.constant(1));
        }
        if (e instanceof Expr.Add a) {
            return growthCoefficient(a.left(), n, parameters).flatMap(x -> growthCoefficient(a.right(), n, parameters)
                    .map(y -> plus(x, y)));
        }
        if (e instanceof Expr.Sub d) {
            return growthCoefficient(d.left(), n, parameters).flatMap(x -> growthCoefficient(d.right(), n, parameters)
                    .map(y -> plus(x, negated(y))));
        }
        if (e instanceof Expr.Neg g) {
            return growthCoefficient(g.operand(), n, parameters).map(SymbolicEngine::negated);
        }
        if (e instanceof Expr.Mul m && !mentions(m.left(), n)) {
            return growthCoefficient(m.right(), n, parameters).map(y -> times(m.left(), y));
        }
        if (e instanceof Expr.Mul m && !mentions(m.right(), n)) {
            return growthCoefficient(m.left(), n, parameters).map(x -> times(x, m.right()));
        }
        if (e instanceof Expr.Div d && !mentions(d.denominator(), n)) {
            return growthCoefficient(d.numerator(), n, parameters).map(x -> BestOfForms.isZero(x) ? x
                    : x.div(d.denominator()));
        }
        if (e instanceof Expr.Log l) {
            return logRate(l.operand(), n, parameters);
        }
        return Optional.empty();
    }

    /** The c with log x = c n + o(n), for x a product and quotient of powers x^(a n + b) and terms with a limit. */
    private Optional<Expr> logRate(Expr x, Expr.Sym n, List<Expr.Sym> parameters) {
        if (!mentions(x, n)) {
            return Optional.of(Expr.constant(0));
        }
        if (x instanceof Expr.Mul m) {
            return logRate(m.left(), n, parameters).flatMap(a -> logRate(m.right(), n, parameters).map(b -> plus(a, b)));
        }
        if (x instanceof Expr.Div d) {
            return logRate(d.numerator(), n, parameters).flatMap(a -> logRate(d.denominator(), n, parameters)
                    .map(b -> plus(a, negated(b))));
        }
        if (x instanceof Expr.Pow p && !mentions(p.base(), n)) {
            // log x^E = E log x: the exponent's own coefficient of n times log x
            return growthCoefficient(p.exponent(), n, parameters).map(k -> times(k, Expr.log(p.base())));
        }
        if (x instanceof Expr.Pow p && !mentions(p.exponent(), n)) {
            return logRate(p.base(), n, parameters).map(r -> times(p.exponent(), r));
        }
        // a term whose powers x^n all vanish, leaving a positive value at every check point: log of it has a limit
        Optional<Expr> limit = vanishingPowers(x, n, parameters);
        if (limit.isPresent() && definedAtCheckPoints(limit.get(), n, parameters)) {
            DoubleEvaluator ev = new DoubleEvaluator();
            for (Map<Expr.Sym, Double> at : checkPoints(n, parameters, List.of(1))) {
                if (!(ev.evaluate(limit.get(), at) > 0)) {
                    return Optional.empty();
                }
            }
            return Optional.of(Expr.constant(0));
        }
        return Optional.empty();
    }

    private static Expr plus(Expr a, Expr b) {
        return BestOfForms.isZero(a) ? b : BestOfForms.isZero(b) ? a : a.plus(b);
    }

    private static Expr negated(Expr a) {
        if (a instanceof Expr.Mul m && m.left() instanceof Expr.Sub d) { // -(1 - theta) log 2 as (theta - 1) log 2
            return new Expr.Sub(d.right(), d.left()).times(m.right());
        }
        return BestOfForms.isZero(a) ? a : a instanceof Expr.Neg g ? g.operand() : new Expr.Neg(a);
    }

    private static Expr times(Expr a, Expr b) {
        if (a instanceof Expr.Neg g) {
            return negated(times(g.operand(), b));
        }
        if (b instanceof Expr.Neg g) {
            return negated(times(a, g.operand()));
        }
        return BestOfForms.isZero(a) || BestOfForms.isZero(b) ? Expr.constant(0) : a.times(b);
    }

    /**
     * Reports linear growth with coefficient {@code c} (a proposal, from Symja or from bonlab's reading of the form)
     * only if the numeric engine's quantity/n at n = 10^3 .. 10^15 approaches c, with c non-zero, at every
     * parameter point. Null (with the reason recorded) otherwise.
     */
    private LimitResult confirmLinearGrowth(Expr quantity, Expr c, Expr.Sym n, List<Expr.Sym> parameters,
            String method, List<String> failures) {
        DoubleEvaluator ev = new DoubleEvaluator();
        List<Map<Expr.Sym, Double>> groups = checkPoints(n, parameters, List.of(1));
        double worst = 0;
        for (Map<Expr.Sym, Double> base : groups) {
            double target;
            try {
                target = ev.evaluate(c, base);
            } catch (RuntimeException e) {
                failures.add("linear growth: the coefficient " + c.show() + " does not evaluate");
                return null;
            }
            if (!(Math.abs(target) > LIMIT_TOLERANCE)) {
                failures.add("linear growth: the coefficient " + c.show() + " vanishes at " + base);
                return null;
            }
            double previous = Double.POSITIVE_INFINITY;
            double last = Double.NaN;
            for (double k : LIMIT_POINTS) {
                Map<Expr.Sym, Double> at = new HashMap<>(base);
                at.put(n, k);
                double d;
                try {
                    d = Math.abs(ev.evaluate(quantity, at) / k - target);
                } catch (RuntimeException e) {
                    failures.add("linear growth: the quantity does not evaluate at n = " + k);
                    return null;
                }
                if (d > previous + LIMIT_TOLERANCE * Math.abs(target)) {
                    failures.add(String.format(Locale.ROOT, "linear growth: the quantity over n moves away from %s "
                            + "(at n = %.0e)", c.show(), k));
                    return null;
                }
                previous = d;
                last = d;
            }
            if (!(last <= 1e-6 * Math.abs(target))) {
                failures.add(String.format(Locale.ROOT, "linear growth: the quantity over n at n = 1e15 differs "
                        + "from %s by %.3g", c.show(), last));
                return null;
            }
            worst = Math.max(worst, last / Math.abs(target));
        }
        return new LimitResult.Diverges(method, new Verification.CheckedNumerically(LIMIT_POINTS.size()
                * groups.size(), worst, "the quantity over n at n = 1e3 .. 1e15 approaches the coefficient at every "
                + "parameter point"), Optional.of(c));
    }

    /**
     * The value at the point mass on the top outcome, where \( \pi_n \) goes as n grows (distinct rewards):
     * KL and both expected estimators tend to \( \log(1/\varepsilon_\infty) \) (for the estimators,
     * \( (1-\varepsilon)^n \to 0 \)), the expected reward to the top reward, the win rates to
     * \( 1 - \varepsilon_\infty \) (strict) and \( 1 - \varepsilon_\infty/2 \) (ties count half). (The expected
     * reward's limit, the highest reward, is taken where the rewards are known, in the derivation.)
     */
    static Optional<Expr> dominanceLimit(Expr quantity, BestOfForms f) {
        Expr top = f.topProbability();
        if (BestOfForms.isZero(top)) {
            return Optional.empty();
        }
        boolean exact = top instanceof Expr.Num num && num.value() instanceof Rational;
        boolean toTopLog = quantity instanceof Quantity.Bound b && (b.kind() == Quantity.BoundKind.THM4_KL_UPPER
                || b.kind() == Quantity.BoundKind.LEMMA2_KL_UPPER);
        if (quantity instanceof Quantity.Kl || quantity instanceof Quantity.EstimatorMean || toTopLog) {
            return Optional.of(exact ? Expr.log(Expr.constant(Rational.ONE.div((Rational) ((Expr.Num) top).value())))
                    : Expr.log(top).unaryMinus());
        }
        if (quantity instanceof Quantity.WinRate w) {
            Expr lost = w.ties() == Quantity.Ties.HALF ? top.times(Expr.rational(1, 2)) : top;
            return Optional.of(BestOfForms.add(Expr.constant(1), BestOfForms.negate(
                    exact && w.ties() == Quantity.Ties.HALF
                            ? Expr.constant(((Rational) ((Expr.Num) top).value()).div(Rational.of(2))) : lost)));
        }
        return Optional.empty();
    }

    /** A limit from a Symja outcome if the numbers confirm it; otherwise records why not and returns null. */
    private LimitResult fromSymja(SymjaSession.Outcome o, ToSymja to, Expr quantity, Expr.Sym n,
            List<Expr.Sym> parameters, String method, List<String> failures) {
        if (o instanceof SymjaSession.Outcome.Value v) {
            if (v.expr().isInfinity() || positiveMultipleOfInfinity(v.expr())) {
                LimitResult r = confirmDivergence(quantity, n, parameters, method, failures);
                if (r instanceof LimitResult.Diverges) {
                    return r;
                }
                failures.add(((LimitResult.NotFound) r).reason());
                return null;
            }
            Optional<Expr> value = new FromSymja(to.inverse()).translate(v.expr());
            if (value.isEmpty()) {
                failures.add(method + " gave " + v.expr() + ", which bonlab cannot translate");
                return null;
            }
            LimitResult r = confirm(quantity, value.get(), n, parameters, method, failures);
            if (r instanceof LimitResult.Found) {
                return r;
            }
            failures.add(((LimitResult.NotFound) r).reason());
            return null;
        }
        failures.add(method + ": " + ((SymjaSession.Outcome.Failed) o).reason());
        return null;
    }

    /**
     * {@code Infinity*x} with x free of infinities and limits, such as Symja's {@code Infinity*((1-p)^2+p^2)}: a
     * divergence when x &gt; 0, which the numeric confirmation then checks at every parameter value.
     */
    private static boolean positiveMultipleOfInfinity(IExpr e) {
        if (!e.isTimes()) {
            return false;
        }
        boolean infinity = false;
        for (IExpr factor : (org.matheclipse.core.interfaces.IAST) e) {
            if (factor.isInfinity()) {
                infinity = true;
            } else if (factor.isIndeterminate() || factor.isDirectedInfinity() || factor.isComplexInfinity()
                    || !factor.isFree(S.Limit) || !factor.isFree(S.DirectedInfinity)) {
                return false;
            }
        }
        return infinity;
    }

    private LimitResult confirm(Expr quantity, Expr value, Expr.Sym n, List<Expr.Sym> parameters, String method,
            List<String> failures) {
        DoubleEvaluator ev = new DoubleEvaluator();
        double worst = 0;
        List<Map<Expr.Sym, Double>> groups = checkPoints(n, parameters, List.of(1));
        for (Map<Expr.Sym, Double> base : groups) {
            double target;
            try {
                target = ev.evaluate(value, base);
            } catch (RuntimeException e) {
                return new LimitResult.NotFound(method + " gave " + value.show() + ", which does not evaluate");
            }
            double previous = Double.POSITIVE_INFINITY;
            double last = Double.NaN;
            for (double k : LIMIT_POINTS) {
                Map<Expr.Sym, Double> at = new HashMap<>(base);
                at.put(n, k);
                double d = Math.abs(ev.evaluate(quantity, at) - target);
                if (d > previous + LIMIT_TOLERANCE * Math.max(1, Math.abs(target))) {
                    return new LimitResult.NotFound(String.format(Locale.ROOT,
                            "%s gave %s, but the numeric values move away from it (at n = %.0e)", method,
                            value.show(), k));
                }
                previous = d;
                last = d;
            }
            if (!(last <= LIMIT_TOLERANCE * Math.max(1, Math.abs(target)))) {
                return new LimitResult.NotFound(String.format(Locale.ROOT,
                        "%s gave %s = %.17g, but the numeric value at n = 1e15 differs by %.3g", method, value.show(),
                        target, last));
            }
            worst = Math.max(worst, last / Math.max(1, Math.abs(target)));
        }
        return new LimitResult.Found(value, method, new Verification.CheckedNumerically(
                LIMIT_POINTS.size() * groups.size(), worst, "numeric values at n = 1e3 .. 1e15 approach it"),
                failures);
    }

    private LimitResult confirmDivergence(Expr quantity, Expr.Sym n, List<Expr.Sym> parameters, String method,
            List<String> failures) {
        DoubleEvaluator ev = new DoubleEvaluator();
        for (Map<Expr.Sym, Double> base : checkPoints(n, parameters, List.of(1))) {
            double previous = Double.NEGATIVE_INFINITY;
            for (double k : LIMIT_POINTS) {
                Map<Expr.Sym, Double> at = new HashMap<>(base);
                at.put(n, k);
                double v = ev.evaluate(quantity, at);
                if (!(v > previous)) {
                    return new LimitResult.NotFound(method + " gave Infinity, but the numeric values stop growing");
                }
                previous = v;
            }
        }
        return new LimitResult.Diverges(method, new Verification.CheckedNumerically(LIMIT_POINTS.size(), 0,
                "numeric values at n = 1e3 .. 1e15 keep growing"));
    }

    /**
     * The Taylor polynomial of {@code f} in {@code x} about {@code at} up to {@code order}, checked numerically.
     *
     * @implNote Symja 3.0.0's {@code Series} is wrong away from 0 (it drops terms): the expansion is computed at 0
     *     after substituting \( x = a + t \). The result is accepted only if the remainder shrinks like
     *     \( t^{order+1} \) at \( t = 10^{-2}, 10^{-3}, 10^{-4} \) (each step must shrink it by at least a factor of
     *     \( 10^{order} \)).
     */
    public SeriesResult series(Expr f, Expr.Sym x, Rational at, int order) {
        ToSymja to = new ToSymja();
        ISymbol xs = to.symbol(x);
        IExpr fx = to.translate(f);
        Expr.Sym tSym = Expr.symbol("t_");
        ISymbol t = to.symbol(tSym);
        IExpr shifted = F.subst(fx, xs, F.Plus(ToSymja.rational(at), t));
        SymjaSession.Outcome o = symja.eval(F.unaryAST1(S.Normal, F.Series(shifted, F.list(t, F.C0, F.ZZ(order)))));
        if (!(o instanceof SymjaSession.Outcome.Value v)) {
            return new SeriesResult.NotFound("Symja Series at 0 after the shift: "
                    + ((SymjaSession.Outcome.Failed) o).reason());
        }
        Optional<Expr> poly = new FromSymja(to.inverse()).translate(v.expr());
        if (poly.isEmpty()) {
            return new SeriesResult.NotFound("Symja's series " + v.expr() + " could not be translated");
        }
        Optional<String> problem = checkRemainder(f, x, at, poly.get(), tSym, order);
        if (problem.isPresent()) {
            return new SeriesResult.NotFound("the series fails the numeric check: " + problem.get());
        }
        return new SeriesResult.Found(poly.get(), tSym, "Symja Series at 0 after substituting "
                + x.name() + " = " + at + " + t", new Verification.CheckedNumerically(3, 0,
                        "remainder shrinks like t^" + (order + 1) + " at t = 1e-2, 1e-3, 1e-4"));
    }

    /** The highest order {@link #seriesAtZero} expands to. */
    public static final int MAX_SERIES_ORDER = 6;

    /** Values of the other symbols at which a series in a small parameter is checked (n: integers). */
    static final List<String> SERIES_CHECK_N = List.of("2", "3", "7");
    static final List<String> SERIES_CHECK_PARAMETER = List.of("0.3", "0.7");

    /** The small parameter's values for the remainder check: each step divides it by 10. */
    static final List<String> SERIES_CHECK_STEPS = List.of("1e-3", "1e-4", "1e-5");

    /**
     * The expansion of {@code f} as the small parameter {@code x} tends to 0, through the power {@code order},
     * every other symbol (n, a temperature, ...) kept symbolic: e.g. the KL of best-of-n on bernoulli(p) is
     * \( p\,(n \log n - n + 1) + O(p^2) \). Computed by {@link SmallParameterSeries} (series arithmetic with the
     * binomial series for symbolic powers: Symja's {@code Series} gives up on \( (1-p)^n \)), then checked: at
     * 50 digits, for several values of the other symbols, the remainder must shrink like \( x^{order+1} \) (by at
     * least \( 10^{order+1}/3 \) per tenfold step of x, the 3 allowing a factor \( \log x \)).
     *
     * @param f an arithmetic expression (a derived closed form, not a quantity)
     * @return the polynomial in {@code x} (its coefficients may hold \( \log x \)), or why none is reported
     */
    public SeriesResult seriesAtZero(Expr f, Expr.Sym x, int order) {
        return seriesAtZero(f, f, x, x, order, false);
    }

    /**
     * The expansion of a derivation's closed form in {@code x} about 0, as {@link #seriesAtZero(Expr, Expr.Sym,
     * int)}, checked against the quantity itself (the high-precision engine's value, not the closed form's).
     */
    public SeriesResult seriesAtZero(Derivation d, Expr.Sym x, int order) {
        return within(d.quantity(), () -> seriesAtZero(d.closedForm(), d.quantity(), x, x, order, false));
    }

    /**
     * The expansion of a derivation's closed form in powers of \( 1/x \) as \( x \to \infty \) (e.g. the tilted
     * optimum at high temperature, \( 1/\beta \to 0 \): on the coin \( E[r] = 1/2 + 1/(4\beta) + O(\beta^{-2}) \)),
     * by substituting \( x = 1/u \) and expanding in u as {@link #seriesAtZero(Derivation, Expr.Sym, int)} does;
     * checked against the quantity at \( x = 10^3, 10^4, 10^5 \).
     *
     * @return the polynomial in \( 1/x \), with {@code offset} x
     */
    public SeriesResult seriesAtInfinity(Derivation d, Expr.Sym x, int order) {
        Expr.Sym u = Expr.symbol("u_" + x.name());
        Expr f = org.bonlab.claim.Binding.substitute(d.closedForm(), x, Expr.constant(1).div(u));
        SeriesResult r = within(d.quantity(), () -> seriesAtZero(f, d.quantity(), u, x, order, false));
        if (!(r instanceof SeriesResult.Found found)) {
            return r;
        }
        Expr inX = org.bonlab.claim.Binding.substitute(found.polynomial(), u, Expr.constant(1).div(x));
        return new SeriesResult.Found(inX, x, found.method().replace("series arithmetic in " + u.name(),
                "series arithmetic in 1/" + x.name() + " (after substituting " + x.name() + " = 1/u)"),
                found.confirmation());
    }

    /**
     * The expansion of a derivation's closed form in \( q = e^{-1/\lambda} \) as \( \lambda \to 0^+ \), where a
     * temperature's corrections are exponentially small and no power series in \( \lambda \) exists: soft best-of-n
     * tends to best-of-n as \( \lambda \to 0 \) (Amini et al.), on the coin KL = KL(pi_n || p) - c_1(n) q + O(q^2).
     * The closed form is rewritten with \( \lambda = -1/\log q \) (so \( e^{r/\lambda} = q^{-r} \)) and expanded in
     * q as {@link #seriesAtZero(Derivation, Expr.Sym, int)} does; soft best-of-n's sum over the number k of draws
     * of the better outcome then has coefficients such as (n - k)/k, which hold for k >= 1 only: its k = 0 term is
     * expanded apart, and the coefficients with no closed form are kept as sums over k = 1..n. Checked against the
     * quantity at 50 digits at \( \lambda = 1/\log 10^3, 1/\log 10^4, 1/\log 10^5 \).
     *
     * @return the polynomial in \( e^{-1/\lambda} \), with {@code offset} lambda
     */
    public SeriesResult seriesInExponential(Derivation d, Expr.Sym lambda, int order) {
        Expr.Sym q = Expr.symbol("q_" + lambda.name());
        // lambda stays in the closed form; seriesAtZero rewrites e^(r/lambda) as q^(-r) node by node
        SeriesResult r = within(d.quantity(), () -> seriesAtZero(d.closedForm(), d.quantity(), q, lambda, order,
                true));
        if (!(r instanceof SeriesResult.Found found)) {
            return r;
        }
        // log q is -1/lambda; every other q is exp(-1/lambda)
        Expr logsOut = new Rewrite() {
            @Override
            protected Expr after(Expr e) {
                return e instanceof Expr.Log l && l.operand().equals(q) ? Expr.constant(-1).div(lambda) : e;
            }
        }.apply(found.polynomial());
        Expr inLambda = org.bonlab.claim.Binding.substitute(Tidy.tidy(logsOut), q,
                Expr.exp(Expr.constant(-1).div(lambda)));
        return new SeriesResult.Found(inLambda, lambda, found.method().replace("series arithmetic in " + q.name(),
                "series arithmetic in q = exp(-1/" + lambda.name() + ") (after substituting " + lambda.name()
                        + " = -1/log q)"), found.confirmation());
    }

    /**
     * {@code e} with each e^(a) whose exponent is r/lambda for some r free of lambda (Symja's Simplify of a lambda)
     * replaced by q^(-r); the rest as it was.
     */
    private IExpr exponentialForm(IExpr e, ISymbol lambda, ISymbol q) {
        if (!(e instanceof IAST ast) || e.isFree(lambda)) {
            return e;
        }
        IExpr exponent = ast.isAST(S.Exp, 2) ? ast.arg1() : ast.isPower() && ast.base().equals(S.E) ? ast.exponent()
                : null;
        if (exponent != null) {
            SymjaSession.Outcome o = symja.eval(F.Simplify(F.Times(F.CN1, exponent, lambda)));
            if (o instanceof SymjaSession.Outcome.Value v && v.expr().isFree(lambda)) {
                return F.Power(q, v.expr()); // e^(r/lambda) = q^(-r)
            }
        }
        IAST copy = ast;
        for (int i = 1; i < ast.size(); i++) {
            IExpr replaced = exponentialForm(ast.get(i), lambda, q);
            if (replaced != ast.get(i)) {
                copy = copy.setAtCopy(i, replaced);
            }
        }
        return copy;
    }

    /**
     * The series of {@code f} in {@code x} at 0, checked against {@code reference} with {@code referenceVariable}
     * bound to x (or, where the two differ, to 1/x: an expansion at infinity; or to -1/log x with
     * {@code exponential}: an expansion in e^(-1/referenceVariable)).
     */
    private SeriesResult seriesAtZero(Expr f, Expr reference, Expr.Sym x, Expr.Sym referenceVariable, int order,
            boolean exponential) {
        if (order < 0 || order > MAX_SERIES_ORDER) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "series order must be between 0 and %d, but was %d", MAX_SERIES_ORDER, order));
        }
        ToSymja to = new ToSymja();
        ISymbol xs = to.symbol(x);
        IExpr fx = to.translate(f);
        if (exponential) { // e^(r/lambda) = q^(-r) with q = e^(-1/lambda); any other lambda as -1/log q
            ISymbol ls = to.symbol(referenceVariable);
            fx = F.subst(exponentialForm(fx, ls, xs), ls, F.Times(F.CN1, F.Power(F.Log(xs), F.CN1)));
        }
        if (fx.isFree(xs)) {
            String in = exponential ? "exp(-1/" + referenceVariable.name() + ")" : x.name();
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "a series in %s needs an expression that depends on %s, but %s does not", in,
                    exponential ? referenceVariable.name() + " through exp(r/" + referenceVariable.name() + ")"
                            : x.name(), f.show()));
        }
        ISymbol logX = F.Dummy("log_" + x.name());
        SmallParameterSeries.Ser s = null;
        SmallParameterSeries expander = null;
        String failure = "";
        for (int extra : new int[] {2, 4, 8}) {
            try {
                expander = new SmallParameterSeries(symja, xs, logX, order + 1 + extra);
                s = expander.expand(fx);
            } catch (SmallParameterSeries.NoSeries e) {
                failure = e.getMessage();
                s = null;
                break;
            }
            if (s.precision() > order) {
                break;
            }
            failure = "known only to O(" + x.name() + "^" + s.precision() + ") after cancellations";
            s = null;
        }
        if (s == null) {
            return new SeriesResult.NotFound("no expansion in " + x.name() + " at 0: " + failure);
        }
        List<IExpr> terms = new ArrayList<>();
        for (int k = Math.min(s.v(), order + 1); k <= order; k++) {
            IExpr c = F.subst(s.at(k), logX, F.Log(xs));
            if (c.isZero()) {
                continue;
            }
            // with powers of rationals to a symbolic exponent (2^(1-n), (1/3)^n), bonlab's own rewriting with the
            // powers as variables: Symja's Simplify and Factor take seconds on such forms and seldom shorten them
            boolean polynomial = rationalPolynomial(c);
            Optional<IExpr> inVariables = polynomial ? Optional.empty() : PowersAsVariables.simplified(symja, c);
            c = polynomial ? shortest(c, F.Factor(c)) // Simplify's and Together's only step here
                    : inVariables.isPresent() ? shortest(c, F.Identity(inVariables.get()))
                    : shortest(c, F.Simplify(c), F.Factor(c), F.Factor(F.Together(c)));
            IExpr combined = combinedLogs(c);
            if (combined != c) {
                c = shortest(c, F.Identity(combined)); // Identity: a form Symja leaves as it is still counts
            }
            if (c.isZero()) {
                continue; // zero only once simplified
            }
            for (var kept : expander.keptSums().entrySet()) { // the sums kept whole, back in place of their dummies
                c = F.subst(c, kept.getKey(), kept.getValue());
            }
            IExpr power = k == 1 ? xs : F.Power(xs, F.ZZ(k));
            terms.add(k == 0 ? c : c.isOne() ? power : F.Times(c, power));
        }
        IExpr sum = terms.isEmpty() ? F.C0 : terms.size() == 1 ? terms.get(0) : F.Plus(terms.toArray(new IExpr[0]));
        Optional<Expr> poly = new FromSymja(to.inverse()).translate(sum);
        if (poly.isEmpty()) {
            return new SeriesResult.NotFound("the series " + sum + " could not be translated");
        }
        List<Expr.Sym> others = symbolsOutsideSums(f); // not the indices of its sums
        others.remove(x);
        others.remove(referenceVariable);
        double[] worst = {0};
        Optional<String> problem = checkSeriesAtZero(reference, referenceVariable, x, poly.get(), order, others,
                worst, exponential);
        if (problem.isPresent()) {
            return new SeriesResult.NotFound("the series fails the numeric check: " + problem.get());
        }
        return new SeriesResult.Found(poly.get(), x, "series arithmetic in " + x.name()
                + " (binomial series for powers with a symbolic exponent, log(1+u) and exp(u) by their series"
                + (expander.binomialSums() ? "; sums over k = 0..n with the weight Binomial(n, k) a^k b^(n-k) term by "
                        + "term, each coefficient a polynomial in k summed by the moments of the binomial law" : "")
                + (expander.keptSums().isEmpty() ? "" : ", the term k = 0 apart where the terms' expansion divides by "
                        + "k, and the coefficients with no closed form kept as sums over k = 1..n")
                + "; Symja's Series gives up on symbolic powers)", new Verification.CheckedNumerically(
                        SERIES_CHECK_STEPS.size() * otherSymbolPoints(others).size(), worst[0], String.format(Locale.ROOT,
                                "at 50 digits the remainder shrinks like %s^%d at %s = %s, for %s",
                                smallName(x, referenceVariable, exponential), order + 1,
                                smallName(x, referenceVariable, exponential),
                                String.join(", ", SERIES_CHECK_STEPS),
                                describeOtherSymbolPoints(others))));
    }

    /**
     * The points at which a series or derivative is checked: every combination of n in {@link #SERIES_CHECK_N}
     * and each other parameter in {@link #SERIES_CHECK_PARAMETER}.
     */
    private List<Map<Expr.Sym, java.math.BigDecimal>> otherSymbolPoints(List<Expr.Sym> others) {
        List<Map<Expr.Sym, java.math.BigDecimal>> points = new ArrayList<>(List.of(Map.of()));
        for (Expr.Sym o : others) {
            List<Map<Expr.Sym, java.math.BigDecimal>> next = new ArrayList<>();
            for (Map<Expr.Sym, java.math.BigDecimal> p : points) {
                for (String v : samplesOf(o)) {
                    Map<Expr.Sym, java.math.BigDecimal> q = new HashMap<>(p);
                    q.put(o, new java.math.BigDecimal(v));
                    next.add(q);
                }
            }
            points = next;
        }
        return points;
    }

    private String describeOtherSymbolPoints(List<Expr.Sym> others) {
        if (others.isEmpty()) {
            return "the expression alone";
        }
        List<String> parts = new ArrayList<>();
        for (Expr.Sym o : others) {
            parts.add(o.name() + " in " + samplesOf(o));
        }
        return String.join(", ", parts);
    }

    /** The values a series or derivative check takes for {@code o}: n's, or the parameter's scaled by its bound. */
    private List<String> samplesOf(Expr.Sym o) {
        if (o.equals(org.bonlab.Bon.n)) {
            return SERIES_CHECK_N;
        }
        return SERIES_CHECK_PARAMETER.stream().map(v -> scaled(o, v)).toList();
    }

    /** "", or how the parameter samples are scaled: " times 1/2 for a and b" (the spike tops' bounds). */
    private String scaledSamples(List<Expr.Sym> parameters) {
        return scaledSamples(parameters, sampleBounds);
    }

    private static String scaledSamples(List<Expr.Sym> parameters, Map<Expr.Sym, Double> bounds) {
        Map<Double, List<String>> byBound = new java.util.TreeMap<>();
        for (Expr.Sym x : parameters) {
            double bound = bounds.getOrDefault(x, 1.0);
            if (bound != 1.0) {
                byBound.computeIfAbsent(bound, k -> new ArrayList<>()).add(x.name());
            }
        }
        StringBuilder sb = new StringBuilder();
        byBound.forEach((bound, names) -> sb.append(sb.length() == 0 ? " times " : "; times ")
                .append(java.math.BigDecimal.valueOf(bound).round(new java.math.MathContext(6)).stripTrailingZeros()
                        .toPlainString())
                .append(" for ").append(String.join(" and ", names)));
        return sb.length() == 0 ? "" : sb.append(" (so the spike's tops sum below 1)").toString();
    }

    /** {@code v} times the bound of {@code o} ({@link #sampleBounds}), as an exact decimal. */
    private String scaled(Expr.Sym o, String v) {
        double bound = sampleBounds.getOrDefault(o, 1.0);
        return bound == 1.0 ? v : new java.math.BigDecimal(v).multiply(java.math.BigDecimal.valueOf(bound))
                .stripTrailingZeros().toPlainString();
    }

    /** The small parameter's name: x, or 1/beta for an expansion at infinity. */
    private static String smallName(Expr.Sym x, Expr.Sym referenceVariable, boolean exponential) {
        return x.equals(referenceVariable) ? x.name() : exponential ? "exp(-1/" + referenceVariable.name() + ")"
                : "1/" + referenceVariable.name();
    }

    /** The remainder check of {@link #seriesAtZero}; {@code worst[0]} receives the largest relative error seen. */
    private Optional<String> checkSeriesAtZero(Expr f, Expr.Sym fVariable, Expr.Sym x, Expr poly, int order,
            List<Expr.Sym> others, double[] worst, boolean exponential) {
        HighPrecisionEvaluator hp = new HighPrecisionEvaluator();
        java.math.MathContext mc = new java.math.MathContext(50);
        java.math.BigDecimal shrink = java.math.BigDecimal.TEN.pow(order + 1).divide(java.math.BigDecimal.valueOf(3),
                mc);
        for (Map<Expr.Sym, java.math.BigDecimal> point : otherSymbolPoints(others)) {
            java.math.BigDecimal previous = null;
            for (String step : SERIES_CHECK_STEPS) {
                Map<Expr.Sym, java.math.BigDecimal> at = new HashMap<>(point);
                at.put(x, new java.math.BigDecimal(step));
                Map<Expr.Sym, java.math.BigDecimal> fAt = new HashMap<>(point);
                fAt.put(fVariable, fVariable.equals(x) ? new java.math.BigDecimal(step)
                        : exponential ? java.math.BigDecimal.ONE.divide(hp.evaluate(Expr.log(Expr.constant(
                                org.bonlab.expr.Rational.of(new java.math.BigDecimal(step))))), mc).negate()
                        : java.math.BigDecimal.ONE.divide(new java.math.BigDecimal(step), mc));
                java.math.BigDecimal remainder;
                try {
                    java.math.BigDecimal exact = hp.evaluate(f, fAt);
                    remainder = exact.subtract(hp.evaluate(poly, at), mc).abs();
                    if (exact.signum() != 0) {
                        worst[0] = Math.max(worst[0], remainder.divide(exact.abs(), mc).doubleValue());
                    }
                } catch (ArithmeticException e) {
                    return Optional.of("undefined at " + at + ": " + e.getMessage());
                }
                if (previous != null && previous.signum() > 0
                        && remainder.multiply(shrink, mc).compareTo(previous) > 0) {
                    return Optional.of(String.format(Locale.ROOT,
                            "at %s the remainder %.3g at %s = %s did not shrink like %s^%d (was %.3g at 10 times that)",
                            point, remainder, x.name(), step, x.name(), order + 1, previous));
                }
                previous = remainder;
            }
        }
        return Optional.empty();
    }

    /** Values of a parameter at which a derivative is checked (inside (0, 1), the probabilities' domain). */
    static final List<String> DERIVATIVE_CHECK_AT = List.of("0.2", "0.5", "0.8");

    /** Step of the central difference, at 50 digits: truncation about h^2 = 1e-30, rounding about 1e-35. */
    static final java.math.BigDecimal DIFFERENCE_STEP = new java.math.BigDecimal("1e-15");

    /** How closely a derivative must match the central difference of the quantity, relative. */
    public static final double DERIVATIVE_TOLERANCE = 1e-20;

    /**
     * The derivative of a derived quantity in its parameter {@code x} (e.g. vBoN's J(theta) in theta), by Symja's
     * D and Simplify on the closed form, checked against a central difference of the quantity itself at 50 digits
     * at x = 0.2, 0.5, 0.8 and n = 2, 3, 7 (other parameters at 0.3 and 0.7).
     */
    public CalculusResult derivative(Derivation d, Expr.Sym x) {
        return within(d.quantity(), () -> derivativeWithin(d, x));
    }

    private CalculusResult derivativeWithin(Derivation d, Expr.Sym x) {
        // the quantity's central differences need no derivative: they run beside Symja's D
        java.util.concurrent.Future<List<Difference>> differences = CHECKER.submit(() -> centralDifferences(d, x));
        CalculusResult symbolic = unchecked(d, x);
        if (!(symbolic instanceof CalculusResult.Derivative dv)) {
            differences.cancel(true);
            return symbolic;
        }
        return checked(d, dv, org.bonlab.numeric.Futures.join(differences, "checking a derivative"));
    }

    /**
     * The quantity's central difference in a parameter at one check point ({@link #centralDifferences}), or why it is
     * undefined there.
     */
    record Difference(Map<Expr.Sym, java.math.BigDecimal> at, java.math.BigDecimal value, String undefined) {
    }

    /**
     * The central differences of the quantity in {@code x} at 50 digits (step {@link #DIFFERENCE_STEP}) at the points
     * of {@link #DERIVATIVE_CHECK_AT}, the other parameters at {@link #otherSymbolPoints}; they end at the first point
     * where the quantity is undefined.
     */
    List<Difference> centralDifferences(Derivation d, Expr.Sym x) {
        List<Expr.Sym> others = symbolsOutsideSums(d.closedForm()); // not the indices of its sums
        others.remove(x);
        HighPrecisionEvaluator hp = new HighPrecisionEvaluator();
        List<Difference> out = new ArrayList<>();
        for (Map<Expr.Sym, java.math.BigDecimal> point : otherSymbolPoints(others)) {
            for (String at : DERIVATIVE_CHECK_AT) {
                Map<Expr.Sym, java.math.BigDecimal> b = new HashMap<>(point);
                b.put(x, new java.math.BigDecimal(scaled(x, at)));
                try {
                    out.add(new Difference(b, centralDifference(hp, d.quantity(), x, b), null));
                } catch (ArithmeticException e) {
                    out.add(new Difference(b, null, e.getMessage()));
                    return out;
                }
            }
        }
        return out;
    }

    /** The derivative in {@code x} by Symja, its check still to be made ({@link #checked}); or why there is none. */
    private CalculusResult unchecked(Derivation d, Expr.Sym x) {
        ToSymja to = new ToSymja();
        ISymbol xs = to.symbol(x);
        IExpr fx = closedFormIn(to, xs, d, x, "a derivative in " + x.name());
        Optional<SymjaDerivative> dx = derivativeInSymja(fx, xs);
        if (dx.isEmpty()) {
            return new CalculusResult.NotFound("Symja could not differentiate the closed form in " + x.name());
        }
        Optional<Expr> form = new FromSymja(to.inverse()).translate(dx.get().form());
        if (form.isEmpty()) {
            return new CalculusResult.NotFound("the derivative " + dx.get().form() + " could not be translated");
        }
        return new CalculusResult.Derivative(x, form.get(), dx.get().method(),
                new Verification.Unverified("not checked yet"));
    }

    /**
     * {@code dv} (from {@link #unchecked}) with its check: the central difference of the quantity at 50 digits at the
     * points of {@link #DERIVATIVE_CHECK_AT}; NotFound where they differ or the quantity is undefined.
     */
    CalculusResult checked(Derivation d, CalculusResult.Derivative dv, List<Difference> differences) {
        Expr.Sym x = dv.variable();
        List<Expr.Sym> others = symbolsOutsideSums(d.closedForm());
        others.remove(x);
        double worst = 0;
        int points = 0;
        HighPrecisionEvaluator hp = new HighPrecisionEvaluator();
        for (Difference difference : differences) {
            Map<Expr.Sym, java.math.BigDecimal> b = difference.at();
            if (difference.undefined() != null) {
                return new CalculusResult.NotFound("undefined at " + b + ": " + difference.undefined());
            }
            try {
                java.math.BigDecimal numeric = difference.value();
                java.math.BigDecimal symbolic = hp.evaluate(dv.form(), b);
                double err = relativeDifference(symbolic, numeric);
                if (err > DERIVATIVE_TOLERANCE) {
                    return new CalculusResult.NotFound(String.format(Locale.ROOT,
                            "the derivative fails the numeric check at %s: %s against the central difference %s",
                            b, symbolic.round(new java.math.MathContext(20)),
                            numeric.round(new java.math.MathContext(20))));
                }
                worst = Math.max(worst, err);
                points++;
            } catch (ArithmeticException e) {
                return new CalculusResult.NotFound("undefined at " + b + ": " + e.getMessage());
            }
        }
        return new CalculusResult.Derivative(x, dv.form(), dv.method(),
                new Verification.CheckedNumerically(points, worst, String.format(Locale.ROOT,
                        "against a central difference of the quantity at 50 digits (step %s), %s in %s, for %s",
                        DIFFERENCE_STEP, x.name(),
                        DERIVATIVE_CHECK_AT.stream().map(v -> scaled(x, v)).toList(),
                        describeOtherSymbolPoints(others))));
    }

    /**
     * Where the derivative of a derived quantity in {@code x} vanishes, solved by Symja's Solve on the derivative,
     * each point checked numerically: the central difference of the quantity at 50 digits vanishes there (within
     * {@link #DERIVATIVE_TOLERANCE} of the quantity's scale) for n = 2, 3, 7, and its sign on either side (at
     * distance 1e-6) names a maximum or a minimum. Vocabulary: vBoN's J(theta) on a coin is maximal at
     * theta = 1 - 2^-n, where pi_theta is best-of-n itself.
     */
    public CalculusResult stationaryPoints(Derivation d, Expr.Sym x) {
        return within(d.quantity(), () -> stationaryPointsWithin(d, x));
    }

    private CalculusResult stationaryPointsWithin(Derivation d, Expr.Sym x) {
        // the derivative's check (central differences of the quantity at 50 digits) runs beside Symja's D and Solve
        java.util.concurrent.Future<List<Difference>> differences = CHECKER.submit(() -> centralDifferences(d, x));
        CalculusResult symbolic = unchecked(d, x);
        if (!(symbolic instanceof CalculusResult.Derivative unchecked)) {
            differences.cancel(true);
            return symbolic;
        }
        CalculusResult solved = stationaryPointsOf(d, unchecked);
        CalculusResult derivative = checked(d, unchecked,
                org.bonlab.numeric.Futures.join(differences, "checking a derivative"));
        return derivative instanceof CalculusResult.NotFound ? derivative : solved;
    }

    private CalculusResult stationaryPointsOf(Derivation d, CalculusResult.Derivative dv) {
        Expr.Sym x = dv.variable();
        ToSymja to = new ToSymja();
        ISymbol xs = to.symbol(x);
        IExpr dx = to.translate(dv.form());
        List<Expr.Sym> others = symbolsOutsideSums(d.closedForm()); // not the indices of its sums
        others.remove(x);
        // with x the only parameter a numeric search follows, so a long wait for Symja is pointless
        Duration attempt = others.isEmpty() ? LIMIT_ATTEMPT : timeLimit();
        // a sum of logs with integer coefficients (vBoN's log((1 - theta) 2^n) - log(theta 2^n/(2^n - 1))): exp(D) = 1
        // is an algebraic equation, which Symja's Solve takes at once, where D = 0 costs it a failed attempt first
        IExpr[] equations = sumOfLogs(dx) ? new IExpr[] {F.Equal(F.Exp(dx), F.C1), F.Equal(dx, F.C0)}
                : new IExpr[] {F.Equal(dx, F.C0), F.Equal(F.Exp(dx), F.C1)}; // logs of a ratio: exp(D) = 1 instead
        SymjaSession.Outcome o = symja.eval(F.Solve(equations[0], xs), attempt);
        if (!(o instanceof SymjaSession.Outcome.Value v) || !v.expr().isList()) {
            o = symja.eval(F.Solve(equations[1], xs), attempt);
        }
        if (!(o instanceof SymjaSession.Outcome.Value v) || !v.expr().isList()) {
            String why = "Symja's Solve found no stationary point in " + x.name() + ": "
                    + (o instanceof SymjaSession.Outcome.Failed f ? f.reason() : ((SymjaSession.Outcome.Value) o).expr());
            return others.isEmpty() ? numericStationaryPoints(d, dv, x, why) : new CalculusResult.NotFound(why
                    + "; numeric roots of the derivative need a quantity of " + x.name() + " alone, but it also "
                    + "depends on " + others.stream().map(Expr.Sym::name).toList() + " (fix them with --at)");
        }
        HighPrecisionEvaluator hp = new HighPrecisionEvaluator();
        List<CalculusResult.Point> found = new ArrayList<>();
        int checked = 0;
        double worst = 0;
        for (IExpr solution : (IAST) v.expr()) { // {{x -> a}, {x -> b}, ...}
            if (!(solution instanceof IAST rules) || !rules.isList() || rules.argSize() != 1
                    || !rules.arg1().isRuleAST()) {
                continue;
            }
            IExpr value = ((IAST) rules.arg1()).arg2();
            value = shortest(value, F.Expand(value), F.Simplify(value));
            Optional<Expr> at = new FromSymja(to.inverse()).translate(value);
            if (at.isEmpty()) {
                return new CalculusResult.NotFound("the solution " + value + " could not be translated");
            }
            String kind = null;
            for (Map<Expr.Sym, java.math.BigDecimal> point : otherSymbolPoints(others)) {
                try {
                    java.math.BigDecimal x0 = hp.evaluate(at.get(), point);
                    Map<Expr.Sym, java.math.BigDecimal> b = new HashMap<>(point);
                    b.put(x, x0);
                    double slope = relativeSlope(hp, d.quantity(), x, b);
                    if (slope > DERIVATIVE_TOLERANCE) {
                        return new CalculusResult.NotFound(String.format(Locale.ROOT,
                                "Symja's solution %s = %s is not stationary at %s: slope %.3g", x.name(),
                                at.get().show(), point, slope));
                    }
                    worst = Math.max(worst, slope);
                    String k = kindAround(hp, d.quantity(), x, b);
                    kind = kind == null || kind.equals(k) ? k : "stationary";
                    checked++;
                } catch (ArithmeticException e) {
                    return new CalculusResult.NotFound("Symja's solution " + x.name() + " = " + at.get().show()
                            + " is undefined at " + point + ": " + e.getMessage());
                }
            }
            found.add(new CalculusResult.Point(at, "", kind));
        }
        if (found.isEmpty()) {
            return new CalculusResult.NotFound("Symja's Solve gave no solution for " + x.name() + ": " + v.expr());
        }
        return new CalculusResult.Stationary(x, found, "Symja Solve on the derivative (" + dv.method() + ")",
                new Verification.CheckedNumerically(checked, worst, String.format(Locale.ROOT,
                        "the quantity's central difference at 50 digits vanishes there, and its sign 1e-6 either "
                                + "side gives the kind, for %s", describeOtherSymbolPoints(others))));
    }

    /**
     * Stationary points of a quantity of x alone where Symja's Solve gives none: the roots of its (checked)
     * derivative by the grid scan and Illinois method of {@link #solve}, each confirmed like Symja's: the central
     * difference of the quantity at 50 digits vanishes there and its signs 1e-6 either side give the kind.
     */
    private CalculusResult numericStationaryPoints(Derivation d, CalculusResult.Derivative dv, Expr.Sym x,
            String symjaFailed) {
        Derivation slope = new Derivation(dv.form(), x, dv.form(), dv.form(), d.equality(), d.limit(), d.crossCheck());
        CalculusResult roots = numericRoots(slope, x, Expr.constant(0), java.math.BigDecimal.ZERO, false, "",
                d.quantity());
        if (!(roots instanceof CalculusResult.Solved solved)) {
            return new CalculusResult.NotFound(symjaFailed + "; numerically: "
                    + ((CalculusResult.NotFound) roots).reason());
        }
        HighPrecisionEvaluator hp = new HighPrecisionEvaluator();
        List<CalculusResult.Point> found = new ArrayList<>();
        double worst = 0;
        for (CalculusResult.Root r : solved.roots()) {
            java.math.BigDecimal x0 = new java.math.BigDecimal(r.decimal());
            Map<Expr.Sym, java.math.BigDecimal> b = new HashMap<>(Map.of(x, x0));
            try {
                double flat = relativeSlope(hp, d.quantity(), x, b);
                if (flat > STATIONARY_ROOT_TOLERANCE) {
                    return new CalculusResult.NotFound(String.format(Locale.ROOT, "%s; the derivative's numeric root "
                            + "%s = %s is not stationary for the quantity: slope %.3g", symjaFailed, x.name(),
                            r.decimal(), flat));
                }
                worst = Math.max(worst, flat);
                found.add(new CalculusResult.Point(Optional.empty(), r.decimal(), kindAround(hp, d.quantity(), x, b)));
            } catch (ArithmeticException | IllegalArgumentException e) {
                return new CalculusResult.NotFound(symjaFailed + "; the derivative's numeric root " + x.name() + " = "
                        + r.decimal() + " is undefined for the quantity: " + e.getMessage());
            }
        }
        return new CalculusResult.Stationary(x, found, "numeric: " + symjaFailed + "; the roots of the derivative ("
                + dv.method() + ") by " + solved.method().replaceFirst("^numeric: Symja's Solve found none in closed "
                + "form; ", ""), new Verification.CheckedNumerically(found.size(), worst, "the quantity's central "
                + "difference at 50 digits vanishes at each root (the root is 30 digits), and its sign 1e-6 either "
                + "side gives the kind; " + solved.confirmation().describe()));
    }

    /**
     * How flat the quantity must be at a numeric stationary point given to 30 digits: its central difference
     * relative to max(|quantity|, 1). The root's 30 digits leave a slope of about 1e-30 times the second derivative.
     */
    public static final double STATIONARY_ROOT_TOLERANCE = 1e-20;

    /** How closely a solution must reproduce the value: |q(x0) - v| at 50 digits, relative to max(|v|, 1). */
    public static final double SOLUTION_TOLERANCE = 1e-25;

    /** Bisection steps at 60 digits: a bracket of width w ends about w 1e-51 wide. */
    private static final int BISECTION_STEPS = 170;

    /**
     * Where a derived quantity equals {@code value} as a function of {@code x} (the n at which the KL reaches a
     * value, the beta at which the tilted policy's expected reward does). First Symja's Solve on
     * closed form = value: each solution is kept only if the quantity itself (the closed form when x is n, which
     * it extends to real n) reproduces the value within {@link #SOLUTION_TOLERANCE} at 50 digits at every point of
     * the other parameters (n = 2, 3, 7; others 0.3, 0.7). When Symja finds none and x is the only parameter, the
     * roots are bracketed by the sign changes of closed form - value on a grid over x's domain (n: [1, 2^50]
     * log-spaced; a parameter defined at 2: [1e-8, 1e8] log-spaced; otherwise (0, 1) with both ends refined to
     * 1e-12), each confirmed at 60 digits and narrowed there by the Illinois method; the sign change across the
     * final bracket is the check. Two roots between neighbouring grid points would be missed, and the output says
     * so. For n, each root also names the integers between which the quantity itself (at 50 digits) crosses the
     * value.
     */
    public CalculusResult solve(Derivation d, Expr.Sym x, Rational value) {
        return solve(d, x, Expr.constant(value));
    }

    /**
     * As {@link #solve(Derivation, Expr.Sym, Rational)} for a value given as a constant expression, such as another
     * quantity's closed form at a fixed n (the beta at which the tilted policy's KL equals best-of-4's).
     *
     * @throws IllegalArgumentException when {@code value} is not a finite number (it has a free symbol, or is
     *                                  undefined)
     */
    public CalculusResult solve(Derivation d, Expr.Sym x, Expr value) {
        return within(d.quantity(), () -> solveWithin(d, x, value));
    }

    private CalculusResult solveWithin(Derivation d, Expr.Sym x, Expr value) {
        java.math.BigDecimal target;
        try {
            target = new HighPrecisionEvaluator(60).evaluate(value, Map.of());
        } catch (ArithmeticException | IllegalArgumentException | IllegalStateException e) {
            throw new IllegalArgumentException("the value to solve for must be a number, but " + value.show()
                    + " is not: " + e.getMessage(), e);
        }
        ToSymja to = new ToSymja();
        ISymbol xs = to.symbol(x);
        IExpr fx = closedFormIn(to, xs, d, x, "solving for " + x.name());
        List<Expr.Sym> others = symbolsOutsideSums(d.closedForm()); // not the indices of its sums
        others.remove(x);
        boolean isN = x.equals(org.bonlab.Bon.n);
        Expr checked = isN ? d.closedForm() : d.quantity();
        HighPrecisionEvaluator hp = new HighPrecisionEvaluator();
        List<CalculusResult.Root> roots = new ArrayList<>();
        List<String> rejected = new ArrayList<>();
        int points = 0;
        double worst = 0;
        // with x the only parameter a numeric search follows, so a long wait for Symja is pointless
        SymjaSession.Outcome o = symja.eval(F.Solve(F.Equal(fx, to.translate(value)), xs),
                others.isEmpty() ? LIMIT_ATTEMPT : timeLimit());
        if (o instanceof SymjaSession.Outcome.Value v && v.expr().isList()) {
            for (IExpr solution : (IAST) v.expr()) {
                if (!(solution instanceof IAST rules) || !rules.isList() || rules.argSize() != 1
                        || !rules.arg1().isRuleAST()) {
                    continue;
                }
                IExpr raw = ((IAST) rules.arg1()).arg2();
                if (raw.isAST(S.ConditionalExpression, 3)) {
                    // a family of solutions over integers C(k) (the branches of a complex log): the real branch is
                    // C(k) = 0, kept only if it passes the check below like any other solution
                    raw = ((IAST) raw).arg1().replaceAll(e -> e.isAST(S.C, 2) ? F.C0 : F.NIL).orElse(((IAST) raw).arg1());
                    raw = symja.eval(raw) instanceof SymjaSession.Outcome.Value simplified ? simplified.expr() : raw;
                }
                Optional<Expr> at = new FromSymja(to.inverse()).translate(shortest(raw, F.Simplify(raw)));
                if (at.isEmpty()) {
                    rejected.add(raw + " (not translated: complex or outside bonlab's expressions)");
                    continue;
                }
                String problem = null;
                double rootWorst = 0;
                java.math.BigDecimal single = null;
                for (Map<Expr.Sym, java.math.BigDecimal> point : otherSymbolPoints(others)) {
                    try {
                        java.math.BigDecimal x0 = hp.evaluate(at.get(), point);
                        if (isN && x0.compareTo(java.math.BigDecimal.ONE) < 0) {
                            problem = "n = " + x0.round(java.math.MathContext.DECIMAL64) + " is below 1";
                            break;
                        }
                        if (x0.signum() <= 0) { // p, theta, beta, lambda: every parameter of a family is positive
                            problem = x.name() + " = " + x0.round(java.math.MathContext.DECIMAL64) + " is not positive";
                            break;
                        }
                        Map<Expr.Sym, java.math.BigDecimal> b = new HashMap<>(point);
                        b.put(x, x0);
                        double err = hp.evaluate(checked, b).subtract(target).abs()
                                .divide(target.abs().max(java.math.BigDecimal.ONE), java.math.MathContext.DECIMAL64)
                                .doubleValue();
                        if (!(err <= SOLUTION_TOLERANCE)) {
                            problem = String.format(Locale.ROOT, "misses the value by %.3g at %s", err, b);
                            break;
                        }
                        rootWorst = Math.max(rootWorst, err);
                        single = x0;
                    } catch (ArithmeticException | IllegalArgumentException e) {
                        problem = "undefined at " + point + ": " + e.getMessage();
                        break;
                    }
                }
                if (problem != null) {
                    rejected.add(at.get().show() + " (" + problem + ")");
                    continue;
                }
                points += otherSymbolPoints(others).size();
                worst = Math.max(worst, rootWorst);
                String decimal = others.isEmpty() ? single.round(new java.math.MathContext(30)).toString() : "";
                roots.add(new CalculusResult.Root(at, decimal,
                        isN && others.isEmpty() ? integerCrossing(hp, d.quantity(), single, target) : ""));
            }
        }
        String skipped = rejected.isEmpty() ? "" : "; Symja's solutions not kept: " + String.join(", ", rejected);
        if (!roots.isEmpty()) {
            return new CalculusResult.Solved(x, value, roots, "Symja Solve on closed form = " + value.show(),
                    new Verification.CheckedNumerically(points, worst, String.format(Locale.ROOT,
                            "the %s at each solution at 50 digits equals the value, for %s%s",
                            isN ? "closed form" : "quantity", describeOtherSymbolPoints(others), skipped)));
        }
        if (!others.isEmpty()) {
            return new CalculusResult.NotFound("Symja's Solve found no solution for " + x.name() + " in closed form"
                    + skipped + "; a numeric root needs a quantity of " + x.name() + " alone, but it also depends on "
                    + others.stream().map(Expr.Sym::name).toList());
        }
        return numericRoots(d, x, value, target, isN, skipped, d.quantity());
    }

    /**
     * The roots of closed form = value in x alone; {@code domainOf}, the quantity itself, decides the grid: x in
     * [1e-8, 1e8] when it is defined at x = 2, otherwise (0, 1). A closed form or a derivative can be defined where
     * the quantity is not: bernoulli(p)'s KL at p = 2 is 0 by its formula, but 2 is no probability.
     */
    private CalculusResult numericRoots(Derivation d, Expr.Sym x, Expr value, java.math.BigDecimal target,
            boolean isN, String skipped, Expr domainOf) {
        HighPrecisionEvaluator hp = new HighPrecisionEvaluator(60);
        java.math.MathContext mc = new java.math.MathContext(60);
        java.util.function.Function<java.math.BigDecimal, java.math.BigDecimal> g = at -> {
            try {
                return hp.evaluate(d.closedForm(), Map.of(x, at)).subtract(target);
            } catch (ArithmeticException | IllegalArgumentException e) {
                return null; // undefined there
            }
        };
        DoubleEvaluator ev = new DoubleEvaluator();
        double v = target.doubleValue();
        java.util.function.DoubleUnaryOperator scan = at -> {
            try {
                return ev.evaluate(d.closedForm(), Map.of(x, at)) - v;
            } catch (ArithmeticException | IllegalArgumentException e) {
                return Double.NaN;
            }
        };
        List<Double> grid = new ArrayList<>();
        String domain;
        if (isN) {
            for (int k = 0; k <= 200; k++) {
                grid.add(Math.pow(2, k / 4.0));
            }
            domain = "n in [1, 2^50] at 201 points 2^(k/4)";
        } else if (definedAt(ev, domainOf, x, 2)) {
            for (int k = -64; k <= 64; k++) {
                grid.add(Math.pow(10, k / 8.0));
            }
            domain = x.name() + " in [1e-8, 1e8] at 129 points 10^(k/8)";
        } else {
            for (int j = 12; j >= 2; j--) {
                grid.add(Math.pow(10, -j));
            }
            for (int k = 1; k <= 19; k++) {
                grid.add(k * 0.05);
            }
            for (int j = 2; j <= 12; j++) {
                grid.add(1 - Math.pow(10, -j));
            }
            domain = x.name() + " in [1e-12, 1 - 1e-12] at 41 points (0.05 apart, and 10^-j from either end)";
        }
        List<CalculusResult.Root> roots = new ArrayList<>();
        List<String> unconfirmed = new ArrayList<>();
        double worst = 0;
        double previousX = Double.NaN;
        double previousG = Double.NaN;
        for (double at : grid) {
            double here = scan.applyAsDouble(at);
            if (Double.isNaN(here)) {
                continue; // undefined: no sign change is read across this point
            }
            if (!Double.isNaN(previousG) && (here == 0 || Math.signum(here) != Math.signum(previousG))
                    && previousG != 0) {
                // the bracket's sign change, confirmed at 60 digits, then narrowed by the Illinois method there
                java.math.BigDecimal lo = new java.math.BigDecimal(previousX);
                java.math.BigDecimal hi = new java.math.BigDecimal(at);
                java.math.BigDecimal gLo = g.apply(lo);
                java.math.BigDecimal gHi = g.apply(hi);
                if (gLo == null || gHi == null || gLo.signum() * gHi.signum() > 0) {
                    unconfirmed.add(String.format(Locale.ROOT, "[%.6g, %.6g]", previousX, at));
                } else {
                    java.math.BigDecimal[] bracket = illinois(g, lo, hi, gLo, gHi, mc);
                    java.math.BigDecimal mid = bracket[0].add(bracket[1]).divide(java.math.BigDecimal.valueOf(2), mc);
                    java.math.BigDecimal gm = g.apply(mid);
                    if (gm != null) {
                        worst = Math.max(worst, gm.abs().divide(target.abs().max(java.math.BigDecimal.ONE),
                                java.math.MathContext.DECIMAL64).doubleValue());
                    }
                    roots.add(root(d, mid, isN, target));
                }
            }
            previousX = at;
            previousG = here;
        }
        String notConfirmed = unconfirmed.isEmpty() ? "" : "; sign changes in double precision not confirmed at 60 "
                + "digits (not reported): " + String.join(", ", unconfirmed);
        if (roots.isEmpty()) {
            return new CalculusResult.NotFound(String.format(Locale.ROOT, "no solution of %s = %s: Symja's Solve found "
                    + "none in closed form%s, and closed form - value keeps its sign on %s%s", d.quantity().show(),
                    value.show(), skipped, domain, notConfirmed));
        }
        return new CalculusResult.Solved(x, value, roots, "numeric: Symja's Solve found none in closed form; "
                + "each sign change of closed form - value on " + domain + " confirmed at 60 digits and narrowed "
                + "there by the Illinois method (two roots between neighbouring points would be missed)",
                new Verification.CheckedNumerically(roots.size(), worst, String.format(Locale.ROOT,
                        "closed form - value changes sign at 60 digits across a bracket at most 1e-45 wide (relative) "
                                + "around each root%s%s%s",
                        isN ? "; the closed form extends the quantity to real n" : "", skipped, notConfirmed)));
    }

    private static boolean definedAt(DoubleEvaluator ev, Expr f, Expr.Sym x, double at) {
        try {
            return Double.isFinite(ev.evaluate(f, Map.of(x, at)));
        } catch (ArithmeticException | IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * A bracket [lo, hi] of a sign change of g narrowed by the Illinois method (regula falsi that halves the
     * stale end's value) until it is at most 1e-45 wide relative to its ends, or 200 steps: always a bracket.
     */
    private static java.math.BigDecimal[] illinois(
            java.util.function.Function<java.math.BigDecimal, java.math.BigDecimal> g, java.math.BigDecimal lo,
            java.math.BigDecimal hi, java.math.BigDecimal gLo, java.math.BigDecimal gHi, java.math.MathContext mc) {
        java.math.BigDecimal tolerance = new java.math.BigDecimal("1e-45");
        int side = 0;
        for (int step = 0; step < 200; step++) {
            java.math.BigDecimal width = hi.subtract(lo).abs();
            if (gLo.signum() == 0 || gHi.signum() == 0
                    || width.compareTo(tolerance.multiply(lo.abs().max(hi.abs()).max(java.math.BigDecimal.ONE))) <= 0) {
                break;
            }
            java.math.BigDecimal next = hi.subtract(gHi.multiply(hi.subtract(lo), mc).divide(gHi.subtract(gLo), mc), mc);
            if (next.compareTo(lo.min(hi)) <= 0 || next.compareTo(lo.max(hi)) >= 0) {
                next = lo.add(hi).divide(java.math.BigDecimal.valueOf(2), mc); // rounding pushed it out: bisect
            }
            java.math.BigDecimal gNext = g.apply(next);
            if (gNext == null) {
                break; // undefined inside the bracket: keep the bracket found so far
            }
            if (gNext.signum() == gLo.signum()) {
                lo = next;
                gLo = gNext;
                gHi = side == -1 ? gHi.divide(java.math.BigDecimal.valueOf(2), mc) : gHi;
                side = -1;
            } else {
                hi = next;
                gHi = gNext;
                gLo = side == 1 ? gLo.divide(java.math.BigDecimal.valueOf(2), mc) : gLo;
                side = 1;
            }
        }
        if (gLo.signum() == 0) {
            return new java.math.BigDecimal[] {lo, lo};
        }
        if (gHi.signum() == 0) {
            return new java.math.BigDecimal[] {hi, hi};
        }
        return new java.math.BigDecimal[] {lo, hi};
    }

    private CalculusResult.Root root(Derivation d, java.math.BigDecimal at, boolean isN, java.math.BigDecimal target) {
        return new CalculusResult.Root(Optional.empty(), at.round(new java.math.MathContext(30)).toString(),
                isN ? integerCrossing(new HighPrecisionEvaluator(), d.quantity(), at, target) : "");
    }

    /**
     * Where the quantity itself (at 50 digits, not its closed form) crosses {@code target} around the real root
     * n0: its values at floor(n0) and floor(n0) + 1, or at 1 when n0 is 1.
     */
    private static String integerCrossing(HighPrecisionEvaluator hp, Expr quantity, java.math.BigDecimal n0,
            java.math.BigDecimal target) {
        java.math.BigInteger below = n0.setScale(0, java.math.RoundingMode.FLOOR).toBigInteger();
        if (below.signum() < 1 || below.bitLength() > 62) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (java.math.BigInteger k : List.of(below, below.add(java.math.BigInteger.ONE))) {
            try {
                java.math.BigDecimal q = hp.evaluate(quantity, Map.of(org.bonlab.Bon.n, new java.math.BigDecimal(k)));
                int c = q.compareTo(target);
                sb.append(sb.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "at n = %s the quantity is %s (%s the value)",
                        k, q.round(new java.math.MathContext(12)).toString(), c < 0 ? "below" : c > 0 ? "above" : "equal to"));
            } catch (ArithmeticException | IllegalArgumentException e) {
                return "";
            }
        }
        return sb.toString();
    }

    /**
     * The derivation's closed form in Symja, which must depend on {@code x} for {@code use} (e.g. "a derivative in
     * theta").
     *
     * @throws IllegalArgumentException naming the use, the symbol and the quantity when it does not
     */
    private static IExpr closedFormIn(ToSymja to, ISymbol xs, Derivation d, Expr.Sym x, String use) {
        IExpr fx = to.translate(d.closedForm());
        if (fx.isFree(xs)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%s needs a quantity that depends on %s, but %s does not", use, x.name(), d.quantity().show()));
        }
        return fx;
    }

    /** A derivative from Symja, and how it was put in the form shown. */
    private record SymjaDerivative(IExpr form, String method) {
    }

    private Optional<SymjaDerivative> derivativeInSymja(IExpr f, ISymbol x) {
        SymjaSession.Outcome raw = symja.eval(F.D(f, x));
        if (!(raw instanceof SymjaSession.Outcome.Value r)) {
            return Optional.empty();
        }
        if (sumOfLogs(r.expr()) && !r.expr().isLog()) {
            // a sum of logs (vBoN's log((1 - theta) 2^n) - log(theta/(1 - 2^-n))): as it comes, or one log of the
            // factored product where that is shorter; Simplify of such a sum takes a tenth of a second cold
            return Optional.of(new SymjaDerivative(shortest(r.expr(),
                    F.Log(F.Factor(F.Together(productOfLogs(r.expr()))))), "Symja D on the closed form (a sum of "
                            + "logs: as it comes, or as one log of the factored product where that is shorter)"));
        }
        return Optional.of(new SymjaDerivative(shortest(r.expr(), F.Simplify(r.expr()), F.Together(r.expr())),
                "Symja D and Simplify on the closed form"));
    }

    /**
     * {@code e} with the logarithms of each sum combined: \( c_1 \log a_1 + c_2 \log a_2 + \dots \) (rational c) as
     * \( \log(a_1^{c_1} a_2^{c_2} \cdots) \), the product simplified by Symja (log 2 - 2^(1-n) - log 2^(1-n) reads
     * log(2^n - 1)). Valid wherever {@code e} is real: each logarithm's argument is positive there.
     */
    private IExpr combinedLogs(IExpr e) {
        if (!(e instanceof IAST ast) || e.isFree(S.Log)) {
            return e;
        }
        IAST copy = ast;
        for (int i = 1; i < ast.size(); i++) {
            IExpr inner = combinedLogs(ast.get(i));
            if (inner != ast.get(i)) {
                copy = copy.setAtCopy(i, inner);
            }
        }
        if (!copy.isPlus()) {
            return copy;
        }
        List<IExpr> rest = new ArrayList<>();
        List<IExpr> factors = new ArrayList<>();
        for (int i = 1; i < copy.size(); i++) {
            IExpr t = copy.get(i);
            Optional<LogTerm> log = LogTerm.of(t);
            if (log.isPresent()) {
                factors.add(log.get().factor());
            } else {
                rest.add(t);
            }
        }
        if (factors.size() < 2) {
            return copy;
        }
        if (!(symja.eval(F.Simplify(F.Times(factors.toArray(new IExpr[0])))) instanceof SymjaSession.Outcome.Value v)) {
            return copy;
        }
        rest.add(F.Log(v.expr()));
        return rest.size() == 1 ? rest.get(0) : F.Plus(rest.toArray(new IExpr[0]));
    }

    /** A term c log a of a sum (c rational, 1 for log a alone). */
    private record LogTerm(IExpr coefficient, IExpr argument) {
        /** {@code t} as such a term; empty for any other term. */
        static Optional<LogTerm> of(IExpr t) {
            if (t.isLog() && ((IAST) t).argSize() == 1) {
                return Optional.of(new LogTerm(F.C1, ((IAST) t).arg1()));
            }
            if (t.isTimes() && ((IAST) t).argSize() == 2 && ((IAST) t).arg1().isRational()
                    && ((IAST) t).arg2().isLog() && ((IAST) ((IAST) t).arg2()).argSize() == 1) {
                return Optional.of(new LogTerm(((IAST) t).arg1(), ((IAST) ((IAST) t).arg2()).arg1()));
            }
            return Optional.empty();
        }

        /** a^c, the term's share of exp(sum). */
        IExpr factor() {
            return coefficient.isOne() ? argument : F.Power(argument, coefficient);
        }
    }

    /** The terms of {@code e}: its arguments if it is a sum, else itself. */
    private static List<IExpr> summands(IExpr e) {
        if (!e.isPlus()) {
            return List.of(e);
        }
        List<IExpr> terms = new ArrayList<>();
        for (IExpr t : (IAST) e) {
            terms.add(t);
        }
        return terms;
    }

    /** Whether {@code e} is a log, or a sum of logs each times an integer (so exp(e) is a product of powers). */
    private static boolean sumOfLogs(IExpr e) {
        return summands(e).stream().allMatch(t -> LogTerm.of(t).filter(l -> l.coefficient().isInteger()).isPresent());
    }

    /** exp(e) for a {@link #sumOfLogs}: the product of the logs' arguments, each to its integer coefficient. */
    private static IExpr productOfLogs(IExpr e) {
        return F.Times(summands(e).stream().map(t -> LogTerm.of(t).orElseThrow().factor()).toArray(IExpr[]::new));
    }

    /**
     * Whether {@code e} is a polynomial with rational coefficients in its symbols (sums, products and non-negative
     * integer powers of symbols and rationals only), as the series coefficients of expected rewards and win rates are:
     * no Simplify is needed to present it, its factored form is.
     */
    static boolean rationalPolynomial(IExpr e) {
        if (e.isRational() || e.isSymbol()) {
            return !e.isBuiltInSymbol();
        }
        if (e.isPlus() || e.isTimes()) {
            for (IExpr arg : (IAST) e) {
                if (!rationalPolynomial(arg)) {
                    return false;
                }
            }
            return true;
        }
        return e.isPower() && e.exponent().isInteger() && !e.exponent().isNegative() && rationalPolynomial(e.base());
    }

    /**
     * The shortest (fewest leaves) of {@code e} and what Symja makes of each rewriting of it, such as
     * {@code Simplify(e)} or {@code Factor(e)}; a rewriting Symja fails on is passed over.
     */
    private IExpr shortest(IExpr e, IExpr... rewritings) {
        IExpr best = e;
        for (IExpr candidate : rewritings) {
            if (symja.eval(candidate) instanceof SymjaSession.Outcome.Value v && v.expr().leafCount() < best.leafCount()) {
                best = v.expr();
            }
        }
        return best;
    }

    /** |df/dx| at {@code at} by the 50-digit central difference, relative to max(|f|, 1) there. */
    private static double relativeSlope(HighPrecisionEvaluator hp, Expr f, Expr.Sym x,
            Map<Expr.Sym, java.math.BigDecimal> at) {
        java.math.BigDecimal scale = hp.evaluate(f, at).abs().max(java.math.BigDecimal.ONE);
        return centralDifference(hp, f, x, at).abs().divide(scale, java.math.MathContext.DECIMAL64).doubleValue();
    }

    /** A stationary point's kind from the signs of df/dx 1e-6 either side: "maximum", "minimum" or "stationary". */
    private static String kindAround(HighPrecisionEvaluator hp, Expr f, Expr.Sym x,
            Map<Expr.Sym, java.math.BigDecimal> at) {
        java.math.BigDecimal delta = new java.math.BigDecimal("1e-6");
        Map<Expr.Sym, java.math.BigDecimal> b = new HashMap<>(at);
        b.put(x, at.get(x).subtract(delta));
        int left = centralDifference(hp, f, x, b).signum();
        b.put(x, at.get(x).add(delta));
        int right = centralDifference(hp, f, x, b).signum();
        return left > 0 && right < 0 ? "maximum" : left < 0 && right > 0 ? "minimum" : "stationary";
    }

    private static java.math.BigDecimal centralDifference(HighPrecisionEvaluator hp, Expr f, Expr.Sym x,
            Map<Expr.Sym, java.math.BigDecimal> at) {
        java.math.BigDecimal x0 = at.get(x);
        Map<Expr.Sym, java.math.BigDecimal> b = new HashMap<>(at);
        b.put(x, x0.add(DIFFERENCE_STEP));
        java.math.BigDecimal up = hp.evaluate(f, b);
        b.put(x, x0.subtract(DIFFERENCE_STEP));
        java.math.BigDecimal down = hp.evaluate(f, b);
        return up.subtract(down).divide(DIFFERENCE_STEP.multiply(java.math.BigDecimal.valueOf(2)),
                new java.math.MathContext(50));
    }

    private static double relativeDifference(java.math.BigDecimal a, java.math.BigDecimal b) {
        java.math.BigDecimal scale = a.abs().max(b.abs()).max(new java.math.BigDecimal("1e-30"));
        return a.subtract(b).abs().divide(scale, java.math.MathContext.DECIMAL64).doubleValue();
    }

    /** Symja's Series directly at {@code at}, for comparison: checked the same way, not trusted. */
    SeriesResult directSeries(Expr f, Expr.Sym x, Rational at, int order) {
        ToSymja to = new ToSymja();
        ISymbol xs = to.symbol(x);
        SymjaSession.Outcome o = symja.eval(F.unaryAST1(S.Normal, F.Series(to.translate(f),
                F.list(xs, ToSymja.rational(at), F.ZZ(order)))));
        if (!(o instanceof SymjaSession.Outcome.Value v)) {
            return new SeriesResult.NotFound("Symja Series: " + ((SymjaSession.Outcome.Failed) o).reason());
        }
        Optional<Expr> poly = new FromSymja(to.inverse()).translate(v.expr());
        if (poly.isEmpty()) {
            return new SeriesResult.NotFound("Symja's series " + v.expr() + " could not be translated");
        }
        // poly is in x: compare f(at + t) with poly(at + t)
        Expr.Sym tSym = Expr.symbol("t_");
        Expr inT = org.bonlab.claim.Binding.substitute(poly.get(), x, Expr.constant(at).plus(tSym));
        Optional<String> problem = checkRemainder(f, x, at, inT, tSym, order);
        return problem.<SeriesResult>map(s -> new SeriesResult.NotFound("direct Symja Series fails: " + s))
                .orElseGet(() -> new SeriesResult.Found(inT, tSym, "Symja Series directly",
                        new Verification.CheckedNumerically(3, 0, "remainder check")));
    }

    private static Optional<String> checkRemainder(Expr f, Expr.Sym x, Rational at, Expr poly, Expr.Sym t, int order) {
        DoubleEvaluator ev = new DoubleEvaluator();
        double previous = Double.NaN;
        for (double step : new double[] {1e-2, 1e-3, 1e-4}) {
            double exact = ev.evaluate(f, Map.of(x, at.toDouble() + step));
            double approx = ev.evaluate(poly, Map.of(t, step));
            double remainder = Math.abs(exact - approx);
            double allowance = 1e-14 * Math.max(1, Math.abs(exact));
            if (!Double.isNaN(previous) && previous > allowance * 10
                    && remainder > previous / Math.pow(10, order) + allowance) {
                return Optional.of(String.format(Locale.ROOT,
                        "remainder %.3g at t = %.0e did not shrink like t^%d (was %.3g at 10 t)", remainder, step,
                        order + 1, previous));
            }
            previous = remainder;
        }
        return Optional.empty();
    }

    /**
     * Lemma 1 of Beirami et al. equals Prop. 1 of Amini et al.:
     * \( \sum_{i=1}^N \binom{N}{i} F^{N-i} p^i = (F+p)^N - F^N \) with symbolic F and p. For general N this is the
     * binomial theorem (the i = 0 term of \( (F+p)^N \) is \( F^N \)); Symja confirms it by exact expansion for
     * every N up to {@code maxN}.
     */
    public Verification binomialIdentity(int maxN) {
        org.matheclipse.core.interfaces.ISymbol f = F.Dummy("F");
        org.matheclipse.core.interfaces.ISymbol p = F.Dummy("p");
        for (int nn = 1; nn <= maxN; nn++) {
            org.matheclipse.core.interfaces.IASTAppendable sum = F.PlusAlloc(nn);
            for (int i = 1; i <= nn; i++) {
                sum.append(F.Times(F.Binomial(F.ZZ(nn), F.ZZ(i)), F.Power(f, F.ZZ(nn - i)), F.Power(p, F.ZZ(i))));
            }
            IExpr diff = F.Subtract(sum, F.Subtract(F.Power(F.Plus(f, p), F.ZZ(nn)), F.Power(f, F.ZZ(nn))));
            SymjaSession.Outcome o = symja.eval(F.Expand(diff));
            if (!(o instanceof SymjaSession.Outcome.Value v) || !v.expr().isZero()) {
                return new Verification.Unverified("Symja did not reduce the difference to 0 at N = " + nn + ": " + o);
            }
        }
        return new Verification.Proved("the binomial theorem (the i = 0 term of (F+p)^N is F^N); Symja expands "
                + "both sides to the same polynomial for every N = 1.." + maxN);
    }

    @Override
    public void close() {
        symja.close();
    }
}
