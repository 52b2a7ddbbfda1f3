package org.bonlab.numeric.precise;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.bonlab.expr.Expr;
import org.bonlab.expr.Floating;
import org.bonlab.expr.Quantity;
import org.bonlab.expr.Rational;
import org.bonlab.expr.Scalar;
import org.bonlab.numeric.DoubleEvaluator;
import org.bonlab.numeric.policy.Ranking;
import org.bonlab.numeric.quantity.UndefinedQuantityException;
import org.bonlab.policy.BasePolicy;
import org.bonlab.policy.Bernoulli;
import org.bonlab.policy.BestOf;
import org.bonlab.policy.Dirichlet;
import org.bonlab.policy.Explicit;
import org.bonlab.policy.Geometric;
import org.bonlab.policy.Policy;
import org.bonlab.policy.SoftBestOf;
import org.bonlab.policy.Spike;
import org.bonlab.policy.Tilted;
import org.bonlab.policy.Uniform;
import org.bonlab.policy.WorstOf;
import org.bonlab.policy.Zipf;

/**
 * Evaluates expressions in high precision (apfloat), for cross-checking the double-precision engine and
 * re-checking counterexamples. Independent of the double engine's algorithm: it forms Lemma 1 directly,
 * \( \pi_i = F_i^n - F_{i-1}^n \), with exact integer powers at a working precision of
 * \( d + 25 + \lceil\log_{10}(1/\min_i p_i)\rceil + \lceil\log_{10} n\rceil \) digits, so the subtraction keeps d
 * correct digits however small \( p_i \) is relative to \( F_i \). Probabilities written exactly stay exact up to
 * that precision.
 *
 * <p>Cost: O(L log n) multiplications at the working precision; meant for policies of up to about 10^4
 * outcomes. Soft best-of-n is evaluated by exact enumeration of the multisets of draws (small n and L only).
 */
public final class HighPrecisionEvaluator {

    /** The default number of significant digits. */
    public static final int DEFAULT_DIGITS = 50;

    private static final int GUARD_DIGITS = 25;

    private final int digits;
    private final Map<BasePolicy, Pmf> bases = recentlyUsed(MAX_CACHED);
    private final Map<java.util.List<Object>, Pmf> bestOfs = recentlyUsed(MAX_CACHED);

    /** Prepared base policies and best-of-n PMFs kept between evaluations (each holds L numbers). */
    static final int MAX_CACHED = 16;

