package org.bonlab.symbolic;

import org.bonlab.expr.Expr;
import org.bonlab.expr.Quantity;

/** Replaces a symbol by an expression in arithmetic expressions (quantities are left as they are). */
final class Substitution implements Expr.Visitor<Expr> {

    private final Expr.Sym symbol;
    private final Expr replacement;

    private Substitution(Expr.Sym symbol, Expr replacement) {
        this.symbol = symbol;
        this.replacement = replacement;
    }

    static Substitution of(Expr.Sym symbol, Expr replacement) {
        return new Substitution(symbol, replacement);
    }

    Expr apply(Expr e) {
        return e.accept(this);
    }

    @Override
    public Expr visitNum(Expr.Num e) {
        return e;
    }

    @Override
    public Expr visitSym(Expr.Sym e) {
        return e.equals(symbol) ? replacement : e;
    }

    @Override
    public Expr visitAdd(Expr.Add e) {
        return new Expr.Add(apply(e.left()), apply(e.right()));
    }

    @Override
    public Expr visitSub(Expr.Sub e) {
        return new Expr.Sub(apply(e.left()), apply(e.right()));
    }

    @Override
    public Expr visitMul(Expr.Mul e) {
        return new Expr.Mul(apply(e.left()), apply(e.right()));
    }

    @Override
    public Expr visitDiv(Expr.Div e) {
        return new Expr.Div(apply(e.numerator()), apply(e.denominator()));
    }

    @Override
    public Expr visitNeg(Expr.Neg e) {
        return new Expr.Neg(apply(e.operand()));
    }

    @Override
    public Expr visitPow(Expr.Pow e) {
        return new Expr.Pow(apply(e.base()), apply(e.exponent()));
    }

    @Override
    public Expr visitLog(Expr.Log e) {
        return new Expr.Log(apply(e.operand()));
    }

    @Override
    public Expr visitExp(Expr.Exp e) {
        return new Expr.Exp(apply(e.operand()));
    }

    @Override
    public Expr visitBinaryEntropy(Expr.BinaryEntropy e) {
        return new Expr.BinaryEntropy(apply(e.operand()));
    }

    @Override
    public Expr visitKl(Quantity.Kl e) {
        return e;
    }

    @Override
    public Expr visitAnalyticalKl(Quantity.AnalyticalKl e) {
        return new Quantity.AnalyticalKl(apply(e.n()));
    }

    @Override
    public Expr visitExpectedReward(Quantity.ExpectedReward e) {
        return e;
    }

    @Override
    public Expr visitWinRate(Quantity.WinRate e) {
        return e;
    }

    @Override
    public Expr visitEntropy(Quantity.Entropy e) {
        return e;
    }

    @Override
    public Expr visitRenyiEntropy(Quantity.RenyiEntropy e) {
        return e;
    }

    @Override
    public Expr visitChiSquare(Quantity.ChiSquare e) {
        return e;
    }

    @Override
    public Expr visitEstimatorAt(Quantity.EstimatorAt e) {
        return new Quantity.EstimatorAt(e.estimator(), apply(e.epsilon()), apply(e.n()));
    }

    @Override
    public Expr visitEstimatorMean(Quantity.EstimatorMean e) {
        return e;
    }

    @Override
    public Expr visitBound(Quantity.Bound e) {
        return e;
    }

    @Override
    public Expr visitVbonObjective(Quantity.VbonObjective e) {
        return e;
    }

    @Override
    public Expr visitVbonBound(Quantity.VbonBound e) {
        return e;
    }
}
