package org.bonlab.symbolic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bonlab.Bon;
import org.bonlab.expr.Expr;
import org.bonlab.policy.Policy;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** LaTeX that typesets what it means: unambiguous products, a notation per policy, lines that fit the page. */
class LatexNotationTest {

    private static final Expr.Sym N = Bon.n;

    @Test
    @DisplayName("a product whose second factor starts with a digit gets \\cdot (3 2^{2n} read as 32^{2n})")
    void productsOfNumbers() {
        Expr e = Expr.constant(3).times(Expr.constant(2).pow(Expr.constant(2).times(N)));
        String tex = Latex.render(e);
        assertTrue(tex.startsWith("3 \\cdot 2^{"), tex);
        assertTrue(Latex.render(Expr.constant(3).times(Expr.rational(1, 2).times(N))).contains("\\cdot"),
                Latex.render(Expr.constant(3).times(Expr.rational(1, 2).times(N))));
        assertEquals("2 n", Latex.render(Expr.constant(2).times(N)));
        assertTrue(Latex.needsDot("3", "\\frac{1}{2}"));
        assertFalse(Latex.needsDot("n", "\\frac{1}{2}"));
    }

    @Test
    @DisplayName("each policy has its own notation: soft best-of-n, the tilted optimum, worst-of-n, best-of-n")
    void policyNotation() {
        Policy coin = Policy.coin();
        assertEquals("\\pi^{\\mathrm{soft}}_{n, \\frac{1}{10}}", Latex.policy(coin.softBestOf(N,
                Expr.rational(1, 10))));
        assertTrue(Latex.policy(coin.tilted(2)).startsWith("\\pi^{*}_{"), Latex.policy(coin.tilted(2)));
        assertEquals("\\pi^{-}_{n}", Latex.policy(coin.worstOf(N)));
        assertEquals("\\pi_{n}", Latex.policy(coin.bestOf(N)));
        String kl = Latex.render(Bon.kl(coin.softBestOf(N, Expr.rational(1, 10)), coin));
        assertTrue(kl.contains("\\pi^{\\mathrm{soft}}") && !kl.contains("p \\,\\|\\, p"), kl);
    }

    @Test
    @DisplayName("the rewards of two policies are told apart (a proxy and a true reward); one reward is r(y)")
    void twoRewards() {
        org.bonlab.policy.PolicyVar proxy = Policy.variable("proxy");
        org.bonlab.policy.PolicyVar truth = Policy.variable("truth");
        Expr d = Bon.reward(truth).minus(Bon.reward(proxy));
        assertEquals("\\mathbb{E}_{y \\sim \\mathrm{proxy}}\\left[r_{\\mathrm{truth}}(y) - r_{\\mathrm{proxy}}(y)\\right]",
                Latex.render(Bon.expectation(proxy, d)));
        // best-of-n of the proxy reads the proxy's reward: still two rewards
        String mixed = Latex.render(Bon.reward(proxy.bestOf(N)).minus(Bon.reward(truth)));
        assertEquals("r_{\\mathrm{proxy}}(y) - r_{\\mathrm{truth}}(y)", mixed);
        // two unnamed explicit policies with different rewards are numbered
        Policy a = Policy.probabilities("1/2", "1/2").withReward(0, 1);
        Policy b = Policy.probabilities("1/2", "1/2").withReward(1, 0);
        assertEquals("r_{1}(y) - r_{2}(y)", Latex.render(Bon.reward(a).minus(Bon.reward(b))));
        // one policy, however transformed: r(y)
        assertEquals("r(y) - r(y)", Latex.render(Bon.reward(proxy.bestOf(N)).minus(Bon.reward(proxy))));
    }

