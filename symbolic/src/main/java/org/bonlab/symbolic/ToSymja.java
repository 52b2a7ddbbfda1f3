package org.bonlab.symbolic;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.bonlab.expr.Expr;
import org.bonlab.expr.Floating;
import org.bonlab.expr.Quantity;
import org.bonlab.expr.Rational;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.ISymbol;

/**
 * Translates arithmetic expressions of the dsl into Symja, building values with {@code F.*} (never parsing
 * strings). Symbols become {@code F.Dummy} symbols, which cannot clash with Symja's built-ins ({@code Pi},
 * {@code Gamma}, {@code Beta}, {@code N}, ...). Quantities must have been derived into arithmetic first.
 *
 * <p>Powers of a rational base with a symbolic exponent are normalised to \( a^n b^{-n} \): Symja does not
 * identify \( (1/2)^n \) with \( 2^{-n} \), and identity checks fail on the mismatch.
 */
final class ToSymja implements Expr.Visitor<IExpr> {

    private final Map<Expr.Sym, ISymbol> symbols = new LinkedHashMap<>();

    ISymbol symbol(Expr.Sym s) {
        return symbols.computeIfAbsent(s, k -> F.Dummy(k.name()));
    }

    /** The dsl symbol a Symja dummy stands for. */
    Map<ISymbol, Expr.Sym> inverse() {
        Map<ISymbol, Expr.Sym> inv = new LinkedHashMap<>();
        symbols.forEach((k, v) -> inv.put(v, k));
        return inv;
    }

    IExpr translate(Expr e) {
        return e.accept(this);
    }

    static IExpr rational(Rational r) {
        return r.isInteger() ? F.ZZ(r.numerator()) : F.fraction(r.numerator(), r.denominator());
    }

    @Override
    public IExpr visitNum(Expr.Num e) {
        if (e.value() instanceof Rational r) {
            return rational(r);
        }
        return F.num(((Floating) e.value()).value());
    }

    @Override
    public IExpr visitSym(Expr.Sym e) {
        return symbol(e);
    }

    @Override
    public IExpr visitAdd(Expr.Add e) {
        return F.Plus(translate(e.left()), translate(e.right()));
    }

    @Override
    public IExpr visitSub(Expr.Sub e) {
        return F.Subtract(translate(e.left()), translate(e.right()));
    }

    @Override
    public IExpr visitMul(Expr.Mul e) {
        return F.Times(translate(e.left()), translate(e.right()));
    }

    @Override
    public IExpr visitDiv(Expr.Div e) {
        return F.Divide(translate(e.numerator()), translate(e.denominator()));
    }

    @Override
    public IExpr visitNeg(Expr.Neg e) {
        return F.Negate(translate(e.operand()));
    }

    @Override
    public IExpr visitPow(Expr.Pow e) {
        IExpr exponent = translate(e.exponent());
        if (e.base() instanceof Expr.Num num && num.value() instanceof Rational r && !r.isInteger()
                && !(e.exponent() instanceof Expr.Num)) {
            IExpr up = r.numerator().equals(java.math.BigInteger.ONE) ? F.C1
                    : F.Power(F.ZZ(r.numerator()), exponent);
            return F.Times(up, F.Power(F.ZZ(r.denominator()), F.Negate(exponent)));
        }
        return F.Power(translate(e.base()), exponent);
    }

    @Override
    public IExpr visitLog(Expr.Log e) {
        return F.Log(translate(e.operand()));
    }

    @Override
    public IExpr visitExp(Expr.Exp e) {
        return F.Exp(translate(e.operand()));
    }

    @Override
    public IExpr visitAbs(Expr.Abs e) {
        return F.Abs(translate(e.operand()));
    }

    @Override
    public IExpr visitExpectation(Expr.Expectation e) {
        throw outcomeLevel(e);
    }

    @Override
    public IExpr visitOutcomeSum(Expr.OutcomeSum e) {
        throw outcomeLevel(e);
    }

    @Override
    public IExpr visitAtOutcome(Expr.AtOutcome e) {
        throw outcomeLevel(e);
    }

