package org.bonlab.claim;

import java.util.Locale;
import java.util.Objects;
import org.bonlab.policy.BasePolicy;
import org.bonlab.policy.PolicyVar;

/** The policies a policy variable of a claim ranges over. */
public sealed interface Family permits Family.Named, Family.Bernoulli, Family.Simplex, Family.SameOutcomes,
        Family.SameProbabilities {

    /** How the rewards of drawn policies are shaped. */
    enum Rewards {
        /** Distinct, ascending in the listing order. */
        ORDERED,
        /** Drawn from a few levels, so that outcomes tie (broken by listing order, App. C of Amini et al.). */
        TIED,
        /** Distinct, in a random order. */
        ARBITRARY,
        /** Random values in [0, 1], for results stated for rewards in [0, 1]. */
        UNIT_INTERVAL,
        /**
         * Random values in [0, 1] with exactly one outcome at 1, the best: for results stated for rewards in [0, 1]
         * whose best value is 1 and not tied (regret bounds measure 1 - E[r]).
         */
        UNIT_INTERVAL_BEST_ONE
    }

    /** One given policy. */
    record Named(BasePolicy policy) implements Family {
        public Named {
            Objects.requireNonNull(policy, "policy");
        }
    }

    /** bernoulli(p) for every p in (0, 1). */
    record Bernoulli() implements Family {
    }

    /** Every policy on L outcomes (the simplex), for every L from {@code minSize} to {@code maxSize}. */
    record Simplex(int minSize, int maxSize, Rewards rewards) implements Family {
        public Simplex {
            Objects.requireNonNull(rewards, "rewards");
            if (minSize < 1 || maxSize < minSize) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "simplex sizes must satisfy 1 <= min <= max, but were %d and %d", minSize, maxSize));
            }
        }
    }

    /** Every policy on the outcomes (and with the reward) of the policy bound to {@code other}: a pi_theta. */
    record SameOutcomes(PolicyVar other) implements Family {
        public SameOutcomes {
            Objects.requireNonNull(other, "other");
        }
    }

    /**
     * The policy bound to {@code other} (its outcomes and probabilities) with a second reward, drawn with the shape
     * {@code rewards}: a true reward beside a proxy reward on one policy, as in regret bounds for best-of-n run with
     * a proxy (Aminian et al. 2025). Inside an expectation over the proxy's policy, this policy's reward is read at
     * the same outcome.
     */
    record SameProbabilities(PolicyVar other, Rewards rewards) implements Family {
        public SameProbabilities {
            Objects.requireNonNull(other, "other");
            Objects.requireNonNull(rewards, "rewards");
        }
    }

    static Family simplex(int maxSize) {
        return new Simplex(2, maxSize, Rewards.ORDERED);
    }
}
