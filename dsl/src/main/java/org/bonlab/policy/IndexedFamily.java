package org.bonlab.policy;

import java.util.Objects;

/**
 * A family whose outcomes are the indices 0..L-1, listed in ascending reward order (outcome i has reward i):
 * the convention of the papers' figures.
 */
public sealed interface IndexedFamily extends BasePolicy permits Uniform, Spike, Geometric, Dirichlet {

    @Override
    default String outcome(int i) {
        Objects.checkIndex(i, size());
        return Integer.toString(i);
    }

    @Override
    default Reward reward() {
        return Reward.ascending(size());
    }
}
