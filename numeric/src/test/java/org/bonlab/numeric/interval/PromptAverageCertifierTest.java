package org.bonlab.numeric.interval;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bonlab.Bon;
import org.bonlab.claim.Claim;
import org.bonlab.claim.Family;
import org.bonlab.expr.Expr;
import org.bonlab.numeric.claim.ConjectureSearch;
import org.bonlab.numeric.claim.Verdict;
import org.bonlab.policy.Policy;
import org.bonlab.policy.PolicyVar;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Cor 1 for two prompts: PROVED from Thm 1 for weights in [0, 1]; weights outside it, or a lowered bound, not taken. */
class PromptAverageCertifierTest {

    private static final Expr.Sym N = Bon.n;
    private static final Expr.Sym W = Bon.symbol("w");
    private static final PolicyVar P = Policy.variable("p");
    private static final PolicyVar Q = Policy.variable("q");

    private static Expr average() {
        return W.times(Bon.kl(P.bestOf(N), P)).plus(Expr.constant(1).minus(W).times(Bon.kl(Q.bestOf(N), Q)));
    }

    @Test
    @DisplayName("Cor 1 over every pair of policies on up to 12 outcomes, w in [0, 1], n = 1..10^6: PROVED through the "
            + "search; w in [0, 2] (FALSIFIED: 2 KL(p) - KL(q) exceeds log n - (n-1)/n) and a lowered bound not taken")
    void provedAndRefused() {
        Family f = new Family.Simplex(1, 12, Family.Rewards.TIED);
        Claim cor1 = Bon.claim(average()).atMost(Bon.analyticalKl(N)).forAll(P, f).forAll(Q, f)
                .forAll(N, 1, 1_000_000).forAllReals(W, 0, 1).named("Cor 1");
        assertTrue(PromptAverageCertifier.applies(cor1));
        Verdict v = new ConjectureSearch(1, 400, null).check(cor1);
        assertTrue(v instanceof Verdict.Proved && v.report().contains("convex combination"), v.report());
        Claim wide = Bon.claim(average()).atMost(Bon.analyticalKl(N)).forAll(P, f).forAll(Q, f).forAll(N, 1, 1000)
                .forAllReals(W, 0, 2).named("w up to 2");
        assertFalse(PromptAverageCertifier.applies(wide));
        assertInstanceOf(Verdict.Falsified.class, new ConjectureSearch(1, 4000, null).check(wide));
        assertFalse(PromptAverageCertifier.applies(Bon.claim(average()).atMost(Bon.analyticalKl(N)
                .minus(Expr.rational(1, 100))).forAll(P, f).forAll(Q, f).forAll(N, 1, 1000).forAllReals(W, 0, 1)
                .named("lowered")));
    }
}
