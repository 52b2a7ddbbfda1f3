package org.bonlab.numeric.sampling;

import java.util.Locale;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import org.bonlab.numeric.policy.RankedPmf;
import org.bonlab.numeric.quantity.Quantities;

/**
 * The sampling distribution of the KL estimators of Beirami et al. at a given n: draw \( y \sim \pi_n \),
 * observe \( \varepsilon_n = p(y) \), and evaluate \( \widehat{\mathrm{KL}}(\varepsilon_n) \) (Eq. (28)) and
 * \( \widehat{\mathrm{KL}}_1(\varepsilon_n) \) (Eq. (26)). The paper plots only their expectations; in practice each
 * estimate is one such draw.
 */
public final class EstimatorSampling {

    /** Summary of K draws of one estimator. */
    public record Summary(long draws, double mean, double standardDeviation, double q05, double median, double q95,
            long seed) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "mean %.6g, sd %.3g, 5%% %.6g, median %.6g, 95%% %.6g (%d draws, seed %d)",
                    mean, standardDeviation, q05, median, q95, draws, seed);
        }
    }

    /** Both estimators' summaries from the same draws. */
    public record Result(Summary klHat, Summary klHat1) {
    }

    private EstimatorSampling() {
    }

    public static Result sample(RankedPmf p, double n, int draws, long seed) {
        if (draws < 2) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "samples must be at least 2, but was %d", draws));
        }
        RandomGenerator rng = new Well19937c(seed);
        BestOfSampler sampler = new BestOfSampler(p, n);
        DescriptiveStatistics a = new DescriptiveStatistics(draws);
        DescriptiveStatistics b = new DescriptiveStatistics(draws);
        for (int k = 0; k < draws; k++) {
            double eps = p.probability(sampler.draw(rng));
            a.addValue(Quantities.klHat(eps, n));
            b.addValue(Quantities.klHat1(eps, n));
        }
        return new Result(summary(a, seed), summary(b, seed));
    }

    private static Summary summary(DescriptiveStatistics s, long seed) {
        return new Summary(s.getN(), s.getMean(), s.getStandardDeviation(), s.getPercentile(5), s.getPercentile(50),
                s.getPercentile(95), seed);
    }

    /**
     * The exact distribution of \( \varepsilon_n = p(y) \), \( y \sim \pi_n \) (Eq. (20)), as (value, probability)
     * pairs in rank order: outcome i contributes \( \pi_n(i) \) at \( \varepsilon = p_i \).
     */
    public static double[][] epsilonDistribution(RankedPmf p, double n) {
        RankedPmf bon = p.bestOf(n);
        double[][] out = new double[p.size()][];
        for (int i = 0; i < p.size(); i++) {
            out[i] = new double[] {p.probability(i), bon.probability(i)};
        }
        return out;
    }
}
