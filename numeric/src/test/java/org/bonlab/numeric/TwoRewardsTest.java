package org.bonlab.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Map;
import org.bonlab.Bon;
import org.bonlab.Definitions;
import org.bonlab.expr.Expr;
import org.bonlab.numeric.interval.Interval;
import org.bonlab.numeric.interval.IntervalEvaluator;
import org.bonlab.numeric.precise.HighPrecisionEvaluator;
import org.bonlab.policy.Explicit;
import org.bonlab.policy.Policy;
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
}
