package org.bonlab.symbolic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bonlab.Bon;
import org.bonlab.expr.Expr;
import org.bonlab.expr.Quantity;
import org.bonlab.policy.Bernoulli;
import org.bonlab.policy.Policy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Derived forms presented with the analytical formula (Eq. (5)) and Renyi entropies (Eq. (18)) of Beirami et al. */
class VocabularyTest {

    private static SymbolicEngine engine;

    @BeforeAll
    static void open() {
        engine = new SymbolicEngine();
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    private static final Expr.Sym N = Bon.n;

    @Test
    @DisplayName("log n - (n-1)/n inside a sum becomes KL~_n; log n alone does not")
    void analyticalFormula() {
        Expr e = Expr.symbol("x").times(Expr.log(N).plus(Expr.symbol("y")).minus(N.minus(1).div(N)));
        Expr r = Vocabulary.recogniseAnalyticalKl(e, N);
        assertEquals("x \\left(\\widetilde{\\mathrm{KL}}_{n} + y\\right)", Latex.render(r));
        assertTrue(Vocabulary.sameTerms(e, Vocabulary.expand(r)));
        Expr alone = Expr.log(N).plus(Expr.symbol("y"));
        assertEquals(alone, Vocabulary.recogniseAnalyticalKl(alone, N));
    }

    @Test
    @DisplayName("p^3 + (1-p)^3 over both outcomes of bernoulli(p) becomes e^(-2 H_3(p)); one of them alone does not")
    void renyiPowerSum() {
        Expr.Sym p = Bon.symbol("p");
        Bernoulli b = Policy.bernoulli(p);
        Expr oneMinusP = Expr.constant(1).minus(p);
        Expr sum = p.pow(3).plus(oneMinusP.pow(3));
        Expr r = Vocabulary.recognise(sum.times(N), N, b);
        assertEquals("e^{-2 H_{3}\\left(p\\right)} n", Latex.render(r));
        Expr partial = p.pow(3).plus(oneMinusP.pow(2));
        assertEquals(partial, Vocabulary.recognise(partial, N, b));
    }

    @Test
    @DisplayName("Thm 2's bound on bernoulli(p): 2n(n-1) e^{-H_2(p)}, proved equal to 2n(n-1)(p^2 + (1-p)^2), cross-checked")
    void theorem2Bound() {
        Policy b = Policy.bernoulli(Bon.symbol("p"));
        Derivation d = engine.derive(Bon.bound(Quantity.BoundKind.THM2_GAP_UPPER, b, N), N);
        assertEquals("2 n \\left(n - 1\\right) e^{-H_{2}\\left(p\\right)}", d.latex());
        assertEquals("2*n*(n - 1)*((1 - p)^2 + p^2)", d.closedForm().show());
        assertInstanceOf(Verification.Proved.class, d.equality(), d.equality().describe());
        assertInstanceOf(Verification.CheckedNumerically.class, d.crossCheck(), d.crossCheck().describe());
        assertInstanceOf(LimitResult.Diverges.class, d.limit(), d.limit().toString());
    }

    @Test
    @DisplayName("Thm 4's bound on the coin names the analytical formula and tends to log 2")
    void theorem4Bound() {
        Policy coin = Policy.coin();
        Derivation d = engine.derive(Bon.bound(Quantity.BoundKind.THM4_KL_UPPER, coin, N), N);
        // tidied: (n - 1) log(1/2) as -(n - 1) log 2, and (1 - 2^-n)/(1/2) as 2 (1 - 2^-n); proved equal
        assertEquals("2^{-n} \\left(\\widetilde{\\mathrm{KL}}_{n} - \\left(n - 1\\right) \\log 2\\right) + \\left(1 - "
                + "2^{-n}\\right) \\log\\left(2 \\left(1 - 2^{-n}\\right)\\right)", d.latex());
        assertInstanceOf(Verification.Proved.class, d.equality(), d.equality().describe());
        assertInstanceOf(Verification.CheckedNumerically.class, d.crossCheck(), d.crossCheck().describe());
        LimitResult.Found lim = assertInstanceOf(LimitResult.Found.class, d.limit(), d.limit().toString());
        assertEquals("log(2)", lim.value().show());
    }

    @Test
    @DisplayName("the gap KL~_n - KL of the coin: KL~_n - (log 2 - h(2^-n)), growing without bound")
    void gapOfTheCoin() {
        Policy coin = Policy.coin();
        Derivation d = engine.derive(Bon.analyticalKl(N).minus(Bon.kl(coin.bestOf(N), coin)), N);
        assertEquals("\\widetilde{\\mathrm{KL}}_{n} - \\left(\\log 2 - h\\left(2^{-n}\\right)\\right)", d.latex());
        assertInstanceOf(Verification.CheckedNumerically.class, d.crossCheck(), d.crossCheck().describe());
        assertInstanceOf(LimitResult.Diverges.class, d.limit(), d.limit().toString());
    }

    @Test
    @DisplayName("the gap on bernoulli(p): Symja's limit fails; the sum argument (+infinity minus a finite limit) holds")
    void gapOfBernoulli() {
        Policy b = Policy.bernoulli(Bon.symbol("p"));
        Derivation d = engine.derive(Bon.analyticalKl(N).minus(Bon.kl(b.bestOf(N), b)), N);
        LimitResult.Diverges v = assertInstanceOf(LimitResult.Diverges.class, d.limit(), d.limit().toString());
        assertTrue(v.method().startsWith("a sum whose terms"), v.method());
        assertInstanceOf(Verification.CheckedNumerically.class, d.crossCheck(), d.crossCheck().describe());
    }
}
