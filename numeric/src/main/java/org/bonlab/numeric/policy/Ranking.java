package org.bonlab.numeric.policy;

import org.bonlab.policy.Reward;

/**
 * The outcomes of a base policy sorted by the total order \( \prec_r \) (ascending reward, then tie-break
 * order; App. C of Amini et al.), with the groups of outcomes that share a reward value.
 */
public final class Ranking {

    private final int[] outcomeAt;
    private final double[] rewardAt;
    private final int[] groupFirst;
    private final int[] groupLast;

    private Ranking(int[] outcomeAt, double[] rewardAt, int[] groupFirst, int[] groupLast) {
        this.outcomeAt = outcomeAt;
        this.rewardAt = rewardAt;
        this.groupFirst = groupFirst;
        this.groupLast = groupLast;
    }

    public static Ranking of(Reward reward) {
        int size = reward.size();
        int[] order = reward.ranking();
        double[] r = new double[size];
        for (int i = 0; i < size; i++) {
            r[i] = reward.value(order[i]);
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
        return new Ranking(order, r, first, last);
    }

    public int size() {
        return outcomeAt.length;
    }

    /** The inverse of {@link #outcomeAt}, built on first use (most rankings never need it). */
    private volatile int[] rankOf;

    /** The rank of an outcome given by its original index: the inverse of {@link #outcomeAt}. */
    public int rankOf(int outcome) {
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
        return outcomeAt[rank];
    }

    public double rewardAt(int rank) {
        return rewardAt[rank];
    }

    /** The lowest rank with the same reward value as rank i. */
    public int tieGroupFirst(int rank) {
        return groupFirst[rank];
    }

    /** The highest rank with the same reward value as rank i. */
    public int tieGroupLast(int rank) {
        return groupLast[rank];
    }

    /** Whether two rankings order the same outcomes with the same rewards (so PMFs on them can be compared). */
    public boolean sameAs(Ranking other) {
        return this == other || java.util.Arrays.equals(outcomeAt, other.outcomeAt)
                && java.util.Arrays.equals(rewardAt, other.rewardAt);
    }

    /** Whether some outcomes share a reward value. */
    public boolean hasTies() {
        for (int i = 0; i < groupFirst.length; i++) {
            if (groupFirst[i] != groupLast[i]) {
                return true;
            }
        }
        return false;
    }
}
