package org.bonlab.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Map;
import org.bonlab.Bon;
import org.bonlab.Definitions;
import org.bonlab.claim.Claim;
import org.bonlab.claim.Family;
import org.bonlab.expr.Expr;
import org.bonlab.numeric.claim.ConjectureSearch;
import org.bonlab.numeric.claim.Verdict;
import org.bonlab.numeric.interval.Interval;
import org.bonlab.numeric.interval.IntervalEvaluator;
import org.bonlab.numeric.precise.HighPrecisionEvaluator;
import org.bonlab.policy.Explicit;
import org.bonlab.policy.Policy;
import org.bonlab.policy.PolicyVar;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * One policy with two rewards, a proxy and a true one (Aminian et al. 2025): a term of the true reward read inside
 * an expectation over a policy ranked by the proxy is read at the same outcome, in every engine.
 */
class TwoRewardsTest {

    /** p = (1/5, 3/10, 1/2); the proxy ranks the outcomes 0 < 1 < 2, the true reward the other way round. */
    static final Explicit PROXY = Policy.probabilities("1/5", "3/10", "1/2").withReward(0, 1, 2).named("proxy");
    static final Explicit TRUTH = PROXY.withReward(2, 1, 0).named("truth");

    @Test
    @DisplayName("E over best-of-2 under the proxy of the true reward: 0.29 by hand, in double, 50 digits and intervals")
    void trueRewardUnderTheProxysBestOfTwo() {
        // best-of-2 under the proxy: F = (1/5, 1/2, 1), pi = F^2 - F_-^2 = (1/25, 21/100, 3/4); the true reward of the
        // three outcomes is (2, 1, 0): 2/25 + 21/100 = 29/100. (The old engines read the proxy's reward here: 1.71.)
        Expr e = Bon.expectation(PROXY.bestOf(2), Bon.reward(TRUTH));
        assertEquals(0.29, new DoubleEvaluator().evaluate(e, Map.of()), 1e-15);
        BigDecimal hp = new HighPrecisionEvaluator(50).evaluate(e, Map.of());
        assertTrue(hp.subtract(new BigDecimal("0.29")).abs().compareTo(new BigDecimal("1e-45")) < 0, hp.toString());
        Interval enclosure = IntervalEvaluator.over(Map.of()).evaluate(e);
        assertTrue(enclosure.lo() <= 0.29 && 0.29 <= enclosure.hi() && enclosure.hi() - enclosure.lo() < 1e-12,
                enclosure.toString());
        // the true reward's CDF at each outcome, in the true reward's order: F*(y) = (1, 4/5, 1/2), so
        // 1/25 + (21/100)(4/5) + (3/4)(1/2) = 583/1000
        Expr cdf = Bon.expectation(PROXY.bestOf(2), Bon.cdf(TRUTH));
        assertEquals(0.583, new DoubleEvaluator().evaluate(cdf, Map.of()), 1e-15);
        assertTrue(new HighPrecisionEvaluator(50).evaluate(cdf, Map.of()).subtract(new BigDecimal("0.583")).abs()
                .compareTo(new BigDecimal("1e-45")) < 0);
        // the same reward under another name is the expected reward itself
        Explicit same = PROXY.withReward(0, 1, 2).named("same");
        assertEquals(new DoubleEvaluator().evaluate(Bon.expectedReward(PROXY.bestOf(2)), Map.of()),
                new DoubleEvaluator().evaluate(Bon.expectation(PROXY.bestOf(2), Bon.reward(same)), Map.of()), 1e-15);
    }

    @Test
    @DisplayName("a reward of a policy on other outcomes is refused in every engine, naming the term and the policy")
    void otherOutcomesAreRefused() {
        Explicit other = Policy.probabilities("1/5", "4/5").withReward(0, 1).named("other");
        Expr e = Bon.expectation(PROXY, Bon.reward(other));
        String expected = "r[other](y) must be taken on the outcomes of the expectation or sum it stands in, but "
                + "other lives on other outcomes";
        assertEquals(expected, assertThrows(IllegalArgumentException.class,
                () -> new DoubleEvaluator().evaluate(e, Map.of())).getMessage());
        assertEquals(expected, assertThrows(IllegalArgumentException.class,
                () -> new HighPrecisionEvaluator(30).evaluate(e, Map.of())).getMessage());
        assertEquals(expected, assertThrows(IllegalArgumentException.class,
                () -> IntervalEvaluator.over(Map.of()).evaluate(e)).getMessage());
    }

