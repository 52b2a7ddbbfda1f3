package org.bonlab.policy;

import java.util.Locale;
import java.util.Objects;
import org.bonlab.expr.Scalar;

/**
 * Outcome k = 0..L-1 has probability proportional to \( r^k \), and reward increasing with k: with r &lt; 1 the
 * most likely outcome has the lowest reward.
 */
public record Geometric(int size, Scalar ratio) implements IndexedFamily {

    public Geometric {
        Objects.requireNonNull(ratio, "ratio");
        if (size < 1) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "geometric L must be at least 1, but was %d", size));
        }
        if (!(ratio.toDouble() > 0)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "geometric r must be positive, but was %s", ratio));
        }
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visitGeometric(this);
    }

    @Override
    public String describe() {
        return "geometric(L=" + size + ", r=" + ratio + ")";
    }

    @Override
    public String toString() {
        return describe();
    }
}
