package org.bonlab.numeric.quantity;

import java.util.Locale;
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
 *     \( \log(-x) = \log n + \log(-b_i) \) (\( \log(-b_i) \) precomputed from 64 outcomes up, taken where
 *     needed below). Outcomes with \( n a_i &lt; -750 \) have \( \pi_i \)
 *     below the smallest double and are skipped: \( a_i \) is non-decreasing, so they are a prefix found by
 *     bisection. \( \pi_i = F_i^n (1 - e^{x_i}) \) with \( F_i^n \) carried down the ranks as a product
 *     (\( F_{i-1}^n = F_i^n e^{x_i} \)), restarted from \( e^{n a_i} \) every 16 ranks: on the bulk of the
 *     outcomes (the series branch) no transcendental function is called, elsewhere two. Memory is two arrays of
 *     length L beside the PMF's, whose log p and log F it reads in place.
 */
public final class BestOfKl {

    private static final double LN2 = 0.6931471805599453;
    private static final double SERIES_LIMIT = 1e-2;
    private static final double UNDERFLOW = -750;
    /** Ranks between fresh evaluations of F_i^n = exp(n a_i); the ones between are products (see {@link #kl}). */
    private static final int RESTART = 16;
    /** Ranks from which one n is summed in {@link #PIECES} pieces in parallel (one piece below). */
    private static final int PARALLEL_SPAN = 1 << 16;
    private static final int PIECES = 4;

    private final double[] a;      // log F_i: the PMF's own array, shared
    private final double[] b;      // log(F_{i-1}/F_i), -inf at rank 0
    /** log(-b_i), or null for a small PMF (taken where the series needs it: most one-off kernels never do). */
    private final double[] logNegB;
    private final double[] logP;   // log p_i: the PMF's own array, shared
    private final RankedPmf pmf;
    private final boolean ties;    // whether the reward has ties ({@link #winSums} sums over tie groups then)

    public BestOfKl(RankedPmf p) {
        int size = p.size();
        pmf = p;
        ties = p.ranking().hasTies();
        a = p.sharedLogCdf();
        logP = p.sharedLogProbabilities();
        b = new double[size];
        for (int i = 0; i < size; i++) {
            double ratio = Math.exp(logP[i] - a[i]);
            double prev = i == 0 ? Double.NEGATIVE_INFINITY : p.logCdf(i - 1);
            b[i] = ratio <= 0.5 ? Math.log1p(-ratio) : prev - a[i];
        }
        if (size < PRECOMPUTED_LOGS) {
            logNegB = null;
        } else {
            logNegB = new double[size];
            for (int i = 0; i < size; i++) {
                logNegB[i] = logNegB(i);
            }
        }
    }

    /**
     * From this many ranks in one sum, the series branch evaluates its polynomials by fused multiply-adds (Horner's
     * scheme, one rounding per step: as accurate, and about 15% off a sweep of 10^6 outcomes here,
     * {@code bench/kl-kernel.sh}) where the processor has them; below, a few products and sums (the same value to
     * within an ulp or two), without asking.
     */
    private static final int FUSED_SPAN = 4096;

    /**
     * Whether the processor fuses multiply-add, read once, on first use: {@link Math#fma} is then one instruction
     * (a HotSpot intrinsic), and otherwise JDK 17 computes it with {@code BigDecimal}, some hundred times slower.
     * Linux names it among the flags of {@code /proc/cpuinfo} (read in a few milliseconds); every AArch64 processor
     * has it; elsewhere it is taken to be absent.
     */
    private static final class FusedMultiplyAdd {
        static final boolean AVAILABLE = detect();

        private static boolean detect() {
            String arch = System.getProperty("os.arch", "");
            if (arch.equals("aarch64")) {
                return true;
            }
            try (java.io.FileInputStream in = new java.io.FileInputStream("/proc/cpuinfo")) {
                String info = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
                int at = info.indexOf("\nflags");
                if (at < 0) {
                    return false;
                }
                int end = info.indexOf('\n', at + 1);
                return (info.substring(at, end < 0 ? info.length() : end) + " ").contains(" fma ");
            } catch (java.io.IOException | RuntimeException e) {
                return false; // not Linux, or not readable: products and sums
            }
        }
    }

