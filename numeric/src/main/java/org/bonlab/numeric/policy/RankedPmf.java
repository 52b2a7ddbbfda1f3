package org.bonlab.numeric.policy;

import java.util.Locale;

/**
 * A probability mass function over ranked outcomes, held in log space together with its CDF and upper tail:
 * \( \log p_i \), \( \log F_i \) with \( F_i = \sum_{j \le i} p_j \), and \( \log(1 - F_i) = \log \sum_{j > i} p_j \).
 *
 * <p>Holding both \( F \) and \( 1 - F \) to full relative precision is what makes best-of-n stable: the bottom
 * of the distribution needs \( F \), the top needs \( 1 - F \), and best-of-n maps them to
 * \( F^n \) and \( 1 - F^n = -\mathrm{expm1}(n \log F) \) without ever forming \( 1 - (\text{something near } 1) \).
 *
 * @implNote Cumulative sums are compensated (Neumaier); \( F_i \) is taken from the sum from the bottom when
 *     it is at most 1/2 and as \( 1 - \text{tail} \) through {@code log1p} otherwise, where the tail is summed from
 *     the top. Both are then accurate to a few ulps in relative terms.
 */
public final class RankedPmf {

    private final Ranking ranking;
    private final double[] logP;
    private final double[] logCdf;
    /** log(1 - F_i), null until first read: computed then by {@link #tails} (see {@link #logTails()}). */
    private volatile double[] logTail;
    /** Makes the tail's logs on first read (it holds nothing the PMF does not hold already, but small sums). */
    private final Tails tails;

    /**
     * How the upper tail's logs are made when first read. Most readers (the KL, expected rewards, the win rates of
     * a large policy) never read them, so a PMF on 10^8 outcomes holds two arrays of L rather than three, and a
     * counterexample search building millions of small PMFs takes no logs it does not use.
     */
    @FunctionalInterface
    private interface Tails {
        double[] logs();
    }

    private RankedPmf(Ranking ranking, double[] logP, double[] logCdf, Tails tails) {
        this.ranking = ranking;
        this.logP = logP;
        this.logCdf = logCdf;
        this.tails = tails;
    }

    /** Up to this many outcomes, {@link #build} keeps the sums below and above each rank for the tail's logs. */
    private static final int KEPT_SUMS_MAX = 64;

    /** The array of log(1 - F_i), made on first read. */
    private double[] logTails() {
        double[] known = logTail;
        if (known == null) {
            known = tails.logs();
            logTail = known; // a benign race: every thread computes the same array
        }
        return known;
    }

    /**
     * The log of a sum of probabilities from it and the sum of the rest: log(sum) while it is at most 1/2, and
     * log1p(-rest) above, where the rest is the smaller and the more accurate.
     */
    private static double logOfSum(double sum, double rest) {
        return sum <= 0.5 ? Math.log(sum) : Math.log1p(-rest);
    }

    /** log(1 - F_i) from the compensated sums below (through i) and above (after i) each rank. */
    private static double[] tailLogs(double[] below, double[] above) {
        int size = below.length;
        double[] logTail = new double[size];
        for (int i = 0; i < size - 1; i++) {
            logTail[i] = logOfSum(above[i], below[i]);
        }
        logTail[size - 1] = Double.NEGATIVE_INFINITY; // nothing above the top outcome
        return logTail;
    }

    /**
     * log(1 - F_i) of a large PMF from its log-probabilities, with the sums of {@link #build}: the sums above each
     * rank into the array, the sums below in a running sum. For a PMF built from its log-probabilities these are
     * the build's own sums, so the logs are those it would have taken.
     */
    private static double[] tailLogs(double[] logP) {
        int size = logP.length;
        double[] out = new double[size];
        CompensatedSum above = new CompensatedSum();
        for (int i = size - 1; i >= 0; i--) {
            out[i] = above.value();
            above.add(Math.exp(logP[i]));
        }
        CompensatedSum below = new CompensatedSum();
        for (int i = 0; i < size - 1; i++) {
            below.add(Math.exp(logP[i]));
            out[i] = logOfSum(out[i], below.value());
        }
        out[size - 1] = Double.NEGATIVE_INFINITY; // nothing above the top outcome
        return out;
    }

