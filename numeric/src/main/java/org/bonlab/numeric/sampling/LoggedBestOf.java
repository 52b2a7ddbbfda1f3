package org.bonlab.numeric.sampling;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.bonlab.numeric.policy.CompensatedSum;
import org.bonlab.numeric.quantity.Quantities;

/**
 * Best-of-n from logged samples: unbiased estimates of what best-of-n of the reference policy would give, from m
 * i.i.d. responses per prompt, with confidence intervals by bootstrap over prompts.
 *
 * <p>Per prompt, every quantity is a U-statistic: its average over all n-subsets of the m responses (all
 * (n+1)-subsets for the win rate), computed in closed form from the ranks. The response best-of-n selects from an
 * n-subset is the one of highest reward, ties broken uniformly at random; the estimate is the exact expectation
 * over that random choice (a tied block of responses shares the weights of its ranks equally), not one draw of it.
 * <ul>
 * <li>reward (and gold reward): \( \sum_i \binom{i-1}{n-1} / \binom{m}{n} \, r_{(i)} \), the i-th smallest;</li>
 * <li>win rate, ties counting half: the probability that best-of-n of n responses beats one more response,
 * \( \frac1m \sum_j \big(1 - \tfrac12 [\binom{L^{\le}_j}{n} + \binom{L^{<}_j}{n}] / \binom{m-1}{n}\big) \), with
 * \( L^{<}_j, L^{\le}_j \) the other responses of reward below, and at most, that of response j (needs n &lt; m);
 * for distinct rewards it is n/(n+1) exactly;</li>
 * <li>kl_hat: the expectation over best-of-n's selection of the estimator of Eq. (28) of Beirami et al. at
 * eps = exp(logprob) of the selected response.</li>
 * </ul>
 * The estimate for the population is the mean over prompts; its interval is a bootstrap interval over prompts
 * ({@link Method}: bootstrap-t by default, or BCa).
 */
public final class LoggedBestOf {

    private LoggedBestOf() {
    }

    /** The estimates for one prompt at one n; {@code gold} and {@code winRate} are NaN where not available. */
    public record PerPrompt(double reward, double gold, double winRate, double klHat) {
    }

    /** An estimate with its interval. */
    public record Estimate(double value, double lo, double hi) {
    }

    /** The estimates at one n over all prompts; gold and win rate are empty where not available. */
    public record Row(int n, Estimate reward, java.util.Optional<Estimate> gold, java.util.Optional<Estimate> winRate,
            Estimate klHat, double klBound) {
    }

    /**
     * The order-statistic weights \( w_i = \binom{i-1}{n-1} / \binom{m}{n} \), i = 1..m (index i - 1): the probability
     * that the i-th smallest of m is the largest of a uniformly random n-subset; by \( w_m = n/m \) and
     * \( w_{i-1} = w_i (i-n)/(i-1) \).
     */
    static double[] orderWeights(int m, int n) {
        double[] w = new double[m];
        w[m - 1] = (double) n / m;
        for (int i = m; i > n; i--) {
            w[i - 2] = w[i - 1] * (i - n) / (i - 1);
        }
        return w;
    }

    /** \( \binom{a}{n} / \binom{m-1}{n} \) for a = 0..m-1, by \( R(a-1) = R(a)(a-n)/a \) from \( R(m-1) = 1 \). */
    static double[] subsetRatios(int m, int n) {
        double[] r = new double[m];
        r[m - 1] = 1;
        for (int a = m - 1; a > n; a--) {
            r[a - 1] = r[a] * (a - n) / a;
        }
        return r;
    }

