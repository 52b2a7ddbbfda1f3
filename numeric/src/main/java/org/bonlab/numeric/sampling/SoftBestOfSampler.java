package org.bonlab.numeric.sampling;

import java.util.Locale;
import org.apache.commons.math3.random.RandomGenerator;
import org.bonlab.numeric.policy.RankedPmf;
import org.bonlab.numeric.quantity.Quantities;

/**
 * Draws from soft best-of-n as it is defined: n draws from p, then one of them with probability proportional
 * to \( e^{r/\lambda} \). Costs O(n log L) per draw; used to validate the exact PMF of
 * {@link org.bonlab.numeric.policy.SoftBestOfN}.
 */
public final class SoftBestOfSampler {

    private final RankedPmf p;
    private final int n;
    private final double lambda;
    private final BestOfSampler base;

    public SoftBestOfSampler(RankedPmf p, int n, double lambda) {
        Quantities.requireSampleCount(n);
        if (!(lambda > 0)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "lambda must be positive, but was %s",
                    lambda));
        }
        this.p = p;
        this.n = n;
        this.lambda = lambda;
        this.base = new BestOfSampler(p, 1);
    }

    public int draw(RandomGenerator rng) {
        int[] ranks = new int[n];
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) {
            ranks[j] = base.draw(rng);
            max = Math.max(max, p.ranking().rewardAt(ranks[j]) / lambda);
        }
        double total = 0;
        double[] w = new double[n];
        for (int j = 0; j < n; j++) {
            w[j] = Math.exp(p.ranking().rewardAt(ranks[j]) / lambda - max);
            total += w[j];
        }
        double u = rng.nextDouble() * total;
        for (int j = 0; j < n; j++) {
            u -= w[j];
            if (u < 0) {
                return ranks[j];
            }
        }
        return ranks[n - 1];
    }
}