    @Override
    public IExpr visitPolicyNumber(Expr.PolicyNumber e) {
        throw outcomeLevel(e);
    }

    @Override
    public IExpr visitDefined(Expr.Defined e) {
        return translate(e.definition());
    }

    private static UnsupportedOperationException outcomeLevel(Expr e) {
        return new UnsupportedOperationException("outcome-level definitions such as " + e.show()
                + " are evaluated by the numeric engines; symbolic derivation of them is not available yet");
    }

    /** \( h(x) = -x \log x - (1-x) \log(1-x) \). */
    @Override
    public IExpr visitBinaryEntropy(Expr.BinaryEntropy e) {
        IExpr x = translate(e.operand());
        IExpr oneMinusX = F.Subtract(F.C1, x);
        return F.Plus(F.Times(F.CN1, x, F.Log(x)), F.Times(F.CN1, oneMinusX, F.Log(oneMinusX)));
    }

    @Override
    public IExpr visitBinomial(Expr.Binomial e) {
        return F.Binomial(translate(e.n()), translate(e.k()));
    }

    @Override
    public IExpr visitSum(Expr.Sum e) {
        return F.Sum(translate(e.body()), F.list(symbol(e.index()), translate(e.lower()), translate(e.upper())));
    }

    @Override
    public IExpr visitIntegral(Expr.Integral e) {
        return F.Integrate(translate(e.body()), F.list(symbol(e.variable()), translate(e.lower()),
                translate(e.upper())));
    }

    @Override
    public IExpr visitKl(Quantity.Kl e) {
        throw notDerived(e);
    }

    @Override
    public IExpr visitAnalyticalKl(Quantity.AnalyticalKl e) {
        return translate(e.definition());
    }

    @Override
    public IExpr visitExpectedReward(Quantity.ExpectedReward e) {
        throw notDerived(e);
    }

    @Override
    public IExpr visitWinRate(Quantity.WinRate e) {
        throw notDerived(e);
    }

    @Override
    public IExpr visitEntropy(Quantity.Entropy e) {
        throw notDerived(e);
    }

    @Override
    public IExpr visitRenyiEntropy(Quantity.RenyiEntropy e) {
        if (!(e.q() instanceof org.bonlab.policy.BasePolicy base) || !(e.alpha() instanceof Expr.Num num)
                || !(num.value() instanceof org.bonlab.expr.Rational alpha) || alpha.equals(org.bonlab.expr.Rational.ONE)) {
            throw notDerived(e);
        }
        // H_alpha(p) = log(sum_y p(y)^alpha) / (1 - alpha), Eq. (18) of Beirami et al.
        org.matheclipse.core.interfaces.IASTAppendable sum = F.PlusAlloc(base.size());
        for (Expr p : BestOfForms.rankedProbabilities(base)) {
            sum.append(F.Power(translate(p), rational(alpha)));
        }
        return F.Times(F.Log(sum), F.Power(rational(org.bonlab.expr.Rational.ONE.minus(alpha)), F.CN1));
    }

    @Override
    public IExpr visitChiSquare(Quantity.ChiSquare e) {
        throw notDerived(e);
    }

    @Override
    public IExpr visitEstimatorAt(Quantity.EstimatorAt e) {
        throw notDerived(e);
    }

    @Override
    public IExpr visitEstimatorMean(Quantity.EstimatorMean e) {
        throw notDerived(e);
    }

    @Override
    public IExpr visitBound(Quantity.Bound e) {
        throw notDerived(e);
    }

    @Override
    public IExpr visitVbonObjective(Quantity.VbonObjective e) {
        throw notDerived(e);
    }

    @Override
    public IExpr visitVbonBound(Quantity.VbonBound e) {
        throw notDerived(e);
    }

    private static IllegalArgumentException notDerived(Expr e) {
        return new IllegalArgumentException(String.format(Locale.ROOT,
                "quantity must be derived into arithmetic before it is sent to Symja, but got %s", e.show()));
    }
}
