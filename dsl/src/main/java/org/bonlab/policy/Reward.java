package org.bonlab.policy;

import java.util.Arrays;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A reward: one finite value per outcome, plus a tie-break order that makes the ranking total.
 *
 * <p>Best-of-n needs a total order on outcomes. When two outcomes share a reward, bonlab ranks them by the
 * tie-break order, as in App. C of Amini et al. (vBoN): \( y_1 \prec_r y_2 \) if \( r(y_1) &lt; r(y_2) \), or if the
 * rewards are equal and \( y_1 \) comes before \( y_2 \) in the tie-break order. By default the tie-break
 * order is the order in which the outcomes are listed.
 */
public final class Reward {

    private final double @Nullable [] values; // null: reward equals the outcome's index (ascending listing)
    private final int @Nullable [] tieBreakRank; // null: listing order
    private final int size;

    private Reward(double @Nullable [] values, int @Nullable [] tieBreakRank, int size) {
        this.values = values;
        this.tieBreakRank = tieBreakRank;
        this.size = size;
    }

    /**
     * The reward of outcomes listed in ascending reward order: outcome i has reward i, no ties. This is the
     * convention of the papers' figures ("sort the outcomes by increasing reward").
     */
    public static Reward ascending(int size) {
        if (size < 1) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "reward size must be at least 1, but was %d", size));
        }
        return new Reward(null, null, size);
    }

    /** The given reward values, ties broken by listing order. */
    public static Reward of(double... values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("reward must have at least one value, but had none");
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "reward must be finite, but reward[%d] was %s", i, values[i]));
            }
        }
        return new Reward(values.clone(), null, values.length);
    }

    /**
     * The reward that puts outcome i at position {@code rank[i]} of the ranking (0 the lowest): its values are the
     * ranks themselves, so it equals {@code Reward.of} of those values, with its ranking known without a sort (a
     * counterexample search draws millions of random orders).
     *
     * @throws IllegalArgumentException when {@code rank} is not a permutation of 0..size-1
     */
    public static Reward ofRanks(int... rank) {
        int size = rank.length;
        if (size == 0) {
            throw new IllegalArgumentException("reward must have at least one value, but had none");
        }
        int[] order = new int[size];
        Arrays.fill(order, -1);
        double[] values = new double[size];
        for (int i = 0; i < size; i++) {
            int r = rank[i];
            if (r < 0 || r >= size || order[r] >= 0) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "ranks must be a permutation of 0..%d, but have %d at position %d", size - 1, r, i));
            }
            order[r] = i;
            values[i] = r;
        }
        Reward reward = new Reward(values, null, size);
        reward.ranking = order;
        return reward;
    }

    /**
     * The same values with ties broken by the given order: {@code outcomesLowToHigh} lists every outcome index
     * once, from the one ranked lowest among equals to the one ranked highest.
     */
    public Reward withTieBreak(int... outcomesLowToHigh) {
        if (outcomesLowToHigh.length != size) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "tie-break order must list all %d outcomes once, but listed %d", size, outcomesLowToHigh.length));
        }
        int[] rank = new int[size];
        Arrays.fill(rank, -1);
        for (int pos = 0; pos < size; pos++) {
            int o = outcomesLowToHigh[pos];
            if (o < 0 || o >= size || rank[o] >= 0) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "tie-break order must be a permutation of 0..%d, but has %d at position %d",
                        size - 1, o, pos));
            }
            rank[o] = pos;
        }
        return new Reward(values, rank, size);
    }

    public int size() {
        return size;
    }

    public double value(int outcome) {
        return values == null ? outcome : values[outcome];
    }

    /** The position of the outcome in the tie-break order. */
    public int tieBreakRank(int outcome) {
        return tieBreakRank == null ? outcome : tieBreakRank[outcome];
    }

    /** Whether the outcomes' listing order is already ascending in reward, with no ties. */
    public boolean isAscendingWithoutTies() {
        if (values == null) {
            return true;
        }
        for (int i = 1; i < size; i++) {
            if (!(values[i] > values[i - 1])) {
                return false;
            }
        }
        return true;
    }

    /** Whether two outcomes have the same reward value (whatever the tie-break order says). */
    public boolean ties(int a, int b) {
        return value(a) == value(b);
    }

    /**
     * The outcome indices sorted by the total order \( \prec_r \): ascending reward, then tie-break order.
     */
    public int[] ranking() {
        int[] known = ranking;
        if (known == null) {
            known = sortedOutcomes();
            ranking = known; // a benign race: every thread computes the same order
        }
        return known.clone();
    }

    /** The ranking, computed once per reward (a reward is immutable); callers get copies. */
    private transient volatile int @Nullable [] ranking;

    /** Up to this many outcomes the ranking is sorted by insertion, above it by radix. */
    private static final int INSERTION_SORT_MAX = 48;

    private int[] sortedOutcomes() {
        int[] out = new int[size];
        if (tieBreakRank == null) {
            for (int i = 0; i < size; i++) {
                out[i] = i;
            }
        } else {
            for (int i = 0; i < size; i++) {
                out[tieBreakRank[i]] = i; // the tie-break order, lowest first
            }
        }
        if (values == null || isAscending(out)) {
            return out;
        }
        if (size <= INSERTION_SORT_MAX) {
            // a stable insertion sort: below a few dozen outcomes it beats the radix sort's 256-bucket passes
            // (the counterexample search ranks millions of small policies)
            for (int k = 1; k < size; k++) {
                int o = out[k];
                double v = values[o];
                int j = k - 1;
                while (j >= 0 && Double.compare(values[out[j]], v) > 0) {
                    out[j + 1] = out[j];
                    j--;
                }
                out[j + 1] = o;
            }
            return out;
        }
        // A stable least-significant-digit radix sort of the tie-break order by the reward's bits, a byte per pass
        // (passes where every key has the same byte are skipped): ties keep their tie-break order. Sorting boxed
        // Integers with a comparator took most of the time of reading a PMF of 10^6 outcomes, a comparison merge
        // sort a tenth of it.
        long[] keys = new long[size];
        for (int k = 0; k < size; k++) {
            keys[k] = sortableBits(values[out[k]]);
        }
        long[] keysTmp = new long[size];
        int[] outTmp = new int[size];
        int[] count = new int[257];
        for (int shift = 0; shift < 64; shift += 8) {
            Arrays.fill(count, 0);
            for (long key : keys) {
                count[(int) (key >>> shift) & 0xff]++;
            }
            if (count[(int) (keys[0] >>> shift) & 0xff] == size) {
                continue; // every key has this byte: the pass would not move anything
            }
            int position = 0;
            for (int b = 0; b < 256; b++) {
                int c = count[b];
                count[b] = position;
                position += c;
            }
            for (int k = 0; k < size; k++) {
                int slot = count[(int) (keys[k] >>> shift) & 0xff]++;
                keysTmp[slot] = keys[k];
                outTmp[slot] = out[k];
            }
            long[] swapKeys = keys;
            keys = keysTmp;
            keysTmp = swapKeys;
            int[] swapOut = out;
            out = outTmp;
            outTmp = swapOut;
        }
        return out;
    }

    /** Whether the outcomes in this order already ascend in {@link Double#compare}'s order of their rewards. */
    private boolean isAscending(int[] order) {
        for (int k = 1; k < order.length; k++) {
            if (Double.compare(values[order[k - 1]], values[order[k]]) > 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * The bits of x as an unsigned number in the order of {@link Double#compare} (-0.0 before 0.0): negative
     * numbers with every bit flipped, the others with the sign bit set.
     */
    private static long sortableBits(double x) {
        long bits = Double.doubleToLongBits(x);
        return bits < 0 ? ~bits : bits | Long.MIN_VALUE;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Reward r && size == r.size && Arrays.equals(values, r.values)
                && Arrays.equals(tieBreakRank, r.tieBreakRank);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * size + Arrays.hashCode(values)) + Arrays.hashCode(tieBreakRank);
    }

    @Override
    public String toString() {
        return values == null ? "ascending(" + size + ")" : "reward" + Arrays.toString(values);
    }
}
