package org.bonlab.symbolic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bonlab.Bon;
import org.bonlab.claim.Claim;
import org.bonlab.claim.Family;
import org.bonlab.claim.Range;
import org.bonlab.expr.Expr;
import org.bonlab.numeric.claim.ConjectureSearch;
import org.bonlab.numeric.claim.Verdict;
import org.bonlab.policy.Policy;
import org.bonlab.policy.PolicyVar;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** PROVED by exact symbolic identity, for equalities (which interval arithmetic never certifies). */
class SymbolicProverTest {

    private static final Expr.Sym N = Bon.n;
    private static final PolicyVar P = Policy.variable("p");

    @Test
    @DisplayName("KL == log 2 - h(2^-n) on the coin for every n >= 1 (Example 1 of Beirami et al.): PROVED by identity")
    void exampleOneIsAnIdentity() {
        Claim c = Bon.claim(Bon.kl(P.bestOf(N), P)).isEqualTo(Bon.log(Expr.constant(2))
                .minus(Expr.binaryEntropy(Expr.constant(2).pow(N.unaryMinus()))))
                .forAll(P, new Family.Named(Policy.coin())).forAll(N, 1, Range.INFINITY);
        Verdict numeric = new ConjectureSearch(3, 300, null).check(c);
        assertInstanceOf(Verdict.Undecided.class, numeric, numeric.report()); // intervals never prove equalities
        Verdict v = SymbolicProver.decide(c, numeric);
        Verdict.Proved p = assertInstanceOf(Verdict.Proved.class, v, v.report());
        assertTrue(p.argument().startsWith("exact symbolic identity on n in {1, 2, ...}"), p.argument());
        assertTrue(p.argument().contains("Symja reduces"), p.argument());
        assertEquals(numeric.evaluations(), p.evaluations());
    }

    @Test
    @DisplayName("a false equality stays FALSIFIED; inequalities and claims over families are left as they are")
    void otherVerdictsAndShapesAreLeftAlone() {
        Claim eq5 = Bon.claim(Bon.kl(P.bestOf(N), P)).isEqualTo(Bon.analyticalKl(N))
                .forAll(P, new Family.Named(Policy.coin())).forAll(N, 1, 100);
        Verdict falsified = new ConjectureSearch(3, 300, null).check(eq5);
        assertInstanceOf(Verdict.Falsified.class, falsified);
        assertSame(falsified, SymbolicProver.decide(eq5, falsified));
        // an inequality, or a claim over a family: not this prover's business, the verdict is returned as it is
        Claim thm1 = Bon.claim(Bon.kl(P.bestOf(N), P)).atMost(Bon.analyticalKl(N)).forAll(P, Family.simplex(3))
                .forAll(N, 1, 20);
        Verdict undecided = new ConjectureSearch(3, 300, null).check(thm1);
        assertSame(undecided, SymbolicProver.decide(thm1, undecided));
        Claim overFamily = Bon.claim(Bon.kl(P.bestOf(N), P)).isEqualTo(Bon.kl(P.bestOf(N), P))
                .forAll(P, Family.simplex(3)).forAll(N, 1, 20);
        Verdict u2 = new ConjectureSearch(3, 100, null).check(overFamily);
        assertSame(u2, SymbolicProver.decide(overFamily, u2));
    }

    @Test
    @DisplayName("the strict win rate of the coin equals (1 - 2^-n)/2 for every n >= 1: PROVED by identity")
    void winRateIdentity() {
        // pi_n(top) = 1 - 2^-n and the top outcome beats the bottom one (probability 1/2): win = (1 - 2^-n)/2
        Expr closed = Expr.constant(1).minus(Expr.constant(2).pow(N.unaryMinus())).div(Expr.constant(2));
        Claim c = Bon.claim(Bon.winRateStrict(P.bestOf(N), P)).isEqualTo(closed)
                .forAll(P, new Family.Named(Policy.coin())).forAll(N, 1, Range.INFINITY);
        Verdict v = SymbolicProver.check(c, new ConjectureSearch(5, 200, null));
        assertInstanceOf(Verdict.Proved.class, v, v.report());
        // and a wrong closed form, equal to it at n = 1 only, is not
        Expr wrong = Expr.constant(1).minus(Expr.constant(2).pow(N.unaryMinus().times(Expr.constant(2))))
                .div(Expr.constant(2)).minus(Expr.rational(1, 8));
        Claim bad = Bon.claim(Bon.winRateStrict(P.bestOf(N), P)).isEqualTo(wrong)
                .forAll(P, new Family.Named(Policy.coin())).forAll(N, 1, Range.INFINITY);
        Verdict w = SymbolicProver.check(bad, new ConjectureSearch(5, 200, null));
        assertTrue(!(w instanceof Verdict.Proved), w.report());
    }

    @Test
    @DisplayName("sqrt(x^2) == x is not PROVED where x < 0: PowerExpand only where the positivity it assumes is shown")
    void powerExpandNeedsPositiveBases() {
        // x = KL(pi_n || coin) - log 2 = -h(2^-n) < 0 for every n; below double resolution from n = 2000 on
        Expr x = Bon.kl(P.bestOf(N), P).minus(Bon.log(Expr.constant(2)));
        Claim c = Bon.claim(x.pow(Expr.constant(2)).pow(Expr.rational(1, 2))).isEqualTo(x)
                .forAll(P, new Family.Named(Policy.coin())).forAll(N, 2000, 1_000_000);
        Verdict v = SymbolicProver.check(c, new ConjectureSearch(1, 200, null));
        assertTrue(!(v instanceof Verdict.Proved), v.report());
        // log(a b) == log a + log b is an identity where a, b > 0: both are shown positive, so it is PROVED
        Expr a = Expr.constant(1).minus(Expr.constant(2).pow(N.unaryMinus()));
        Expr b = Bon.winRateStrict(P.bestOf(N), P);
        Claim logs = Bon.claim(Bon.log(a.times(b))).isEqualTo(Bon.log(a).plus(Bon.log(b)))
                .forAll(P, new Family.Named(Policy.coin())).forAll(N, 1, Range.INFINITY);
        Verdict w = SymbolicProver.check(logs, new ConjectureSearch(1, 200, null));
        Verdict.Proved p = assertInstanceOf(Verdict.Proved.class, w, w.report());
        assertTrue(p.argument().contains("shown positive"), p.argument());
    }
}
