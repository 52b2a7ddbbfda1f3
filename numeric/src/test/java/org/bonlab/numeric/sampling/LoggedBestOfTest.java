package org.bonlab.numeric.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.commons.math3.random.Well19937c;
import org.bonlab.numeric.quantity.Quantities;
import org.bonlab.policy.Explicit;
import org.bonlab.policy.Policy;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Estimates from logged samples against exact values: a hand count on three responses, then synthetic logs of
 * known policies (distinct rewards, tied rewards, a rare best outcome), whose best-of-n quantities the numeric
 * engine gives exactly (Lemma 1; tied outcomes have equal probabilities and gold rewards, so the tie-break does
 * not change them).
 */
class LoggedBestOfTest {

    static final Explicit DISTINCT = Policy.probabilities(0.5, 0.3, 0.2).withReward(0, 1, 2);
    static final Explicit TIED = Policy.probabilities(0.25, 0.25, 0.5).withReward(1, 1, 2);
    static final Explicit RARE_BEST = Policy.probabilities(0.6, 0.39, 0.01).withReward(0, 1, 2);
    static final double[] GOLD_DISTINCT = {0, 3, 1};
    static final double[] GOLD_TIED = {5, 5, 7};
    static final double[] GOLD_RARE = {1, 0, 4};

    @Test
    @DisplayName("three responses with rewards 1, 2, 2 and n = 2: reward 2, gold 25 (a tie split evenly), win 2/3")
    void handCount() {
        // 2-subsets: {a,b} -> b (gold 20), {a,c} -> c (30), {b,c} tied -> 25 on average: gold 25; win rate: the
        // third response is beaten by the best of the other two when it is a (1), tied otherwise (1/2, 1/2): 2/3
        LoggedPrompt s = new LoggedPrompt("q", new double[] {Math.log(0.5), Math.log(0.25), Math.log(0.25)},
                new double[] {1, 2, 2}, new double[] {10, 20, 30});
        LoggedBestOf.PerPrompt e = LoggedBestOf.perPrompt(s, 2);
        assertEquals(2, e.reward(), 1e-15);
        assertEquals(25, e.gold(), 1e-14);
        assertEquals(2.0 / 3, e.winRate(), 1e-15);
        // kl_hat: the selected response has eps = 1/4 (b or c, weights 1/2 each): KLhat(1/4, 2) of Eq. (28)
        assertEquals(Quantities.klHat(0.25, 2), e.klHat(), 1e-15);
        // at n = m the win rate needs one more response: not available
        assertTrue(Double.isNaN(LoggedBestOf.perPrompt(s, 3).winRate()));
        // order-statistic weights for m = 5, n = 3: C(i-1, 2)/C(5, 3) = 0, 0, 1/10, 3/10, 6/10
        double[] w = LoggedBestOf.orderWeights(5, 3);
        assertEquals(List.of(0.0, 0.0, 0.1, 0.3, 0.6), java.util.Arrays.stream(w).map(x -> Math.round(x * 1e12) / 1e12)
                .boxed().toList());
    }

    @Test
    @DisplayName("unbiased: over 400 seeded logs of 20 prompts x 8 responses, the mean estimate is within 4 standard "
            + "errors of the exact value, for each policy, quantity and n = 1, 2, 4, 7")
    void unbiased() {
        Object[][] cases = {{DISTINCT, GOLD_DISTINCT}, {TIED, GOLD_TIED}, {RARE_BEST, GOLD_RARE}};
        Well19937c rng = new Well19937c(2024);
        for (Object[] c : cases) {
            Explicit policy = (Explicit) c[0];
            double[] gold = (double[]) c[1];
            int[] ns = {1, 2, 4, 7};
            double[][][] values = new double[ns.length][4][400];
            for (int rep = 0; rep < 400; rep++) {
                List<LoggedPrompt> log = SyntheticLog.draw(policy, gold, 20, 8, rng);
                for (int k = 0; k < ns.length; k++) {
                    double[] mean = new double[4];
                    for (LoggedPrompt s : log) {
                        LoggedBestOf.PerPrompt e = LoggedBestOf.perPrompt(s, ns[k]);
                        mean[0] += e.reward() / log.size();
                        mean[1] += e.gold() / log.size();
                        mean[2] += e.winRate() / log.size();
                        mean[3] += e.klHat() / log.size();
                    }
                    for (int q = 0; q < 4; q++) {
                        values[k][q][rep] = mean[q];
                    }
                }
            }
            for (int k = 0; k < ns.length; k++) {
                double[] exact = SyntheticLog.exactBestOf(policy, gold, ns[k]);
                for (int q = 0; q < 4; q++) {
                    double[] v = values[k][q];
                    double m = java.util.Arrays.stream(v).average().orElseThrow();
                    double sd = Math.sqrt(java.util.Arrays.stream(v).map(x -> (x - m) * (x - m)).sum() / (v.length - 1));
                    double se = sd / Math.sqrt(v.length);
                    assertTrue(Math.abs(m - exact[q]) <= 4 * se + 1e-12, String.format(
                            "%s n = %d quantity %d: mean %.6f, exact %.6f, standard error %.2g", policy, ns[k], q, m,
                            exact[q], se));
                }
            }
        }
    }

    @Test
    @DisplayName("95% bootstrap-t intervals over prompts cover the exact value in 93-97% of 400 seeded logs of 100 "
            + "prompts x 8 responses, for each policy and quantity (n = 4)")
    void coverage() {
        Object[][] cases = {{DISTINCT, GOLD_DISTINCT, 100}, {TIED, GOLD_TIED, 100}, {RARE_BEST, GOLD_RARE, 100}};
        for (Object[] c : cases) {
            Explicit policy = (Explicit) c[0];
            double[] gold = (double[]) c[1];
            int prompts = (Integer) c[2];
            Well19937c rng = new Well19937c(7);
            int[] covered = new int[4];
            int reps = 400;
            double[] exact = SyntheticLog.exactBestOf(policy, gold, 4);
            for (int rep = 0; rep < reps; rep++) {
                List<LoggedPrompt> log = SyntheticLog.draw(policy, gold, prompts, 8, rng);
                LoggedBestOf.Row row = LoggedBestOf.estimate(log, new int[] {4}, 1000, rep, 0.95,
                        LoggedBestOf.Method.STUDENTIZED).get(0);
                LoggedBestOf.Estimate[] e = {row.reward(), row.gold().orElseThrow(), row.winRate().orElseThrow(),
                    row.klHat()};
                for (int q = 0; q < 4; q++) {
                    covered[q] += e[q].lo() <= exact[q] && exact[q] <= e[q].hi() ? 1 : 0;
                }
            }
            for (int q = 0; q < 4; q++) {
                double share = covered[q] / (double) reps;
                assertTrue(share >= 0.93 && share <= 0.97, policy + ", quantity " + q + ": coverage " + share);
            }
        }
    }
}
