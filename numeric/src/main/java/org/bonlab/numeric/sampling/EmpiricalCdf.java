package org.bonlab.numeric.sampling;

import java.util.Locale;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.bonlab.numeric.policy.RankedPmf;

/**
 * vBoN's Monte Carlo estimate of the strict CDF, Eq. (6) of Amini et al.:
 * \( \hat F(y) = \frac1M \sum_m 1\{y'^{(m)} \prec_r y\} \) from M draws of the reference policy, and the two-sample
 * Kolmogorov-Smirnov comparison of Eq. (9) and Table 1.
 */
public final class EmpiricalCdf {

    private EmpiricalCdf() {
    }

    /** M reference draws, as ranks. */
    public static int[] draws(RankedPmf p, int m, RandomGenerator rng) {
        if (m < 1) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "M must be at least 1, but was %d", m));
        }
        BestOfSampler s = new BestOfSampler(p, 1);
        int[] out = new int[m];
        for (int k = 0; k < m; k++) {
            out[k] = s.draw(rng);
        }
        return out;
    }

    /**
     * \( \hat F \) at every rank: the fraction of draws ranked strictly below. \( \log \hat F \) is biased downward
     * (Jensen, Eq. (7)) and is \( -\infty \) with probability \( (1-F)^M \).
     */
    public static double[] strictCdf(int size, int[] drawRanks) {
        long[] count = new long[size];
        for (int r : drawRanks) {
            count[r]++;
        }
        double[] out = new double[size];
        long below = 0;
        for (int i = 0; i < size; i++) {
            out[i] = (double) below / drawRanks.length;
            below += count[i];
        }
        return out;
    }

    /** The two-sample KS statistic \( \sup_y |\hat F_{M_1}(y) - \hat F_{M_2}(y)| \) and its p-value. */
    public record KsResult(double statistic, double pValue) {
    }

    /** Compares two samples of rewards (Eq. (9) of Amini et al.), with Commons Math's two-sample KS test. */
    public static KsResult kolmogorovSmirnov(double[] rewardsA, double[] rewardsB) {
        KolmogorovSmirnovTest ks = new KolmogorovSmirnovTest();
        return new KsResult(ks.kolmogorovSmirnovStatistic(rewardsA, rewardsB),
                ks.kolmogorovSmirnovTest(rewardsA, rewardsB));
    }
}
