package org.bonlab.numeric;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.bonlab.expr.Expr;
import org.bonlab.expr.Scalar;
import org.bonlab.expr.Quantity;
import org.bonlab.numeric.policy.RankedPmf;
import org.bonlab.numeric.policy.Ranking;
import org.bonlab.numeric.quantity.BestOfKl;
import org.bonlab.numeric.quantity.Quantities;
import org.bonlab.numeric.quantity.UndefinedQuantityException;
import org.bonlab.policy.BasePolicy;
import org.bonlab.policy.Bernoulli;
import org.bonlab.policy.BestOf;
import org.bonlab.policy.Explicit;
import org.bonlab.policy.Policy;
import org.bonlab.policy.Uniform;
import org.bonlab.policy.WorstOf;
import org.bonlab.policy.Dirichlet;
import org.bonlab.policy.Geometric;
import org.bonlab.policy.SoftBestOf;
import org.bonlab.policy.Spike;
import org.bonlab.policy.Tilted;
import org.bonlab.policy.Zipf;
import org.bonlab.numeric.policy.Families;
import org.bonlab.numeric.policy.SoftBestOfN;

/**
 * Evaluates expressions and policies of a spec in double precision, with the stable formulas of
 * {@link RankedPmf} and {@link Quantities}.
 *
 * <p>An evaluator caches the ranking and PMF of each base policy it meets, so evaluating one claim at many
 * values of n ranks the base policy once. It holds no global state; use one per thread.
 */
public final class DoubleEvaluator {

    /** Largest number of terms of a finite sum this evaluator adds up. */
    public static final int MAX_SUM_TERMS = 10_000_000;

    private final Cache<RankedPmf> bases = new Cache<>();
    /** The last (n, {S, T}) of the telescoped win rates per base policy ({@link Quantities#bestOfWinSums}). */
    private final Cache<WinSums> winSums = new Cache<>();

    private record WinSums(double n, double[] sums) {
    }
    private final Cache<BestOfKl> klKernels = new Cache<>();
    /** Outcomes from which the win rates of best-of-n use the kernel of {@link BestOfKl} (built once per policy). */
    private static final int KERNEL_SIZE = 4096;

    /**
     * What an evaluator keeps per base policy: most evaluators (one per point of a search) see one base policy, held
     * in two fields; a hash table is made for the second.
     */
    private static final class Cache<V> {
        private BasePolicy firstKey;
        private V firstValue;
        private Map<BasePolicy, V> more;

        V get(BasePolicy key) {
            if (firstKey != null && (firstKey == key || firstKey.equals(key))) {
                return firstValue;
            }
            return more == null ? null : more.get(key);
        }

        void put(BasePolicy key, V value) {
            if (firstKey == null || firstKey == key || firstKey.equals(key)) {
                firstKey = key;
                firstValue = value;
            } else {
                if (more == null) {
                    more = new HashMap<>();
                }
                more.put(key, value);
            }
        }

        V computeIfAbsent(BasePolicy key, java.util.function.Function<BasePolicy, V> compute) {
            V known = get(key);
            if (known == null) {
                known = compute.apply(key);
                put(key, known);
            }
            return known;
        }
    }

    /** The value of {@code e} with the given symbol values. */
    public double evaluate(Expr e, Map<Expr.Sym, Double> bindings) {
        Objects.requireNonNull(bindings, "bindings");
        double v = e.accept(new Values(bindings));
        return requireFinite(v, e);
    }

    /** The value of an expression without free symbols. */
    public double evaluate(Expr e) {
        return evaluate(e, Map.of());
    }

    /** The PMF of a policy in rank order; base policies are computed once per evaluator. */
    public RankedPmf pmf(Policy policy, Map<Expr.Sym, Double> bindings) {
        return policy instanceof BasePolicy b ? basePmf(b, bindings) : policy.accept(new Pmfs(bindings));
    }

