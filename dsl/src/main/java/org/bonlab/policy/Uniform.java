package org.bonlab.policy;

import java.util.Locale;

/** The uniform policy on L outcomes {@code 0..L-1}, listed in ascending reward order (Figure 2 of Beirami et al.). */
public record Uniform(int size) implements IndexedFamily {

    public Uniform {
        if (size < 1) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "uniform L must be at least 1, but was %d", size));
        }
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visitUniform(this);
    }

    @Override
    public String describe() {
        return "uniform(L=" + size + ")";
    }

    @Override
    public String toString() {
        return describe();
    }
}
