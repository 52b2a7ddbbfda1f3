package org.bonlab.numeric.policy;

import org.bonlab.policy.Reward;


/**
 * The outcomes of a base policy sorted by the total order \( \prec_r \) (ascending reward, then tie-break
 * order; App. C of Amini et al.), with the groups of outcomes that share a reward value.
 */
public final class Ranking {

    // null arrays: the identity ranking of a reward ascending in listing order without ties (the families and most
    // files), read from the reward itself, so that a policy on 10^8 outcomes needs no array here; null group arrays
    // alone: no ties (each rank its own group)
    private final int[] outcomeAt;
    private final double[] rewardAt;
    private final int[] groupFirst;
    private final int[] groupLast;
    private final Reward ascending;
    private final int size;

    private Ranking(int[] outcomeAt, double[] rewardAt, int[] groupFirst, int[] groupLast, Reward ascending,
            int size) {
        this.outcomeAt = outcomeAt;
        this.rewardAt = rewardAt;
        this.groupFirst = groupFirst;
        this.groupLast = groupLast;
        this.ascending = ascending;
        this.size = size;
    }

    public static Ranking of(Reward reward) {
        int size = reward.size();
        if (reward.isAscendingWithoutTies()) {
            return new Ranking(null, null, null, null, reward, size); // rank i is outcome i, alone in its group
        }
        int[] order = reward.ranking();
        double[] r = new double[size];
        for (int i = 0; i < size; i++) {
            r[i] = reward.value(order[i]);
        }
        boolean ties = false;
        for (int i = 1; i < size && !ties; i++) {
            ties = r[i] == r[i - 1];
        }
        if (!ties) { // each outcome alone in its group: no group arrays (a search ranks millions of permutations)
            return new Ranking(order, r, null, null, null, size);
        }
        int[] first = new int[size];
        int[] last = new int[size];
        int start = 0;
        for (int i = 1; i <= size; i++) {
            if (i == size || r[i] != r[start]) {
                for (int j = start; j < i; j++) {
                    first[j] = start;
                    last[j] = i - 1;
                }
                start = i;
            }
        }
        return new Ranking(order, r, first, last, null, size);
    }

    public int size() {
        return size;
    }

    /** The inverse of {@link #outcomeAt}, built on first use (most rankings never need it). */
    private volatile int[] rankOf;

    /** The rank of an outcome given by its original index: the inverse of {@link #outcomeAt}. */
    public int rankOf(int outcome) {
        if (outcomeAt == null) {
            return outcome;
        }
        int[] r = rankOf;
        if (r == null) {
            r = new int[outcomeAt.length];
            for (int rank = 0; rank < r.length; rank++) {
                r[outcomeAt[rank]] = rank;
            }
            rankOf = r;
        }
        return r[outcome];
    }

    /** The original index of the outcome at rank i (0 = lowest). */
    public int outcomeAt(int rank) {
        return outcomeAt == null ? java.util.Objects.checkIndex(rank, size) : outcomeAt[rank];
    }

    public double rewardAt(int rank) {
        return rewardAt == null ? ascending.value(java.util.Objects.checkIndex(rank, size)) : rewardAt[rank];
    }

    /** The lowest rank with the same reward value as rank i. */
    public int tieGroupFirst(int rank) {
        return groupFirst == null ? java.util.Objects.checkIndex(rank, size) : groupFirst[rank];
    }

    /** The highest rank with the same reward value as rank i. */
    public int tieGroupLast(int rank) {
        return groupLast == null ? java.util.Objects.checkIndex(rank, size) : groupLast[rank];
    }

    /** Whether two rankings order the same outcomes with the same rewards (so PMFs on them can be compared). */
    public boolean sameAs(Ranking other) {
        if (this == other) {
            return true;
        }
        if (size != other.size) {
            return false;
        }
        if (outcomeAt == null && other.outcomeAt == null && ascending == other.ascending) {
            return true; // both the identity over one reward's values (the PMFs of one family, say)
        }
        for (int i = 0; i < size; i++) {
            if (outcomeAt(i) != other.outcomeAt(i) || Double.compare(rewardAt(i), other.rewardAt(i)) != 0) {
                return false;
            }
        }
        return true;
    }

    /** Whether some outcomes share a reward value. */
    public boolean hasTies() {
        if (groupFirst == null) {
            return false;
        }
        for (int i = 0; i < groupFirst.length; i++) {
            if (groupFirst[i] != groupLast[i]) {
                return true;
            }
        }
        return false;
    }
}