    /** The estimates for one prompt at one n (n at most the number of responses). */
    public static PerPrompt perPrompt(LoggedPrompt s, int n) {
        int m = s.size();
        if (n < 1 || n > m) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "n must be from 1 to the %d responses of "
                    + "prompt '%s', but was %d", m, s.prompt(), n));
        }
        Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) {
            order[i] = i;
        }
        double[] r = s.reward();
        Arrays.sort(order, (a, b) -> Double.compare(r[a], r[b]));
        double[] w = orderWeights(m, n);
        // ties: each response of a tied block gets the mean weight of the block's ranks (random tie-break, in
        // expectation)
        double[] weight = new double[m];
        int start = 0;
        while (start < m) {
            int end = start;
            while (end + 1 < m && r[order[end + 1]] == r[order[start]]) {
                end++;
            }
            double mean = 0;
            for (int i = start; i <= end; i++) {
                mean += w[i];
            }
            mean /= end - start + 1;
            for (int i = start; i <= end; i++) {
                weight[order[i]] = mean;
            }
            start = end + 1;
        }
        CompensatedSum reward = new CompensatedSum();
        CompensatedSum gold = new CompensatedSum();
        CompensatedSum kl = new CompensatedSum();
        for (int j = 0; j < m; j++) {
            if (weight[j] == 0) {
                continue;
            }
            reward.add(weight[j] * r[j]);
            if (s.hasGold()) {
                gold.add(weight[j] * s.gold()[j]);
            }
            kl.add(weight[j] * Quantities.klHatOfLogProbability(s.logProbability()[j], n));
        }
        double winRate = Double.NaN;
        if (n < m) {
            double[] ratio = subsetRatios(m, n);
            CompensatedSum win = new CompensatedSum();
            int k = 0;
            while (k < m) {
                int end = k;
                while (end + 1 < m && r[order[end + 1]] == r[order[k]]) {
                    end++;
                }
                int below = k; // others strictly below a response of this block
                int atMost = end; // others at most (the block minus the response itself, and those below)
                double score = 1 - 0.5 * (ratio[atMost] + ratio[below]);
                win.add(score * (end - k + 1));
                k = end + 1;
            }
            winRate = win.value() / m;
        }
        return new PerPrompt(reward.value(), s.hasGold() ? gold.value() : Double.NaN, winRate, kl.value());
    }

    /**
     * The estimates at each n with bootstrap intervals at {@code level} from {@code resamples} bootstrap resamples of the
     * prompts (seeded: the same resamples for every n and quantity).
     */
    public static List<Row> estimate(List<LoggedPrompt> prompts, int[] ns, int resamples, long seed, double level,
            Method method) {
        return estimate(table(prompts, ns), ns, resamples, seed, level, method);
    }

    /** Each prompt's estimates at each n: [k][i] for ns[k] and prompt i. */
    public static PerPrompt[][] table(List<LoggedPrompt> prompts, int[] ns) {
        PerPrompt[][] t = new PerPrompt[ns.length][prompts.size()];
        for (int k = 0; k < ns.length; k++) {
            for (int i = 0; i < prompts.size(); i++) {
                t[k][i] = perPrompt(prompts.get(i), ns[k]);
            }
        }
        return t;
    }

    /** The same from each prompt's estimates already computed ({@link #table}). */
    public static List<Row> estimate(PerPrompt[][] table, int[] ns, int resamples, long seed, double level,
            Method method) {
        int promptCount = table.length == 0 ? 0 : table[0].length;
        if (promptCount < 2) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "the log must hold at least 2 prompts for "
                    + "confidence intervals (the bootstrap resamples prompts), but holds %d", promptCount));
        }
        if (resamples < 100) {
            throw new IllegalArgumentException("bootstrap resamples must be at least 100, but were " + resamples);
        }
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("the level must be in (0, 1), but was " + level);
        }
        int p = promptCount;
        boolean gold = !Double.isNaN(table[0][0].gold());
        // every n's four quantities per prompt first, then one pass over the resamples for all of them
        double[][] v = new double[4 * ns.length][p];
        boolean[] win = new boolean[ns.length];
        for (int k = 0; k < ns.length; k++) {
            win[k] = true;
            for (int i = 0; i < p; i++) {
                PerPrompt e = table[k][i];
                v[4 * k][i] = e.reward();
                v[4 * k + 1][i] = e.gold();
                v[4 * k + 2][i] = e.winRate();
                v[4 * k + 3][i] = e.klHat();
                win[k] &= !Double.isNaN(e.winRate());
            }
        }
        double[][][] boot = resample(v, resamples, seed);
        java.util.ArrayList<Row> rows = new java.util.ArrayList<>();
        for (int k = 0; k < ns.length; k++) {
            int at = 4 * k;
            rows.add(new Row(ns[k], method.interval(v[at], boot[at], level), gold
                    ? java.util.Optional.of(method.interval(v[at + 1], boot[at + 1], level)) : java.util.Optional.empty(),
                    win[k] ? java.util.Optional.of(method.interval(v[at + 2], boot[at + 2], level))
                            : java.util.Optional.empty(),
                    method.interval(v[at + 3], boot[at + 3], level), Quantities.analyticalKl(ns[k])));
        }
        return rows;
    }

    /** How a bootstrap interval is formed from the resamples. */
    public enum Method {
        /**
         * Bootstrap-t (the default): the resampled means studentized by their own standard errors. Its coverage
         * is within 93-97% in every case of {@code LoggedBestOfTest} (100 prompts of 8 responses; a rare best
         * outcome included), where BCa's falls to 92%.
         */
        STUDENTIZED,
        /** Bias-corrected and accelerated percentiles (Efron 1987), the acceleration from the jackknife. */
        BCA;

        Estimate interval(double[] x, double[][] boot, double level) {
            return this == BCA ? bca(x, boot[0], level) : studentized(x, boot[0], boot[1], level);
        }
    }

    /**
     * For each quantity q (a row of x, one value per prompt), the mean and the standard error of the mean of each of
     * {@code resamples} resamples of the prompts with replacement: [q][0][b] and [q][1][b]. Every quantity sees the
     * same resamples, drawn from {@code seed} one at a time and not stored (B times P indices would not fit in memory
     * for large logs).
     */
    static double[][][] resample(double[][] x, int resamples, long seed) {
        int q = x.length;
        int p = x[0].length;
        double[][][] out = new double[q][2][resamples];
        RandomGenerator rng = new Well19937c(seed);
        int[] draw = new int[p];
        for (int b = 0; b < resamples; b++) {
            for (int i = 0; i < p; i++) {
                draw[i] = rng.nextInt(p);
            }
            for (int k = 0; k < q; k++) {
                double sum = 0;
                for (int i : draw) {
                    sum += x[k][i];
                }
                double m = sum / p;
                double ss = 0;
                for (int i : draw) {
                    ss += (x[k][i] - m) * (x[k][i] - m);
                }
                out[k][0][b] = m;
                out[k][1][b] = Math.sqrt(ss / (p - 1) / p);
            }
        }
        return out;
    }

    /** The mean of x and its BCa bootstrap interval over the given resamples of indices. */
    static Estimate bca(double[] x, double[] means, double level) {
        int p = x.length;
        CompensatedSum total = new CompensatedSum();
        for (double v : x) {
            total.add(v);
        }
        double mean = total.value() / p;
        int b = means.length;
        double[] boot = means.clone();
        int below = 0;
        int equal = 0;
        for (int k = 0; k < b; k++) {
            below += boot[k] < mean ? 1 : 0;
            equal += boot[k] == mean ? 1 : 0;
        }
        Arrays.sort(boot);
        if (boot[0] == boot[b - 1]) {
            return new Estimate(mean, mean, mean); // no spread: every resample gives the same mean
        }
        NormalDistribution normal = new NormalDistribution(null, 0, 1);
        double share = Math.min(Math.max((below + 0.5 * equal) / b, 0.5 / b), 1 - 0.5 / b);
        double z0 = normal.inverseCumulativeProbability(share);
        // the acceleration, from the jackknife of the mean: leave-one-out means differ from the mean by
        // (mean - x_i)/(p - 1)
        double num = 0;
        double den = 0;
        for (double v : x) {
            double d = (v - mean) / (p - 1); // jackknife mean minus leave-one-out mean
            num += d * d * d;
            den += d * d;
        }
        double a = den == 0 ? 0 : num / (6 * Math.pow(den, 1.5));
        double zLo = normal.inverseCumulativeProbability((1 - level) / 2);
        double zHi = -zLo;
        double pLo = normal.cumulativeProbability(z0 + (z0 + zLo) / (1 - a * (z0 + zLo)));
        double pHi = normal.cumulativeProbability(z0 + (z0 + zHi) / (1 - a * (z0 + zHi)));
        return new Estimate(mean, quantile(boot, pLo), quantile(boot, pHi));
    }

    /**
     * The mean of x and its studentized (bootstrap-t) interval: the quantiles of
     * \( t^*_b = (\bar x^*_b - \bar x) / (s^*_b/\sqrt{P}) \) over the resamples give
     * \( [\bar x - t^*_{1-\alpha/2}\, s/\sqrt{P},\ \bar x - t^*_{\alpha/2}\, s/\sqrt{P}] \); a resample whose values
     * are all equal has t = +-infinity (or 0 when its mean is the mean), as its limit.
     */
    static Estimate studentized(double[] x, double[] means, double[] ses, double level) {
        int p = x.length;
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= p;
        double ss = 0;
        for (double v : x) {
            ss += (v - mean) * (v - mean);
        }
        double se = Math.sqrt(ss / (p - 1) / p);
        if (se == 0) {
            return new Estimate(mean, mean, mean);
        }
        int b = means.length;
        double[] t = new double[b];
        for (int k = 0; k < b; k++) {
            double d = means[k] - mean;
            double seStar = ses[k];
            t[k] = seStar > 0 ? d / seStar : d == 0 ? 0 : d > 0 ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        }
        Arrays.sort(t);
        double tLo = quantile(t, (1 - level) / 2);
        double tHi = quantile(t, 1 - (1 - level) / 2);
        if (!Double.isFinite(tLo) || !Double.isFinite(tHi)) {
            // so many resamples repeat one value (very few prompts) that t has no finite quantile: percentiles
            double[] sorted = means.clone();
            Arrays.sort(sorted);
            return new Estimate(mean, quantile(sorted, (1 - level) / 2), quantile(sorted, 1 - (1 - level) / 2));
        }
        return new Estimate(mean, mean - tHi * se, mean - tLo * se);
    }

    /** The q-quantile of sorted values, linear between order statistics (type 7). */
    static double quantile(double[] sorted, double q) {
        double h = (sorted.length - 1) * Math.min(Math.max(q, 0), 1);
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        if (sorted[lo] == sorted[hi] || h == lo) {
            return sorted[lo];
        }
        if (Double.isInfinite(sorted[lo]) || Double.isInfinite(sorted[hi])) {
            return h - lo < 0.5 ? sorted[lo] : sorted[hi];
        }
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
