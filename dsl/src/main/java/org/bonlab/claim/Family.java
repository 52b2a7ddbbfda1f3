package org.bonlab.claim;

import java.util.Locale;
import java.util.Objects;
import org.bonlab.policy.BasePolicy;
import org.bonlab.policy.PolicyVar;

/** The policies a policy variable of a claim ranges over. */
public sealed interface Family permits Family.Named, Family.Bernoulli, Family.Simplex, Family.SameOutcomes {

    /** How the rewards of drawn policies are shaped. */
    enum Rewards {
        /** Distinct, ascending in the listing order. */
        ORDERED,
        /** Drawn from a few levels, so that outcomes tie (broken by listing order, App. C of Amini et al.). */
        TIED,
        /** Distinct, in a random order. */
        ARBITRARY,
        /** Random values in [0, 1], for results stated for rewards in [0, 1]. */
        UNIT_INTERVAL
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

    static Family simplex(int maxSize) {
        return new Simplex(2, maxSize, Rewards.ORDERED);
    }
}
