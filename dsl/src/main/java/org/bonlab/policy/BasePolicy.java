package org.bonlab.policy;

/**
 * A policy given directly: its outcomes, their probabilities and the reward that ranks them.
 */
public sealed interface BasePolicy extends Policy permits Explicit, Bernoulli, Zipf, IndexedFamily {

    /** The number of outcomes L. */
    int size();

    /** The name of outcome i (0-based). */
    String outcome(int i);

    /** The reward that ranks the outcomes. */
    Reward reward();

    @Override
    default BasePolicy base() {
        return this;
    }
}
