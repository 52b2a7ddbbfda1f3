package org.bonlab.numeric.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.bonlab.Bon;
import org.bonlab.expr.Expr;
import org.bonlab.numeric.DoubleEvaluator;
import org.bonlab.policy.Policy;
import org.bonlab.policy.Reward;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TransformsTest {

    /** Agreement expected between two double-precision computations of the same probability. */
    static final double AGREEMENT = 1e-12;

    static RankedPmf pmf(Policy p) {
        return new DoubleEvaluator().pmf(p, Map.of());
    }

    @Nested
    class BestOf {
        @ParameterizedTest(name = "n = {0}")
        @ValueSource(ints = {1, 2, 3, 7, 50, 1000})
        @DisplayName("Lemma 1 (Beirami) equals Prop. 1 (vBoN) on a Dirichlet policy of 40 outcomes")
        void lemmaOneEqualsPropositionOne(int n) {
            RankedPmf p = pmf(Policy.dirichlet(40, 0.7, 11));
            RankedPmf lemma1 = p.bestOf(n);
            double[] prop1 = BinomialForm.bestOf(p, n);
            for (int i = 0; i < p.size(); i++) {
                double a = lemma1.probability(i);
                assertEquals(a, prop1[i], AGREEMENT * Math.max(a, 1e-300) + 1e-300, "rank " + i);
            }
        }

        @Test
        @DisplayName("best-of-1 is the base policy; best-of-m of best-of-n is best-of-mn")
        void composes() {
            RankedPmf p = pmf(Policy.zipf(50, 1.3));
            RankedPmf one = p.bestOf(1);
            RankedPmf twice = p.bestOf(3).bestOf(4);
            RankedPmf once = p.bestOf(12);
            for (int i = 0; i < p.size(); i++) {
                assertEquals(p.probability(i), one.probability(i), 1e-15 * p.probability(i) + 1e-300);
                assertEquals(once.probability(i), twice.probability(i), AGREEMENT * once.probability(i) + 1e-300);
            }
        }

        @Test
        @DisplayName("worst-of-n mirrors best-of-n: worst-of-n of p is best-of-n of p with rewards reversed")
        void worstOfMirrorsBestOf() {
            double[] probs = {0.1, 0.2, 0.3, 0.4};
            RankedPmf worst = pmf(Policy.probabilities(probs).worstOf(5));
            RankedPmf mirrored = pmf(Policy.probabilities(probs).withReward(3, 2, 1, 0).bestOf(5));
            // in mirrored, rank i holds outcome 3 - i
            for (int i = 0; i < 4; i++) {
                assertEquals(worst.probability(i), mirrored.probability(3 - i), 1e-15);
            }
        }

        @Test
        @DisplayName("tied rewards: best-of-n follows the tie-break order (vBoN App. C)")
        void tiesFollowTieBreak() {
            var p = Policy.probabilities(0.5, 0.25, 0.25).withReward(0, 1, 1);
            RankedPmf byListing = pmf(p.bestOf(2));
            RankedPmf reversed = pmf(p.withTieBreak("0", "2", "1").bestOf(2));
            // ranks: outcome 0 (F = 1/2), then the tied pair; the second-ranked of the pair gets 1 - (3/4)^2.
            assertEquals(0.4375, byListing.probability(2), 1e-15);
            assertEquals(2, reversed.ranking().outcomeAt(1));
            assertEquals(1, reversed.ranking().outcomeAt(2));
        }
    }

    @Nested
    class Families {
        @Test
        @DisplayName("geometric closed forms agree with explicit normalised weights")
        void geometricMatchesExplicit() {
            double r = 0.8;
            double[] w = new double[30];
            for (int k = 0; k < w.length; k++) {
                w[k] = Math.pow(r, k);
            }
            RankedPmf closed = pmf(Policy.geometric(30, r).bestOf(17));
            RankedPmf explicit = pmf(Policy.weights(w).normalized().bestOf(17));
            for (int i = 0; i < 30; i++) {
                assertEquals(explicit.probability(i), closed.probability(i), 1e-13 * explicit.probability(i));
            }
        }

        @Test
        @DisplayName("zipf: outcome k has probability proportional to k^-s; best=common reverses the ranking")
        void zipfWeights() {
            RankedPmf z = pmf(Policy.zipf(4, 1.0));
            double h = 1 + 0.5 + 1.0 / 3 + 0.25;
            assertEquals(1 / h, z.probability(0), 1e-15);
            assertEquals(0.25 / h, z.probability(3), 1e-15);
            RankedPmf common = pmf(new org.bonlab.policy.Zipf(4, org.bonlab.expr.Scalar.of(1.0), true));
            assertEquals(1 / h, common.probability(3), 1e-15);
        }

        @Test
        @DisplayName("dirichlet is reproducible from its seed and sums to 1, even at concentration 0.01")
        void dirichletIsSeeded() {
            RankedPmf a = pmf(Policy.dirichlet(500, 0.01, 7));
            RankedPmf b = pmf(Policy.dirichlet(500, 0.01, 7));
            RankedPmf c = pmf(Policy.dirichlet(500, 0.01, 8));
            double sum = 0;
            for (int i = 0; i < 500; i++) {
                assertEquals(a.probability(i), b.probability(i));
                sum += a.probability(i);
            }
            assertEquals(1.0, sum, 1e-12);
            assertTrue(a.probability(0) != c.probability(0));
        }

        @Test
        void spikeIsFigureThree() {
            RankedPmf s = pmf(Policy.spike(200, 1e-5, 1e-3, 1e-1));
            assertEquals(1e-5, s.probability(199), 1e-20);
            assertEquals(1e-1, s.probability(197), 1e-16);
            assertEquals((1 - 0.10101) / 197, s.probability(0), 1e-17);
        }
    }

    @Nested
    class SoftBestOf {

        /** Brute force: every n-tuple, selection probability w(y) * count(y) / sum of weights in the tuple. */
        static double[] enumerate(double[] p, double[] r, int n, double lambda) {
            int size = p.length;
            double[] out = new double[size];
            int[] idx = new int[n];
            int total = (int) Math.pow(size, n);
            for (int t = 0; t < total; t++) {
                int x = t;
                double prob = 1;
                double wsum = 0;
                for (int j = 0; j < n; j++) {
                    idx[j] = x % size;
                    x /= size;
                    prob *= p[idx[j]];
                    wsum += Math.exp(r[idx[j]] / lambda);
                }
                for (int j = 0; j < n; j++) {
                    out[idx[j]] += prob * Math.exp(r[idx[j]] / lambda) / wsum;
                }
            }
            return out;
        }

        @ParameterizedTest(name = "lambda = {0}")
        @ValueSource(doubles = {0.05, 0.3, 1.0, 10.0})
        @DisplayName("exact soft best-of-n PMF within 1e-12 of enumerating all 3^4 tuples (3 outcomes, n = 4)")
        void matchesEnumeration(double lambda) {
            double[] p = {0.5, 0.3, 0.2};
            double[] r = {0.0, 0.4, 1.0};
            RankedPmf soft = pmf(Policy.probabilities(p).withReward(r).softBestOf(4, lambda));
            double[] expected = enumerate(p, r, 4, lambda);
            for (int i = 0; i < 3; i++) {
                assertEquals(expected[i], soft.probability(i), 1e-12, "outcome " + i);
            }
        }

        @Test
        @DisplayName("ties: outcomes with equal reward get equal weight")
        void tiedRewards() {
            double[] p = {0.2, 0.3, 0.5};
            double[] r = {1, 1, 0};
            RankedPmf soft = pmf(Policy.probabilities(p).withReward(r).softBestOf(3, 0.5));
            double[] expected = enumerate(p, r, 3, 0.5);
            for (int rank = 0; rank < 3; rank++) {
                int o = soft.ranking().outcomeAt(rank);
                assertEquals(expected[o], soft.probability(rank), 1e-12);
            }
        }

        @Test
        @DisplayName("small lambda approaches best-of-n, large lambda the base policy")
        void limits() {
            var p = Policy.probabilities(0.5, 0.3, 0.2);
            RankedPmf hard = pmf(p.bestOf(5));
            RankedPmf cold = pmf(p.softBestOf(5, 0.01));
            RankedPmf hot = pmf(p.softBestOf(5, 1e6));
            for (int i = 0; i < 3; i++) {
                assertEquals(hard.probability(i), cold.probability(i), 1e-6);
                assertEquals(pmf(p).probability(i), hot.probability(i), 1e-5);
            }
        }

        @Test
        @DisplayName("large n: soft best-of-n tends to the KL-regularised optimum like 1/n, up to n = 1e15")
        void largeNConvergesToTheTiltedOptimum() {
            // Regression: log M(t) near t = 0 must be log1p of an accurate sum, or (n-1) log M(t) is off by ~n*1e-16.
            var coin = Policy.coin();
            for (double lambda : new double[] {0.05, 0.5, 0.95}) {
                double w = Math.exp(1 / lambda);
                double q1 = w / (w + 1);
                double limit = (1 - q1) * Math.log(2 * (1 - q1)) + q1 * Math.log(2 * q1);
                for (double n : new double[] {1e6, 1e9, 1e12, 1e15}) {
                    double kl = new DoubleEvaluator().evaluate(org.bonlab.Bon.kl(coin.softBestOf(
                            org.bonlab.expr.Expr.constant((long) n), org.bonlab.expr.Expr.constant(lambda)), coin));
                    assertEquals(limit, kl, 1 / n + 2e-15, "lambda " + lambda + ", n " + n);
                }
            }
        }

        @Test
        void rejectsLambdaTooSmallForDoubles() {
            var p = Policy.probabilities(0.5, 0.5).softBestOf(3, 1e-4);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> pmf(p));
            assertTrue(e.getMessage().contains("lambda"), e.getMessage());
        }
    }

    @Test
    @DisplayName("the KL-regularised optimum p e^{r/beta}/Z (vBoN Eq. 2)")
    void tilted() {
        double[] p = {0.5, 0.3, 0.2};
        double beta = 0.7;
        RankedPmf t = pmf(Policy.probabilities(p).tilted(beta));
        double z = 0;
        for (int i = 0; i < 3; i++) {
            z += p[i] * Math.exp(i / beta);
        }
        for (int i = 0; i < 3; i++) {
            assertEquals(p[i] * Math.exp(i / beta) / z, t.probability(i), 1e-15);
        }
    }

    @Test
    void rewardsMustMatchOutcomes() {
        assertThrows(IllegalArgumentException.class,
                () -> Policy.probabilities(0.5, 0.5).withReward(Reward.of(1, 2, 3)));
    }
}
