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
 *     \( g(x) \) is {@code log(1 - exp(x))} for \( x \le -\log 2 \) (where \( 1 - e^x \ge 1/2 \)), and the
 *     series \( \log(-x) + x/2 + \sum_{k=1}^{8} B_{2k} x^{2k}/(2k (2k)!) \) (truncation below
 *     \( 10^{-18} \)) for \( -\log 2 &lt; x &lt; 0 \), \( 1 - e^x \) beside it by its Taylor polynomial, with
 *     \( \log(-x) - \log p_i = \log n + \log(-b_i/p_i) \) (\( \log(-b_i/p_i) \) precomputed from 64 outcomes
 *     up, taken where needed below). Outcomes with \( n a_i &lt; -750 \) have \( \pi_i \)
 *     below the smallest double and are skipped: \( a_i \) is non-decreasing, so they are a prefix found by
 *     bisection. \( \pi_i = F_i^n (1 - e^{x_i}) \) with \( F_i^n \) carried down the ranks as a product
 *     (\( F_{i-1}^n = F_i^n e^{x_i} \)), restarted from \( e^{n a_i} \) every 16 ranks: on the bulk of the
 *     outcomes (the series branch) no transcendental function is called, elsewhere two. The series branch takes
 *     short polynomials where \( |x| \le 10^{-2} \) and longer ones beyond. From 4096 outcomes up, a block of 256
 *     ranks that lies wholly on one side of \( 10^{-2} \) within the series branch at n (known from the block's
 *     least and greatest b_i) is summed in two passes, the first in vector lanes, to the same value as rank by
 *     rank. Memory is two arrays of
 *     length L (b and \( \log(-b_i/p_i) \)) beside the PMF's, whose log p and log F it reads in place, and one
 *     double per block.
 */
public final class BestOfKl {

    private static final double LN2 = 0.6931471805599453;
    /** Where {@link #partialWinSums} takes e^x from its Taylor polynomial: |x| at most this. */
    private static final double WIN_SERIES_LIMIT = 1e-2;
    private static final double UNDERFLOW = -750;
    /** Ranks between fresh evaluations of F_i^n = exp(n a_i); the ones between are products (see {@link #kl}). */
    private static final int RESTART = 16;
    /** Ranks from which one n is summed in {@link #PIECES} pieces in parallel (one piece below). */
    private static final int PARALLEL_SPAN = 1 << 16;
    private static final int PIECES = 4;

