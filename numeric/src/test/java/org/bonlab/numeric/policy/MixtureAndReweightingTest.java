package org.bonlab.numeric.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Map;
import org.bonlab.Bon;
import org.bonlab.expr.Expr;
import org.bonlab.numeric.DoubleEvaluator;
import org.bonlab.numeric.precise.HighPrecisionEvaluator;
import org.bonlab.policy.Mixture;
import org.bonlab.policy.Policy;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Policies defined as mixtures and reweightings, in double precision and at 50 digits. */
class MixtureAndReweightingTest {

    @ParameterizedTest(name = "mu = {0}")
    @ValueSource(doubles = {0, 0.5, 3, 20, 200})
    @DisplayName("best-of-Poisson on the coin: pi(top) = 1 - e^(-mu/2)/2 (E[2^-(1+K)] for K ~ Poisson(mu))")
    void bestOfPoissonOnTheCoin(double mu) {
        Policy coin = Policy.coin();
        Mixture bop = coin.bestOfPoisson(mu);
        double expected = 1 - Math.exp(-mu / 2) / 2;
        double[] pi = new DoubleEvaluator().pmf(bop, Map.of()).probabilities();
        assertEquals(expected, pi[1], 1e-15);
        // each Poisson weight exp(-mu + k log mu - log k!) carries the rounding of its exponent, whose terms reach
        // about K log mu with K = mu + 10 sqrt(mu): that many ulps of relative error in doubles
        double ulps = 4 + (mu + 10 * Math.sqrt(mu)) * Math.log(Math.max(mu, 2));
        assertEquals(Math.exp(-mu / 2) / 2, pi[0], ulps * 2.3e-16 * pi[0] + 1e-300);
        // the KL, from the definition's engines, equals log 2 - h(pi(top)) (two outcomes)
        double kl = new DoubleEvaluator().evaluate(Bon.kl(bop, coin));
        double bottom = Math.exp(-mu / 2) / 2;
        double h = -bottom * Math.log(bottom) - (1 - bottom) * Math.log1p(-bottom);
        assertEquals(Math.log(2) - h, kl, 1e-14);
        BigDecimal top = new HighPrecisionEvaluator(50).pmf(bop, Map.of())[1];
        BigDecimal exact = new HighPrecisionEvaluator(50).evaluate(Expr.constant(1)
                .minus(Expr.exp(Expr.constant(mu).div(2L).unaryMinus()).div(2L)));
        assertTrue(top.subtract(exact).abs().compareTo(new BigDecimal("1e-19")) < 0, top + " vs " + exact);
    }

    @Test
    @DisplayName("a mixture of best-of-1 and best-of-2 with weights 1/2 is (p + pi_2)/2; weights are checked")
    void mixtureOfTwo() {
        Policy p = Policy.probabilities("0.1", "0.2", "0.3", "0.4");
        Mixture m = new Mixture(List.of(p.bestOf(1), p.bestOf(2)), List.of(Expr.rational(1, 2), Expr.rational(1, 2)));
        double[] mix = new DoubleEvaluator().pmf(m, Map.of()).probabilities();
        double[] one = new DoubleEvaluator().pmf(p, Map.of()).probabilities();
        double[] two = new DoubleEvaluator().pmf(p.bestOf(2), Map.of()).probabilities();
        for (int i = 0; i < 4; i++) {
            assertEquals((one[i] + two[i]) / 2, mix[i], 1e-16);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Mixture(
                List.of(p.bestOf(1), p.bestOf(2)), List.of(Expr.rational(1, 2), Expr.rational(1, 3))));
        assertTrue(e.getMessage().contains("sum to 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Mixture(List.of(p, Policy.coin()),
                List.of(Expr.rational(1, 2), Expr.rational(1, 2))));
    }

    @ParameterizedTest(name = "beta = {0}")
    @ValueSource(doubles = {0.01, 0.5, 2, 100})
    @DisplayName("reweighting by exp(r(y)/beta) is the tilted optimum (Eq. 2 of Amini et al.), double and 50 digits")
    void reweightingByTheRewardIsTilting(double beta) {
        Policy p = Policy.probabilities("0.05", "0.15", "0.3", "0.5").withReward(new double[] {0.3, 1.5, 0, 2});
        Policy reweighted = p.reweighted(Bon.reward(p).div(Expr.constant(beta)));
        double[] a = new DoubleEvaluator().pmf(reweighted, Map.of()).probabilities();
        double[] b = new DoubleEvaluator().pmf(p.tilted(beta), Map.of()).probabilities();
        for (int i = 0; i < a.length; i++) {
            assertEquals(b[i], a[i], 1e-14 * b[i] + 1e-300, "rank " + i);
        }
        BigDecimal[] x = new HighPrecisionEvaluator(50).pmf(reweighted, Map.of());
        BigDecimal[] y = new HighPrecisionEvaluator(50).pmf(p.tilted(beta), Map.of());
        for (int i = 0; i < x.length; i++) {
            assertTrue(x[i].subtract(y[i]).abs().compareTo(y[i].abs().multiply(new BigDecimal("1e-40"))) <= 0,
                    x[i].round(MathContext.DECIMAL64) + " vs " + y[i].round(MathContext.DECIMAL64));
        }
    }
}
