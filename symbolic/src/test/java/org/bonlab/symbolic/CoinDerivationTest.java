package org.bonlab.symbolic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
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

    @Test
    @DisplayName("solving KL = v for n: the real root of log 2 - h(2^-n) = v, and the integers the KL crosses it between")
    void solvesForN() {
        // mpmath 1.3 at 50 digits, findroot(lambda n: log(2) - h(2**-n) - 1/2): 4.3751599356725041745782082496500448;
        // log(2) - h(2**-4) = 0.45935552185348600862, log(2) - h(2**-5) = 0.55408638210520418807
        CalculusResult.Solved half = assertInstanceOf(CalculusResult.Solved.class,
                engine.solve(kl, Bon.n, org.bonlab.expr.Rational.of(1, 2)));
        assertEquals(1, half.roots().size());
        assertEquals("4.37515993567250417457820824965", half.roots().get(0).decimal());
        assertTrue(half.roots().get(0).atIntegers().startsWith("at n = 4 the quantity is 0.459355521853 (below")
                && half.roots().get(0).atIntegers().contains("at n = 5 the quantity is 0.554086382105 (above"),
                half.roots().get(0).atIntegers());
        // the KL stays below log 2 < 1: no root, said as such
        CalculusResult.NotFound none = assertInstanceOf(CalculusResult.NotFound.class,
                engine.solve(kl, Bon.n, org.bonlab.expr.Rational.ONE));
        assertTrue(none.reason().contains("keeps its sign"), none.reason());
    }

    @Test
    @DisplayName("solving the tilted coin's expected reward sigma(1/beta) = 3/4 for beta: 1/log 3 in closed form")
    void solvesForBetaInClosedForm() {
        Policy coin = Policy.coin();
        Expr.Sym beta = Bon.symbol("beta");
        Derivation reward = engine.derive(Bon.expectedReward(coin.tilted(beta)), Bon.n);
        CalculusResult.Solved s = assertInstanceOf(CalculusResult.Solved.class,
                engine.solve(reward, beta, org.bonlab.expr.Rational.of(3, 4)));
        assertEquals(1, s.roots().size());
        assertTrue(s.roots().get(0).exact().isPresent());
        // 1/log 3 = 0.91023922662683739361424016573610700061 (mpmath 1.3, 50 digits)
        assertEquals("0.910239226626837393614240165736", s.roots().get(0).decimal());
        assertTrue(s.method().startsWith("Symja Solve"), s.method());
        assertThrows(IllegalArgumentException.class, () -> engine.solve(reward, Bon.symbol("lambda"),
                org.bonlab.expr.Rational.ONE));
        // below 1/2 the formula's root is negative, -1/log 3: no temperature of the tilted coin gives it
        CalculusResult.NotFound below = assertInstanceOf(CalculusResult.NotFound.class,
                engine.solve(reward, beta, org.bonlab.expr.Rational.of(1, 4)));
        assertTrue(below.reason().contains("is not positive"), below.reason());
        // the value may be another quantity at a fixed n: the tilted coin's KL, log 2 - h(sigma(1/beta)), equals
        // best-of-4's, log 2 - h(1/16), where sigma(1/beta) = 15/16: beta = 1/log 15 = 0.36926937306885506773082493933
        // (mpmath 1.3, 40 digits)
        Derivation tiltedKl = engine.derive(Bon.kl(coin.tilted(beta), coin), Bon.n);
        CalculusResult.Solved same = assertInstanceOf(CalculusResult.Solved.class, engine.solve(tiltedKl, beta,
                org.bonlab.claim.Binding.substitute(kl.closedForm(), Bon.n, Expr.constant(4))));
        assertEquals("0.369269373068855067730824939334", same.roots().get(0).decimal());
        assertThrows(IllegalArgumentException.class, () -> engine.solve(tiltedKl, beta, kl.closedForm()),
                "a value with a free n is not a number");
    }
}
