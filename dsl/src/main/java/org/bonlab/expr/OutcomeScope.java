package org.bonlab.expr;

/**
 * Where terms at an outcome y may stand: inside an expectation or a sum over outcomes. Used to refuse a
 * definition with an unbound y when it is written, not when it is first evaluated.
 */
final class OutcomeScope extends Rewrite {

    private int depth;
    private Expr firstUnbound;

    private OutcomeScope() {
    }

    /** The first outcome term of {@code e} outside any expectation or sum over outcomes, or null if none. */
    static Expr firstUnbound(Expr e) {
        OutcomeScope s = new OutcomeScope();
        s.apply(e);
        return s.firstUnbound;
    }

    @Override
    public Expr visitExpectation(Expr.Expectation e) {
        depth++;
        apply(e.body());
        depth--;
        return e;
    }

    @Override
    public Expr visitOutcomeSum(Expr.OutcomeSum e) {
        depth++;
        apply(e.body());
        depth--;
        return e;
    }

    @Override
    public Expr visitAtOutcome(Expr.AtOutcome e) {
        if (depth == 0 && firstUnbound == null) {
            firstUnbound = e;
        }
        return e;
    }

    @Override
    public Expr visitDefined(Expr.Defined e) {
        return e; // checked when it was built
    }
}
