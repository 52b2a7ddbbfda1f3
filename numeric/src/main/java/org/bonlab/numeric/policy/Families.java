package org.bonlab.numeric.policy;

import java.util.Locale;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.random.Well19937c;
import org.bonlab.expr.Scalar;
import org.bonlab.policy.Spike;

/** Ranked PMFs of the policy families, each computed in the most accurate form available. */
public final class Families {

    private Families() {
    }

    /** Figure 3 of Beirami et al.: the rest uniform at the bottom, then the tops from the lowest to the highest. */
    public static RankedPmf spike(Ranking ranking, Spike spike) {
        double[] p = new double[spike.size()];
        for (int i = 0; i < p.length; i++) {
            Scalar s = spike.probability(i);
            p[i] = s.toDouble();
        }
        return RankedPmf.ofRankedProbabilities(ranking, p);
    }

    /**
     * Zipf: \( p_k \propto k^{-s} \), k = 1..L, in log space; the normaliser is a compensated sum. The rarest
     * outcome is ranked highest unless {@code bestIsCommon}.
     */
    public static RankedPmf zipf(Ranking ranking, int size, double s, boolean bestIsCommon) {
        double[] logW = new double[size];
        CompensatedSum z = new CompensatedSum();
        for (int i = 0; i < size; i++) {
            int k = bestIsCommon ? size - i : i + 1; // rank i holds outcome k
            logW[i] = -s * Math.log(k);
        }
        // sum from the smallest weights up
        for (int i = 0; i < size; i++) {
            int idx = bestIsCommon ? i : size - 1 - i;
            z.add(Math.exp(logW[idx]));
        }
        double logZ = Math.log(z.value());
        for (int i = 0; i < size; i++) {
            logW[i] -= logZ;
        }
        return RankedPmf.ofOwnedRankedLogProbabilities(ranking, logW);
    }

    /**
     * A symmetric Dirichlet draw from a seeded Well19937c generator, in log space so that small concentrations
     * (whose gamma draws underflow) still give a valid policy: \( G_a = G_{a+1} U^{1/a} \).
     */
    public static RankedPmf dirichlet(Ranking ranking, int size, double alpha, long seed) {
        Well19937c rng = new Well19937c(seed);
        GammaDistribution gamma = new GammaDistribution(rng, alpha + 1, 1.0);
        double[] logG = new double[size];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < size; i++) {
            double g = gamma.sample();
            double u = rng.nextDouble();
            while (u == 0) {
                u = rng.nextDouble();
            }
            logG[i] = Math.log(g) + Math.log(u) / alpha;
            max = Math.max(max, logG[i]);
        }
        CompensatedSum z = new CompensatedSum();
        for (int i = 0; i < size; i++) {
            z.add(Math.exp(logG[i] - max));
        }
        double logZ = max + Math.log(z.value());
        for (int i = 0; i < size; i++) {
            logG[i] -= logZ;
        }
        if (!Double.isFinite(logZ)) {
            throw new ArithmeticException(String.format(Locale.ROOT,
                    "dirichlet draw failed (L = %d, alpha = %s, seed = %d)", size, alpha, seed));
        }
        return RankedPmf.ofOwnedRankedLogProbabilities(ranking, logG);
    }
}
