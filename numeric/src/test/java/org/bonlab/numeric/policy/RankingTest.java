package org.bonlab.numeric.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bonlab.numeric.quantity.BestOfKl;
import org.bonlab.numeric.quantity.Quantities;
import org.bonlab.policy.Reward;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Rankings held without arrays (rewards ascending in listing order, no ties) against rankings held in arrays. */
class RankingTest {

    /** The same answers from every accessor, rank by rank. */
    private static void assertSameRanks(Ranking expected, Ranking actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.outcomeAt(i), actual.outcomeAt(i), "outcome at " + i);
            assertEquals(expected.rewardAt(i), actual.rewardAt(i), "reward at " + i);
            assertEquals(expected.tieGroupFirst(i), actual.tieGroupFirst(i), "group start at " + i);
            assertEquals(expected.tieGroupLast(i), actual.tieGroupLast(i), "group end at " + i);
            assertEquals(expected.rankOf(i), actual.rankOf(i), "rank of " + i);
        }
        assertEquals(expected.hasTies(), actual.hasTies());
        assertTrue(expected.sameAs(actual) && actual.sameAs(expected));
    }

    @Test
    @DisplayName("an ascending reward without ties ranks as the identity, with its own values and singleton groups")
    void identityRankings() {
        // the same ranks as a reversed listing of the same values, ranked through arrays
        Ranking identity = Ranking.of(Reward.of(0.5, 1.5, 2, 7));
        Ranking viaArrays = Ranking.of(Reward.of(7, 2, 1.5, 0.5));
        assertEquals(3, viaArrays.outcomeAt(0));
        for (int i = 0; i < 4; i++) {
            assertEquals(i, identity.outcomeAt(i));
            assertEquals(viaArrays.rewardAt(i), identity.rewardAt(i));
            assertEquals(i, identity.tieGroupFirst(i));
            assertEquals(i, identity.tieGroupLast(i));
        }
        assertFalse(identity.sameAs(viaArrays), "other outcomes at the same ranks");
        assertFalse(identity.hasTies());
        // Reward.ascending(L) (outcome i has reward i) and its explicit values give the same ranking
        assertSameRanks(Ranking.of(Reward.of(0, 1, 2, 3, 4)), Ranking.of(Reward.ascending(5)));
        // a tie-break order does not matter without ties
        assertSameRanks(Ranking.of(Reward.ascending(3)), Ranking.of(Reward.ascending(3).withTieBreak(2, 1, 0)));
        // out of range is refused as arrays refuse it
        assertThrows(IndexOutOfBoundsException.class, () -> Ranking.of(Reward.ascending(3)).outcomeAt(3));
        assertThrows(IndexOutOfBoundsException.class, () -> Ranking.of(Reward.ascending(3)).rewardAt(-1));
        // a policy of 10^7 outcomes ranks without an array of its own
        assertEquals(9_999_999, Ranking.of(Reward.ascending(10_000_000)).outcomeAt(9_999_999));
    }

    @Test
    @DisplayName("ties keep their groups (array form); different rewards on the same order are different rankings")
    void tiedAndDifferentRankings() {
        Ranking tied = Ranking.of(Reward.of(0, 1, 1, 2));
        assertTrue(tied.hasTies());
        assertEquals(1, tied.tieGroupFirst(2));
        assertEquals(2, tied.tieGroupLast(1));
        assertFalse(Ranking.of(Reward.of(0, 1, 2)).sameAs(Ranking.of(Reward.of(0, 1, 3))));
        assertFalse(Ranking.of(Reward.ascending(3)).sameAs(Ranking.of(Reward.ascending(4))));
    }

    @Test
    @DisplayName("the KL kernel reads the PMF's own log p and log F, and agrees with the generic sum over pi_n")
    void kernelSharesThePmfsArrays() {
        RankedPmf p = Families.zipf(Ranking.of(Reward.ascending(1000)), 1000, 1.1, false);
        BestOfKl kernel = new BestOfKl(p);
        for (double n : new double[] {2, 16, 1000}) {
            assertEquals(Quantities.kl(p.bestOf(n), p), kernel.kl(n), 1e-13 * Math.max(1, kernel.kl(n)));
        }
        // the PMF is unchanged by the kernel: its CDF still ends at log 1 = 0 and its logs still sum to 1
        assertEquals(0.0, p.logCdf(999));
        double total = 0;
        for (int i = 0; i < 1000; i++) {
            total += Math.exp(p.logProbability(i));
        }
        assertEquals(1.0, total, 1e-14);
    }
}
