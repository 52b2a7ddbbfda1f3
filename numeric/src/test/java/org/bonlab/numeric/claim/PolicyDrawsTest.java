package org.bonlab.numeric.claim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

/**
 * The search's own samplers draw exactly what the library objects they replace drew: seeded searches (and the
 * counterexamples the tests expect from them) are unchanged by leaving those objects out.
 */
class PolicyDrawsTest {

    @Test
    void gammaDrawsWhatCommonsMathDraws() {
        for (double a : PolicyDraws.CONCENTRATIONS) {
            Well19937c ours = new Well19937c(42);
            Well19937c theirs = new Well19937c(42);
            GammaDistribution g = new GammaDistribution(theirs, a + 1, 1);
            double d = a + 1 - 1.0 / 3;
            double c = 1 / (3 * Math.sqrt(d));
            for (int i = 0; i < 20_000; i++) {
                // bit for bit, and the generators stay in step
                assertEquals(Double.doubleToLongBits(g.sample()),
                        Double.doubleToLongBits(PolicyDraws.gamma(ours, d, c)), "draw " + i + " at a = " + a);
            }
            assertEquals(theirs.nextLong(), ours.nextLong());
        }
    }

    @Test
    void lcgDrawsWhatJavaUtilRandomDraws() {
        Well19937c seeds = new Well19937c(7);
        for (int t = 0; t < 2_000; t++) {
            long seed = seeds.nextLong();
            java.util.Random theirs = new java.util.Random(seed);
            PolicyDraws.Lcg48 ours = new PolicyDraws.Lcg48(seed);
            for (int bound : new int[] {1, 2, 3, 5, 8, 12, 64, 1_000_000_007, Integer.MAX_VALUE, 1 << 30}) {
                assertEquals(theirs.nextInt(bound), ours.nextInt(bound), "seed " + seed + ", bound " + bound);
            }
        }
    }

    @Test
    void permutationsAreThoseOfTheSeededShuffle() {
        // the arbitrary rewards: a permutation of 0..size-1 by the swaps of Collections.shuffle
        Well19937c a = new Well19937c(3);
        Well19937c b = new Well19937c(3);
        for (int t = 0; t < 500; t++) {
            int size = 1 + t % 12;
            double[] expected = new double[size];
            java.util.Random shuffle = new java.util.Random(b.nextLong());
            for (int i = 0; i < size; i++) {
                expected[i] = i;
            }
            for (int i = size; i > 1; i--) {
                int j = shuffle.nextInt(i);
                double x = expected[i - 1];
                expected[i - 1] = expected[j];
                expected[j] = x;
            }
            org.bonlab.policy.Reward r = PolicyDraws.reward(a, size, org.bonlab.claim.Family.Rewards.ARBITRARY);
            for (int i = 0; i < size; i++) {
                assertEquals(expected[i], r.value(i));
            }
        }
    }
}
