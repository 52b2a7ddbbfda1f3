package org.bonlab.numeric;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.bonlab.expr.Expr;
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

    private final Map<BasePolicy, RankedPmf> bases = new HashMap<>();
    private final Map<BasePolicy, BestOfKl> klKernels = new HashMap<>();

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
        return bases.computeIfAbsent(base, key -> key.accept(new Pmfs(bindings)));
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
            double[] probs = p.probabilitiesAsDoubles();
            double[] ranked = new double[probs.length];
            for (int i = 0; i < ranked.length; i++) {
                ranked[i] = probs[ranking.outcomeAt(i)];
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
            return Families.spike(Ranking.of(p.reward()), p);
        }

        @Override
        public RankedPmf visitGeometric(Geometric p) {
            return RankedPmf.geometric(Ranking.of(p.reward()), p.ratio().toDouble());
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

        private RankedPmf resolve(Policy p) {
            return pmf(p, bindings);
        }
    }

    private final class Values implements Expr.Visitor<Double> {
        private final Map<Expr.Sym, Double> bindings;

        Values(Map<Expr.Sym, Double> bindings) {
            this.bindings = bindings;
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
            double x = of(e.operand());
            if (!(x > 0)) {
                throw new UndefinedQuantityException(String.format(Locale.ROOT,
                        "log needs a positive argument, but %s is %s here", e.operand().show(), x));
            }
            return Math.log(x);
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
        public Double visitKl(Quantity.Kl e) {
            // KL(bestOf(p, n) || p), the curve of Figures 1 to 3: one preparation of p serves every n.
            if (e.q() instanceof BestOf b && b.policy() instanceof BasePolicy base && base.equals(e.p())
                    && !(base instanceof Bernoulli bern && !(bern.p() instanceof Expr.Num))) {
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
