package org.bonlab.policy;

import java.util.Locale;
import java.util.Objects;
import org.bonlab.expr.Scalar;

/**
 * Outcome k = 1..L (listed as index k - 1) has probability proportional to \( k^{-s} \). By default the reward
 * increases with k, so the rarest outcome is the best; with {@code bestIsCommon} the rewards are reversed and
 * the most likely outcome is the best.
 */
public record Zipf(int size, Scalar exponent, boolean bestIsCommon) implements BasePolicy {

    public Zipf {
        Objects.requireNonNull(exponent, "exponent");
        if (size < 1) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "zipf L must be at least 1, but was %d", size));
        }
        if (!(exponent.toDouble() >= 0)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "zipf s must be non-negative, but was %s", exponent));
        }
    }

    @Override
    public String outcome(int i) {
        Objects.checkIndex(i, size);
        return Integer.toString(i + 1);
    }

    @Override
    public Reward reward() {
        if (!bestIsCommon) {
            return Reward.ascending(size);
        }
        double[] r = new double[size];
        for (int i = 0; i < size; i++) {
            r[i] = size - 1 - i;
        }
        return Reward.of(r);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visitZipf(this);
    }

    @Override
    public String describe() {
        return "zipf(L=" + size + ", s=" + exponent + (bestIsCommon ? ", best=common" : "") + ")";
    }

    @Override
    public String toString() {
        return describe();
    }
}
