package org.bonlab.expr;

/** Plain-text rendering of expressions, with the fewest parentheses that keep the meaning. */
public final class ExprPrinter implements Expr.Visitor<String> {

    private static final ExprPrinter INSTANCE = new ExprPrinter();

    private static final int ADD = 1;
    private static final int MUL = 2;
    private static final int UNARY = 3;
    private static final int POW = 4;
    private static final int ATOM = 5;

    private ExprPrinter() {
    }

    public static String show(Expr e) {
        return e.accept(INSTANCE);
    }

    @Override
    public String visitNum(Expr.Num e) {
        return e.value().toString();
    }

    @Override
    public String visitSym(Expr.Sym e) {
        return e.name();
    }

    @Override
    public String visitAdd(Expr.Add e) {
        return wrap(e.left(), ADD) + " + " + wrap(e.right(), ADD + 1);
    }

    @Override
    public String visitSub(Expr.Sub e) {
        return wrap(e.left(), ADD) + " - " + wrap(e.right(), ADD + 1);
    }

    @Override
    public String visitMul(Expr.Mul e) {
        return wrap(e.left(), MUL) + "*" + wrap(e.right(), MUL + 1);
    }

    @Override
    public String visitDiv(Expr.Div e) {
        return wrap(e.numerator(), MUL) + "/" + wrap(e.denominator(), MUL + 1);
    }

    @Override
    public String visitNeg(Expr.Neg e) {
        return "-" + wrap(e.operand(), UNARY);
    }

    @Override
    public String visitPow(Expr.Pow e) {
        return wrap(e.base(), ATOM) + "^" + wrap(e.exponent(), POW);
    }

    @Override
    public String visitLog(Expr.Log e) {
        return "log(" + show(e.operand()) + ")";
    }

    @Override
    public String visitExp(Expr.Exp e) {
        return "exp(" + show(e.operand()) + ")";
    }

    @Override
    public String visitAbs(Expr.Abs e) {
        return "|" + show(e.operand()) + "|";
    }

    @Override
    public String visitExpectation(Expr.Expectation e) {
        return "E[" + show(e.body()) + "; y ~ " + e.over().describe() + "]";
    }

    @Override
    public String visitOutcomeSum(Expr.OutcomeSum e) {
        return "sum_y(" + show(e.body()) + "; y in outcomes of " + e.of().describe() + ")";
    }

    @Override
    public String visitAtOutcome(Expr.AtOutcome e) {
        return switch (e.term()) {
            case PROBABILITY -> e.policy().describe() + "(y)";
            case CDF -> "F[" + e.policy().describe() + "](y)";
            case CDF_BELOW -> "F-[" + e.policy().describe() + "](y)";
            case REWARD_CDF -> "G[" + e.policy().describe() + "](y)";
            case REWARD_CDF_BELOW -> "G-[" + e.policy().describe() + "](y)";
            case REWARD -> "r[" + e.policy().describe() + "](y)";
        };
    }

    @Override
    public String visitPolicyNumber(Expr.PolicyNumber e) {
        return switch (e.stat()) {
            case OUTCOMES -> "outcomes(" + e.policy().describe() + ")";
            case TOP_PROBABILITY -> "epsInf(" + e.policy().describe() + ")";
            case MAX_PROBABILITY -> "maxProbability(" + e.policy().describe() + ")";
        };
    }

    @Override
    public String visitDefined(Expr.Defined e) {
        return e.name();
    }

    @Override
    public String visitBinaryEntropy(Expr.BinaryEntropy e) {
        return "h(" + show(e.operand()) + ")";
    }

    @Override
    public String visitBinomial(Expr.Binomial e) {
        return "binomial(" + show(e.n()) + ", " + show(e.k()) + ")";
    }

    @Override
    public String visitSum(Expr.Sum e) {
        return "sum(" + show(e.body()) + ", " + e.index().name() + " = " + show(e.lower()) + ".." + show(e.upper())
                + ")";
    }

    @Override
    public String visitIntegral(Expr.Integral e) {
        return "integral(" + show(e.body()) + ", " + e.variable().name() + " = " + show(e.lower()) + ".."
                + show(e.upper()) + ")";
    }

    @Override
    public String visitKl(Quantity.Kl e) {
        return "KL(" + e.q().describe() + " || " + e.p().describe() + ")";
    }

    @Override
    public String visitAnalyticalKl(Quantity.AnalyticalKl e) {
        return show(e.definition());
    }

    @Override
    public String visitExpectedReward(Quantity.ExpectedReward e) {
        return "E[r; " + e.q().describe() + "]";
    }

    @Override
    public String visitWinRate(Quantity.WinRate e) {
        return "winRate" + (e.ties() == Quantity.Ties.HALF ? "Half" : "Strict") + "(" + e.q().describe() + " vs "
                + e.p().describe() + ")";
    }

    @Override
    public String visitEntropy(Quantity.Entropy e) {
        return "H(" + e.q().describe() + ")";
    }

    @Override
    public String visitRenyiEntropy(Quantity.RenyiEntropy e) {
        return "H_" + wrap(e.alpha(), ATOM) + "(" + e.q().describe() + ")";
    }

    @Override
    public String visitChiSquare(Quantity.ChiSquare e) {
        return "chi2(" + e.q().describe() + " || " + e.p().describe() + ")";
    }

    @Override
    public String visitEstimatorAt(Quantity.EstimatorAt e) {
        return e.estimator().columnName() + "(eps=" + show(e.epsilon()) + ", n=" + show(e.n()) + ")";
    }

    @Override
    public String visitEstimatorMean(Quantity.EstimatorMean e) {
        return "E[" + e.estimator().columnName() + "; bestOf(" + e.base().describe() + ", " + show(e.n()) + ")]";
    }

    @Override
    public String visitBound(Quantity.Bound e) {
        return e.kind().columnName() + "(" + e.base().describe() + ", n=" + show(e.n()) + ")";
    }

    @Override
    public String visitVbonObjective(Quantity.VbonObjective e) {
        return "J(" + e.theta().describe() + "; bestOf(" + e.base().describe() + ", " + show(e.n()) + "))";
    }

    @Override
    public String visitVbonBound(Quantity.VbonBound e) {
        return e.kind().columnName() + "(" + e.theta().describe() + "; " + e.base().describe() + ", N="
                + show(e.n()) + ")";
    }

    private static int precedence(Expr e) {
        if (e instanceof Expr.Add || e instanceof Expr.Sub || e instanceof Quantity.AnalyticalKl) {
            return ADD;
        }
        if (e instanceof Expr.Mul || e instanceof Expr.Div) {
            return MUL;
        }
        if (e instanceof Expr.Neg) {
            return UNARY;
        }
        if (e instanceof Expr.Pow) {
            return POW;
        }
        if (e instanceof Expr.Num n) {
            boolean fractionOrNegative = n.value() instanceof Rational r && !r.isInteger()
                    || n.value().toDouble() < 0;
            return fractionOrNegative ? MUL : ATOM;
        }
        return ATOM;
    }

    private static String wrap(Expr e, int context) {
        String s = show(e);
        return precedence(e) < context ? "(" + s + ")" : s;
    }
}
