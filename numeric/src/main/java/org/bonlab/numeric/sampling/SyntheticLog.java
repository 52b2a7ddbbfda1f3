package org.bonlab.numeric.sampling;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.random.RandomGenerator;
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
}
