package org.bonlab.numeric.policy;

import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import org.bonlab.expr.Expr;
import org.bonlab.policy.BasePolicy;
import org.bonlab.policy.Explicit;
import org.bonlab.policy.Policy;

/**
 * The outcome y of an expectation or sum over a policy's outcomes, as the terms inside it read y: a term of another
 * policy is read at the same outcome, which sits at the same rank when both policies are ranked by the same reward,
 * and at another rank when they share their outcomes but rank them by another reward (a proxy reward and a true
 * reward on one base policy, as in the regret bounds of Aminian et al.). Every engine's outcome loop uses it, so
 * they accept the same expressions and read the same outcome.
 */
public class SharedOutcomes {

    private final Policy over;
    private final Ranking ranking;
    /** Per ranking met so far (by identity): whether it orders the outcomes as {@link #ranking} does. */
    private final Map<Ranking, Boolean> aligned = new IdentityHashMap<>();

    /** The rank of y in {@link #ranking}, set by the loop. */
    public int index;

    public SharedOutcomes(Policy over, Ranking ranking) {
        this.over = over;
        this.ranking = ranking;
        aligned.put(ranking, true);
    }

    /** The ranking of the loop's own policy. */
    public Ranking ranking() {
        return ranking;
    }

    /**
     * Admits the terms of {@code q}, ranked by {@code qRanking}: the same outcomes in the same order, or the same
     * outcomes in another reward's order (one base policy, or explicit policies with the same list of outcomes).
     *
     * @throws IllegalArgumentException when q lives on other outcomes
     */
    public void admit(Policy q, Ranking qRanking, Expr term) {
        if (aligned.containsKey(qRanking)) {
            return;
        }
        if (qRanking.sameAs(ranking)) {
            aligned.put(qRanking, true);
            return;
        }
        if (qRanking.size() != ranking.size() || !sameOutcomeList(over.base(), q.base())) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s must be taken on the outcomes of the "
                    + "expectation or sum it stands in, but %s lives on other outcomes", term.show(), q.describe()));
        }
        aligned.put(qRanking, false);
    }

    /** The rank of y in {@code qRanking} (a ranking {@link #admit}ted before). */
    public int rankIn(Ranking qRanking) {
        Boolean same = aligned.get(qRanking);
        if (same == null) {
            throw new IllegalStateException("a ranking read before it was admitted");
        }
        return same ? index : qRanking.rankOf(ranking.outcomeAt(index));
    }

    /** Whether two base policies have the same outcomes, by index: one policy, or explicit ones listing the same. */
    static boolean sameOutcomeList(BasePolicy a, BasePolicy b) {
        return a.equals(b) || a instanceof Explicit ea && b instanceof Explicit eb && ea.outcomes().equals(eb.outcomes());
    }
}
