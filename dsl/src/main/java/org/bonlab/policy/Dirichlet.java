package org.bonlab.policy;

import java.util.Locale;

/**
 * A random policy on L outcomes drawn from the symmetric Dirichlet distribution with the given concentration,
 * from a seeded generator: the same (L, concentration, seed) always gives the same policy. Small concentrations
 * give spiky policies, large ones nearly uniform policies. Reward ascending with the outcome index.
 */
public record Dirichlet(int size, double concentration, long seed) implements IndexedFamily {

    public Dirichlet {
        if (size < 1) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "dirichlet L must be at least 1, but was %d", size));
        }
        if (!(concentration > 0 && Double.isFinite(concentration))) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "dirichlet concentration must be positive and finite, but was %s", concentration));
        }
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visitDirichlet(this);
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "dirichlet(L=%d, alpha=%s, seed=%d)", size, concentration, seed);
    }

    @Override
    public String toString() {
        return describe();
    }
}