    @Test
    @DisplayName("Aminian et al. Thm 5.2 on one policy: regret 0.2501934..., tilted error 0.0826380..., bound 2.451978... "
            + "(mpmath from the definitions, soft best-of-2 by its exact two-draw formula)")
    void softBestOfRegretBound() {
        // p = (0.1, 0.2, 0.3, 0.4); the proxy rates outcome 2 best, the true reward outcome 3; lambda = 1/4, n = 2.
        // Reference (mpmath, 40 digits): pi(y) = 2 p(y) sum_z p(z) w(y)/(w(y) + w(z)), w = e^{r/lambda}.
        Explicit proxy = Policy.probabilities("1/10", "1/5", "3/10", "2/5").withReward(0, 1.0 / 3, 1, 2.0 / 3)
                .named("proxy");
        Explicit truth = proxy.withReward(0, 1.0 / 3, 2.0 / 3, 1).named("truth");
        Expr n = Bon.constant(2);
        Expr lambda = Expr.rational(1, 4);
        Expr regret = Definitions.sbonRegret(proxy, truth, n, lambda);
        Expr error = Definitions.tiltedError(proxy, truth, lambda);
        Expr bound = Definitions.sbonRegretBound(proxy, truth, n, lambda);
        DoubleEvaluator ev = new DoubleEvaluator();
        assertEquals(0.2501934231202984807, ev.evaluate(regret, Map.of()), 1e-13);
        assertEquals(0.08263805272160385547, ev.evaluate(error, Map.of()), 1e-15);
        assertEquals(2.451978248999556919, ev.evaluate(bound, Map.of()), 1e-14);
        HighPrecisionEvaluator hp = new HighPrecisionEvaluator(30);
        assertTrue(hp.evaluate(regret, Map.of()).subtract(new BigDecimal("0.2501934231202984807083573963"))
                .abs().compareTo(new BigDecimal("1e-15")) < 0, () -> hp.evaluate(regret, Map.of()).toString());
        assertTrue(hp.evaluate(error, Map.of()).subtract(new BigDecimal("0.08263805272160385547024554868"))
                .abs().compareTo(new BigDecimal("1e-15")) < 0);
    }

    static final PolicyVar PROXIES = Policy.variable("proxy");
    static final PolicyVar TRUTHS = Policy.variable("truth");
    static final Expr.Sym LAMBDA = Bon.symbol("lambda");

    /** A claim over every policy on 2..5 outcomes with a proxy and a true reward, n = 1..64, lambda in (0.01, 10). */
    static Claim overTwoRewards(Expr lhs, Expr rhs, String name) {
        Family.Rewards bestOne = Family.Rewards.UNIT_INTERVAL_BEST_ONE;
        return Bon.claim(lhs).atMost(rhs).forAll(PROXIES, new Family.Simplex(2, 5, bestOne))
                .forAll(TRUTHS, new Family.SameProbabilities(PROXIES, bestOne)).forAll(Bon.n, 1, 64)
                .forAllReals(LAMBDA, 0.01, 10).named(name);
    }

