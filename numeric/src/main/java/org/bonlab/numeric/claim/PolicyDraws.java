package org.bonlab.numeric.claim;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.util.FastMath;
import org.bonlab.claim.Family;
import org.bonlab.expr.Rational;
import org.bonlab.expr.Scalar;
import org.bonlab.policy.Explicit;
import org.bonlab.policy.Reward;

/**
 * Random policies of many shapes for the falsification search: Dirichlet with small and large concentration,
 * near-degenerate (one outcome with almost all the mass), a tiny best outcome, heavy tails (Zipf), and two
 * probability levels; rewards ordered, tied, arbitrary or in [0, 1].
 */
final class PolicyDraws {

    static final double[] CONCENTRATIONS = {0.05, 0.3, 1, 5, 50};

    /** Marsaglia and Tsang's d = shape - 1/3 for the Gamma(a + 1) of each concentration a. */
    private static final double[] GAMMA_D = new double[CONCENTRATIONS.length];
    /** Marsaglia and Tsang's c = 1/(3 sqrt(d)). */
    private static final double[] GAMMA_C = new double[CONCENTRATIONS.length];

    static {
        for (int k = 0; k < CONCENTRATIONS.length; k++) {
            GAMMA_D[k] = CONCENTRATIONS[k] + 1 - 0.333333333333333333;
            GAMMA_C[k] = 1 / (3 * FastMath.sqrt(GAMMA_D[k]));
        }
    }

    private PolicyDraws() {
    }

    /**
     * A Gamma(d + 1/3, 1) variate (shape at least 1) by Marsaglia and Tsang's method ("A simple method for
     * generating gamma variables", ACM TOMS 26(3), 2000), with d and c = 1/(3 sqrt(d)) prepared once per shape.
     *
     * @implNote The same draws from {@code rng} and the same floating-point operations, in the same order, as
     *     Commons Math's {@code GammaDistribution.sample()} for a shape of at least 1 (which the search used before):
     *     the same variates from the same generator, without a distribution object (and its Lanczos set-up) per
     *     policy.
     */
    static double gamma(RandomGenerator rng, double d, double c) {
        while (true) {
            double x = rng.nextGaussian();
            double v = (1 + c * x) * (1 + c * x) * (1 + c * x);
            if (v <= 0) {
                continue;
            }
            double x2 = x * x;
            double u = rng.nextDouble();
            if (u < 1 - 0.0331 * x2 * x2) { // the squeeze
                return d * v;
            }
            if (FastMath.log(u) < 0.5 * x2 + d * (1 - v + FastMath.log(v))) {
                return d * v;
            }
        }
    }

    static int size(RandomGenerator rng, int min, int max) {
        if (min == max) {
            return min;
        }
        if (rng.nextDouble() < 0.4) {
            return min + rng.nextInt(Math.min(max, min + 3) - min + 1);
        }
        double v = min * Math.exp(rng.nextDouble() * Math.log((max + 1.0) / min)); // log-uniform in [min, max + 1)
        return Math.min(max, Math.max(min, (int) v));
    }

    /** Probabilities of a random shape, summing to 1 (within rounding) and non-negative. */
    static double[] probabilities(RandomGenerator rng, int size) {
        double[] w = new double[size];
        int shape = rng.nextInt(5);
        switch (shape) {
            case 0: { // Dirichlet
                int k = rng.nextInt(CONCENTRATIONS.length);
                double a = CONCENTRATIONS[k];
                for (int i = 0; i < size; i++) {
                    w[i] = gamma(rng, GAMMA_D[k], GAMMA_C[k]) * Math.pow(Math.max(rng.nextDouble(), 1e-300), 1 / a)
                            + 1e-300;
                }
                break;
            }
            case 1: { // near-degenerate
                double eps = Math.pow(10, -1 - 14 * rng.nextDouble());
                int big = rng.nextInt(size);
                for (int i = 0; i < size; i++) {
                    w[i] = i == big ? 1 - eps : eps / Math.max(1, size - 1);
                }
                break;
            }
            case 2: { // tiny best outcome
                double top = Math.pow(10, -1 - 11 * rng.nextDouble());
                for (int i = 0; i < size; i++) {
                    w[i] = i == size - 1 ? top : (1 - top) / Math.max(1, size - 1);
                }
                break;
            }
            case 3: { // heavy tail
                double s = 0.5 + 2.5 * rng.nextDouble();
                boolean rareBest = rng.nextBoolean();
                for (int i = 0; i < size; i++) {
                    w[i] = Math.pow(rareBest ? i + 1 : size - i, -s);
                }
                break;
            }
            default: { // two levels
                double hi = 1 + 99 * rng.nextDouble();
                for (int i = 0; i < size; i++) {
                    w[i] = rng.nextBoolean() ? hi : 1;
                }
            }
        }
        return normaliseInPlace(w);
    }

