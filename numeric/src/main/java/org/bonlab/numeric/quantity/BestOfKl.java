package org.bonlab.numeric.quantity;

import java.util.Locale;
import org.bonlab.numeric.policy.CompensatedSum;
import org.bonlab.numeric.policy.RankedPmf;

/**
 * \( \mathrm{KL}(\pi_n \| p) \) for many n from one preparation of p: the workload of a KL-versus-n curve.
 *
 * <p>With \( a_i = \log F_i \) and \( b_i = \log(F_{i-1}/F_i) \) (both independent of n),
 * \( \log \pi_i = n a_i + g(n b_i) \) where \( g(x) = \log(1 - e^x) \) (Lemma 1 of Beirami et al. in log form).
 *
 * @implNote Only absolute accuracy of \( \log \pi_i \) matters (it becomes relative accuracy of \( \pi_i \)). So
 *     \( g(x) \) is {@code log(1 - exp(x))} for \( x \le -\log 2 \) (where \( 1 - e^x \ge 1/2 \)),
 *     {@code log(-expm1(x))} for \( -\log 2 &lt; x &lt; -10^{-2} \), and the series
 *     \( \log(-x) + x/2 + x^2/24 - x^4/2880 \) (truncation below \( 10^{-17} \)) for \( |x| \le 10^{-2} \), with
 *     \( \log(-x) = \log n + \log(-b_i) \) precomputed. Outcomes with \( n a_i &lt; -750 \) have \( \pi_i \)
 *     below the smallest double and are skipped: \( a_i \) is non-decreasing, so they are a prefix found by
 *     bisection. Memory is four arrays of length L.
 */
public final class BestOfKl {

    private static final double LN2 = 0.6931471805599453;
    private static final double SERIES_LIMIT = 1e-2;
    private static final double UNDERFLOW = -750;

    private final double[] a;      // log F_i
    private final double[] b;      // log(F_{i-1}/F_i), -inf at rank 0
    private final double[] logNegB; // log(-b_i)
    private final double[] logP;   // log p_i

    public BestOfKl(RankedPmf p) {
        int size = p.size();
        a = new double[size];
        b = new double[size];
        logNegB = new double[size];
        logP = new double[size];
        for (int i = 0; i < size; i++) {
            a[i] = p.logCdf(i);
            logP[i] = p.logProbability(i);
            double ratio = Math.exp(logP[i] - a[i]);
            double prev = i == 0 ? Double.NEGATIVE_INFINITY : p.logCdf(i - 1);
            b[i] = ratio <= 0.5 ? Math.log1p(-ratio) : prev - a[i];
            // where p_i/F_i is far below double resolution, -log1p(-ratio) = ratio: its log straight from the logs
            logNegB[i] = logP[i] - a[i] < -700 ? logP[i] - a[i] : Math.log(-b[i]);
        }
    }

    /** \( \mathrm{KL}(\pi_n \| p) \) in nats. */
    public double kl(double n) {
        Quantities.requireSampleCount(n);
        if (n == 1) {
            return 0.0; // best-of-1 is p itself
        }
        int size = a.length;
        int start = firstNotNegligible(n);
        double logN = Math.log(n);
        CompensatedSum sum = new CompensatedSum();
        for (int i = start; i < size; i++) {
            double lp = logP[i];
            if (lp == Double.NEGATIVE_INFINITY) {
                continue;
            }
            double x = n * b[i];
            double g;
            if (x <= -LN2) {
                g = Math.log(1 - Math.exp(x));
            } else if (x < -SERIES_LIMIT) {
                g = Math.log(-Math.expm1(x));
            } else {
                double x2 = x * x;
                g = logN + logNegB[i] + x / 2 + x2 / 24 - x2 * x2 / 2880;
            }
            double logPi = n * a[i] + g;
            double pi = Math.exp(logPi);
            if (pi != 0.0) {
                sum.add(pi * (logPi - lp));
            }
        }
        return Math.max(0.0, sum.value());
    }

    /** The first rank whose best-of-n probability can exceed the smallest double. */
    private int firstNotNegligible(double n) {
        int lo = 0;
        int hi = a.length - 1; // the top has a = 0, never negligible
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (n * a[mid] < UNDERFLOW) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "BestOfKl(L=%d)", a.length);
    }
}
