package org.bonlab.claim;

import java.util.Map;
import org.bonlab.expr.Expr;
import org.bonlab.expr.Quantity;
import org.bonlab.expr.Rewrite;
import org.bonlab.policy.BasePolicy;
import org.bonlab.policy.Bernoulli;
import org.bonlab.policy.BestOf;
import org.bonlab.policy.Dirichlet;
import org.bonlab.policy.Explicit;
import org.bonlab.policy.Geometric;
import org.bonlab.policy.Policy;
import org.bonlab.policy.PolicyVar;
import org.bonlab.policy.SoftBestOf;
import org.bonlab.policy.Spike;
import org.bonlab.policy.Tilted;
import org.bonlab.policy.Uniform;
import org.bonlab.policy.WorstOf;
import org.bonlab.policy.Zipf;

/** Replaces policy variables by policies, and symbols by expressions, throughout an expression. */
public final class Binding extends Rewrite implements Policy.Visitor<Policy> {

    private final Map<PolicyVar, ? extends Policy> values;
    private final Map<Expr.Sym, ? extends Expr> symbols;
    /** The base policies met, in order (for {@link #basePolicies}); null when not collecting. */
    private final java.util.List<BasePolicy> seen;

    private Binding(Map<PolicyVar, ? extends Policy> values, Map<Expr.Sym, ? extends Expr> symbols) {
        this(values, symbols, null);
    }

    private Binding(Map<PolicyVar, ? extends Policy> values, Map<Expr.Sym, ? extends Expr> symbols,
            java.util.List<BasePolicy> seen) {
        this.values = values;
        this.symbols = symbols;
        this.seen = seen;
    }

    /** The base policies (families, explicit PMFs) inside {@code e}, each once, in the order met. */
    public static java.util.List<BasePolicy> basePolicies(Expr e) {
        java.util.List<BasePolicy> seen = new java.util.ArrayList<>();
        e.accept(new Binding(Map.of(), Map.of(), seen));
        return java.util.List.copyOf(new java.util.LinkedHashSet<>(seen));
    }

    /** {@code e} with every bound policy variable replaced; unbound variables stay. */
    public static Expr bind(Expr e, Map<PolicyVar, ? extends Policy> values) {
        return values.isEmpty() ? e : e.accept(new Binding(values, Map.of()));
    }

    /** {@code e} with {@code symbol} replaced by {@code replacement} everywhere, inside policies too. */
    public static Expr substitute(Expr e, Expr.Sym symbol, Expr replacement) {
        return e.accept(new Binding(Map.of(), Map.of(symbol, replacement)));
    }

    private Expr x(Expr e) {
        return apply(e);
    }

    private Policy p(Policy q) {
        return q.accept(this);
    }

    @Override
    protected Policy policy(Policy q) {
        return p(q);
    }

    // ---- expressions: arithmetic nodes are rebuilt by Rewrite; symbols and quantities here ----

    @Override
    public Expr visitSym(Expr.Sym e) {
        Expr r = symbols.get(e);
        return r == null ? e : r;
    }

    @Override
    public Expr visitKl(Quantity.Kl e) {
        return new Quantity.Kl(p(e.q()), p(e.p()));
    }

    @Override
    public Expr visitAnalyticalKl(Quantity.AnalyticalKl e) {
        return new Quantity.AnalyticalKl(x(e.n()));
    }

    @Override
    public Expr visitExpectedReward(Quantity.ExpectedReward e) {
        return new Quantity.ExpectedReward(p(e.q()));
    }

    @Override
    public Expr visitWinRate(Quantity.WinRate e) {
        return new Quantity.WinRate(p(e.q()), p(e.p()), e.ties());
    }

    @Override
    public Expr visitEntropy(Quantity.Entropy e) {
        return new Quantity.Entropy(p(e.q()));
    }

    @Override
    public Expr visitRenyiEntropy(Quantity.RenyiEntropy e) {
        return new Quantity.RenyiEntropy(p(e.q()), x(e.alpha()));
    }

    @Override
    public Expr visitChiSquare(Quantity.ChiSquare e) {
        return new Quantity.ChiSquare(p(e.q()), p(e.p()));
    }