    /** {@code w} divided by its sum, in place (w is the caller's own). */
    private static double[] normaliseInPlace(double[] w) {
        double total = 0;
        for (double x : w) {
            total += x;
        }
        for (int i = 0; i < w.length; i++) {
            w[i] /= total;
        }
        return w;
    }

    static double[] normalise(double[] w) {
        return normaliseInPlace(w.clone());
    }

    /**
     * The linear congruential generator of {@link java.util.Random} (its seed scrambling, {@code next(31)} and
     * {@code nextInt(bound)} as its specification gives them): the same integers for the same seed, without an
     * object with an atomic seed per drawn permutation.
     */
    static final class Lcg48 {
        private static final long MULTIPLIER = 0x5DEECE66DL;
        private static final long MASK = (1L << 48) - 1;
        private long state;

        Lcg48(long seed) {
            state = (seed ^ MULTIPLIER) & MASK;
        }

        private int next31() {
            state = (state * MULTIPLIER + 0xBL) & MASK;
            return (int) (state >>> 17);
        }

        /** Uniform in [0, bound), bound positive. */
        int nextInt(int bound) {
            int r = next31();
            int m = bound - 1;
            if ((bound & m) == 0) {
                return (int) ((bound * (long) r) >> 31);
            }
            for (int u = r; u - (r = u % bound) + m < 0; u = next31()) {
                // rejected: u fell in the incomplete last block of bound values
            }
            return r;
        }
    }

    static Reward reward(RandomGenerator rng, int size, Family.Rewards shape) {
        if (shape == Family.Rewards.ORDERED) {
            return Reward.ascending(size);
        }
        if (shape == Family.Rewards.ARBITRARY) {
            return randomOrder(rng, size);
        }
        double[] r = new double[size];
        switch (shape) {
            case TIED:
                int levels = 1 + rng.nextInt(Math.max(1, size / 2));
                for (int i = 0; i < size; i++) {
                    r[i] = rng.nextInt(levels);
                }
                return Reward.of(r);
            case UNIT_INTERVAL_BEST_ONE: {
                // one outcome at 1; the others in [0, 1) (nextDouble is below 1), often tied at 0
                int best = rng.nextInt(size);
                for (int i = 0; i < size; i++) {
                    double u = rng.nextDouble();
                    r[i] = i == best ? 1 : u < 0.2 ? 0 : rng.nextDouble();
                }
                return Reward.of(r);
            }
            default:
                for (int i = 0; i < size; i++) {
                    double u = rng.nextDouble();
                    r[i] = u < 0.1 ? 0 : u > 0.9 ? 1 : rng.nextDouble();
                }
                return Reward.of(r);
        }
    }

    /**
     * Rewards in a random order: a permutation of 0..size-1 by the swaps of Collections.shuffle on a small list, on an
     * array, with the indices of a java.util.Random seeded from rng; its ranking known without a sort.
     */
    private static Reward randomOrder(RandomGenerator rng, int size) {
        Lcg48 shuffle = new Lcg48(rng.nextLong());
        int[] rank = new int[size];
        for (int i = 0; i < size; i++) {
            rank[i] = i;
        }
        for (int i = size; i > 1; i--) {
            int j = shuffle.nextInt(i);
            int t = rank[i - 1];
            rank[i - 1] = rank[j];
            rank[j] = t;
        }
        return Reward.ofRanks(rank);
    }

    /**
     * Whether the reward values are of a shape that constrains values: in [0, 1] for
     * {@link Family.Rewards#UNIT_INTERVAL}, and with exactly one at 1 for
     * {@link Family.Rewards#UNIT_INTERVAL_BEST_ONE}; true for the shapes that constrain only the order.
     */
    static boolean hasShape(Reward reward, Family.Rewards shape) {
        if (shape != Family.Rewards.UNIT_INTERVAL && shape != Family.Rewards.UNIT_INTERVAL_BEST_ONE) {
            return true;
        }
        int ones = 0;
        for (int i = 0; i < reward.size(); i++) {
            double v = reward.value(i);
            if (!(v >= 0 && v <= 1)) {
                return false;
            }
            ones += v == 1 ? 1 : 0;
        }
        return shape == Family.Rewards.UNIT_INTERVAL || ones == 1;
    }