    /** A map that forgets its least recently used entry beyond {@code capacity}. */
    private static <K, V> Map<K, V> recentlyUsed(int capacity) {
        return new java.util.LinkedHashMap<>(capacity, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }

    public HighPrecisionEvaluator() {
        this(DEFAULT_DIGITS);
    }

    public HighPrecisionEvaluator(int digits) {
        if (digits < 20 || digits > 10_000) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "digits must be between 20 and 10000, but was %d", digits));
        }
        this.digits = digits;
    }

    public int digits() {
        return digits;
    }

    /** The value of {@code e}, rounded to {@link #digits()} significant digits. */
    public BigDecimal evaluate(Expr e, Map<Expr.Sym, BigDecimal> bindings) {
        Objects.requireNonNull(bindings, "bindings");
        Apfloat v = e.accept(new Values(bindings));
        return new BigDecimal(v.toString(true)).round(new MathContext(digits));
    }

    public BigDecimal evaluate(Expr e) {
        return evaluate(e, Map.of());
    }

    /** The PMF of a policy in rank order, each probability rounded to {@link #digits()} digits. */
    public BigDecimal[] pmf(Policy policy, Map<Expr.Sym, BigDecimal> bindings) {
        Pmf pmf = new Values(bindings).pmfOf(policy);
        BigDecimal[] out = new BigDecimal[pmf.p.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = new BigDecimal(pmf.p[i].toString(true)).round(new MathContext(digits));
        }
        return out;
    }

    /** A PMF in rank order with its cumulative sums, at working precision {@code prec}. */
    static final class Pmf {
        final Ranking ranking;
        final Apfloat[] p;
        final Apfloat[] cdf;
        final long prec;

        Pmf(Ranking ranking, Apfloat[] p, Apfloat[] cdf, long prec) {
            this.ranking = ranking;
            this.p = p;
            this.cdf = cdf;
            this.prec = prec;
        }

        static Pmf of(Ranking ranking, Apfloat[] p, long prec) {
            Apfloat[] cdf = new Apfloat[p.length];
            Apfloat acc = new Apfloat(0);
            for (int i = 0; i < p.length; i++) {
                acc = acc.add(p[i]);
                cdf[i] = acc;
            }
            cdf[p.length - 1] = new Apfloat(1, prec); // F of the top outcome is 1
            return new Pmf(ranking, p, cdf, prec);
        }

        Apfloat below(int i) {
            return i == 0 ? new Apfloat(0) : cdf[i - 1];
        }

        Apfloat top() {
            return p[p.length - 1];
        }
    }

    /**
     * Working precision for probabilities down to {@code minP}: the target digits, guard digits, the digits
     * lost subtracting \( F_{i-1}^n \) from \( F_i^n \) (at most \( \log_{10}(1/p_i) \)), and 19 digits for the
     * relative error of an n-th power, \( n &lt; 10^{19} \).
     */
    long precisionFor(double minP) {
        int guard = minP > 0 ? (int) Math.ceil(-Math.log10(minP)) : 0;
        return (long) digits + GUARD_DIGITS + Math.max(0, guard) + POWER_DIGITS;
    }

    private static final int POWER_DIGITS = 19;

    /** As {@link #precisionFor(double)}, given \( \log_{10} \) of the smallest probability. */
    long precisionForLog10(double log10MinP) {
        return (long) digits + GUARD_DIGITS + (long) Math.ceil(Math.max(0, -log10MinP)) + POWER_DIGITS;
    }

    static Apfloat ap(Scalar s, long prec) {
        if (s instanceof Rational r) {
            if (r.numerator().bitLength() < 63 && r.denominator().bitLength() < 63) {
                // from longs: apfloat builds these directly, where a BigInteger goes through a radix conversion
                Apfloat num = new Apfloat(r.numerator().longValue(), prec);
                return r.denominator().equals(java.math.BigInteger.ONE) ? num
                        : num.divide(new Apfloat(r.denominator().longValue(), prec));
            }
            return new Apfloat(r.numerator(), prec).divide(new Apfloat(r.denominator(), prec));
        }
        return new Apfloat(new BigDecimal(((Floating) s).value()), prec);
    }

    static Apfloat ap(BigDecimal d, long prec) {
        return new Apfloat(d, prec);
    }

    /** The outcome y of an enclosing expectation or sum over outcomes, with the PMFs its terms mention. */
    private static final class Outcome extends org.bonlab.numeric.policy.SharedOutcomes {
        final Map<Policy, Pmf> pmfs = new java.util.HashMap<>();

        Outcome(Pmf over, Policy policy) {
            super(policy, over.ranking);
            pmfs.put(policy, over);
        }
    }

    private final class Values implements Expr.Visitor<Apfloat> {
        private final Map<Expr.Sym, BigDecimal> bindings;
        private final long prec = (long) digits + GUARD_DIGITS;
        private final Outcome outcome; // null outside an expectation or sum over outcomes

        Values(Map<Expr.Sym, BigDecimal> bindings) {
            this(bindings, null);
        }

        Values(Map<Expr.Sym, BigDecimal> bindings, Outcome outcome) {
            this(bindings, outcome, java.util.Set.of(), null, null);
        }

        /**
         * The indices of the enclosing sums, and the values of the sub-expressions of the innermost sum's body
         * that read none of them (evaluated at the first term, reused by the others; null outside a sum).
         */
        private final java.util.Set<Expr.Sym> indices;
        private final Map<Expr, Apfloat> invariant;
        private final Expr.Sym ownIndex;
        /** Whether the node being evaluated has read the index of an enclosing sum. */
        private boolean readIndex;
        /** Whether anything evaluated here read the index of a sum enclosing the innermost one. */
        private boolean readOuter;

        Values(Map<Expr.Sym, BigDecimal> bindings, Outcome outcome, java.util.Set<Expr.Sym> indices,
                Map<Expr, Apfloat> invariant, Expr.Sym ownIndex) {
            this.bindings = bindings;
            this.outcome = outcome;
            this.indices = indices;
            this.invariant = invariant;
            this.ownIndex = ownIndex;
        }

        private Pmf outcomePmf(Policy p, Expr term) {
            Pmf q = outcome.pmfs.get(p);
            if (q == null) {
                q = new Values(bindings).pmfOf(p);
                outcome.admit(p, q.ranking, term);
                outcome.pmfs.put(p, q);
            }
            return q;
        }

        @Override
        public Apfloat visitAbs(Expr.Abs e) {
            return ApfloatMath.abs(of(e.operand()));
        }

        @Override
        public Apfloat visitExpectation(Expr.Expectation e) {
            return overOutcomes(e.over(), e.body(), true);
        }

        @Override
        public Apfloat visitOutcomeSum(Expr.OutcomeSum e) {
            return overOutcomes(e.of(), e.body(), false);
        }

        /** As the double engine's: an expectation (w = q, q(y) = 0 contributes 0) or a sum (w = 1). */
        private Apfloat overOutcomes(Policy q, Expr bodyExpr, boolean weighted) {
            Pmf pmf = pmfOf(q);
            Outcome y = new Outcome(pmf, q);
            Values body = new Values(bindings, y);
            Apfloat s = new Apfloat(0);
            for (int i = 0; i < pmf.p.length; i++) {
                if (weighted && pmf.p[i].signum() == 0) {
                    continue;
                }
                y.index = i;
                Apfloat term = body.of(bodyExpr);
                s = s.add(weighted ? pmf.p[i].multiply(term) : term);
            }
            return s;
        }

        @Override
        public Apfloat visitAtOutcome(Expr.AtOutcome e) {
            if (outcome == null) {
                throw DoubleEvaluator.unboundOutcome(e);
            }
            Pmf q = outcomePmf(e.policy(), e);
            int i = outcome.rankIn(q.ranking); // y's rank in q's reward order
            return switch (e.term()) {
                case REWARD -> new Apfloat(new BigDecimal(q.ranking.rewardAt(i)), prec);
                case PROBABILITY -> q.p[i];
                case CDF -> q.cdf[i];
                case CDF_BELOW -> q.below(i);
                case REWARD_CDF -> q.cdf[q.ranking.tieGroupLast(i)];
                case REWARD_CDF_BELOW -> q.below(q.ranking.tieGroupFirst(i));
            };
        }

        @Override
        public Apfloat visitPolicyNumber(Expr.PolicyNumber e) {
            Pmf q = pmfOf(e.policy());
            return switch (e.stat()) {
                case OUTCOMES -> new Apfloat(q.p.length);
                case TOP_PROBABILITY -> q.top();
                case MAX_PROBABILITY -> {
                    Apfloat max = new Apfloat(0);
                    for (Apfloat x : q.p) {
                        max = x.compareTo(max) > 0 ? x : max;
                    }
                    yield max;
                }
            };
        }

        @Override
        public Apfloat visitDefined(Expr.Defined e) {
            return of(e.definition());
        }

        Apfloat of(Expr e) {
            if (invariant == null || outcome != null) {
                return e.accept(this);
            }
            Apfloat known = invariant.get(e);
            if (known != null) {
                return known;
            }
            boolean outer = readIndex;
            readIndex = false;
            Apfloat v = e.accept(this);
            if (!readIndex) {
                invariant.put(e, v); // the same at every term of the sum
            }
            readIndex |= outer;
            return v;
        }

        long sampleCount(Expr n) {
            Apfloat v = of(n);
            BigDecimal d = new BigDecimal(v.toString(true));
            BigDecimal rounded = d.setScale(0, java.math.RoundingMode.HALF_EVEN);
            if (d.signum() <= 0 || d.subtract(rounded).abs().compareTo(new BigDecimal("1e-20")) > 0
                    || rounded.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "n must be an integer from 1 to 2^63 - 1, but was %s", d.toPlainString()));
            }
            return rounded.longValueExact();
        }

        Pmf pmfOf(Policy p) {
            if (p instanceof BasePolicy unbound && !(unbound instanceof Bernoulli)) {
                return bases.computeIfAbsent(bound(unbound), b -> b.accept(new Pmfs(this)));
            }
            return p.accept(new Pmfs(this));
        }

        /** A policy with symbolic parameters (a spike's eps, geometric's r), with their values from the bindings. */
        BasePolicy bound(BasePolicy base) {
            return base.bind(this::exactValue);
        }

        private Scalar exactValue(Expr.Sym symbol) {
            return Rational.of(new BigDecimal(of(symbol).toString(true)));
        }

        @Override
        public Apfloat visitNum(Expr.Num e) {
            return ap(e.value(), prec);
        }

        @Override
        public Apfloat visitSym(Expr.Sym e) {
            if (indices.contains(e)) {
                readIndex = true;
                readOuter |= !e.equals(ownIndex);
            }
            BigDecimal v = bindings.get(e);
            if (v == null) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "symbol %s must have a value, but none was given (bound: %s)", e.name(), bindings.keySet()));
            }
            return ap(v, prec);
        }

        @Override
        public Apfloat visitAdd(Expr.Add e) {
            return of(e.left()).add(of(e.right()));
        }

        @Override
        public Apfloat visitSub(Expr.Sub e) {
            return of(e.left()).subtract(of(e.right()));
        }

        @Override
        public Apfloat visitMul(Expr.Mul e) {
            return of(e.left()).multiply(of(e.right()));
        }

        @Override
        public Apfloat visitDiv(Expr.Div e) {
            Apfloat d = of(e.denominator());
            if (d.signum() == 0) {
                throw new UndefinedQuantityException(e.show() + " divides by zero: " + e.denominator().show()
                        + " is 0 here");
            }
            return of(e.numerator()).divide(d);
        }

        @Override
        public Apfloat visitNeg(Expr.Neg e) {
            return of(e.operand()).negate();
        }

        @Override
        public Apfloat visitPow(Expr.Pow e) {
            Apfloat b = of(e.base());
            Apfloat x = of(e.exponent());
            if (x.equals(x.truncate()) && x.compareTo(new Apfloat(Long.MAX_VALUE)) < 0
                    && x.compareTo(new Apfloat(Long.MIN_VALUE)) > 0) {
                return ApfloatMath.pow(b, x.longValue());
            }
            return PreciseMath.pow(b, x);
        }

        @Override
        public Apfloat visitLog(Expr.Log e) {
            Apfloat x = of(e.operand());
            if (x.signum() <= 0) {
                throw new UndefinedQuantityException("log needs a positive argument, but " + e.operand().show()
                        + " is " + x.toString(true) + " here");
            }
            return PreciseMath.log(x);
        }

        @Override
        public Apfloat visitExp(Expr.Exp e) {
            return PreciseMath.exp(of(e.operand()));
        }

        @Override
        public Apfloat visitBinaryEntropy(Expr.BinaryEntropy e) {
            Apfloat x = of(e.operand());
            Apfloat one = new Apfloat(1, Math.max(prec, x.precision() == Apfloat.INFINITE ? prec : x.precision()));
            return xLogX(x).add(xLogX(one.subtract(x))).negate();
        }

        @Override
        public Apfloat visitBinomial(Expr.Binomial e) {
            long n = sampleCountOrZero(of(e.n()));
            long k = sampleCountOrZero(of(e.k()));
            if (k > n) {
                throw new UndefinedQuantityException("binomial(n, k) needs k <= n, but was binomial(" + n + ", " + k + ")");
            }
            java.math.BigInteger c = java.math.BigInteger.ONE;
            for (long i = 1; i <= Math.min(k, n - k); i++) {
                c = c.multiply(java.math.BigInteger.valueOf(n - i + 1)).divide(java.math.BigInteger.valueOf(i));
            }
            return new Apfloat(c);
        }

        @Override
        public Apfloat visitSum(Expr.Sum e) {
            long lo = sampleCountOrZero(of(e.lower()));
            long hi = sampleCountOrZero(of(e.upper()));
            if (hi - lo > DoubleEvaluator.MAX_SUM_TERMS) {
                throw new UndefinedQuantityException("a sum of more than " + DoubleEvaluator.MAX_SUM_TERMS
                        + " terms is not evaluated");
            }
            Apfloat s = new Apfloat(0);
            Map<Expr.Sym, BigDecimal> b = new java.util.HashMap<>(bindings);
            java.util.Set<Expr.Sym> inner = new java.util.HashSet<>(indices);
            inner.add(e.index());
            Map<Expr, Apfloat> hoisted = new java.util.IdentityHashMap<>(); // by node: the body's shared parts
            boolean termsReadOuter = false;
            for (long i = lo; i <= hi; i++) {
                b.put(e.index(), BigDecimal.valueOf(i));
                Values term = new Values(b, null, inner, hoisted, e.index());
                s = s.add(term.of(e.body()));
                termsReadOuter |= term.readOuter;
            }
            readIndex |= termsReadOuter; // conservatively: an index of this sum or of one enclosing it
            readOuter |= termsReadOuter;
            return s;
        }

        /**
         * Tanh-sinh quadrature at the working precision (as the double engine's {@code TanhSinh}): the step halves
         * until two levels agree to 10^-(digits + 5), relative to max(1, |integral|).
         */
        @Override
        public Apfloat visitIntegral(Expr.Integral e) {
            Apfloat a = of(e.lower());
            Apfloat b = of(e.upper());
            int cmp = a.compareTo(b);
            if (cmp == 0) {
                return new Apfloat(0);
            }
            if (cmp > 0) {
                throw new UndefinedQuantityException(e.show() + " needs lower < upper, but the ends were "
                        + a.toString(true) + " and " + b.toString(true));
            }
            Apfloat width = b.subtract(a);
            Apfloat pi = ApfloatMath.pi(prec);
            double tMax = asinh((prec + 5) * Math.log(10) / Math.PI + 2);
            Apfloat tolerance = new Apfloat("1e-" + (digits + 5), prec);
            Map<Expr.Sym, BigDecimal> bound = new java.util.HashMap<>(bindings);
            java.util.function.Function<Apfloat, Apfloat> term = t -> {
                Apfloat et = PreciseMath.exp(t);
                Apfloat eInv = new Apfloat(1, prec).divide(et);
                Apfloat y = pi.multiply(et.subtract(eInv)).divide(new Apfloat(2, prec));
                Apfloat ey = PreciseMath.exp(y);
                Apfloat one = new Apfloat(1, prec);
                Apfloat u = ey.divide(one.add(ey)); // 1/(1 + e^{-y})
                Apfloat v = one.divide(one.add(ey)); // 1 - u
                Apfloat weight = pi.multiply(et.add(eInv)).divide(new Apfloat(2, prec)).multiply(u).multiply(v);
                Apfloat x = t.signum() < 0 ? a.add(width.multiply(u)) : b.subtract(width.multiply(v));
                bound.put(e.variable(), new BigDecimal(x.toString(false)));
                return new Values(bound).of(e.body()).multiply(weight).multiply(width);
            };
            Apfloat h = new Apfloat(1, prec);
            Apfloat sum = term.apply(new Apfloat(0, prec));
            for (int k = 1; k <= tMax; k++) {
                Apfloat t = new Apfloat(k, prec);
                sum = sum.add(term.apply(t)).add(term.apply(t.negate()));
            }
            Apfloat previous = sum.multiply(h);
            for (int level = 1; level <= 14; level++) {
                h = h.divide(new Apfloat(2, prec));
                double step = Math.scalb(1.0, -level);
                for (long k = 1; k * step <= tMax; k += 2) {
                    Apfloat t = h.multiply(new Apfloat(k, prec));
                    sum = sum.add(term.apply(t)).add(term.apply(t.negate()));
                }
                Apfloat estimate = sum.multiply(h);
                Apfloat scale = ApfloatMath.max(new Apfloat(1), ApfloatMath.abs(estimate));
                if (level >= 3 && ApfloatMath.abs(estimate.subtract(previous)).compareTo(scale.multiply(tolerance)) <= 0) {
                    return estimate;
                }
                previous = estimate;
            }
            throw new UndefinedQuantityException(e.show() + " did not settle to " + (digits + 5) + " digits after 14 "
                    + "halvings of the step (a kink or a singularity inside the interval?)");
        }

        private static double asinh(double x) {
            return Math.log(x + Math.sqrt(x * x + 1));
        }

        /** A non-negative integer value. */
        private long sampleCountOrZero(Apfloat v) {
            BigDecimal d = new BigDecimal(v.toString(true));
            if (d.signum() < 0 || d.stripTrailingZeros().scale() > 0) {
                throw new UndefinedQuantityException("expected a non-negative integer, but got " + d.toPlainString());
            }
            return d.longValueExact();
        }

        @Override
        public Apfloat visitKl(Quantity.Kl e) {
            return kl(pmfOf(e.q()), pmfOf(e.p()));
        }

        @Override
        public Apfloat visitAnalyticalKl(Quantity.AnalyticalKl e) {
            long n = sampleCount(e.n());
            Apfloat an = new Apfloat(n, prec);
            return PreciseMath.log(an).subtract(new Apfloat(n - 1, prec).divide(an));
        }

        @Override
        public Apfloat visitExpectedReward(Quantity.ExpectedReward e) {
            Pmf q = pmfOf(e.q());
            Apfloat s = new Apfloat(0);
            for (int i = 0; i < q.p.length; i++) {
                s = s.add(q.p[i].multiply(new Apfloat(new BigDecimal(q.ranking.rewardAt(i)), q.prec)));
            }
            return s;
        }

        @Override
        public Apfloat visitWinRate(Quantity.WinRate e) {
            Pmf q = pmfOf(e.q());
            Pmf p = pmfOf(e.p());
            Apfloat s = new Apfloat(0);
            Apfloat half = new Apfloat(1).divide(new Apfloat(2, prec));
            for (int i = 0; i < q.p.length; i++) {
                int first = q.ranking.tieGroupFirst(i);
                int last = q.ranking.tieGroupLast(i);
                Apfloat below = p.below(first);
                Apfloat win = below;
                if (e.ties() == Quantity.Ties.HALF) {
                    win = below.add(p.cdf[last].subtract(below).multiply(half));
                }
                s = s.add(q.p[i].multiply(win));
            }
            return s;
        }

        @Override
        public Apfloat visitEntropy(Quantity.Entropy e) {
            Pmf q = pmfOf(e.q());
            Apfloat s = new Apfloat(0);
            for (Apfloat x : q.p) {
                s = s.add(xLogX(x));
            }
            return s.negate();
        }

        @Override
        public Apfloat visitRenyiEntropy(Quantity.RenyiEntropy e) {
            Pmf q = pmfOf(e.q());
            Apfloat alpha = of(e.alpha());
            Apfloat one = new Apfloat(1, q.prec);
            if (alpha.equals(one)) {
                return visitEntropy(new Quantity.Entropy(e.q()));
            }
            Apfloat s = new Apfloat(0);
            for (Apfloat x : q.p) {
                if (x.signum() > 0) {
                    s = s.add(PreciseMath.pow(x, alpha));
                }
            }
            return PreciseMath.log(s).divide(one.subtract(alpha));
        }

        @Override
        public Apfloat visitChiSquare(Quantity.ChiSquare e) {
            Pmf q = pmfOf(e.q());
            Pmf p = pmfOf(e.p());
            Apfloat s = new Apfloat(0);
            for (int i = 0; i < q.p.length; i++) {
                if (p.p[i].signum() == 0) {
                    if (q.p[i].signum() != 0) {
                        throw new UndefinedQuantityException("chi-square(q || p) is infinite: p gives an outcome 0");
                    }
                    continue;
                }
                Apfloat d = q.p[i].subtract(p.p[i]);
                s = s.add(d.multiply(d).divide(p.p[i]));
            }
            return s;
        }

        @Override
        public Apfloat visitEstimatorAt(Quantity.EstimatorAt e) {
            Apfloat eps = of(e.epsilon());
            long n = sampleCount(e.n());
            long w = precisionFor(eps.doubleValue());
            return estimator(e.estimator() == Quantity.Estimator.KL_HAT, eps.precision(w), n, w);
        }

        @Override
        public Apfloat visitEstimatorMean(Quantity.EstimatorMean e) {
            long n = sampleCount(e.n());
            Pmf p = pmfOf(e.base());
            Pmf bon = pmfOf(e.base().bestOf(n));
            Apfloat logN = PreciseMath.log(new Apfloat(n, bon.prec)); // once, not once per outcome
            Apfloat s = new Apfloat(0);
            for (int i = 0; i < p.p.length; i++) {
                if (bon.p[i].signum() > 0) {
                    s = s.add(bon.p[i].multiply(
                            estimator(e.estimator() == Quantity.Estimator.KL_HAT, p.p[i], n, bon.prec, logN)));
                }
            }
            return s;
        }

        @Override
        public Apfloat visitBound(Quantity.Bound e) {
            long n = sampleCount(e.n());
            Pmf p = pmfOf(e.base());
            Apfloat an = new Apfloat(n, p.prec);
            Apfloat twoNN1 = new Apfloat(2).multiply(an).multiply(an.subtract(new Apfloat(1)));
            Apfloat eps = p.top();
            long w = Math.max(p.prec, precisionFor(eps.doubleValue()));
            Apfloat one = new Apfloat(1, w);
            switch (e.kind()) {
                case THM2_GAP_UPPER: {
                    Apfloat s = new Apfloat(0);
                    for (Apfloat x : p.p) {
                        s = s.add(x.multiply(x));
                    }
                    return twoNN1.multiply(s);
                }
                case COR2_GAP_UPPER: {
                    Apfloat max = new Apfloat(0);
                    for (Apfloat x : p.p) {
                        max = ApfloatMath.max(max, x);
                    }
                    return twoNN1.multiply(max);
                }
                case THM3_GAP_LOWER: {
                    requirePositive(eps, "Thm 3");
                    Apfloat q = ApfloatMath.pow(one.subtract(eps.precision(w)), n);
                    Apfloat oneMinusQ = one.subtract(q);
                    Apfloat first = oneMinusQ.multiply(PreciseMath.log(an.multiply(eps).divide(oneMinusQ))
                            .subtract(an.subtract(one).divide(an)));
                    Apfloat second = q.signum() == 0 ? new Apfloat(0)
                            : an.subtract(one).multiply(q).multiply(PreciseMath.log(one.subtract(eps.precision(w))));
                    return first.subtract(second);
                }
                case COR3_GAP_LOWER: {
                    requirePositive(eps, "Cor 3");
                    Apfloat ne = an.multiply(eps);
                    return one.subtract(PreciseMath.exp(ne.negate())).multiply(PreciseMath.log(ne)).subtract(one);
                }
                case LEMMA2_KL_UPPER:
                    return visitEstimatorMean(new Quantity.EstimatorMean(Quantity.Estimator.KL_HAT1, e.base(), e.n()));
                case THM4_KL_UPPER:
                    requirePositive(eps, "Thm 4");
                    return estimator(true, eps.precision(w), n, w);
                default:
                    throw new AssertionError(e.kind());
            }
        }

        @Override
        public Apfloat visitVbonObjective(Quantity.VbonObjective e) {
            long n = sampleCount(e.n());
            return kl(pmfOf(e.theta()), bestOf(pmfOf(e.base()), n)).negate();
        }

        @Override
        public Apfloat visitVbonBound(Quantity.VbonBound e) {
            long n = sampleCount(e.n());
            Pmf theta = pmfOf(e.theta());
            Pmf p = pmfOf(e.base());
            Apfloat an = new Apfloat(n, prec);
            Apfloat one = new Apfloat(1, prec);
            Apfloat eLogF = new Apfloat(0);
            if (n > 1) {
                for (int i = 0; i < theta.p.length; i++) {
                    if (theta.p[i].signum() == 0) {
                        continue;
                    }
                    Apfloat f = p.below(i);
                    if (f.signum() == 0) {
                        throw new UndefinedQuantityException("E[log F] is -infinity: pi_theta charges outcome "
                                + theta.ranking.outcomeAt(i) + ", whose strict CDF F is 0");
                    }
                    eLogF = eLogF.add(theta.p[i].multiply(PreciseMath.log(f)));
                }
            }
            Apfloat kl = kl(theta, p);
            if (e.kind() == Quantity.VbonBoundKind.L) {
                return an.subtract(one).multiply(eLogF).subtract(kl);
            }
            Apfloat two = new Apfloat(2);
            Apfloat alpha = an.add(two).multiply(an.subtract(one)).divide(two);
            Apfloat beta = an.multiply(an.add(one)).divide(two);
            Apfloat gamma = an.multiply(an.subtract(one)).divide(two);
            Apfloat h = new Apfloat(0);
            for (Apfloat x : theta.p) {
                h = h.subtract(xLogX(x));
            }
            return gamma.multiply(eLogF).subtract(alpha.multiply(h)).subtract(beta.multiply(kl));
        }
    }

    private static void requirePositive(Apfloat eps, String what) {
        if (eps.signum() == 0) {
            throw new UndefinedQuantityException(what + " bound is undefined: the top outcome has probability 0");
        }
    }

    static Apfloat xLogX(Apfloat x) {
        return x.signum() == 0 ? new Apfloat(0) : x.multiply(PreciseMath.log(x));
    }

    /**
     * \( \mathrm{KL}(q \| p) = \sum_i \big(q_i \log(q_i/p_i) - q_i + p_i\big) \): the same sum as Eq. (3) of
     * Beirami et al. (the added terms sum to 0), written so that each term, \( p_i \varphi(q_i/p_i) \) with
     * \( \varphi(x) = x \log x - x + 1 \ge 0 \), is non-negative. A term computed below 0 is rounding below the
     * working precision and counts as 0, so the KL is never negative, and it is exactly 0 when q is p.
     *
     * @implNote The difference \( q_i - p_i \) is taken at the PMFs' working precision (which has the guard digits
     *     for tiny probabilities); the log of \( q_i/p_i \) only needs the target digits plus those lost to the
     *     cancellation in \( \varphi \) near 1, so it runs at that precision instead of the working one (a log at
     *     700 digits for each outcome of geometric(L=2000, r=1/2) took minutes).
     */
    Apfloat kl(Pmf q, Pmf p) {
        if (!q.ranking.sameAs(p.ranking)) {
            throw new IllegalArgumentException(
                    "policies must share the outcomes and reward of one base policy, but they do not");
        }
        if (q == p) {
            return new Apfloat(0);
        }
        long target = (long) digits + GUARD_DIGITS;
        Apfloat s = new Apfloat(0);
        for (int i = 0; i < q.p.length; i++) {
            Apfloat qi = q.p[i];
            Apfloat pi = p.p[i];
            if (pi.signum() == 0) {
                if (qi.signum() != 0) {
                    throw new UndefinedQuantityException("KL(q || p) is infinite: q charges an outcome p excludes");
                }
                continue;
            }
            if (qi.signum() == 0) {
                s = s.add(pi); // p_i phi(0) = p_i
                continue;
            }
            Apfloat diff = qi.subtract(pi);
            if (diff.signum() == 0) {
                continue;
            }
            // digits lost in q log(q/p) - (q - p) when q/p is near 1: about 2 log10(p/|q - p|)
            long lost = Math.max(0, diff.scale() < pi.scale() ? 2 * (pi.scale() - diff.scale()) : 0);
            long prec = Math.min(Math.max(q.prec, p.prec), target + lost);
            Apfloat x = qi.precision(Math.min(qi.precision(), prec)).divide(pi.precision(Math.min(pi.precision(), prec)));
            Apfloat term = qi.multiply(PreciseMath.log(x)).subtract(diff);
            if (term.signum() > 0) {
                s = s.add(term);
            }
        }
        return s;
    }

    /** Eq. (28) or Eq. (26) at eps, n, with the power formed exactly at working precision w. */
    static Apfloat estimator(boolean eq28, Apfloat eps, long n, long w) {
        return estimator(eq28, eps, n, w, null);
    }

    /** As {@link #estimator(boolean, Apfloat, long, long)}, with log n given (null: computed here). */
    static Apfloat estimator(boolean eq28, Apfloat eps, long n, long w, Apfloat logN) {
        if (eps.signum() == 0) {
            throw new UndefinedQuantityException("the estimator is undefined at eps = 0: it divides by eps");
        }
        Apfloat one = new Apfloat(1, w); // finite precision: 1 - q must not try to be exact for tiny q
        Apfloat an = new Apfloat(n, w);
        Apfloat e = eps.precision(Math.min(eps.precision(), w));
        Apfloat q = ApfloatMath.pow(one.subtract(e), n);
        Apfloat oneMinusQ = one.subtract(q);
        Apfloat second = PreciseMath.log(oneMinusQ.divide(e));
        if (!eq28) {
            return second;
        }
        Apfloat first = q.signum() == 0 ? new Apfloat(0)
                : q.multiply((logN != null ? logN : PreciseMath.log(an))
                        .add(an.subtract(one).multiply(PreciseMath.log(one.subtract(e))))
                        .subtract(an.subtract(one).divide(an)));
        return first.add(oneMinusQ.multiply(second));
    }

    /** Lemma 1 formed directly: \( F_i^n - F_{i-1}^n \), at a precision with guard digits for the subtraction. */
    Pmf bestOf(Pmf p, long n) {
        if (n == 1) {
            return p; // best-of-1 is p itself: divergences to p are exactly 0
        }
        long w = Math.max(p.prec, precisionFor(minPositive(p)));
        Apfloat[] pi = new Apfloat[p.p.length];
        Apfloat[] cdf = new Apfloat[p.p.length];
        Apfloat prev = new Apfloat(0);
        for (int i = 0; i < pi.length; i++) {
            Apfloat f = ApfloatMath.pow(p.cdf[i].precision(Math.min(p.cdf[i].precision(), w)), n);
            pi[i] = f.subtract(prev);
            cdf[i] = f;
            prev = f;
        }
        cdf[pi.length - 1] = new Apfloat(1, w);
        return new Pmf(p.ranking, pi, cdf, w);
    }

    Pmf worstOf(Pmf p, long n) {
        if (n == 1) {
            return p;
        }
        long w = Math.max(p.prec, precisionFor(minPositive(p)));
        Apfloat one = new Apfloat(1, w);
        Apfloat[] pi = new Apfloat[p.p.length];
        Apfloat[] cdf = new Apfloat[p.p.length];
        for (int i = 0; i < pi.length; i++) {
            Apfloat atOrAbove = one.subtract(p.below(i));
            Apfloat above = one.subtract(p.cdf[i]);
            Apfloat hi = ApfloatMath.pow(atOrAbove, n);
            Apfloat lo = above.signum() == 0 ? new Apfloat(0) : ApfloatMath.pow(above, n);
            pi[i] = hi.subtract(lo);
            cdf[i] = one.subtract(lo);
        }
        cdf[pi.length - 1] = one;
        return new Pmf(p.ranking, pi, cdf, w);
    }

    /** At most this many (multisets of the other n - 1 draws) times (outcomes) in exact soft best-of-n. */
    public static final long MAX_SOFT_ENUMERATION = 2_000_000;

    /**
     * Soft best-of-n (Aminian et al.) by exact enumeration, an algorithm independent of the double engine's
     * quadrature: \( \pi(y) = n\,p(y)\,w(y)\,\mathbb{E}[1/(w(y) + S)] \) with S the weight of the other n - 1
     * draws, the expectation a finite sum over the multisets of those draws with multinomial probabilities. Every
     * term is positive, so no digits are lost at any temperature.
     *
     * @throws IllegalArgumentException when the multisets are too many to enumerate (say how many)
     */
    Pmf softBestOf(Pmf base, long n, Apfloat lambda) {
        if (n == 1) {
            return base;
        }
        int[] support = java.util.stream.IntStream.range(0, base.p.length).filter(i -> base.p[i].signum() > 0)
                .toArray();
        java.math.BigInteger multisets = binomial(n - 1 + support.length - 1, support.length - 1);
        if (multisets.multiply(java.math.BigInteger.valueOf(support.length))
                .compareTo(java.math.BigInteger.valueOf(MAX_SOFT_ENUMERATION)) > 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "soft best-of-n in high precision "
                    + "enumerates the C(n + L - 2, L - 1) = %s multisets of the other n - 1 draws for each of the L = %d "
                    + "outcomes, at most %d in all; here n = %d", multisets, support.length, MAX_SOFT_ENUMERATION, n));
        }
        long w = base.prec;
        double rMax = Double.NEGATIVE_INFINITY;
        for (int i : support) {
            rMax = Math.max(rMax, base.ranking.rewardAt(i));
        }
        Apfloat[] weight = new Apfloat[support.length];
        for (int k = 0; k < support.length; k++) {
            Apfloat r = new Apfloat(new BigDecimal(base.ranking.rewardAt(support[k])), w)
                    .subtract(new Apfloat(new BigDecimal(rMax), w));
            weight[k] = PreciseMath.exp(r.divide(lambda.precision(Math.min(lambda.precision(), w))));
        }
        Apfloat[] sums = new Apfloat[support.length];
        java.util.Arrays.fill(sums, new Apfloat(0));
        enumerate(base, support, weight, 0, n - 1, new Apfloat(1, w), new Apfloat(0), sums, w);
        Apfloat an = new Apfloat(n, w);
        Apfloat[] pi = new Apfloat[base.p.length];
        java.util.Arrays.fill(pi, new Apfloat(0));
        for (int k = 0; k < support.length; k++) {
            int i = support[k];
            pi[i] = an.multiply(base.p[i]).multiply(weight[k]).multiply(sums[k]);
        }
        return Pmf.of(base.ranking, pi, w);
    }

    /**
     * Adds, for each multiset of {@code remaining} more draws among {@code support[from..]}, its probability
     * (accumulated in {@code probability}) times \( 1/(w(y) + S) \) to {@code sums[y]}, S the multiset's weight.
     */
    private static void enumerate(Pmf base, int[] support, Apfloat[] weight, int from, long remaining,
            Apfloat probability, Apfloat weightSoFar, Apfloat[] sums, long w) {
        if (from == support.length - 1) {
            Apfloat pr = probability.multiply(ApfloatMath.pow(base.p[support[from]], remaining));
            Apfloat total = weightSoFar.add(weight[from].multiply(new Apfloat(remaining, w)));
            for (int k = 0; k < support.length; k++) {
                sums[k] = sums[k].add(pr.divide(weight[k].add(total)));
            }
            return;
        }
        // C(remaining, j) p^j for j draws of this outcome, built up by ratios
        Apfloat p = base.p[support[from]];
        Apfloat factor = new Apfloat(1, w);
        for (long j = 0; j <= remaining; j++) {
            enumerate(base, support, weight, from + 1, remaining - j, probability.multiply(factor),
                    weightSoFar.add(weight[from].multiply(new Apfloat(j, w))), sums, w);
            factor = factor.multiply(p).multiply(new Apfloat(remaining - j, w)).divide(new Apfloat(j + 1, w));
        }
    }

    private static java.math.BigInteger binomial(long n, long k) {
        java.math.BigInteger r = java.math.BigInteger.ONE;
        for (long i = 1; i <= k; i++) {
            r = r.multiply(java.math.BigInteger.valueOf(n - k + i)).divide(java.math.BigInteger.valueOf(i));
        }
        return r;
    }

    static double minPositive(Pmf p) {
        double min = 1;
        for (Apfloat x : p.p) {
            if (x.signum() > 0) {
                min = Math.min(min, Math.max(x.doubleValue(), Double.MIN_NORMAL));
            }
        }
        return min;
    }

    private final class Pmfs implements Policy.Visitor<Pmf> {
        private final Values values;

        Pmfs(Values values) {
            this.values = values;
        }

        private Pmf fromScalars(BasePolicy base, Scalar[] probsInOutcomeOrder) {
            Ranking ranking = Ranking.of(base.reward());
            double min = 1;
            for (Scalar s : probsInOutcomeOrder) {
                if (s.toDouble() > 0) {
                    min = Math.min(min, s.toDouble());
                }
            }
            long w = precisionFor(min);
            Apfloat[] p = new Apfloat[probsInOutcomeOrder.length];
            for (int i = 0; i < p.length; i++) {
                p[i] = ap(probsInOutcomeOrder[ranking.outcomeAt(i)], w);
            }
            return Pmf.of(ranking, p, w);
        }

        private Pmf fromWeights(BasePolicy base, Apfloat[] weightsInRankOrder, long w) {
            Apfloat total = new Apfloat(0);
            for (Apfloat x : weightsInRankOrder) {
                total = total.add(x);
            }
            Apfloat[] p = new Apfloat[weightsInRankOrder.length];
            for (int i = 0; i < p.length; i++) {
                p[i] = weightsInRankOrder[i].divide(total);
            }
            return Pmf.of(Ranking.of(base.reward()), p, w);
        }

        @Override
        public Pmf visitExplicit(Explicit p) {
            Scalar[] s = new Scalar[p.size()];
            for (int i = 0; i < s.length; i++) {
                s[i] = p.probability(i);
            }
            return fromScalars(p, s);
        }

        @Override
        public Pmf visitBernoulli(Bernoulli p) {
            Apfloat x = values.of(p.p());
            BigDecimal d = new BigDecimal(x.toString(true));
            Rational r = Rational.of(d);
            return fromScalars(p, new Scalar[] {Rational.ONE.minus(r), r});
        }

        @Override
        public Pmf visitUniform(Uniform p) {
            Scalar[] s = new Scalar[p.size()];
            java.util.Arrays.fill(s, Rational.of(1, p.size()));
            return fromScalars(p, s);
        }

        @Override
        public Pmf visitSpike(Spike unbound) {
            Spike p = (Spike) values.bound(unbound);
            Scalar[] s = new Scalar[p.size()];
            for (int i = 0; i < s.length; i++) {
                s[i] = p.probability(i);
            }
            return fromScalars(p, s);
        }

        @Override
        public Pmf visitGeometric(Geometric unbound) {
            Geometric p = (Geometric) values.bound(unbound);
            double r = p.ratioValue().toDouble();
            long w = precisionForLog10(-(p.size() - 1) * Math.abs(Math.log10(r)) - Math.log10(p.size()));
            Apfloat ratio = ap(p.ratioValue(), w);
            Apfloat[] weights = new Apfloat[p.size()];
            Apfloat x = new Apfloat(1);
            for (int k = 0; k < weights.length; k++) {
                weights[k] = x;
                x = x.multiply(ratio);
            }
            return fromWeights(p, weights, w);
        }

        @Override
        public Pmf visitZipf(Zipf p) {
            double s = p.exponent().toDouble();
            long w = precisionForLog10(-s * Math.log10(p.size()) - Math.log10(p.size()));
            Apfloat exponent = ap(p.exponent(), w).negate();
            // k^-s is completely multiplicative: a power for each prime, one product for each composite k
            // (its smallest prime factor times the rest), where a power for every k took seconds at L = 1000
            int size = p.size();
            Apfloat[] power = new Apfloat[size + 1];
            int[] smallestFactor = new int[size + 1];
            power[1] = new Apfloat(1, w);
            for (int k = 2; k <= size; k++) {
                if (smallestFactor[k] == 0) {
                    for (long m = (long) k * k; m <= size; m += k) {
                        if (smallestFactor[(int) m] == 0) {
                            smallestFactor[(int) m] = k;
                        }
                    }
                    power[k] = PreciseMath.pow(new Apfloat(k, w), exponent);
                } else {
                    power[k] = power[smallestFactor[k]].multiply(power[k / smallestFactor[k]]);
                }
            }
            Apfloat[] weights = new Apfloat[size];
            for (int i = 0; i < weights.length; i++) {
                weights[i] = power[p.bestIsCommon() ? size - i : i + 1];
            }
            return fromWeights(p, weights, w);
        }

        @Override
        public Pmf visitDirichlet(Dirichlet p) {
            // The policy is defined by its seeded double-precision draw: take those doubles exactly.
            double[] probs = new DoubleEvaluator().pmf(p, Map.of()).probabilities();
            Ranking ranking = Ranking.of(p.reward());
            double min = 1;
            for (double x : probs) {
                if (x > 0) {
                    min = Math.min(min, x);
                }
            }
            long w = precisionFor(min);
            Apfloat[] a = new Apfloat[probs.length];
            for (int i = 0; i < a.length; i++) {
                a[i] = new Apfloat(new BigDecimal(probs[i]), w);
            }
            return Pmf.of(ranking, a, w);
        }

        @Override
        public Pmf visitBestOf(BestOf p) {
            long n = values.sampleCount(p.n());
            if (p.policy() instanceof BasePolicy unbound && !(unbound instanceof Bernoulli)) {
                BasePolicy base = values.bound(unbound);
                Pmf prepared = values.pmfOf(base); // prepared once per base policy, not once per n
                return bestOfs.computeIfAbsent(java.util.List.of(base, n), k -> bestOf(prepared, n));
            }
            return bestOf(p.policy().accept(this), n);
        }

        @Override
        public Pmf visitWorstOf(WorstOf p) {
            return worstOf(p.policy().accept(this), values.sampleCount(p.n()));
        }

        @Override
        public Pmf visitSoftBestOf(SoftBestOf p) {
            long n = values.sampleCount(p.n());
            Apfloat lambda = values.of(p.lambda());
            if (lambda.signum() <= 0) {
                throw new IllegalArgumentException("lambda must be positive, but was " + lambda.toString(true));
            }
            return softBestOf(p.policy().accept(this), n, lambda);
        }

        @Override
        public Pmf visitMixture(org.bonlab.policy.Mixture p) {
            Pmf first = null;
            Apfloat[] pi = null;
            Apfloat total = new Apfloat(0);
            for (int k = 0; k < p.components().size(); k++) {
                Pmf part = p.components().get(k).accept(this);
                Apfloat w = values.of(p.weights().get(k));
                if (w.signum() < 0) {
                    throw new IllegalArgumentException("mixture weights must be non-negative, but weight " + k
                            + " is " + w.toString(true));
                }
                total = total.add(w);
                if (first == null) {
                    first = part;
                    pi = new Apfloat[part.p.length];
                    java.util.Arrays.fill(pi, new Apfloat(0));
                }
                for (int i = 0; i < pi.length; i++) {
                    pi[i] = pi[i].add(w.multiply(part.p[i]));
                }
            }
            if (total.subtract(new Apfloat(1)).doubleValue() > 1e-12
                    || total.subtract(new Apfloat(1)).doubleValue() < -1e-12) {
                throw new IllegalArgumentException("mixture weights must sum to 1 within 1e-12, but sum to "
                        + total.toString(true));
            }
            for (int i = 0; i < pi.length; i++) {
                pi[i] = pi[i].divide(total); // divided by their sum, as in every engine
            }
            return Pmf.of(first.ranking, pi, first.prec);
        }

        @Override
        public Pmf visitReweighted(org.bonlab.policy.Reweighted p) {
            return scaled(p.policy(), p, g -> PreciseMath.exp(g.of(p.logWeight())));
        }

        @Override
        public Pmf visitWeighted(org.bonlab.policy.Weighted p) {
            return scaled(p.policy(), p, g -> {
                Apfloat weight = g.of(p.weight());
                if (weight.signum() < 0) {
                    throw new UndefinedQuantityException("the weight " + p.weight().show() + " of " + p.describe()
                            + " must be non-negative, but is " + weight.toString(true) + " at an outcome");
                }
                return weight;
            });
        }

        /**
         * \( q(y) w(y) / \sum q w \) with w read at each outcome by {@code weight} (outcomes without mass under q
         * are not weighted); undefined when the weights sum to 0.
         */
        private Pmf scaled(Policy inner, Policy whole, java.util.function.Function<Values, Apfloat> weight) {
            Pmf q = inner.accept(this);
            Outcome y = new Outcome(q, inner);
            Values g = new Values(values.bindings, y);
            Apfloat[] w = new Apfloat[q.p.length];
            Apfloat total = new Apfloat(0);
            for (int i = 0; i < w.length; i++) {
                y.index = i;
                w[i] = q.p[i].signum() == 0 ? new Apfloat(0) : q.p[i].multiply(weight.apply(g));
                total = total.add(w[i]);
            }
            if (total.signum() == 0) {
                throw new UndefinedQuantityException("the weights of " + whole.describe() + " are 0 at every outcome");
            }
            for (int i = 0; i < w.length; i++) {
                w[i] = w[i].divide(total);
            }
            return Pmf.of(q.ranking, w, q.prec);
        }

        @Override
        public Pmf visitPolicyVar(org.bonlab.policy.PolicyVar p) {
            throw new IllegalStateException("policy variable " + p.name()
                    + " must be bound to a policy before it is evaluated");
        }

        @Override
        public Pmf visitTilted(Tilted p) {
            Pmf base = p.policy().accept(this);
            Apfloat beta = values.of(p.beta());
            Apfloat[] weights = new Apfloat[base.p.length];
            for (int i = 0; i < weights.length; i++) {
                Apfloat r = new Apfloat(new BigDecimal(base.ranking.rewardAt(i)), base.prec);
                weights[i] = base.p[i].multiply(PreciseMath.exp(r.divide(beta)));
            }
            Apfloat total = new Apfloat(0);
            for (Apfloat x : weights) {
                total = total.add(x);
            }
            for (int i = 0; i < weights.length; i++) {
                weights[i] = weights[i].divide(total);
            }
            return Pmf.of(base.ranking, weights, base.prec);
        }
    }
}
