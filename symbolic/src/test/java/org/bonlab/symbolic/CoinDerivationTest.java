package org.bonlab.symbolic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bonlab.Bon;
import org.bonlab.expr.Expr;
import org.bonlab.policy.Policy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Example 1 of Beirami et al.: the fair coin's best-of-n KL is log 2 - h(2^-n) (Eq. (6)). */
class CoinDerivationTest {

    private static SymbolicEngine engine;
    private static Derivation kl;

    @BeforeAll
    static void derive() {
        engine = new SymbolicEngine();
        Policy coin = Policy.coin();
        kl = engine.derive(Bon.kl(coin.bestOf(Bon.n), coin), Bon.n);
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @Test
    @DisplayName("Eq. (6): the presented form is log 2 - h(2^-n)")
    void presentsTheBinaryEntropyForm() {
        Expr expected = Expr.log(Expr.constant(2))
                .minus(Expr.binaryEntropy(Expr.constant(2).pow(Bon.n.unaryMinus())));
        assertEquals(expected, kl.presented());
    }

    @Test
    @DisplayName("Eq. (6): Symja proves the closed form equals log 2 - h(2^-n)")
    void identityIsProvedExactly() {
        assertInstanceOf(Verification.Proved.class, kl.equality(), kl.equality().describe());
    }

    @Test
    void rendersThePapersLatex() {
        assertEquals("\\log 2 - h\\left(2^{-n}\\right)", kl.latex());
    }

    @Test
    @DisplayName("the KL tends to log 2 as n grows, confirmed numerically")
    void limitIsLogTwo() {
        LimitResult.Found found = assertInstanceOf(LimitResult.Found.class, kl.limit());
        assertEquals(Expr.log(Expr.constant(2)), found.value());
        assertInstanceOf(Verification.CheckedNumerically.class, found.confirmation());
    }

    @Test
    @DisplayName("the closed form agrees with the numeric engine at >= 20 n from 1 to 10^6 within 1e-12")
    void crossChecksAgainstNumeric() {
        Verification.CheckedNumerically c = assertInstanceOf(Verification.CheckedNumerically.class,
                kl.crossCheck(), kl.crossCheck().describe());
        assertTrue(c.points() >= 20);
        assertTrue(c.maxRelativeError() <= SymbolicEngine.CROSS_CHECK_TOLERANCE);
        assertEquals(1L, SymbolicEngine.CROSS_CHECK_POINTS.stream().mapToLong(Long::longValue).min().orElseThrow());
        assertEquals(1_000_000L,
                SymbolicEngine.CROSS_CHECK_POINTS.stream().mapToLong(Long::longValue).max().orElseThrow());
    }

    @Test
    @DisplayName("the analytical formula log n - (n-1)/n diverges")
    void analyticalFormulaDiverges() {
        Derivation a = engine.derive(Bon.analyticalKl(Bon.n), Bon.n);
        assertInstanceOf(LimitResult.Diverges.class, a.limit(), a.limit().toString());
        assertEquals("\\log n - \\frac{n - 1}{n}", a.latex());
    }

    @Test
    @DisplayName("win rate with ties counting half is 3/4 - 2^(-n-1) for the coin")
    void coinWinRate() {
        Policy coin = Policy.coin();
        Derivation w = engine.derive(Bon.winRateHalf(coin.bestOf(Bon.n), coin), Bon.n);
        assertInstanceOf(Verification.CheckedNumerically.class, w.crossCheck(), w.crossCheck().describe());
        LimitResult.Found lim = assertInstanceOf(LimitResult.Found.class, w.limit(), w.limit().toString());
        assertEquals(Expr.rational(3, 4), lim.value());
    }
}