    private final double[] a;      // log F_i: the PMF's own array, shared
    private final double[] b;      // log(F_{i-1}/F_i), -inf at rank 0
    /**
     * log(-b_i/p_i) (about -log F_i: small, where log(-b_i) and log p_i are not), or null for a small PMF (taken where
     * the series needs it: most one-off kernels never do). With it the series branch reads three arrays per rank
     * (a, b and this), the C kernel's count: on 10^6 outcomes the sweep is bound by memory bandwidth.
     */
    private final double[] logNegBOverP;
    private final double[] logP;   // log p_i: the PMF's own array, shared
    private final RankedPmf pmf;
    /**
     * Per block of {@link #BLOCK} ranks (block k holds ranks k BLOCK to (k + 1) BLOCK - 1): the least b_i, or
     * -inf where some rank of the block needs a branch of its own (rank 0, p_i = 0, p_i/F_i below double
     * resolution); null below {@link #FUSED_SPAN} outcomes. With {@link #blockGreatestB} it tells whether a block
     * lies wholly on one side of the series branch at n: see {@link #seriesBlock}.
     */
    private final double[] blockLeastB;
    /** Per block of {@link #BLOCK} ranks: the greatest b_i (over the ranks that need no branch of their own). */
    private final double[] blockGreatestB;
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
            logNegBOverP = null;
        } else {
            logNegBOverP = new double[size];
            for (int i = 0; i < size; i++) {
                logNegBOverP[i] = logNegBOverP(i);
            }
        }
        if (size < FUSED_SPAN) {
            blockLeastB = null;
            blockGreatestB = null;
        } else {
            blockLeastB = new double[(size + BLOCK - 1) / BLOCK];
            blockGreatestB = new double[blockLeastB.length];
            for (int k = 0; k < blockLeastB.length; k++) {
                double least = 0;
                double greatest = Double.NEGATIVE_INFINITY;
                for (int i = k * BLOCK, end = Math.min(size, i + BLOCK); i < end; i++) {
                    boolean own = i == 0 || logP[i] == Double.NEGATIVE_INFINITY || logP[i] - a[i] < -700
                            || !(b[i] <= 0);
                    least = own ? Double.NEGATIVE_INFINITY : Math.min(least, b[i]);
                    greatest = own ? greatest : Math.max(greatest, b[i]);
                }
                blockLeastB[k] = least;
                blockGreatestB[k] = greatest;
            }
        }
    }

    /** Ranks per block of {@link #blockLeastB}: the scratch of {@link #seriesBlock} is five arrays this long. */
    private static final int BLOCK = 256;

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
     * From this many outcomes, log(-b_i/p_i) is taken for every rank when the kernel is built (a curve over many n
     * reads it for most ranks at each n); below, only at the ranks where {@link #kl}'s series needs it.
     */
    private static final int PRECOMPUTED_LOGS = 64;

    /** \( \log(-b_i/p_i) \). */
    private double logNegBOverP(int i) {
        // where p_i/F_i is far below double resolution, -log1p(-ratio) = ratio: log(-b_i) = log p_i - log F_i
        return logP[i] - a[i] < -700 ? -a[i] : Math.log(-b[i]) - logP[i];
    }

    /** \( \mathrm{KL}(\pi_n \| p) \) in nats. */
    public double kl(double n) {
        return kl(n, true);
    }

    /**
     * {@link #kl} with the blocks of {@link #seriesBlock} ({@code blocks}) or one rank at a time everywhere: the same
     * value to the bit (the test's hold on the vector loops).
     */
    double kl(double n, boolean blocks) {
        Quantities.requireSampleCount(n);
        if (n == 1) {
            return 0.0; // best-of-1 is p itself
        }
        int size = a.length;
        int start = firstNotNegligible(n);
        double logN = Math.log(n);
        int span = size - start;
        if (span < PARALLEL_SPAN) {
            double[] part = partialSum(n, logN, start, size, blocks);
            return Math.max(0.0, part[0] + part[1]);
        }
        // PIECES fixed pieces of the ranks, on the common pool, added in rank order: the same value on any number
        // of cores
        double[][] parts = new double[PIECES][];
        java.util.stream.IntStream.range(0, PIECES).parallel().forEach(k -> parts[k] = partialSum(n, logN,
                start + (int) ((long) span * k / PIECES), start + (int) ((long) span * (k + 1) / PIECES), blocks));
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
    private double[] partialSum(double n, double logN, int from, int to, boolean blocks) {
        Sweep sweep = new Sweep(n, logN, to - from >= FUSED_SPAN && FusedMultiplyAdd.AVAILABLE);
        // from the top down, a block of BLOCK ranks (aligned on multiples of BLOCK) at a time
        for (int hi = to; hi > from; ) {
            int block = (hi - 1) / BLOCK;
            int lo = Math.max(from, block * BLOCK);
            int kind = blocks ? blockKind(block, n) : BLOCK_BY_RANK;
            if (kind != BLOCK_BY_RANK) {
                seriesBlock(sweep, lo, hi, kind == BLOCK_NEAR);
            } else {
                ranks(sweep, lo, hi);
            }
            hi = lo;
        }
        return new double[] {sweep.sum, sweep.compensation};
    }

    /** Where the series branch takes its short polynomials ({@link #nearLog}): |x| at most this. */
    private static final double NEAR = 1e-2;

    /** \( \log((1 - e^x)/(-x)) = x/2 + x^2/24 - x^4/2880 \) for \( -10^{-2} \le x &lt; 0 \) (truncation below 1e-17). */
    static double nearLog(double x) {
        double x2 = x * x;
        return x * 0.5 + x2 * (1.0 / 24) - x2 * x2 * (1.0 / 2880);
    }

    /** {@link #nearLog} by fused multiply-adds. */
    static double nearLogFused(double x) {
        double x2 = x * x;
        return Math.fma(x2, Math.fma(x2, -1.0 / 2880, 1.0 / 24), x * 0.5);
    }

    /** \( 1 - e^x = -x (1 + x/2 + \dots + x^5/720) \) for \( -10^{-2} \le x \le 0 \) (truncation below 1e-16 relative). */
    static double nearOneMinusExp(double x) {
        return -x * (1 + x * (0.5 + x * (1.0 / 6 + x * (1.0 / 24 + x * (1.0 / 120 + x * (1.0 / 720))))));
    }

    /** {@link #nearOneMinusExp} by fused multiply-adds. */
    static double nearOneMinusExpFused(double x) {
        return -x * Math.fma(x, Math.fma(x, Math.fma(x, Math.fma(x, Math.fma(x, 1.0 / 720, 1.0 / 120), 1.0 / 24),
                1.0 / 6), 0.5), 1);
    }

    // The series branch, -log 2 < x < -10^-2, by longer polynomials: no transcendental function, and in vector lanes in
    // seriesBlock. Coefficients exact rationals rounded once (Bernoulli numbers, factorials); truncation at x = -log 2
    // 6.4e-19 absolute for the log and 1.1e-17 relative for 1 - e^x (mpmath), and less towards 0.
    private static final double G1 = 1.0 / 24;
    private static final double G2 = -1.0 / 2880;
    private static final double G3 = 1.0 / 181440;
    private static final double G4 = -1.0 / 9676800;
    private static final double G5 = 1.0 / 479001600;
    private static final double G6 = -691.0 / 15692092416000.0;
    private static final double G7 = 1.0 / 1046139494400.0;
    private static final double G8 = -3617.0 / 170729965486080000.0;

    /**
     * \( \log((1 - e^x)/(-x)) = x/2 + \sum_{k=1}^{8} B_{2k} x^{2k} / (2k (2k)!) \) for \( -\log 2 &lt; x &lt; 0 \)
     * (Horner's scheme in x^2, products and sums).
     */
    static double farLog(double x) {
        double y = x * x;
        return x * 0.5 + y * (G1 + y * (G2 + y * (G3 + y * (G4 + y * (G5 + y * (G6 + y * (G7 + y * G8)))))));
    }

    /** {@link #farLog} by fused multiply-adds. */
    static double farLogFused(double x) {
        double y = x * x;
        double g = Math.fma(y, G8, G7);
        g = Math.fma(y, g, G6);
        g = Math.fma(y, g, G5);
        g = Math.fma(y, g, G4);
        g = Math.fma(y, g, G3);
        g = Math.fma(y, g, G2);
        g = Math.fma(y, g, G1);
        return Math.fma(y, g, x * 0.5);
    }

    /** \( 1 - e^x = -x \sum_{k=0}^{15} x^k/(k+1)! \) for \( -\log 2 &lt; x \le 0 \), to full relative accuracy. */
    static double farOneMinusExp(double x) {
        return -x * (1 + x * (1.0 / 2 + x * (1.0 / 6 + x * (1.0 / 24 + x * (1.0 / 120 + x * (1.0 / 720
                + x * (1.0 / 5040 + x * (1.0 / 40320 + x * (1.0 / 362880 + x * (1.0 / 3628800 + x * (1.0 / 39916800
                + x * (1.0 / 479001600 + x * (1.0 / 6227020800.0 + x * (1.0 / 87178291200.0
                + x * (1.0 / 1307674368000.0 + x * (1.0 / 20922789888000.0))))))))))))))));
    }

    /** {@link #farOneMinusExp} by fused multiply-adds. */
    static double farOneMinusExpFused(double x) {
        double e = Math.fma(x, 1.0 / 20922789888000.0, 1.0 / 1307674368000.0);
        e = Math.fma(x, e, 1.0 / 87178291200.0);
        e = Math.fma(x, e, 1.0 / 6227020800.0);
        e = Math.fma(x, e, 1.0 / 479001600);
        e = Math.fma(x, e, 1.0 / 39916800);
        e = Math.fma(x, e, 1.0 / 3628800);
        e = Math.fma(x, e, 1.0 / 362880);
        e = Math.fma(x, e, 1.0 / 40320);
        e = Math.fma(x, e, 1.0 / 5040);
        e = Math.fma(x, e, 1.0 / 720);
        e = Math.fma(x, e, 1.0 / 120);
        e = Math.fma(x, e, 1.0 / 24);
        e = Math.fma(x, e, 1.0 / 6);
        e = Math.fma(x, e, 0.5);
        return -x * Math.fma(x, e, 1);
    }

    private static final int BLOCK_BY_RANK = 0;
    private static final int BLOCK_NEAR = 1;
    private static final int BLOCK_FAR = 2;

    /**
     * How block {@code block} is summed at n: every x_i of it in [-10^-2, 0] ({@link #BLOCK_NEAR}), every one in
     * (-log 2, -10^-2) ({@link #BLOCK_FAR}), or neither ({@link #BLOCK_BY_RANK}: {@link #ranks}).
     */
    private int blockKind(int block, double n) {
        if (blockLeastB == null) {
            return BLOCK_BY_RANK;
        }
        double least = n * blockLeastB[block];
        if (least >= -NEAR) {
            return BLOCK_NEAR;
        }
        return least > -LN2 && n * blockGreatestB[block] < -NEAR ? BLOCK_FAR : BLOCK_BY_RANK;
    }

    /**
     * How many blocks of {@link #BLOCK} ranks {@link #kl} sums by {@link #seriesBlock} at n, near 0 or far from it
     * (for tests).
     */
    int seriesBlocks(double n, boolean near) {
        int count = 0;
        int last = (a.length - 1) / BLOCK;
        for (int block = firstNotNegligible(n) / BLOCK; block <= last; block++) {
            count += blockKind(block, n) == (near ? BLOCK_NEAR : BLOCK_FAR) ? 1 : 0;
        }
        return count;
    }

    /**
     * The state of one sum down the ranks: the compensated sum by Knuth's branch-free TwoSum (the error of each
     * addition, exactly, summed apart), F_i^n and the ranks until it is taken afresh.
     */
    private static final class Sweep {
        final double n;
        final double logN;
        final boolean fused;
        double sum;
        double compensation;
        double power = 1;
        int untilRestart;
        /** Scratch of {@link #seriesBlock}: 1 - e^{x_i}, and the factor log(pi_i/p_i) of each term. */
        double[] oneMinusExp;
        double[] logRatio;
        /** Scratch of {@link #seriesBlock}: a block's a_i, b_i and log(-b_i/p_i). */
        double[] blockA;
        double[] blockB;
        double[] blockLogNegBOverP;

        Sweep(double n, double logN, boolean fused) {
            this.n = n;
            this.logN = logN;
            this.fused = fused;
        }
    }

    /**
     * Ranks {@code lo} to {@code hi - 1}, all on the series branch (x_i &gt; -log 2, p_i &gt; 0, p_i/F_i within
     * double resolution), in two passes: the first computes each rank's 1 - e^{x_i} and log(pi_i/p_i) by
     * polynomials, with no branch, so that the compiler evaluates it in vector lanes (HotSpot's superword pass);
     * the second carries F_i^n down the ranks and sums, as {@link #ranks} does. The same formulas as {@link #ranks}, in the
     * same order: the same value to the bit.
     */
    private void seriesBlock(Sweep s, int lo, int hi, boolean near) {
        if (s.oneMinusExp == null) {
            s.oneMinusExp = new double[BLOCK];
            s.logRatio = new double[BLOCK];
            s.blockA = new double[BLOCK];
            s.blockB = new double[BLOCK];
            s.blockLogNegBOverP = new double[BLOCK];
        }
        int length = hi - lo;
        // the block's inputs copied to the start of arrays of their own: HotSpot 17 puts a loop in vector lanes only
        // where every array is indexed alike (copies and all, about three times faster per rank than one scalar loop
        // over the arrays in place, in a harness here)
        double[] ba = s.blockA;
        double[] bb = s.blockB;
        double[] bd = s.blockLogNegBOverP;
        System.arraycopy(a, lo, ba, 0, length);
        System.arraycopy(b, lo, bb, 0, length);
        System.arraycopy(logNegBOverP, lo, bd, 0, length);
        double[] ome = s.oneMinusExp;
        double[] ratio = s.logRatio;
        double n = s.n;
        double logN = s.logN;
        // each kind in a method of its own, compiled when first needed (one method for all would be compiled again
        // when the other kind first comes)
        if (near) {
            nearTerms(n, logN, ba, bb, bd, ratio, ome, length, s.fused);
        } else {
            farTerms(n, logN, ba, bb, bd, ratio, ome, length, s.fused);
        }
        addTerms(s, ba, ome, ratio, length);
    }

    /**
     * log(pi_i/p_i) and 1 - e^{x_i} of a block near 0 by {@link #nearLog} and {@link #nearOneMinusExp}; one loop per
     * polynomial: a longer body is not unrolled, so not put in vector lanes either.
     */
    private static void nearTerms(double n, double logN, double[] ba, double[] bb, double[] bd, double[] ratio,
            double[] ome, int length, boolean fused) {
        if (fused) {
            for (int k = 0; k < length; k++) {
                ratio[k] = n * ba[k] + (logN + bd[k] + nearLogFused(n * bb[k]));
            }
            for (int k = 0; k < length; k++) {
                ome[k] = nearOneMinusExpFused(n * bb[k]);
            }
        } else {
            for (int k = 0; k < length; k++) {
                ratio[k] = n * ba[k] + (logN + bd[k] + nearLog(n * bb[k]));
            }
            for (int k = 0; k < length; k++) {
                ome[k] = nearOneMinusExp(n * bb[k]);
            }
        }
    }

    /** {@link #nearTerms} for a block far from 0, by {@link #farLog} and {@link #farOneMinusExp}. */
    private static void farTerms(double n, double logN, double[] ba, double[] bb, double[] bd, double[] ratio,
            double[] ome, int length, boolean fused) {
        if (fused) {
            for (int k = 0; k < length; k++) {
                ratio[k] = n * ba[k] + (logN + bd[k] + farLogFused(n * bb[k]));
            }
            for (int k = 0; k < length; k++) {
                ome[k] = farOneMinusExpFused(n * bb[k]);
            }
        } else {
            for (int k = 0; k < length; k++) {
                ratio[k] = n * ba[k] + (logN + bd[k] + farLog(n * bb[k]));
            }
            for (int k = 0; k < length; k++) {
                ome[k] = farOneMinusExp(n * bb[k]);
            }
        }
    }

    /** The terms of a block, from its top rank down: F_i^n carried as in {@link #ranks}, the compensated sum. */
    private static void addTerms(Sweep s, double[] ba, double[] ome, double[] ratio, int length) {
        double n = s.n;
        // the state in locals (fields written per rank would put a store and a load on each dependency chain)
        double power = s.power;
        int untilRestart = s.untilRestart;
        double sum = s.sum;
        double compensation = s.compensation;
        for (int k = length - 1; k >= 0; k--) {
            if (--untilRestart < 0) {
                power = Math.exp(n * ba[k]);
                untilRestart = RESTART - 1;
            }
            double term = power * ome[k] * ratio[k];
            double t = sum + term;
            double v = t - sum;
            compensation += (sum - (t - v)) + (term - v);
            sum = t;
            power *= 1 - ome[k];
        }
        s.power = power;
        s.untilRestart = untilRestart;
        s.sum = sum;
        s.compensation = compensation;
    }

    /** Ranks {@code lo} to {@code hi - 1} one at a time, each on its branch of log(1 - e^x). */
    private void ranks(Sweep s, int lo, int hi) {
        // From the top down: F_i^n, with F_{i-1}^n = F_i^n e^{x_i}, x_i = n b_i, so pi_i = F_i^n (1 - e^{x_i}).
        // 1 - e^x is needed for log pi_i anyway: the product replaces an exp per outcome, and F_i^n is taken
        // afresh from exp(n a_i) every RESTART ranks, so at most RESTART - 1 products (each within about 2 ulp)
        // separate any pi_i from an exp.
        double n = s.n;
        double logN = s.logN;
        boolean fused = s.fused;
        double power = s.power;
        int untilRestart = s.untilRestart;
        double sum = s.sum;
        double compensation = s.compensation;
        for (int i = hi - 1; i >= lo; i--) {
            if (--untilRestart < 0) {
                power = Math.exp(n * a[i]);
                untilRestart = RESTART - 1;
            }
            double lp = logP[i];
            double x = n * b[i];
            double oneMinusExp; // 1 - e^x, to full relative accuracy
            double exp;         // e^x, to full absolute accuracy
            double logRatio;    // log(pi_i/p_i) = n a_i + log(1 - e^x) - log p_i
            if (x <= -LN2) {
                exp = Math.exp(x);
                oneMinusExp = 1 - exp;
                logRatio = n * a[i] + Math.log(oneMinusExp) - lp;
            } else if (lp == Double.NEGATIVE_INFINITY) {
                continue; // p_i = 0: pi_i = 0 and F_{i-1} = F_i
            } else {
                // log(1 - e^x) - log p_i = log(-x) - log p_i + log((1 - e^x)/(-x)), log(-x) = log n + log(-b_i)
                boolean near = x >= -NEAR;
                logRatio = n * a[i] + (logN + (logNegBOverP != null ? logNegBOverP[i] : logNegBOverP(i))
                        + (near ? fused ? nearLogFused(x) : nearLog(x) : fused ? farLogFused(x) : farLog(x)));
                if (lp - a[i] < -700) {
                    // p_i / F_i below double resolution: b_i and x carry no digits, log(-x) came from the logs
                    double pi = Math.exp(logRatio + lp);
                    if (pi != 0.0) {
                        double term = pi * logRatio;
                        double t = sum + term;
                        double v = t - sum;
                        compensation += (sum - (t - v)) + (term - v);
                        sum = t;
                    }
                    continue; // e^x = 1 to double precision
                }
                oneMinusExp = near ? fused ? nearOneMinusExpFused(x) : nearOneMinusExp(x)
                        : fused ? farOneMinusExpFused(x) : farOneMinusExp(x);
                exp = 1 - oneMinusExp;
            }
            double pi = power * oneMinusExp;
            double term = pi * logRatio; // 0 where pi underflows: nothing added
            double t = sum + term;
            double v = t - sum;
            compensation += (sum - (t - v)) + (term - v);
            sum = t;
            power *= exp;
        }
        s.power = power;
        s.untilRestart = untilRestart;
        s.sum = sum;
        s.compensation = compensation;
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
            double exp = x < -WIN_SERIES_LIMIT ? Math.exp(x)
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