    /** The base policy's PMF in rank order, computed once per evaluator. */
    public RankedPmf basePmf(BasePolicy base, Map<Expr.Sym, Double> bindings) {
        if (base instanceof Bernoulli b && !(b.p() instanceof Expr.Num)) {
            return bernoulli(evaluate(b.p(), bindings)); // depends on the bindings: not cached
        }
        if (!base.symbols().isEmpty()) { // a spike's eps, geometric's r: bound, then cached by the values
            return basePmf(base.bind(x -> Scalar.of(evaluate(x, bindings))), bindings);
        }
        return bases.computeIfAbsent(base, key -> key.accept(new Pmfs(bindings)));
    }

    /**
     * Whether a base policy has symbolic parameters (bernoulli's p, a spike's top, geometric's r), so that its PMF
     * depends on the bindings and is not kept under the policy itself.
     */
    public static boolean symbolic(BasePolicy base) {
        return base instanceof Bernoulli b && !(b.p() instanceof Expr.Num) || !base.symbols().isEmpty();
    }

    private static RankedPmf bernoulli(double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "bernoulli p must be in [0, 1], but was %s", p));
        }
        return RankedPmf.ofRankedProbabilities(BERNOULLI_RANKING, new double[] {1 - p, p});
    }

    private static final Ranking BERNOULLI_RANKING = Ranking.of(org.bonlab.policy.Reward.ascending(2));

    private static double requireFinite(double v, Expr e) {
        if (!Double.isFinite(v)) {
            throw new UndefinedQuantityException(String.format(Locale.ROOT,
                    "%s is not finite here (it evaluates to %s)", e.show(), v));
        }
        return v;
    }

    /** Reads a sample count n: an integer at least 1. */
    private double sampleCount(Expr n, Map<Expr.Sym, Double> bindings) {
        double v = n.accept(new Values(bindings));
        Quantities.requireSampleCount(v);
        return v;
    }

    private final class Pmfs implements Policy.Visitor<RankedPmf> {
        private final Map<Expr.Sym, Double> bindings;

        Pmfs(Map<Expr.Sym, Double> bindings) {
            this.bindings = bindings;
        }

        @Override
        public RankedPmf visitExplicit(Explicit p) {
            Ranking ranking = Ranking.of(p.reward());
            double[] ranked = new double[p.size()];
            for (int i = 0; i < ranked.length; i++) {
                ranked[i] = p.probabilityAsDouble(ranking.outcomeAt(i));
            }
            return RankedPmf.ofRankedProbabilities(ranking, ranked);
        }

        @Override
        public RankedPmf visitBernoulli(Bernoulli p) {
            return bernoulli(evaluate(p.p(), bindings));
        }

        @Override
        public RankedPmf visitUniform(Uniform p) {
            return RankedPmf.uniform(Ranking.of(p.reward()));
        }

        @Override
        public RankedPmf visitBestOf(BestOf p) {
            double n = sampleCount(p.n(), bindings);
            return resolve(p.policy()).bestOf(n);
        }

        @Override
        public RankedPmf visitWorstOf(WorstOf p) {
            double n = sampleCount(p.n(), bindings);
            return resolve(p.policy()).worstOf(n);
        }

        @Override
        public RankedPmf visitSpike(Spike p) {
            if (!p.symbols().isEmpty()) {
                return basePmf(p, bindings); // binds the symbolic tops first
            }
            return Families.spike(Ranking.of(p.reward()), p);
        }

        @Override
        public RankedPmf visitGeometric(Geometric p) {
            if (!p.symbols().isEmpty()) {
                return basePmf(p, bindings); // binds the symbolic ratio first
            }
            return RankedPmf.geometric(Ranking.of(p.reward()), p.ratioValue().toDouble());
        }

        @Override
        public RankedPmf visitZipf(Zipf p) {
            return Families.zipf(Ranking.of(p.reward()), p.size(), p.exponent().toDouble(), p.bestIsCommon());
        }

        @Override
        public RankedPmf visitDirichlet(Dirichlet p) {
            return Families.dirichlet(Ranking.of(p.reward()), p.size(), p.concentration(), p.seed());
        }

        @Override
        public RankedPmf visitSoftBestOf(SoftBestOf p) {
            double n = sampleCount(p.n(), bindings);
            double lambda = p.lambda().accept(new Values(bindings));
            return SoftBestOfN.of(resolve(p.policy()), n, lambda);
        }

        @Override
        public RankedPmf visitPolicyVar(org.bonlab.policy.PolicyVar p) {
            throw new IllegalStateException("policy variable " + p.name()
                    + " must be bound to a policy before it is evaluated");
        }

        @Override
        public RankedPmf visitTilted(Tilted p) {
            return resolve(p.policy()).tilted(p.beta().accept(new Values(bindings)));
        }

        /** \( \sum_k w_k \pi_k \) in log space (a log-sum-exp per outcome), so tiny probabilities survive. */
        @Override
        public RankedPmf visitMixture(org.bonlab.policy.Mixture p) {
            int k = p.components().size();
            RankedPmf[] parts = new RankedPmf[k];
            double[] logW = new double[k];
            double total = 0;
            Values values = new Values(bindings);
            for (int j = 0; j < k; j++) {
                parts[j] = resolve(p.components().get(j));
                double w = values.of(p.weights().get(j));
                if (!(w >= 0)) {
                    throw new IllegalArgumentException(String.format(Locale.ROOT,
                            "mixture weights must be non-negative, but weight %d is %s", j, w));
                }
                logW[j] = Math.log(w);
                total += w;
            }
            if (Math.abs(total - 1) > 1e-12) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "mixture weights must sum to 1 within 1e-12, but sum to %s", total));
            }
            double logTotal = Math.log(total);
            for (int j = 0; j < k; j++) {
                logW[j] -= logTotal; // divided by their sum: rounding in the weights leaves no sub-probability
            }
            Ranking ranking = parts[0].ranking();
            double[] logPi = new double[parts[0].size()];
            for (int i = 0; i < logPi.length; i++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < k; j++) {
                    max = Math.max(max, logW[j] + parts[j].logProbability(i));
                }
                if (max == Double.NEGATIVE_INFINITY) {
                    logPi[i] = max;
                    continue;
                }
                double s = 0;
                for (int j = 0; j < k; j++) {
                    s += Math.exp(logW[j] + parts[j].logProbability(i) - max);
                }
                logPi[i] = max + Math.log(s);
            }
            return RankedPmf.ofRankedLogProbabilities(ranking, logPi);
        }

        /** \( q(y) e^{g(y)} / Z \), in log space with a log-sum-exp normaliser. */
        @Override
        public RankedPmf visitReweighted(org.bonlab.policy.Reweighted p) {
            RankedPmf q = resolve(p.policy());
            Outcome y = new Outcome(q, p.policy(), bindings);
            Values g = new Values(bindings, y);
            double[] logPi = new double[q.size()];
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < logPi.length; i++) {
                y.index = i;
                double lq = q.logProbability(i);
                logPi[i] = lq == Double.NEGATIVE_INFINITY ? lq : lq + g.of(p.logWeight());
                max = Math.max(max, logPi[i]);
            }
            double s = 0;
            for (double l : logPi) {
                s += Math.exp(l - max);
            }
            double logZ = max + Math.log(s);
            for (int i = 0; i < logPi.length; i++) {
                logPi[i] -= logZ;
            }
            return RankedPmf.ofRankedLogProbabilities(q.ranking(), logPi);
        }

        /** \( q(y) w(y) / \sum q w \), w &gt;= 0; outcomes without mass under q are not weighted. */
        @Override
        public RankedPmf visitWeighted(org.bonlab.policy.Weighted p) {
            RankedPmf q = resolve(p.policy());
            Outcome y = new Outcome(q, p.policy(), bindings);
            Values g = new Values(bindings, y);
            double[] pi = new double[q.size()];
            double total = 0;
            for (int i = 0; i < pi.length; i++) {
                y.index = i;
                double qi = q.probability(i);
                if (qi == 0) {
                    continue;
                }
                double w = g.of(p.weight());
                if (!(w >= 0) || Double.isInfinite(w)) {
                    throw new UndefinedQuantityException(String.format(Locale.ROOT, "the weight %s of %s must be "
                            + "finite and non-negative, but is %s at an outcome", p.weight().show(), p.describe(), w));
                }
                pi[i] = qi * w;
                total += pi[i];
            }
            if (!(total > 0)) {
                throw new UndefinedQuantityException("the weights of " + p.describe() + " are 0 at every outcome");
            }
            for (int i = 0; i < pi.length; i++) {
                pi[i] /= total;
            }
            return RankedPmf.ofRankedProbabilities(q.ranking(), pi);
        }

        private RankedPmf resolve(Policy p) {
            return pmf(p, bindings);
        }
    }

    /**
     * The outcome y of an enclosing expectation or sum over outcomes ({@link Expr.Expectation},
     * {@link Expr.OutcomeSum}), with the PMFs of the policies its terms mention, each built once per loop.
     */
    private final class Outcome extends org.bonlab.numeric.policy.SharedOutcomes {
        final Map<Policy, RankedPmf> pmfs = new HashMap<>();
        final Map<Expr.Sym, Double> bindings;

        Outcome(RankedPmf over, Policy policy, Map<Expr.Sym, Double> bindings) {
            super(policy, over.ranking());
            this.bindings = bindings;
            pmfs.put(policy, over);
        }

        RankedPmf pmf(Policy p, Expr term) {
            RankedPmf q = pmfs.get(p);
            if (q == null) {
                q = DoubleEvaluator.this.pmf(p, bindings);
                admit(p, q.ranking(), term);
                pmfs.put(p, q);
            }
            return q;
        }
    }

    /** The message for an outcome term that stands outside any expectation or sum over outcomes. */
    public static IllegalArgumentException unboundOutcome(Expr term) {
        return new IllegalArgumentException(String.format(Locale.ROOT, "%s is a term at an outcome y and must stand "
                + "inside an expectation or sum over outcomes, but it stands outside one (y is unbound)",
                term.show()));
    }

    private final class Values implements Expr.Visitor<Double> {
        private final Map<Expr.Sym, Double> bindings;
        private final Outcome outcome; // null outside an expectation or sum over outcomes

        Values(Map<Expr.Sym, Double> bindings) {
            this(bindings, null);
        }

        Values(Map<Expr.Sym, Double> bindings, Outcome outcome) {
            this.bindings = bindings;
            this.outcome = outcome;
        }

        private double of(Expr e) {
            return requireFinite(e.accept(this), e);
        }

        private RankedPmf pmfOf(Policy p) {
            return pmf(p, bindings);
        }

        @Override
        public Double visitNum(Expr.Num e) {
            return e.value().toDouble();
        }

        @Override
        public Double visitSym(Expr.Sym e) {
            Double v = bindings.get(e);
            if (v == null) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "symbol %s must have a value, but none was given (bound: %s)", e.name(),
                        bindings.keySet()));
            }
            return v;
        }

        @Override
        public Double visitAdd(Expr.Add e) {
            return of(e.left()) + of(e.right());
        }

        @Override
        public Double visitSub(Expr.Sub e) {
            return of(e.left()) - of(e.right());
        }

        @Override
        public Double visitMul(Expr.Mul e) {
            return of(e.left()) * of(e.right());
        }

        @Override
        public Double visitDiv(Expr.Div e) {
            double d = of(e.denominator());
            if (d == 0) {
                throw new UndefinedQuantityException(String.format(Locale.ROOT,
                        "%s divides by zero: %s is 0 here", e.show(), e.denominator().show()));
            }
            return of(e.numerator()) / d;
        }

        @Override
        public Double visitNeg(Expr.Neg e) {
            return -of(e.operand());
        }

        @Override
        public Double visitPow(Expr.Pow e) {
            return Math.pow(of(e.base()), of(e.exponent()));
        }

        @Override
        public Double visitLog(Expr.Log e) {
            double stable = logOf(e.operand());
            if (Double.isFinite(stable)) {
                return stable;
            }
            double x = of(e.operand());
            if (!(x > 0)) {
                throw new UndefinedQuantityException(String.format(Locale.ROOT,
                        "log needs a positive argument, but %s is %s here", e.operand().show(), x));
            }
            return Math.log(x);
        }

        /**
         * The log of a product, quotient or power of outcome probabilities from their log-probabilities, so that
         * \( \log(q(y)/p(y)) \) keeps its accuracy where q(y) or p(y) is tiny (and symbols bound to positive values
         * by their logs); NaN where that does not apply (the caller then takes the log of the value).
         */
        private double logOf(Expr x) {
            if (outcome != null && x instanceof Expr.AtOutcome a && a.term() == Expr.AtOutcome.Term.PROBABILITY) {
                RankedPmf q = outcome.pmf(a.policy(), a);
                double l = q.logProbability(outcome.rankIn(q.ranking()));
                return l == Double.NEGATIVE_INFINITY ? Double.NaN : l;
            }
            if (x instanceof Expr.Div d) {
                return logOf(d.numerator()) - logOf(d.denominator());
            }
            if (x instanceof Expr.Mul m) {
                return logOf(m.left()) + logOf(m.right());
            }
            if (x instanceof Expr.Pow p) {
                double l = logOf(p.base());
                return Double.isNaN(l) ? l : of(p.exponent()) * l;
            }
            if (x instanceof Expr.Num num && num.value() instanceof org.bonlab.expr.Rational r && r.signum() > 0) {
                return logOf(r.numerator()) - logOf(r.denominator()); // also for constants beyond the double range
            }
            if (x instanceof Expr.Num num && num.value().toDouble() > 0) {
                return Math.log(num.value().toDouble());
            }
            Double bound = x instanceof Expr.Sym sym ? bindings.get(sym) : null;
            if (bound != null && bound > 0) {
                return Math.log(bound); // so log(n u^(n-1)) stays finite where u^(n-1) underflows
            }
            return Double.NaN;
        }

        /** log of a positive integer of any size: from its top 63 bits and its length. */
        private double logOf(java.math.BigInteger x) {
            int shift = Math.max(0, x.bitLength() - 63);
            return Math.log(x.shiftRight(shift).doubleValue()) + shift * Math.log(2);
        }

        @Override
        public Double visitAbs(Expr.Abs e) {
            return Math.abs(of(e.operand()));
        }

        @Override
        public Double visitExpectation(Expr.Expectation e) {
            return overOutcomes(e.over(), e.body(), true);
        }

        @Override
        public Double visitOutcomeSum(Expr.OutcomeSum e) {
            return overOutcomes(e.of(), e.body(), false);
        }

        /**
         * \( \sum_y w(y)\, \mathit{body}(y) \) over q's outcomes, w = q (an expectation) or 1 (a sum); in an
         * expectation an outcome with q(y) = 0 (or below the double range) contributes 0, whatever the body.
         */
        private double overOutcomes(Policy q, Expr bodyExpr, boolean weighted) {
            RankedPmf pmf = pmfOf(q);
            Outcome y = new Outcome(pmf, q, bindings);
            Values body = new Values(bindings, y);
            org.bonlab.numeric.policy.CompensatedSum s = new org.bonlab.numeric.policy.CompensatedSum();
            for (int i = 0; i < pmf.size(); i++) {
                double w = weighted ? pmf.probability(i) : 1;
                if (w == 0.0) {
                    continue;
                }
                y.index = i;
                s.add(w * body.of(bodyExpr));
            }
            return s.value();
        }

        @Override
        public Double visitAtOutcome(Expr.AtOutcome e) {
            if (outcome == null) {
                throw unboundOutcome(e);
            }
            RankedPmf q = outcome.pmf(e.policy(), e);
            Ranking ranking = q.ranking();
            int i = outcome.rankIn(ranking); // y's rank in q's reward order
            return switch (e.term()) {
                case REWARD -> ranking.rewardAt(i);
                case PROBABILITY -> q.probability(i);
                case CDF -> Math.exp(q.logCdf(i));
                case CDF_BELOW -> i == 0 ? 0.0 : Math.exp(q.logCdf(i - 1));
                case REWARD_CDF -> Math.exp(q.logCdf(ranking.tieGroupLast(i)));
                case REWARD_CDF_BELOW -> {
                    int first = ranking.tieGroupFirst(i);
                    yield first == 0 ? 0.0 : Math.exp(q.logCdf(first - 1));
                }
            };
        }

        @Override
        public Double visitPolicyNumber(Expr.PolicyNumber e) {
            RankedPmf q = pmfOf(e.policy());
            return switch (e.stat()) {
                case OUTCOMES -> (double) q.size();
                case TOP_PROBABILITY -> {
                    double eps = Quantities.epsilonInfinity(q);
                    if (eps == 0 && q.logProbability(q.size() - 1) > Double.NEGATIVE_INFINITY) {
                        throw new UndefinedQuantityException(String.format(Locale.ROOT, "%s cannot be evaluated in "
                                + "double precision: it is e^%.6g, below the double range", e.show(),
                                q.logProbability(q.size() - 1)));
                    }
                    yield eps;
                }
                case MAX_PROBABILITY -> {
                    double max = 0;
                    for (int i = 0; i < q.size(); i++) {
                        max = Math.max(max, q.probability(i));
                    }
                    yield max;
                }
            };
        }

        @Override
        public Double visitDefined(Expr.Defined e) {
            return of(e.definition());
        }

        @Override
        public Double visitExp(Expr.Exp e) {
            return Math.exp(of(e.operand()));
        }

        @Override
        public Double visitBinaryEntropy(Expr.BinaryEntropy e) {
            return Quantities.binaryEntropy(of(e.operand()));
        }

        @Override
        public Double visitBinomial(Expr.Binomial e) {
            double n = of(e.n());
            double k = of(e.k());
            if (n != Math.rint(n) || k != Math.rint(k) || k < 0 || k > n) {
                throw new UndefinedQuantityException(String.format(Locale.ROOT,
                        "binomial(n, k) needs integers 0 <= k <= n, but was binomial(%s, %s)", n, k));
            }
            return Math.rint(Math.exp(org.apache.commons.math3.special.Gamma.logGamma(n + 1)
                    - org.apache.commons.math3.special.Gamma.logGamma(k + 1)
                    - org.apache.commons.math3.special.Gamma.logGamma(n - k + 1)));
        }

        @Override
        public Double visitSum(Expr.Sum e) {
            double lo = of(e.lower());
            double hi = of(e.upper());
            if (lo != Math.rint(lo) || hi != Math.rint(hi)) {
                throw new UndefinedQuantityException("a sum's bounds must be integers, but were " + lo + " and " + hi);
            }
            if (hi - lo > MAX_SUM_TERMS) {
                throw new UndefinedQuantityException(String.format(Locale.ROOT,
                        "a sum of more than %d terms is not evaluated (from %s to %s)", MAX_SUM_TERMS, lo, hi));
            }
            org.bonlab.numeric.policy.CompensatedSum s = new org.bonlab.numeric.policy.CompensatedSum();
            java.util.Map<Expr.Sym, Double> b = new java.util.HashMap<>(bindings);
            for (double i = lo; i <= hi; i++) {
                b.put(e.index(), i);
                s.add(requireFinite(e.body().accept(new Values(b)), e.body()));
            }
            return s.value();
        }

        @Override
        public Double visitIntegral(Expr.Integral e) {
            double lo = of(e.lower());
            double hi = of(e.upper());
            java.util.Map<Expr.Sym, Double> b = new java.util.HashMap<>(bindings);
            return org.bonlab.numeric.quantity.TanhSinh.integrate(x -> {
                b.put(e.variable(), x);
                return requireFinite(e.body().accept(new Values(b)), e.body());
            }, lo, hi, e.show());
        }

        @Override
        public Double visitKl(Quantity.Kl e) {
            // KL(bestOf(p, n) || p), the curve of Figures 1 to 3: one preparation of p serves every n.
            if (e.q() instanceof BestOf b && b.policy() instanceof BasePolicy base && base.equals(e.p())
                    && !symbolic(base)) {
                double n = sampleCount(b.n(), bindings);
                return klKernels.computeIfAbsent(base, k -> new BestOfKl(basePmf(k, bindings))).kl(n);
            }
            return Quantities.kl(pmfOf(e.q()), pmfOf(e.p()));
        }

        @Override
        public Double visitAnalyticalKl(Quantity.AnalyticalKl e) {
            return Quantities.analyticalKl(sampleCount(e.n(), bindings));
        }

        @Override
        public Double visitExpectedReward(Quantity.ExpectedReward e) {
            return Quantities.expectedReward(pmfOf(e.q()));
        }

        @Override
        public Double visitWinRate(Quantity.WinRate e) {
            // best-of-n against its base: the telescoped sums over tie groups, without building pi_n
            if (e.q() instanceof BestOf b && b.policy() instanceof BasePolicy base && base.equals(e.p())) {
                RankedPmf p = pmfOf(base);
                double n = sampleCount(b.n(), bindings);
                // one pass per (base, n) serves both win-rate columns
                // kept only for policies that do not depend on the bindings (bernoulli(p) with a symbolic p does)
                boolean fixed = !symbolic(base);
                WinSums known = fixed ? winSums.get(base) : null;
                double[] st = known != null && known.n() == n ? known.sums() : null;
                if (st == null) {
                    // a large fixed policy: the kernel's pass with F^n carried down the ranks (one exp per outcome)
                    st = fixed && p.size() >= KERNEL_SIZE
                            ? klKernels.computeIfAbsent(base, k -> new BestOfKl(basePmf(k, bindings))).winSums(n)
                            : Quantities.bestOfWinSums(p, n);
                    if (fixed) {
                        winSums.put(base, new WinSums(n, st));
                    }
                }
                java.util.OptionalDouble w = Quantities.bestOfWinRate(st, e.ties() == Quantity.Ties.HALF);
                if (w.isPresent()) {
                    return w.getAsDouble();
                }
            }
            return Quantities.winRate(pmfOf(e.q()), pmfOf(e.p()), e.ties() == Quantity.Ties.HALF);
        }

        @Override
        public Double visitEntropy(Quantity.Entropy e) {
            return Quantities.entropy(pmfOf(e.q()));
        }

        @Override
        public Double visitRenyiEntropy(Quantity.RenyiEntropy e) {
            return Quantities.renyiEntropy(pmfOf(e.q()), of(e.alpha()));
        }

        @Override
        public Double visitChiSquare(Quantity.ChiSquare e) {
            return Quantities.chiSquare(pmfOf(e.q()), pmfOf(e.p()));
        }

        @Override
        public Double visitEstimatorAt(Quantity.EstimatorAt e) {
            double eps = of(e.epsilon());
            double n = sampleCount(e.n(), bindings);
            return e.estimator() == Quantity.Estimator.KL_HAT ? Quantities.klHat(eps, n) : Quantities.klHat1(eps, n);
        }

        @Override
        public Double visitEstimatorMean(Quantity.EstimatorMean e) {
            double n = sampleCount(e.n(), bindings);
            RankedPmf p = pmfOf(e.base());
            return Quantities.estimatorMean(p.bestOf(n), p, n, e.estimator() == Quantity.Estimator.KL_HAT);
        }

        @Override
        public Double visitBound(Quantity.Bound e) {
            double n = sampleCount(e.n(), bindings);
            RankedPmf p = pmfOf(e.base());
            switch (e.kind()) {
                case THM2_GAP_UPPER:
                    return Quantities.gapUpperThm2(p, n);
                case COR2_GAP_UPPER:
                    return Quantities.gapUpperCor2(p, n);
                case THM3_GAP_LOWER:
                    return Quantities.gapLowerThm3(p, n);
                case COR3_GAP_LOWER:
                    return Quantities.gapLowerCor3(p, n);
                case LEMMA2_KL_UPPER:
                    return Quantities.estimatorMean(p.bestOf(n), p, n, false);
                case THM4_KL_UPPER:
                    return Quantities.klUpperThm4(p, n);
                default:
                    throw new AssertionError(e.kind());
            }
        }

        @Override
        public Double visitVbonObjective(Quantity.VbonObjective e) {
            double n = sampleCount(e.n(), bindings);
            return Quantities.vbonObjective(pmfOf(e.theta()), pmfOf(e.base()).bestOf(n));
        }

        @Override
        public Double visitVbonBound(Quantity.VbonBound e) {
            double n = sampleCount(e.n(), bindings);
            RankedPmf theta = pmfOf(e.theta());
            RankedPmf p = pmfOf(e.base());
            return e.kind() == Quantity.VbonBoundKind.L ? Quantities.vbonL(theta, p, n) : Quantities.vbonL1(theta, p, n);
        }
    }
}
