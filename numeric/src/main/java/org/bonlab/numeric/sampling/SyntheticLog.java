package org.bonlab.numeric.sampling;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.math3.random.RandomGenerator;
import org.bonlab.Bon;
import org.bonlab.expr.Expr;
import org.bonlab.numeric.DoubleEvaluator;
import org.bonlab.numeric.policy.RankedPmf;
import org.bonlab.numeric.policy.Ranking;
import org.bonlab.numeric.quantity.Quantities;
import org.bonlab.policy.Explicit;

/**
 * Logs drawn from a known finite policy: each prompt gets m i.i.d. responses of the policy, logged with the exact
 * log-probability, the reward and (optionally) a gold reward of the outcome drawn. For validating
 * {@link LoggedBestOf} against the exact values of the numeric engine, and for examples.
 */
public final class SyntheticLog {

    private SyntheticLog() {
    }

    /**
     * @param gold a gold reward per outcome of {@code policy} (outcome order), or an empty array for none
     */
    public static List<LoggedPrompt> draw(Explicit policy, double[] gold, int prompts, int samples,
            RandomGenerator rng) {
        int size = policy.size();
        if (gold.length != 0 && gold.length != size) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "gold must have one value per outcome (%d), "
                    + "but has %d", size, gold.length));
        }
        double[] p = policy.probabilitiesAsDoubles();
        double[] cdf = new double[size];
        double acc = 0;
        for (int i = 0; i < size; i++) {
            acc += p[i];
            cdf[i] = acc;
        }
        List<LoggedPrompt> out = new ArrayList<>(prompts);
        for (int k = 0; k < prompts; k++) {
            double[] lp = new double[samples];
            double[] r = new double[samples];
            double[] g = new double[gold.length == 0 ? 0 : samples];
            for (int j = 0; j < samples; j++) {
                double u = rng.nextDouble() * acc;
                int i = 0;
                while (i < size - 1 && (cdf[i] <= u || p[i] == 0)) {
                    i++;
                }
                lp[j] = Math.log(p[i]);
                r[j] = policy.reward().value(i);
                if (g.length > 0) {
                    g[j] = gold[i];
                }
            }
            out.add(new LoggedPrompt("prompt-" + (k + 1), lp, r, g));
        }
        return out;
    }

    /**
     * What the estimates of {@link LoggedBestOf} estimate, exactly, from the numeric engine: best-of-n's expected
     * reward, expected gold reward, win rate against the policy (ties half) and \( E_{\pi_n}[\widehat{\mathrm{KL}}] \)
     * of Eq. (28), in that order. With tied rewards these equal the random tie-break's values when tied outcomes
     * have equal probabilities and gold rewards (Lemma 1 breaks ties by outcome order).
     */
    public static double[] exactBestOf(Explicit policy, double[] gold, int n) {
        DoubleEvaluator ev = new DoubleEvaluator();
        Map<Expr.Sym, Double> at = Map.of(Bon.n, (double) n);
        RankedPmf bon = ev.pmf(policy.bestOf(Bon.n), at);
        RankedPmf base = ev.pmf(policy, at);
        Ranking ranking = Ranking.of(policy.reward());
        double reward = 0;
        double g = 0;
        for (int rank = 0; rank < bon.size(); rank++) {
            int outcome = ranking.outcomeAt(rank);
            reward += bon.probability(rank) * policy.reward().value(outcome);
            g += bon.probability(rank) * gold[outcome];
        }
        double win = ev.evaluate(Bon.winRateHalf(policy.bestOf(Bon.n), policy), at);
        return new double[] {reward, g, win, Quantities.estimatorMean(bon, base, n, true)};
    }
}