    @Override
    public Expr visitEstimatorAt(Quantity.EstimatorAt e) {
        return new Quantity.EstimatorAt(e.estimator(), x(e.epsilon()), x(e.n()));
    }

    @Override
    public Expr visitEstimatorMean(Quantity.EstimatorMean e) {
        return new Quantity.EstimatorMean(e.estimator(), p(e.base()), x(e.n()));
    }

    @Override
    public Expr visitBound(Quantity.Bound e) {
        return new Quantity.Bound(e.kind(), p(e.base()), x(e.n()));
    }

    @Override
    public Expr visitVbonObjective(Quantity.VbonObjective e) {
        return new Quantity.VbonObjective(p(e.theta()), p(e.base()), x(e.n()));
    }

    @Override
    public Expr visitVbonBound(Quantity.VbonBound e) {
        return new Quantity.VbonBound(e.kind(), p(e.theta()), p(e.base()), x(e.n()));
    }

    // ---- policies ----

    private Policy same(BasePolicy b) {
        if (seen != null) {
            seen.add(b);
        }
        return b;
    }

    @Override
    public Policy visitExplicit(Explicit q) {
        return same(q);
    }

    /**
     * A family's parameter with a bound symbol replaced: by a number (the family's constructor then checks it, e.g.
     * bernoulli's p in [0, 1]) or by another symbol; a family's parameters cannot be other expressions.
     */
    private Expr parameter(Expr e) {
        if (!(e instanceof Expr.Sym s) || !symbols.containsKey(s)) {
            return e;
        }
        Expr r = symbols.get(s);
        if (r instanceof Expr.Num || r instanceof Expr.Sym) {
            return r;
        }
        throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "the family parameter %s can be "
                + "replaced only by a number or a symbol, but was given %s", s.name(), r.show()));
    }

    @Override
    public Policy visitBernoulli(Bernoulli q) {
        Expr p = parameter(q.p());
        return p == q.p() ? same(q) : new Bernoulli(p, q.label());
    }

    @Override
    public Policy visitUniform(Uniform q) {
        return same(q);
    }

    @Override
    public Policy visitSpike(Spike q) {
        java.util.List<Expr> tops = q.tops().stream().map(this::parameter).toList();
        return tops.equals(q.tops()) ? same(q) : new Spike(q.size(), tops);
    }

    @Override
    public Policy visitGeometric(Geometric q) {
        Expr r = parameter(q.ratio());
        return r == q.ratio() ? same(q) : new Geometric(q.size(), r);
    }

    @Override
    public Policy visitZipf(Zipf q) {
        return same(q);
    }

    @Override
    public Policy visitDirichlet(Dirichlet q) {
        return same(q);
    }

    @Override
    public Policy visitBestOf(BestOf q) {
        return new BestOf(p(q.policy()), x(q.n()));
    }

    @Override
    public Policy visitWorstOf(WorstOf q) {
        return new WorstOf(p(q.policy()), x(q.n()));
    }

    @Override
    public Policy visitSoftBestOf(SoftBestOf q) {
        return new SoftBestOf(p(q.policy()), x(q.n()), x(q.lambda()));
    }

    @Override
    public Policy visitTilted(Tilted q) {
        return new Tilted(p(q.policy()), x(q.beta()));
    }

    @Override
    public Policy visitMixture(org.bonlab.policy.Mixture q) {
        return new org.bonlab.policy.Mixture(q.components().stream().map(this::p).toList(),
                q.weights().stream().map(this::x).toList());
    }

    @Override
    public Policy visitReweighted(org.bonlab.policy.Reweighted q) {
        return new org.bonlab.policy.Reweighted(p(q.policy()), x(q.logWeight()));
    }

    @Override
    public Policy visitWeighted(org.bonlab.policy.Weighted q) {
        return new org.bonlab.policy.Weighted(p(q.policy()), x(q.weight()));
    }

    @Override
    public Policy visitPolicyVar(PolicyVar q) {
        Policy v = values.get(q);
        return v == null ? q : v;
    }
}