    /**
     * From this many outcomes, log(-b_i) is taken for every rank when the kernel is built (a curve over many n
     * reads it for most ranks at each n); below, only at the ranks where {@link #kl}'s series needs it.
     */
    private static final int PRECOMPUTED_LOGS = 64;

    /** \( \log(-b_i) \). */
    private double logNegB(int i) {
        // where p_i/F_i is far below double resolution, -log1p(-ratio) = ratio: its log straight from the logs
        return logP[i] - a[i] < -700 ? logP[i] - a[i] : Math.log(-b[i]);
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
        int span = size - start;
        if (span < PARALLEL_SPAN) {
            double[] part = partialSum(n, logN, start, size);
            return Math.max(0.0, part[0] + part[1]);
        }
        // PIECES fixed pieces of the ranks, on the common pool, added in rank order: the same value on any number
        // of cores
        double[][] parts = new double[PIECES][];
        java.util.stream.IntStream.range(0, PIECES).parallel().forEach(k -> parts[k] = partialSum(n, logN,
                start + (int) ((long) span * k / PIECES), start + (int) ((long) span * (k + 1) / PIECES)));
        double sum = 0;
        double compensation = 0;
        for (double[] part : parts) {
            double t = sum + part[0];
            double v = t - sum;
            compensation += (sum - (t - v)) + (part[0] - v) + part[1];
            sum = t;
        }
        return Math.max(0.0, sum + compensation);
    }

    /**
     * The terms of ranks {@code from} to {@code to - 1}, as a compensated sum {sum, compensation}; F_i^n is
     * taken from exp(n a_i) at the top rank of the piece.
     */
    private double[] partialSum(double n, double logN, int from, int to) {
        // compensated summation by Knuth's branch-free TwoSum: the error of each addition, exactly, summed apart
        double sum = 0;
        double compensation = 0;
        // From the top down: F_i^n, with F_{i-1}^n = F_i^n e^{x_i}, x_i = n b_i, so pi_i = F_i^n (1 - e^{x_i}).
        // 1 - e^x is needed for log pi_i anyway: the product replaces an exp per outcome, and F_i^n is taken
        // afresh from exp(n a_i) every RESTART ranks, so at most RESTART - 1 products (each within about 2 ulp)
        // separate any pi_i from an exp.
        double power = 1;
        int untilRestart = 0;
        boolean fused = to - from >= FUSED_SPAN && FusedMultiplyAdd.AVAILABLE;
        for (int i = to - 1; i >= from; i--) {
            if (--untilRestart < 0) {
                power = Math.exp(n * a[i]);
                untilRestart = RESTART - 1;
            }
            double lp = logP[i];
            double x = n * b[i];
            double oneMinusExp; // 1 - e^x, to full relative accuracy
            double exp;         // e^x, to full absolute accuracy
            double g;           // log(1 - e^x)
            if (x <= -LN2) {
                exp = Math.exp(x);
                oneMinusExp = 1 - exp;
                g = Math.log(oneMinusExp);
            } else if (x < -SERIES_LIMIT) {
                double em1 = Math.expm1(x);
                oneMinusExp = -em1;
                exp = 1 + em1;
                g = Math.log(oneMinusExp);
            } else if (lp == Double.NEGATIVE_INFINITY) {
                continue; // p_i = 0: pi_i = 0 and F_{i-1} = F_i
            } else {
                double x2 = x * x;
                g = logN + (logNegB != null ? logNegB[i] : logNegB(i)) + (fused
                        ? Math.fma(x2, Math.fma(x2, -1.0 / 2880, 1.0 / 24), x * 0.5)
                        : x * 0.5 + x2 * (1.0 / 24) - x2 * x2 * (1.0 / 2880)); // no division in the loop
                if (lp - a[i] < -700) {
                    // p_i / F_i below double resolution: b_i and x carry no digits, log(-x) came from the logs
                    double logPi = n * a[i] + g;
                    double pi = Math.exp(logPi);
                    if (pi != 0.0) {
                        double term = pi * (logPi - lp);
                        double t = sum + term;
                        double v = t - sum;
                        compensation += (sum - (t - v)) + (term - v);
                        sum = t;
                    }
                    continue; // e^x = 1 to double precision
                }
                // -expm1(x) = -x (1 + x/2 + x^2/6 + x^3/24 + x^4/120 + x^5/720), truncation below 1e-16 relative
                oneMinusExp = -x * (fused
                        ? Math.fma(x, Math.fma(x, Math.fma(x, Math.fma(x, Math.fma(x, 1.0 / 720, 1.0 / 120),
                                1.0 / 24), 1.0 / 6), 0.5), 1)
                        : 1 + x * (0.5 + x * (1.0 / 6 + x * (1.0 / 24 + x * (1.0 / 120 + x * (1.0 / 720))))));
                exp = 1 - oneMinusExp;
            }
            double pi = power * oneMinusExp;
            double term = pi * (n * a[i] + g - lp); // 0 where pi underflows: nothing added
            double t = sum + term;
            double v = t - sum;
            compensation += (sum - (t - v)) + (term - v);
            sum = t;
            power *= exp;
        }
        return new double[] {sum, compensation};
    }

