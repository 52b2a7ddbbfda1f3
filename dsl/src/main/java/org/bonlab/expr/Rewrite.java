package org.bonlab.expr;

/**
 * A bottom-up rewrite of an expression: arithmetic nodes are rebuilt from their rewritten children and then
 * passed to {@link #after(Expr)}; quantity nodes go to {@link #quantity(Quantity)}. Subclasses override the two
 * hooks (or a node kind's visit method, as {@code org.bonlab.claim.Binding} does for symbols and quantities);
 * every node kind is handled here, so a new kind is a compile error in one place.
 */
public abstract class Rewrite implements Expr.Visitor<Expr> {

    /** The replacement of a quantity node; by default the node itself. */
    protected Expr quantity(Quantity q) {
        return q;
    }

    /** The replacement of a rebuilt arithmetic node; by default the node itself. */
    protected Expr after(Expr e) {
        return e;
    }

    /**
     * The replacement of a policy inside an outcome-level node ({@link Expr.Expectation}, {@link Expr.AtOutcome},
     * ...); by default the policy itself.
     */
    protected org.bonlab.policy.Policy policy(org.bonlab.policy.Policy p) {
        return p;
    }

    /** The rewritten expression. */
    public final Expr apply(Expr e) {
        return e.accept(this);
    }

    @Override
    public Expr visitNum(Expr.Num e) {
        return after(e);
    }

    @Override
    public Expr visitSym(Expr.Sym e) {
        return after(e);
    }

    @Override
    public Expr visitAdd(Expr.Add e) {
        return after(new Expr.Add(apply(e.left()), apply(e.right())));
    }

    @Override
    public Expr visitSub(Expr.Sub e) {
        return after(new Expr.Sub(apply(e.left()), apply(e.right())));
    }

    @Override
    public Expr visitMul(Expr.Mul e) {
        return after(new Expr.Mul(apply(e.left()), apply(e.right())));
    }

    @Override
    public Expr visitDiv(Expr.Div e) {
        return after(new Expr.Div(apply(e.numerator()), apply(e.denominator())));
    }

    @Override
    public Expr visitNeg(Expr.Neg e) {
        return after(new Expr.Neg(apply(e.operand())));
    }

    @Override
    public Expr visitPow(Expr.Pow e) {
        return after(new Expr.Pow(apply(e.base()), apply(e.exponent())));
    }

    @Override
    public Expr visitLog(Expr.Log e) {
        return after(new Expr.Log(apply(e.operand())));
    }

    @Override
    public Expr visitExp(Expr.Exp e) {
        return after(new Expr.Exp(apply(e.operand())));
    }

    @Override
    public Expr visitAbs(Expr.Abs e) {
        return after(new Expr.Abs(apply(e.operand())));
    }

    @Override
    public Expr visitExpectation(Expr.Expectation e) {
        return after(new Expr.Expectation(policy(e.over()), apply(e.body())));
    }

    @Override
    public Expr visitOutcomeSum(Expr.OutcomeSum e) {
        return after(new Expr.OutcomeSum(policy(e.of()), apply(e.body())));
    }

    @Override
    public Expr visitAtOutcome(Expr.AtOutcome e) {
        return after(new Expr.AtOutcome(e.term(), policy(e.policy())));
    }

    @Override
    public Expr visitPolicyNumber(Expr.PolicyNumber e) {
        return after(new Expr.PolicyNumber(e.stat(), policy(e.policy())));
    }

    @Override
    public Expr visitDefined(Expr.Defined e) {
        return after(new Expr.Defined(e.name(), e.citation(), apply(e.definition())));
    }

    @Override
    public Expr visitBinaryEntropy(Expr.BinaryEntropy e) {
        return after(new Expr.BinaryEntropy(apply(e.operand())));
    }

    @Override
    public Expr visitBinomial(Expr.Binomial e) {
        return after(new Expr.Binomial(apply(e.n()), apply(e.k())));
    }

    @Override
    public Expr visitSum(Expr.Sum e) {
        return after(new Expr.Sum(e.index(), apply(e.lower()), apply(e.upper()), apply(e.body())));
    }

    @Override
    public Expr visitIntegral(Expr.Integral e) {
        return after(new Expr.Integral(e.variable(), apply(e.lower()), apply(e.upper()), apply(e.body())));
    }

    @Override
    public Expr visitKl(Quantity.Kl e) {
        return quantity(e);
    }

    @Override
    public Expr visitAnalyticalKl(Quantity.AnalyticalKl e) {
        return quantity(e);
    }

    @Override
    public Expr visitExpectedReward(Quantity.ExpectedReward e) {
        return quantity(e);
    }

    @Override
    public Expr visitWinRate(Quantity.WinRate e) {
        return quantity(e);
    }

    @Override
    public Expr visitEntropy(Quantity.Entropy e) {
        return quantity(e);
    }

    @Override
    public Expr visitRenyiEntropy(Quantity.RenyiEntropy e) {
        return quantity(e);
    }

    @Override
    public Expr visitChiSquare(Quantity.ChiSquare e) {
        return quantity(e);
    }

    @Override
    public Expr visitEstimatorAt(Quantity.EstimatorAt e) {
        return quantity(e);
    }

    @Override
    public Expr visitEstimatorMean(Quantity.EstimatorMean e) {
        return quantity(e);
    }

    @Override
    public Expr visitBound(Quantity.Bound e) {
        return quantity(e);
    }

    @Override
    public Expr visitVbonObjective(Quantity.VbonObjective e) {
        return quantity(e);
    }

    @Override
    public Expr visitVbonBound(Quantity.VbonBound e) {
        return quantity(e);
    }
}
