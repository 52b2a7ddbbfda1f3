package org.bonlab.policy;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;
import org.bonlab.expr.Expr;

/**
 * A finite mixture \( \pi(y) = \sum_k w_k \pi_k(y) \) of policies on the same outcomes, such as best-of-n with
 * a random n (best-of-Poisson, Khalaf et al. 2025: {@link Policy#bestOfPoisson}). Weights given as numbers must
 * be non-negative and sum to 1 within 1e-12; weights with symbols are checked when they are evaluated. The
 * numeric engines divide the weights by their sum, so rounding in them (or a truncated tail) leaves no
 * sub-probability.
 */
public record Mixture(List<Policy> components, List<Expr> weights) implements Policy {

    public Mixture {
        components = List.copyOf(Objects.requireNonNull(components, "components"));
        weights = List.copyOf(Objects.requireNonNull(weights, "weights"));
        if (components.isEmpty() || components.size() != weights.size()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "a mixture needs one weight per component "
                    + "and at least one component, but has %d components and %d weights", components.size(),
                    weights.size()));
        }
        BasePolicy base = components.get(0).base();
        for (Policy c : components) {
            if (!c.base().equals(base)) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "mixture components must live on the "
                        + "outcomes of one base policy, but %s and %s do not", components.get(0).describe(),
                        c.describe()));
            }
        }
        if (weights.stream().allMatch(w -> w instanceof Expr.Num)) {
            double sum = 0;
            for (Expr w : weights) {
                double v = ((Expr.Num) w).value().toDouble();
                if (!(v >= 0)) {
                    throw new IllegalArgumentException(String.format(Locale.ROOT,
                            "mixture weights must be non-negative, but one was %s", v));
                }
                sum += v;
            }
            if (Math.abs(sum - 1) > 1e-12) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "mixture weights must sum to 1 within 1e-12, but sum to %s", sum));
            }
        }
    }

    @Override
    public BasePolicy base() {
        return components.get(0).base();
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visitMixture(this);
    }

    @Override
    public String describe() {
        if (components.size() > 4) {
            return String.format(Locale.ROOT, "mixture(%d components of %s)", components.size(), base().describe());
        }
        return "mixture(" + java.util.stream.IntStream.range(0, components.size())
                .mapToObj(k -> weights.get(k).show() + ": " + components.get(k).describe())
                .collect(Collectors.joining(", ")) + ")";
    }

    @Override
    public String toString() {
        return describe();
    }
}
