package org.bonlab.symbolic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bonlab.Bon;
import org.bonlab.Definitions;
import org.bonlab.expr.Expr;
import org.bonlab.numeric.DoubleEvaluator;
import org.bonlab.policy.Policy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Quantities of the outcome-level language derived with symbolic n, and checked like every derivation. */
class OutcomeDerivationTest {

    private static final Expr.Sym N = Bon.n;
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
    @DisplayName("chi^2(pi_n || coin) = (1 - 2^(1-n))^2, limit 1; checked against the numeric reading of the definition")
    void chiSquareOfTheCoin() {
        Policy coin = Policy.coin();
        Derivation d = engine.derive(Definitions.chiSquare(coin.bestOf(N), coin), N);
        Expr expected = Expr.constant(1).minus(Expr.constant(2).pow(Expr.constant(1).minus(N))).pow(2);
        DoubleEvaluator ev = new DoubleEvaluator();
        for (double n : new double[] {1, 2, 3, 10, 50}) {
            assertEquals(ev.evaluate(expected, java.util.Map.of(N, n)),
                    ev.evaluate(d.presented(), java.util.Map.of(N, n)), 1e-15, d.presented().show());
        }
        assertInstanceOf(Verification.Proved.class, d.equality(), d.equality().describe());
        assertInstanceOf(Verification.CheckedNumerically.class, d.crossCheck(), d.crossCheck().describe());
        LimitResult.Found limit = assertInstanceOf(LimitResult.Found.class, d.limit());
        assertEquals(1.0, ev.evaluate(limit.value()), 1e-15);
    }

    @Test
    @DisplayName("TV and squared Hellinger of best-of-n on the coin tend to 1/2 and 1 - 1/sqrt(2)")
    void limitsOfDistances() {
        Policy coin = Policy.coin();
        DoubleEvaluator ev = new DoubleEvaluator();
        Derivation tv = engine.derive(Definitions.totalVariation(coin.bestOf(N), coin), N);
        assertEquals(0.5, ev.evaluate(assertInstanceOf(LimitResult.Found.class, tv.limit()).value()), 1e-15);
        Derivation h = engine.derive(Definitions.hellingerSquared(coin.bestOf(N), coin), N);
        assertEquals(1 - Math.sqrt(0.5), ev.evaluate(assertInstanceOf(LimitResult.Found.class, h.limit()).value()),
                1e-15);
        assertInstanceOf(Verification.CheckedNumerically.class, h.crossCheck(), h.crossCheck().describe());
        assertTrue(Latex.render(Definitions.totalVariation(coin.bestOf(N), coin)).startsWith("\\mathrm{TV"));
    }

    @Test
    @DisplayName("outcome terms of a policy without closed forms, or on other outcomes, are refused with the reason")
    void refusals() {
        Policy coin = Policy.coin();
        IllegalArgumentException soft = assertThrows(IllegalArgumentException.class, () -> engine.derive(
                Bon.expectation(coin.softBestOf(N, Expr.constant(1)), Bon.reward(coin)), N));
        assertTrue(soft.getMessage().contains("has no closed form in the symbolic engine"), soft.getMessage());
        IllegalArgumentException other = assertThrows(IllegalArgumentException.class, () -> engine.derive(
                Bon.expectation(coin.bestOf(N), Bon.prob(Policy.uniform(3))), N));
        assertTrue(other.getMessage().contains("lives on other outcomes"), other.getMessage());
    }

    @Test
    @DisplayName("an identity about a definition is PROVED symbolically: chi^2(pi_n || coin) == (1 - 2^(1-n))^2, every n")
    void identityAboutADefinition() {
        Policy coin = Policy.coin();
        Expr closed = Expr.constant(1).minus(Expr.constant(2).pow(Expr.constant(1).minus(N))).pow(2);
        org.bonlab.claim.Claim c = Bon.claim(Definitions.chiSquare(coin.bestOf(N), coin)).isEqualTo(closed)
                .forAll(N, 1, org.bonlab.claim.Range.INFINITY).named("chi^2 of the coin");
        org.bonlab.numeric.claim.Verdict v = SymbolicProver.check(c, new org.bonlab.numeric.claim.ConjectureSearch(1, 100,
                null));
        assertInstanceOf(org.bonlab.numeric.claim.Verdict.Proved.class, v, v.report());
        // and a form that is wrong from n = 2 on is not
        org.bonlab.claim.Claim wrong = Bon.claim(Definitions.chiSquare(coin.bestOf(N), coin))
                .isEqualTo(Expr.constant(1).minus(Expr.constant(2).pow(N.unaryMinus()))).forAll(N, 1, 50);
        org.bonlab.numeric.claim.Verdict w = SymbolicProver.check(wrong, new org.bonlab.numeric.claim.ConjectureSearch(1,
                100, null));
        assertTrue(!(w instanceof org.bonlab.numeric.claim.Verdict.Proved), w.report());
    }

    @Test
    @DisplayName("built-ins without a specialised closed form are derived from their definition: H(pi_n), chi^2, KL(p || pi_n)")
    void builtInsByDefinition() {
        Policy coin = Policy.coin();
        DoubleEvaluator ev = new DoubleEvaluator();
        for (Expr q : new Expr[] {Bon.entropy(coin.bestOf(N)), Bon.chiSquare(coin.bestOf(N), coin),
                Bon.kl(coin, coin.bestOf(N))}) {
            Derivation d = engine.derive(q, N);
            // the closed form, from the definition, against the engine's built-in value: a different computation
            assertInstanceOf(Verification.CheckedNumerically.class, d.crossCheck(), q.show() + ": "
                    + d.crossCheck().describe());
            assertEquals(ev.evaluate(q, java.util.Map.of(N, 7.0)), ev.evaluate(d.presented(), java.util.Map.of(N, 7.0)),
                    1e-14, q.show());
        }
    }
}
