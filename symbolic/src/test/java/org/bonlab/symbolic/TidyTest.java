package org.bonlab.symbolic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.bonlab.Bon;
import org.bonlab.expr.Expr;
import org.bonlab.expr.Quantity;
import org.bonlab.policy.Policy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Presented forms as a reader writes them: each rule of {@link Tidy} and derivations that use them. */
class TidyTest {

    private static final Expr.Sym N = Bon.n;
    private static final Expr TWO_TO_MINUS_N = Expr.constant(2).pow(N.unaryMinus());

    @Test
    @DisplayName("rules: rationals folded, x/(1/2) = 2x, log(1/2) = -log 2, equal terms collected, common factor out")
    void rules() {
        assertEquals("n*(n - 1)", Tidy.tidy(Expr.constant(2).times(N).times(N.minus(1L)).times(Expr.rational(1, 2)))
                .show());
        assertEquals("2*(1 - 2^(-n))", Tidy.tidy(Expr.constant(1).minus(TWO_TO_MINUS_N).div(Expr.rational(1, 2)))
                .show());
        assertEquals("-log(2)", Tidy.tidy(Expr.log(Expr.rational(1, 2))).show());
        assertEquals("0", Tidy.tidy(Expr.log(Expr.constant(1))).show());
        assertEquals("1", Tidy.tidy(TWO_TO_MINUS_N.plus(Expr.constant(1).minus(TWO_TO_MINUS_N))).show());
        Expr x = Expr.log(N);
        assertEquals("log(n)", Tidy.tidy(TWO_TO_MINUS_N.times(x).plus(Expr.constant(1).minus(TWO_TO_MINUS_N).times(x)))
                .show());
        assertEquals("3/4 - n", Tidy.tidy(Expr.rational(1, 4).plus(Expr.rational(1, 2)).minus(N)).show());
    }

    private static SymbolicEngine engine;

    @BeforeAll
    static void start() {
        engine = new SymbolicEngine();
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @Test
    @DisplayName("the coin: Cor 2's bound is n (n - 1); Lemma 2's bound is log(2 (1 - 2^-n)); both proved equal")
    void derivedFormsOnTheCoin() {
        Policy coin = Policy.coin();
        Derivation cor2 = engine.derive(Bon.bound(Quantity.BoundKind.COR2_GAP_UPPER, coin, N), N);
        assertEquals("n*(n - 1)", cor2.presented().show());
        assertEquals("n \\left(n - 1\\right)", cor2.latex());
        assertInstanceOf(Verification.Proved.class, cor2.equality(), cor2.equality().describe());
        Derivation lemma2 = engine.derive(Bon.bound(Quantity.BoundKind.LEMMA2_KL_UPPER, coin, N), N);
        assertEquals("log(2*(1 - 2^(-n)))", lemma2.presented().show());
        assertInstanceOf(Verification.Proved.class, lemma2.equality(), lemma2.equality().describe());
    }
}
