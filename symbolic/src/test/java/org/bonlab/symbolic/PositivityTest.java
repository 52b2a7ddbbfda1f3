package org.bonlab.symbolic;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.bonlab.expr.Expr;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The positivity that licenses PowerExpand: shown only where it holds on the whole domain. */
class PositivityTest {

    private static final Expr.Sym N = Expr.symbol("n");
    private static final Expr.Sym P = Expr.symbol("p");
    private static final Expr.Sym X = Expr.symbol("x");
    private static final Positivity ON_DOMAIN = new Positivity(Map.of(
            N, Positivity.Bounds.atLeast(1, Double.POSITIVE_INFINITY), P, Positivity.Bounds.PROBABILITY));

    private static Expr twoToMinusN() {
        return Expr.constant(2).pow(N.unaryMinus());
    }

    @Test
    @DisplayName("2^-n, 1 - 2^-n, p, 1 - p, (1 - p)^n and e^x are positive on n >= 1, p in (0, 1), x real")
    void positiveWhereTheyAre() {
        assertTrue(ON_DOMAIN.isPositive(twoToMinusN()));
        assertTrue(ON_DOMAIN.isPositive(Expr.constant(1).minus(twoToMinusN())));
        assertTrue(ON_DOMAIN.isPositive(P));
        assertTrue(ON_DOMAIN.isPositive(Expr.constant(1).minus(P)));
        assertTrue(ON_DOMAIN.isPositive(Expr.constant(1).minus(P).pow(N)));
        assertTrue(ON_DOMAIN.isPositive(Expr.constant(1).minus(Expr.constant(1).minus(P).pow(N)).div(P)));
        assertTrue(ON_DOMAIN.isPositive(Expr.exp(X)));
        assertTrue(ON_DOMAIN.isPositive(X.pow(2).plus(Expr.constant(1))));
    }

    @Test
    @DisplayName("not shown: a real symbol, x^2 (0 at x = 0), log p, 1/2 - 2^-n (0 at n = 1), a difference that may change sign")
    void notShownWhereItFailsOrIsUnknown() {
        assertFalse(ON_DOMAIN.isPositive(X));
        assertFalse(ON_DOMAIN.isPositive(X.pow(2)));
        assertFalse(ON_DOMAIN.isPositive(Expr.log(P)));
        assertFalse(ON_DOMAIN.isPositive(Expr.rational(1, 2).minus(twoToMinusN())));
        assertFalse(ON_DOMAIN.isPositive(P.minus(Expr.constant(1).minus(P))));
        assertFalse(ON_DOMAIN.isPositive(X.minus(Expr.constant(1)).pow(Expr.rational(1, 2))));
        assertFalse(ON_DOMAIN.isPositive(Expr.binaryEntropy(P).minus(Expr.log(Expr.constant(2)))));
    }
}