    @Test
    @DisplayName("a second reward drawn on a family's policy: same probabilities, its own reward in [0, 1] with one best at 1")
    void secondRewardFamilies() {
        // the two share their probabilities, read at the same outcome: sum_y p(y) (q(y) - p(y))^2 = 0 everywhere
        Expr diff = Bon.prob(TRUTHS).minus(Bon.prob(PROXIES));
        Verdict same = new ConjectureSearch(1, 400, null).check(overTwoRewards(Bon.expectation(PROXIES,
                diff.times(diff)), Bon.constant(0), "same probabilities"));
        assertTrue(same instanceof Verdict.Undecided u && u.undefined() == 0 && u.smallest().lhs() == 0,
                same.report());
        // every true reward lies in [0, 1] with its best at 1: the regret 1 - E[r*] is in [0, 1]
        Expr regret = Definitions.sbonRegret(PROXIES, TRUTHS, Bon.n, LAMBDA);
        for (Claim c : new Claim[] {overTwoRewards(regret, Bon.constant(1), "regret <= 1"),
            overTwoRewards(Bon.constant(0), regret, "regret >= 0")}) {
            Verdict v = new ConjectureSearch(2, 400, null).check(c);
            assertTrue(v instanceof Verdict.Undecided u && u.undefined() == 0, v.report());
        }
        // but the rewards differ: their squared difference is not always 0, and the counterexample is shrunk to
        // rewards a reader checks by hand (multiples of 1/100 at most; here proxy (1, 0) and truth (1, 0.1))
        Expr d = Bon.reward(TRUTHS).minus(Bon.reward(PROXIES));
        Verdict.Falsified f = assertInstanceOf(Verdict.Falsified.class, new ConjectureSearch(1, 400, null).check(
                overTwoRewards(Bon.expectation(PROXIES, d.times(d)), Bon.constant(0), "rewards agree")));
        String simple = "\\[([01](\\.\\d{1,2})?(, )?)*]";
        assertTrue(f.counterexample().policies().matches("proxy = \\[[^]]*] with rewards " + simple
                + ", truth = \\[[^]]*] with rewards " + simple), f.evidence());
        // a second reward must build on a policy variable quantified before it
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Bon.claim(regret)
                .atMost(Bon.constant(1)).forAll(TRUTHS, new Family.SameProbabilities(PROXIES,
                        Family.Rewards.UNIT_INTERVAL)));
        assertEquals("family of truth must build on a policy variable quantified before it, but proxy is not (yet) "
                + "in []", e.getMessage());
    }

    @Test
    @DisplayName("Aminian et al. Thm 5.2 over every policy on 2..5 outcomes with two rewards: not falsified; "
            + "with the proxy taken for the truth, falsified and re-checked at 50 digits")
    void regretBoundOverFamilies() {
        Expr regret = Definitions.sbonRegret(PROXIES, TRUTHS, Bon.n, LAMBDA);
        Claim thm = overTwoRewards(regret, Definitions.sbonRegretBound(PROXIES, TRUTHS, Bon.n, LAMBDA), "Thm 5.2");
        Verdict.Undecided u = assertInstanceOf(Verdict.Undecided.class, new ConjectureSearch(3, 1500, null).check(thm));
        assertTrue(u.undefined() == 0 && u.smallest().margin() > -1e-12, u.report());
        Claim naive = overTwoRewards(regret, Definitions.sbonRegretBound(PROXIES, PROXIES, Bon.n, LAMBDA),
                "proxy taken for the truth");
        Verdict.Falsified f = assertInstanceOf(Verdict.Falsified.class,
                new ConjectureSearch(3, 1500, null).check(naive));
        assertTrue(f.recheck().startsWith("re-checked at 50 digits"), f.recheck());
        assertTrue(f.counterexample().lhs() > f.counterexample().rhs(), f.evidence());
    }

    @Test
    @DisplayName("the sharp ratio of Thm 5.2 over two rewards: at least 0.4477168163, the maximum of its n = 1, "
            + "proxy = truth, lambda = 0.01 slice (mpmath), where the multi-start optimiser lands")
    void regretBoundIsLoose() {
        Claim thm = Bon.claim(Definitions.sbonRegret(PROXIES, TRUTHS, Bon.n, LAMBDA))
                .atMost(Definitions.sbonRegretBound(PROXIES, TRUTHS, Bon.n, LAMBDA))
                .forAll(PROXIES, new Family.Simplex(2, 6, Family.Rewards.UNIT_INTERVAL_BEST_ONE))
                .forAll(TRUTHS, new Family.SameProbabilities(PROXIES, Family.Rewards.UNIT_INTERVAL_BEST_ONE))
                .forAll(Bon.n, 1, 64).forAllReals(LAMBDA, 0.01, 10).named("Thm 5.2");
        // at n = 1 soft best-of-n is p itself; with the proxy equal to the truth (eps = 0) and q the probability of
        // their best outcome, regret/bound = (1 - q)/(sqrt(2 log(1/q)) + lambda log(1/q)): at lambda = 0.01 its
        // maximum is 0.447716816312129019 at q = 0.288379936869715 (mpmath, findroot of the derivative, 30 digits)
        var b = new org.bonlab.numeric.claim.SharpConstants(1, 4000, java.time.Duration.ofSeconds(5), 2).tighten(thm);
        assertEquals(org.bonlab.numeric.claim.SharpConstants.Kind.RATIO, b.get(0).kind());
        double lower = b.get(0).lower().doubleValue();
        assertTrue(lower > 0.447716816312129 - 1e-6, lower + " at " + b.get(0).witness());
        assertTrue(b.get(0).upper().isEmpty(), "no certified end over a family with two rewards");
    }
}