    /**
     * Rewards of the shape {@code shape} ({@link Family.Rewards#UNIT_INTERVAL} or
     * {@link Family.Rewards#UNIT_INTERVAL_BEST_ONE}) on the grid of multiples of 1/d: rounded to the nearest, or,
     * with one best outcome at 1, the best kept at 1 and the others rounded down (so they stay below it).
     */
    static Reward roundedReward(Reward reward, int d, Family.Rewards shape) {
        double[] r = new double[reward.size()];
        for (int i = 0; i < r.length; i++) {
            double v = reward.value(i);
            r[i] = shape == Family.Rewards.UNIT_INTERVAL ? Math.rint(v * d) / d
                    : v == 1 ? 1 : Math.min(Math.floor(v * d), d - 1) / d;
        }
        return Reward.of(r);
    }

    static Explicit explicit(double[] p, Reward reward) {
        return Explicit.ofDoubles(Explicit.numberedOutcomes(p.length), p, reward);
    }

    /**
     * The policy with each probability replaced by the exact decimal its double prints as, and the largest by one
     * minus the others: an exact policy (summing to 1 exactly) within 1e-16 of {@code e}, for re-checking a point at
     * high precision; {@code e} itself when it is exact already or the largest would not stay positive.
     */
    static Explicit exactly(Explicit e) {
        if (e.isExact()) {
            return e;
        }
        double[] p = e.probabilitiesAsDoubles();
        int largest = 0;
        for (int i = 1; i < p.length; i++) {
            if (p[i] > p[largest]) {
                largest = i;
            }
        }
        List<Scalar> s = new ArrayList<>();
        java.math.BigDecimal rest = java.math.BigDecimal.ONE;
        for (int i = 0; i < p.length; i++) {
            java.math.BigDecimal d = i == largest ? java.math.BigDecimal.ZERO : new java.math.BigDecimal(Double.toString(p[i]));
            rest = rest.subtract(d);
            s.add(Rational.of(d));
        }
        if (rest.signum() <= 0) {
            return e;
        }
        s.set(largest, Rational.of(rest));
        return Explicit.of(e.outcomes(), s, e.reward());
    }

    /**
     * The probabilities rounded to multiples of 1/d, exactly (the largest entry absorbs the rounding; an outcome
     * with mass keeps at least 1/d), or null when the largest would not stay positive.
     */
    static Explicit rounded(Explicit e, int d) {
        int size = e.size();
        long[] k = new long[size];
        long total = 0;
        int largest = 0;
        double[] p = e.probabilitiesAsDoubles();
        for (int i = 0; i < size; i++) {
            k[i] = p[i] > 0 ? Math.max(1, Math.round(p[i] * d)) : 0;
            total += k[i];
            if (p[i] > p[largest]) {
                largest = i;
            }
        }
        k[largest] += d - total;
        if (k[largest] <= 0) {
            return null;
        }
        List<Scalar> s = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            s.add(new Rational(BigInteger.valueOf(k[i]), BigInteger.valueOf(d)));
        }
        return Explicit.of(e.outcomes(), s, e.reward());
    }

    /** The policy without outcome i, renormalised (the rewards of the others kept). */
    static Explicit without(Explicit e, int drop) {
        double[] p = e.probabilitiesAsDoubles();
        double[] q = new double[p.length - 1];
        double[] r = new double[p.length - 1];
        for (int i = 0, j = 0; i < p.length; i++) {
            if (i != drop) {
                q[j] = p[i];
                r[j] = e.reward().value(i);
                j++;
            }
        }
        double total = 0;
        for (double x : q) {
            total += x;
        }
        if (!(total > 0)) {
            return null;
        }
        return explicit(normalise(q), Reward.of(r));
    }

    /** Probabilities and, where not ascending, rewards: enough to re-check a counterexample by hand. */
    static String describe(String name, Explicit e) {
        StringBuilder sb = new StringBuilder(name).append(" = [");
        for (int i = 0; i < e.size(); i++) {
            sb.append(i > 0 ? ", " : "").append(e.probability(i));
        }
        sb.append(']');
        // always: soft best-of-n, the tilted policy and expected rewards depend on the values, not only the order
        sb.append(" with rewards [");
        for (int i = 0; i < e.size(); i++) {
            double v = e.reward().value(i);
            sb.append(i > 0 ? ", " : "").append(v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v)
                    : Double.toString(v));
        }
        sb.append(']');
        return sb.toString();
    }

    static String format(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }
}