    @Test
    @DisplayName("a log or an exponential as the base of a power is parenthesised; a log comes last in a product")
    void logsAndExponentialsInPowersAndProducts() {
        assertEquals("\\left(\\log 3\\right)^{-1}", Latex.render(Expr.log(Expr.constant(3)).pow(Expr.constant(-1))));
        assertEquals("\\left(e^{n}\\right)^{2}", Latex.render(Expr.exp(N).pow(Expr.constant(2))));
        assertEquals("n \\log 3", Latex.render(Expr.log(Expr.constant(3)).times(N)));
        assertEquals("n \\log 3", Latex.render(N.times(Expr.log(Expr.constant(3)))));
        assertEquals("\\log 2 \\cdot \\log 3",
                Latex.render(Expr.log(Expr.constant(2)).times(Expr.log(Expr.constant(3)))));
    }

    @Test
    @DisplayName("a long formula is broken at top-level signs, never inside \\left ... \\right")
    void longFormulasBreak() {
        Expr sum = Expr.constant(0);
        for (int i = 1; i <= 12; i++) {
            sum = sum.plus(Expr.log(Expr.constant(1).minus(Expr.rational(1, i + 1).pow(N))).times(Expr.constant(i)));
        }
        String tex = Latex.render(sum);
        String broken = TexDocument.broken(tex);
        assertTrue(broken.contains("\\\\\n  &\\quad "), broken);
        for (String line : broken.split("\n")) {
            int open = line.split("\\\\left", -1).length - 1;
            int close = line.split("\\\\right", -1).length - 1;
            assertEquals(open, close, "a line must close every \\left it opens: " + line);
            assertTrue(line.length() < 3 * TexDocument.LINE_LENGTH, line);
        }
        assertEquals(tex.replace(" ", ""), broken.replace("\\\\\n  &\\quad ", "").replace(" ", ""));
    }

    @Test
    @DisplayName("outcome-level definitions typeset as the papers write them: E_{y ~ pi_n}[log pi_n(y)/p(y)]")
    void outcomeLevelDefinitions() {
        Policy coin = Policy.coin();
        Expr kl = Bon.expectation(coin.bestOf(N), Bon.log(Bon.prob(coin.bestOf(N)).div(Bon.prob(coin))));
        assertEquals("\\mathbb{E}_{y \\sim \\pi_{n}}\\left[\\log\\left(\\frac{\\pi_{n}(y)}{p(y)}\\right)\\right]",
                Latex.render(kl));
        assertEquals("\\varepsilon_{\\infty}", Latex.render(Bon.topProbability(coin)));
        assertEquals("F^{-}_{p}(y)", Latex.render(Bon.cdfBelow(coin)));
        assertEquals("\\mathrm{TV}", Latex.render(Bon.define("TV", "total variation", kl)));
    }

    @org.junit.jupiter.api.Test
    @org.junit.jupiter.api.DisplayName("prose in the .tex document: ASCII mathematics typeset inline, the rest escaped")
    void proseAsMathematics() {
        org.junit.jupiter.api.Assertions.assertEquals("For n \\(\\varepsilon_{\\infty}\\) \\(\\gg\\) 1",
                TexDocument.prose("For n eps_inf >> 1"));
        org.junit.jupiter.api.Assertions.assertEquals("with q = \\((1 - \\varepsilon_{\\infty})^{n}\\) and "
                + "\\(\\rho\\) = \\(F_{L-2}\\)/\\(F_{L-1}\\) \\textless{} 1, \\(\\pi_{n}\\)(top), 50\\% of x",
                TexDocument.prose("with q = (1 - eps_inf)^n and rho = F_{L-2}/F_{L-1} < 1, pi_n(top), 50% of x"));
        org.junit.jupiter.api.Assertions.assertEquals("max p \\(\\to\\) 0 at n \\(\\geq\\) 3",
                TexDocument.prose("max p -> 0 at n >= 3"));
        org.junit.jupiter.api.Assertions.assertEquals("n \\(\\leq\\) \\(10^{6}\\), 2.5^3 kept",
                TexDocument.prose("n <= 10^6, 2.5^3 kept").replace("2.5\\^{}3", "2.5^3"));
    }
}