    /**
     * S and T of {@link Quantities#bestOfWinSums} (the win rates of best-of-n against p, Thm 5.3 of Beirami et al.
     * v3): \( S = \sum_i p_i F_i^n \) and \( T = \sum_i p_i F_{i-1}^n \) for a reward without ties.
     *
     * @implNote From the top rank down with \( F_i^n \) carried as in {@link #kl} (\( F_{i-1}^n = F_i^n e^{n b_i} \),
     *     \( e^{n b_i} \) by its Taylor polynomial where \( |n b_i| \le 10^{-2} \), restarted from
     *     \( e^{n a_i} \) every 16 ranks): one exp per outcome (\( p_i \)) instead of two. Ranks where
     *     \( F_i^n \) underflows add nothing and are skipped. With ties, the sums over tie groups of
     *     {@link Quantities#bestOfWinSums}.
     */
    public double[] winSums(double n) {
        Quantities.requireSampleCount(n);
        if (ties) {
            return Quantities.bestOfWinSums(pmf, n);
        }
        int size = a.length;
        int start = firstNotNegligible(n);
        int span = size - start;
        if (span < PARALLEL_SPAN) {
            double[] part = partialWinSums(n, start, size);
            return new double[] {part[0] + part[1], part[2] + part[3]};
        }
        double[][] parts = new double[PIECES][];
        java.util.stream.IntStream.range(0, PIECES).parallel().forEach(k -> parts[k] = partialWinSums(n,
                start + (int) ((long) span * k / PIECES), start + (int) ((long) span * (k + 1) / PIECES)));
        CompensatedSumPair total = new CompensatedSumPair();
        for (double[] part : parts) {
            total.add(part[0], part[2]);
            total.add(part[1], part[3]);
        }
        return new double[] {total.s + total.sc, total.t + total.tc};
    }

    /** Two compensated sums side by side (Knuth's TwoSum). */
    private static final class CompensatedSumPair {
        double s;
        double sc;
        double t;
        double tc;

        void add(double x, double y) {
            double u = s + x;
            double v = u - s;
            sc += (s - (u - v)) + (x - v);
            s = u;
            u = t + y;
            v = u - t;
            tc += (t - (u - v)) + (y - v);
            t = u;
        }
    }

    /** S and T over ranks {@code from} to {@code to - 1}: {S, its compensation, T, its compensation}. */
    private double[] partialWinSums(double n, int from, int to) {
        CompensatedSumPair sums = new CompensatedSumPair();
        double power = 1; // F_i^n
        int untilRestart = 0;
        for (int i = to - 1; i >= from; i--) {
            if (--untilRestart < 0) {
                power = Math.exp(n * a[i]);
                untilRestart = RESTART - 1;
            }
            double x = n * b[i];
            // e^x = (F_{i-1}/F_i)^n, to full relative accuracy; truncation of the polynomial below 3e-18
            double exp = x < -SERIES_LIMIT ? Math.exp(x)
                    : 1 + x * (1 + x * (0.5 + x * (1.0 / 6 + x * (1.0 / 24 + x * (1.0 / 120
                            + x * (1.0 / 720))))));
            double below = power * exp;
            double lp = logP[i];
            if (lp != Double.NEGATIVE_INFINITY) {
                double p = Math.exp(lp);
                sums.add(p * power, p * below);
            }
            power = below;
        }
        return new double[] {sums.s, sums.sc, sums.t, sums.tc};
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
