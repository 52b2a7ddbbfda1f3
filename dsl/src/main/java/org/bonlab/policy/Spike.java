package org.bonlab.policy;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;
import org.bonlab.expr.Rational;
import org.bonlab.expr.Scalar;

/**
 * The policies of Figure 3 of Beirami et al.: {@code tops} lists the probabilities of the highest-reward
 * outcome first, then the next highest, and so on; the other {@code size - tops.size()} outcomes share the rest
 * equally and have lower rewards. Outcomes are listed in ascending reward order: first the rest, then the tops
 * from the lowest to the highest.
 *
 * <p>Figure 3 left is {@code spike(5, 1e-4)}; Figure 3 right is {@code spike(200, 1e-5, 1e-3, 1e-1)}.
 */
public record Spike(int size, List<Scalar> tops) implements IndexedFamily {

    public Spike {
        tops = List.copyOf(tops);
        if (tops.isEmpty() || tops.size() >= size) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "spike tops must list between 1 and L - 1 = %d probabilities, but listed %d", size - 1,
                    tops.size()));
        }
        Rational sum = Rational.ZERO;
        double approx = 0;
        for (Scalar t : tops) {
            Objects.requireNonNull(t, "top");
            if (!(t.toDouble() > 0) || t.toDouble() >= 1) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "spike tops must be probabilities in (0, 1), but have %s", t));
            }
            approx += t.toDouble();
            if (t.isExact()) {
                sum = sum.plus(t.toRational());
            }
        }
        if (!(approx < 1) || tops.stream().allMatch(Scalar::isExact) && sum.compareTo(Rational.ONE) >= 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "spike tops must sum to less than 1, but sum to %s", approx));
        }
    }

    /** Whether every top probability is exact, so that every probability is. */
    public boolean isExact() {
        return tops.stream().allMatch(Scalar::isExact);
    }

    /** The probability shared by each of the {@code size - tops.size()} other outcomes, exactly when possible. */
    public Scalar restProbability() {
        int rest = size - tops.size();
        if (isExact()) {
            Rational sum = Rational.ZERO;
            for (Scalar t : tops) {
                sum = sum.plus(t.toRational());
            }
            return Rational.ONE.minus(sum).div(Rational.of(rest));
        }
        double sum = 0;
        for (Scalar t : tops) {
            sum += t.toDouble();
        }
        return Scalar.of((1 - sum) / rest);
    }

    /** The probability of outcome i (ascending reward order). */
    public Scalar probability(int i) {
        Objects.checkIndex(i, size);
        int rest = size - tops.size();
        return i < rest ? restProbability() : tops.get(size - 1 - i);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visitSpike(this);
    }

    @Override
    public String describe() {
        return "spike(L=" + size + ", tops=" + tops.stream().map(Object::toString)
                .collect(Collectors.joining(",", "[", "]")) + ")";
    }

    @Override
    public String toString() {
        return describe();
    }
}
