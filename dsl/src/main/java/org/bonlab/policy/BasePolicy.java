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

    /**
     * The symbols among the policy's parameters (bernoulli's p, a spike's tops, geometric's r), in order: empty for a
     * policy given by numbers. Engines evaluate such a policy at the symbols' values ({@link #bind}).
     */
    default java.util.List<org.bonlab.expr.Expr.Sym> symbols() {
        return java.util.List.of();
    }

    /**
     * For each symbolic parameter, an upper end u such that every combination of values in (0, u) gives a valid
     * policy: the engines that check a formula at sample values of the parameters take them from (0, u). 1 by default
     * (bernoulli's p; geometric's r, whose checks stay in (0, 1)); a spike with k symbolic tops beside numeric tops
     * summing to s gives (1 - s)/k to each, so the tops never reach 1 together.
     */
    default java.util.Map<org.bonlab.expr.Expr.Sym, Double> parameterBounds() {
        java.util.Map<org.bonlab.expr.Expr.Sym, Double> bounds = new java.util.LinkedHashMap<>();
        symbols().forEach(s -> bounds.put(s, 1.0));
        return java.util.Collections.unmodifiableMap(bounds);
    }

    /**
     * The same policy with each symbolic parameter replaced by its value in {@code values}; the policy itself when it
     * has none.
     *
     * @throws IllegalArgumentException when the values are not the family's (a spike top outside (0, 1), ...)
     */
    default BasePolicy bind(java.util.function.Function<org.bonlab.expr.Expr.Sym, org.bonlab.expr.Scalar> values) {
        return this;
    }
}
