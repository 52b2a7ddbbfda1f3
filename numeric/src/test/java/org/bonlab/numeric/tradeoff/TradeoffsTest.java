package org.bonlab.numeric.tradeoff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.bonlab.policy.Policy;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Tradeoff points against values computed independently with mpmath (30 digits), as each test says. */
class TradeoffsTest {

    @Test
    @DisplayName("the coin: best-of-2, the tilt at beta = 1, and zero deficits (two outcomes: equal KL is the same policy)")
    void coin() {
        Tradeoffs.Point bon = Tradeoffs.point(Policy.coin(), Tradeoffs.Method.BON, 2, 0);
        // coin,n=2 of the 60-digit reference table; pi(heads) = 3/4, so E[r] = 3/4 and W_half = 3/4 * 3/4 + 1/4 * 1/4
        assertEquals(0.13081203594113695913, bon.kl(), 1e-15);
        assertEquals(0.75, bon.expectedReward(), 1e-15);
        assertEquals(0.625, bon.winRate(), 1e-15);
        // pi(heads) = e/(1 + e) = 0.7310585786300049, KL = log 2 - h(pi) (mpmath)
        Tradeoffs.Point tilted = Tradeoffs.point(Policy.coin(), Tradeoffs.Method.TILTED, 1, 0);
        assertEquals(0.110944071671727354619, tilted.kl(), 1e-14);
        assertEquals(0.731058578630004879251, tilted.expectedReward(), 1e-15);
        assertEquals(0.615529289315002439626, tilted.winRate(), 1e-15);
        for (long n : new long[] {2, 8, 64}) {
            Tradeoffs.Deficit d = Tradeoffs.deficit(Policy.coin(), n);
            assertEquals(0, d.rewardDeficit(), 1e-9, "n = " + n);
            assertEquals(0, d.winRateDeficit(), 1e-9, "n = " + n);
        }
    }

    @Test
    @DisplayName("uniform(1000), n = 2: the win-rate-optimal tilt at equal KL has c = 2.2886 and wins 0.00924 more")
    void uniformWinRateDeficit() {
        // mpmath: KL(best-of-2) = 0.193146413921457643, W_half = 0.6666665; the tilt p e^(c W)/Z with W_i = (i - 1/2)/L
        // has the same KL at c = 2.28863691841195096832, and W = 0.675906388933523544, a deficit of
        // 0.00923988893352354429 (the continuum values are 2.289 and 0.676)
        Tradeoffs.Deficit d = Tradeoffs.deficit(Policy.uniform(1000), 2);
        assertEquals(0.193146413921457643, d.kl(), 1e-14);
        assertEquals(2.28863691841195096832, d.c(), 1e-9);
        assertEquals(0.00923988893352354429, d.winRateDeficit(), 1e-11);
        // rewards 0..999 are 1000 W - 1/2: the reward frontier is the same tilt (beta = 1000/c), deficit 1000 times
        assertEquals(1000 / d.c(), d.beta(), 1e-6);
        assertEquals(1000 * d.winRateDeficit(), d.rewardDeficit(), 1e-8);
    }

    @Test
    @DisplayName("every method's curve on a spike policy is monotone: more KL buys more reward")
    void curvesAreMonotone() {
        Policy spike = Policy.spike(50, 0.01, 0.2);
        for (Tradeoffs.Method m : List.of(Tradeoffs.Method.BON, Tradeoffs.Method.POISSON, Tradeoffs.Method.BONBON)) {
            double[] grid = m == Tradeoffs.Method.BON ? new double[] {1, 2, 4, 16, 64}
                    : m == Tradeoffs.Method.POISSON ? new double[] {0.1, 1, 10, 100} : new double[] {0.1, 1, 10, 100};
            List<Tradeoffs.Point> pts = Tradeoffs.curve(spike, m, grid, 0);
            for (int i = 1; i < pts.size(); i++) {
                assertTrue(pts.get(i).kl() > pts.get(i - 1).kl(), m + " " + pts);
                assertTrue(pts.get(i).winRate() > pts.get(i - 1).winRate(), m + " " + pts);
            }
        }
        // the tilt's KL falls as beta grows
        List<Tradeoffs.Point> tilted = Tradeoffs.curve(spike, Tradeoffs.Method.TILTED, new double[] {0.01, 0.1, 1, 10}, 0);
        for (int i = 1; i < tilted.size(); i++) {
            assertTrue(tilted.get(i).kl() < tilted.get(i - 1).kl(), tilted.toString());
        }
    }

    @Test
    @DisplayName("phi_Delta on the coin: the tilt with the KL of best-of-2 is best-of-2 itself, beta = 1/log 3")
    void klConstrainedOptimum() {
        // two outcomes: equal KL means pi(heads) = 3/4, so e^(1/beta) = 3
        double delta = Tradeoffs.point(Policy.coin(), Tradeoffs.Method.BON, 2, 0).kl();
        double beta = Tradeoffs.betaForKl(Policy.coin(), delta);
        assertEquals(1 / Math.log(3), beta, 1e-10);
        Tradeoffs.Point phi = Tradeoffs.point(Policy.coin(), Tradeoffs.Method.TILTED, beta, 0);
        assertEquals(delta, phi.kl(), 1e-12);
        assertEquals(0.75, phi.expectedReward(), 1e-10);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Tradeoffs.betaForKl(Policy.coin(), -1));
        assertTrue(e.getMessage().contains("must be positive and finite, but was -1.0"), e.getMessage());
    }
}
