package org.bonlab.numeric.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.random.Well19937c;
import org.bonlab.numeric.DoubleEvaluator;
import org.bonlab.numeric.policy.RankedPmf;
import org.bonlab.numeric.quantity.Quantities;
import org.bonlab.policy.Policy;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Samplers against exact PMFs by a chi-square goodness-of-fit test. Each test is seeded; the threshold is the
 * 1e-6 upper quantile, so a correct sampler fails with probability 1e-6 per test and a wrong one is caught.
 */
class SamplingTest {

    static final double FALSE_ALARM = 1e-6;
    static final long SEED = 20241124L;

    static RankedPmf pmf(Policy p) {
        return new DoubleEvaluator().pmf(p, Map.of());
    }

    /** Pearson's statistic of observed counts against expected probabilities; asserts below the quantile. */
    static void assertFits(double[] expected, long[] counts, long draws, String what) {
        double stat = 0;
        int cells = 0;
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i] * draws;
            if (e < 1e-9) {
                assertEquals(0, counts[i], what + ": impossible outcome " + i + " drawn");
                continue;
            }
            stat += (counts[i] - e) * (counts[i] - e) / e;
            cells++;
        }
        double limit = new ChiSquaredDistribution(Math.max(1, cells - 1)).inverseCumulativeProbability(1 - FALSE_ALARM);
        assertTrue(stat < limit, what + ": chi-square " + stat + " >= " + limit + " (seed " + SEED + ")");
    }

    @Test
    @DisplayName("best-of-n sampler (U^(1/n)) fits Lemma 1 at n = 1, 7, 1000")
    void bestOfSamplerFitsLemmaOne() {
        RankedPmf p = pmf(Policy.probabilities(0.4, 0.3, 0.2, 0.09, 0.01));
        for (double n : new double[] {1, 7, 1000}) {
            RankedPmf exact = p.bestOf(n);
            BestOfSampler s = new BestOfSampler(p, n);
            Well19937c rng = new Well19937c(SEED);
            long draws = 200_000;
            long[] counts = new long[5];
            for (long k = 0; k < draws; k++) {
                counts[s.draw(rng)]++;
            }
            assertFits(exact.probabilities(), counts, draws, "best-of-" + n);
        }
    }

    @Test
    @DisplayName("best-of-n sampler finds a 1e-15 top outcome at n = 1e18 (where U^(1/n) rounds to 1)")
    void bestOfSamplerHandlesHugeN() {
        RankedPmf p = pmf(Policy.spike(2, "1e-15"));
        BestOfSampler s = new BestOfSampler(p, 1e18);
        Well19937c rng = new Well19937c(SEED);
        int top = 0;
        for (int k = 0; k < 10_000; k++) {
            top += s.draw(rng);
        }
        // pi_n(top) = 1 - (1 - 1e-15)^1e18 = 1 - e^-1000: every draw is the top outcome.
        assertEquals(10_000, top);
    }

    @Test
    @DisplayName("soft best-of-n: the exact PMF is within Monte Carlo error of the sampler")
    void softBestOfExactMatchesSampler() {
        Policy base = Policy.probabilities(0.5, 0.3, 0.15, 0.05).withReward(0, 0.3, 0.6, 1.0);
        RankedPmf exact = pmf(base.softBestOf(6, 0.25));
        SoftBestOfSampler s = new SoftBestOfSampler(pmf(base), 6, 0.25);
        Well19937c rng = new Well19937c(SEED);
        long draws = 200_000;
        long[] counts = new long[4];
        for (long k = 0; k < draws; k++) {
            counts[s.draw(rng)]++;
        }
        assertFits(exact.probabilities(), counts, draws, "soft best-of-6");
    }

    @Test
    @DisplayName("the sampled mean of Eq. 28 converges to its exact expectation; runs are reproducible by seed")
    void estimatorSamplingDistribution() {
        RankedPmf p = pmf(Policy.spike(200, 1e-5, 1e-3, 1e-1));
        double n = 1000;
        EstimatorSampling.Result r = EstimatorSampling.sample(p, n, 100_000, SEED);
        double exact = Quantities.estimatorMean(p.bestOf(n), p, n, true);
        double se = r.klHat().standardDeviation() / Math.sqrt(100_000);
        assertTrue(Math.abs(r.klHat().mean() - exact) < 6 * se, r.klHat() + " vs exact " + exact);
        assertEquals(r, EstimatorSampling.sample(p, n, 100_000, SEED));
        assertTrue(r.klHat().q05() <= r.klHat().median() && r.klHat().median() <= r.klHat().q95());
    }

    @Test
    @DisplayName("vBoN F-hat: unbiased for F, with the strict order; KS of two samples of one policy is small")
    void empiricalCdf() {
        RankedPmf p = pmf(Policy.probabilities(0.2, 0.3, 0.5));
        Well19937c rng = new Well19937c(SEED);
        int[] draws = EmpiricalCdf.draws(p, 400_000, rng);
        double[] fHat = EmpiricalCdf.strictCdf(3, draws);
        assertEquals(0.0, fHat[0]);
        assertEquals(0.2, fHat[1], 0.004);
        assertEquals(0.5, fHat[2], 0.004);
        double[] a = new double[2000];
        double[] b = new double[2000];
        int[] da = EmpiricalCdf.draws(p, 2000, rng);
        int[] db = EmpiricalCdf.draws(p, 2000, rng);
        for (int i = 0; i < 2000; i++) {
            a[i] = da[i];
            b[i] = db[i];
        }
        EmpiricalCdf.KsResult ks = EmpiricalCdf.kolmogorovSmirnov(a, b);
        assertTrue(ks.statistic() < 0.1, "KS statistic " + ks.statistic());
    }
}