    /**
     * A PMF from probabilities given in rank order (ascending \( \prec_r \)). The caller has validated them.
     */
    public static RankedPmf ofRankedProbabilities(Ranking ranking, double[] p) {
        double[] logP = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            logP[i] = Math.log(p[i]);
        }
        return build(ranking, p, logP);
    }

    /**
     * A PMF from log-probabilities in rank order (for policies whose small probabilities are known better in
     * log space than as doubles, such as Zipf or tilted policies).
     */
    public static RankedPmf ofRankedLogProbabilities(Ranking ranking, double[] logP) {
        return ofOwnedRankedLogProbabilities(ranking, logP.clone());
    }

    /** As {@link #ofRankedLogProbabilities}, keeping {@code logP} itself: the caller hands it over. */
    static RankedPmf ofOwnedRankedLogProbabilities(Ranking ranking, double[] logP) {
        double[] p = new double[logP.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.exp(logP[i]);
        }
        return build(ranking, p, logP);
    }

    private static RankedPmf build(Ranking ranking, double[] p, double[] logP) {
        int size = p.length;
        if (size != ranking.size()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "probabilities must have one entry per ranked outcome (%d), but have %d", ranking.size(), size));
        }
        if (size <= KEPT_SUMS_MAX) {
            double[] below = CompensatedSum.prefixSums(p);          // sum_{j <= i} p_j
            double[] above = CompensatedSum.suffixSumsExclusive(p); // sum_{j > i} p_j
            double[] logCdf = new double[size];
            for (int i = 0; i < size; i++) {
                logCdf[i] = logOfSum(below[i], above[i]);
            }
            logCdf[size - 1] = 0.0; // the CDF of the top outcome is 1 by definition
            return new RankedPmf(ranking, logP, logCdf, () -> tailLogs(below, above));
        }
        // a large PMF: the sums below each rank become their logs in place, the sums above run in one sum from the
        // top (no third array of L); the tail's logs are made from logP if they are ever read
        double[] logCdf = CompensatedSum.prefixSums(p);
        CompensatedSum above = new CompensatedSum();
        for (int i = size - 1; i >= 0; i--) {
            logCdf[i] = logOfSum(logCdf[i], above.value());
            above.add(p[i]);
        }
        logCdf[size - 1] = 0.0;
        return new RankedPmf(ranking, logP, logCdf, () -> tailLogs(logP));
    }

    /**
     * The geometric PMF \( p_k \propto r^k \), k = 0..L-1, from closed forms. For r &lt; 1,
     * \( p_k = r^k \frac{1 - r}{1 - r^L} \), \( F_k = \frac{1 - r^{k+1}}{1 - r^L} \) and
     * \( 1 - F_k = r^{k+1}\frac{1 - r^{L-k-1}}{1 - r^L} \); for r &gt; 1 the same forms in q = 1/r counted from the
     * top: \( p_k = q^{L-1-k} \frac{1 - q}{1 - q^L} \), \( F_k = q^{L-1-k} \frac{1 - q^{k+1}}{1 - q^L} \) and
     * \( 1 - F_k = \frac{1 - q^{L-k-1}}{1 - q^L} \).
     *
     * @implNote Every factor \( 1 - x^m \) is {@link #logOneMinusExp} of \( m \log x \) with x &lt; 1, so
     *     neither \( r^L \) overflowing nor \( 1 - r \) cancelling costs precision, and no two large logs are
     *     subtracted (for r = 3 on 4000 outcomes, \( (k+1) \log r - \log(r^L - 1) \) lost 3.5e-13 of the top
     *     outcome's tail).
     */
    public static RankedPmf geometric(Ranking ranking, double r) {
        int size = ranking.size();
        if (r == 1.0) {
            return uniform(ranking);
        }
        boolean fromTop = r > 1;
        double lx = fromTop ? -Math.log(r) : Math.log(r); // log x, x = min(r, 1/r) < 1
        double logNorm = logOneMinusExp(size * lx);
        double logFirst = logOneMinusExp(lx);
        double[] logP = new double[size];
        double[] logCdf = new double[size];
        for (int k = 0; k < size; k++) {
            if (fromTop) {
                double power = (double) (size - 1 - k) * lx;
                logP[k] = power + logFirst - logNorm;
                logCdf[k] = k == size - 1 ? 0.0 : power + logOneMinusExp((k + 1) * lx) - logNorm;
            } else {
                logP[k] = k * lx + logFirst - logNorm;
                logCdf[k] = k == size - 1 ? 0.0 : logOneMinusExp((k + 1) * lx) - logNorm;
            }
        }
        return new RankedPmf(ranking, logP, logCdf, () -> {
            double[] logTail = new double[size];
            for (int k = 0; k < size - 1; k++) {
                double rest = logOneMinusExp((double) (size - k - 1) * lx) - logNorm;
                logTail[k] = fromTop ? rest : (k + 1) * lx + rest;
            }
            logTail[size - 1] = Double.NEGATIVE_INFINITY;
            return logTail;
        });
    }

    /**
     * The uniform PMF on L ranked outcomes, with exact cumulative probabilities \( F_i = (i+1)/L \).
     */
    public static RankedPmf uniform(Ranking ranking) {
        int size = ranking.size();
        double logL = Math.log(size);
        double[] logP = new double[size];
        double[] logCdf = new double[size];
        for (int i = 0; i < size; i++) {
            logP[i] = -logL;
            int below = i + 1;
            int above = size - i - 1;
            logCdf[i] = 2L * below <= size ? Math.log(below) - logL : Math.log1p(-(double) above / size);
        }
        return new RankedPmf(ranking, logP, logCdf, () -> {
            double[] logTail = new double[size];
            for (int i = 0; i < size; i++) {
                int below = i + 1;
                int above = size - i - 1;
                logTail[i] = above == 0 ? Double.NEGATIVE_INFINITY
                        : 2L * above <= size ? Math.log(above) - logL : Math.log1p(-(double) below / size);
            }
            return logTail;
        });
    }

    /**
     * The best-of-n PMF, Lemma 1 (Eq. (7)) of Beirami et al.: \( \pi_i = F_i^n - F_{i-1}^n \), with cumulative
     * \( F_i^n \) and tail \( 1 - F_i^n \).
     *
     * @implNote Computed as \( \log \pi_i = n \log F_i + \log(-\mathrm{expm1}(n \log(F_{i-1}/F_i))) \), where
     *     \( \log(F_{i-1}/F_i) = \mathrm{log1p}(-p_i/F_i) \) when \( p_i/F_i \le 1/2 \) (so that outcomes far
     *     smaller than the mass below them keep their probability), and the difference of logs otherwise.
     *     The naive \( F_i^n - F_{i-1}^n \) loses everything when \( p_i \ll F_i \) and n is large.
     * @param n the number of samples, a positive integer (as a double, exact up to \( 2^{53} \))
     */
    public RankedPmf bestOf(double n) {
        if (n == 1) {
            return this; // best-of-1 is p itself, so its divergences to p are exactly 0
        }
        int size = logP.length;
        double logN = Math.log(n);
        double[] lp = new double[size];
        double[] lc = new double[size];
        for (int i = 0; i < size; i++) {
            lc[i] = n * logCdf[i];
            lp[i] = logDifferenceOfPowers(n, logN, logP[i], logCdf[i], i == 0 ? Double.NEGATIVE_INFINITY
                    : logCdf[i - 1]);
        }
        return new RankedPmf(ranking, lp, lc, () -> {
            double[] lt = new double[size];
            for (int i = 0; i < size; i++) {
                lt[i] = logOneMinusExp(lc[i]);
            }
            return lt;
        });
    }

    /**
     * The worst-of-n PMF: \( \pi_i = (1 - F_{i-1})^n - (1 - F_i)^n \), the mirror image of {@link #bestOf}.
     */
    public RankedPmf worstOf(double n) {
        if (n == 1) {
            return this;
        }
        double[] logTail = logTails();
        int size = logP.length;
        double logN = Math.log(n);
        double[] lp = new double[size];
        double[] lc = new double[size];
        double[] lt = new double[size];
        for (int i = 0; i < size; i++) {
            lt[i] = n * logTail[i];
            lc[i] = logOneMinusExp(lt[i]);
            double logAtOrAbove = i == 0 ? 0.0 : logTail[i - 1];
            lp[i] = logDifferenceOfPowers(n, logN, logP[i], logAtOrAbove, logTail[i]);
        }
        return new RankedPmf(ranking, lp, lc, () -> lt);
    }

    /**
     * \( \log(A^n - B^n) \) for \( A = B + p \ge B \ge 0 \), given \( \log p \), \( \log A \) and \( \log B \):
     * \( n \log A + \log(-\mathrm{expm1}(n \log(B/A))) \).
     */
    static double logDifferenceOfPowers(double n, double logN, double logP, double logA, double logB) {
        if (logP == Double.NEGATIVE_INFINITY) {
            return Double.NEGATIVE_INFINITY;
        }
        double logRatio = logP - logA;
        if (logRatio + logN < TINY_LOG_NP) {
            // n p/A below 1e-17: 1 - (1 - p/A)^n = n p/A (1 + O(n p/A)) to double precision, also where p/A
            // underflows (the general formula would then give log 0)
            return n * logA + logN + logRatio;
        }
        double ratio = Math.exp(logRatio); // p / A, in (0, 1]
        double logBOverA = ratio <= 0.5 ? Math.log1p(-ratio) : logB - logA;
        return n * logA + logOneMinusExp(n * logBOverA);
    }

    /** Below this log of n p/A, \( \log(1 - (1 - p/A)^n) \) is \( \log(n p/A) \) to double precision. */
    private static final double TINY_LOG_NP = -40;

    /** \( \log(1 - e^x) \) for \( x \le 0 \), accurate for x near 0 and for very negative x. */
    static double logOneMinusExp(double x) {
        if (x == 0.0) {
            return Double.NEGATIVE_INFINITY;
        }
        // Maechler's switch at -log 2: expm1 near 0, log1p(-exp) far from it.
        return x > -0.6931471805599453 ? Math.log(-Math.expm1(x)) : Math.log1p(-Math.exp(x));
    }

    /**
     * The KL-regularised optimum \( \pi^*(y) = p(y) e^{r(y)/\beta} / Z \), Eq. (2) of Amini et al., computed in log
     * space with a log-sum-exp normaliser.
     */
    public RankedPmf tilted(double beta) {
        if (!(beta > 0 && Double.isFinite(beta))) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "beta must be positive and finite, but was %s", beta));
        }
        int size = logP.length;
        double[] lw = new double[size];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < size; i++) {
            lw[i] = logP[i] + ranking.rewardAt(i) / beta;
            max = Math.max(max, lw[i]);
        }
        CompensatedSum z = new CompensatedSum();
        for (int i = 0; i < size; i++) {
            z.add(Math.exp(lw[i] - max));
        }
        double logZ = max + Math.log(z.value());
        for (int i = 0; i < size; i++) {
            lw[i] -= logZ;
        }
        return ofRankedLogProbabilities(ranking, lw);
    }

    public Ranking ranking() {
        return ranking;
    }

    public int size() {
        return logP.length;
    }

    /** \( p_i \) at rank i. */
    public double probability(int rank) {
        return Math.exp(logP[rank]);
    }

    /**
     * The array of \( \log p_i \) itself, not a copy, for kernels that read it many times and would otherwise
     * hold a copy of their own (on 10^8 outcomes, 800 MB). Read only: a write would corrupt this PMF.
     */
    public double[] sharedLogProbabilities() {
        return logP;
    }

    /** The array of \( \log F_i \) itself, not a copy; read only, as {@link #sharedLogProbabilities()}. */
    public double[] sharedLogCdf() {
        return logCdf;
    }

    /** \( \log p_i \) at rank i (\( -\infty \) for an impossible outcome). */
    public double logProbability(int rank) {
        return logP[rank];
    }

    /** \( F_i = P[\text{rank} \le i] \). */
    public double cdf(int rank) {
        return Math.exp(logCdf[rank]);
    }

    public double logCdf(int rank) {
        return logCdf[rank];
    }

    /** \( 1 - F_i = P[\text{rank} > i] \), accurate when small. */
    public double tail(int rank) {
        return Math.exp(logTails()[rank]);
    }

    public double logTail(int rank) {
        return logTails()[rank];
    }

    /** The probabilities in rank order (a fresh array). */
    public double[] probabilities() {
        double[] out = new double[logP.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.exp(logP[i]);
        }
        return out;
    }
}
