package org.bonlab.numeric.policy;

import java.util.Locale;
import org.apache.commons.math3.util.CombinatoricsUtils;

/**
 * Best-of-n in the form of Prop. 1, Eq. (4) of Amini et al. (vBoN):
 * \( \pi(y) = \sum_{i=1}^{N} \binom{N}{i} F(y)^{N-i} p(y)^i \), with vBoN's strict CDF \( F(y) = P(y' \prec_r y) \).
 * Algebraically equal to Lemma 1 of Beirami et al. by the binomial theorem; kept as an independent
 * computation to test that equality. Costs O(N L): for moderate N.
 */
public final class BinomialForm {

    /** Largest N accepted (the sum has N terms per outcome). */
    public static final int MAX_N = 100_000;

    private BinomialForm() {
    }

    /** The best-of-N probabilities in rank order, each as a log-sum-exp of the N binomial terms. */
    public static double[] bestOf(RankedPmf p, int n) {
        if (n < 1 || n > MAX_N) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "N for the binomial form must be in [1, %d], but was %d", MAX_N, n));
        }
        double[] out = new double[p.size()];
        double[] terms = new double[n];
        for (int y = 0; y < p.size(); y++) {
            double logP = p.logProbability(y);
            double logF = y == 0 ? Double.NEGATIVE_INFINITY : p.logCdf(y - 1);
            if (logP == Double.NEGATIVE_INFINITY) {
                continue;
            }
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 1; i <= n; i++) {
                double fPart = n - i == 0 ? 0.0 : (n - i) * logF; // F^0 = 1 even where F = 0
                terms[i - 1] = CombinatoricsUtils.binomialCoefficientLog(n, i) + fPart + i * logP;
                max = Math.max(max, terms[i - 1]);
            }
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += Math.exp(terms[i] - max);
            }
            out[y] = Math.exp(max + Math.log(s));
        }
        return out;
    }
}
