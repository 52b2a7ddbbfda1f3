package org.bonlab.policy;

import java.util.Objects;
import org.bonlab.expr.Expr;

/**
 * A policy reweighted by a non-negative user expression: \( \pi(y) = q(y)\, w(y) / \sum_{y'} q(y') w(y') \), with
 * the weight w an outcome-level expression (of {@code Bon.rewardCdf(q)}, {@code Bon.prob(q)}, ...) that may be 0,
 * which {@link Reweighted}'s log-weight cannot be. An acceptance probability is such a weight: rejection sampling
 * that accepts y with probability a(y) draws from \( q\,a / \sum q\,a \) ({@link Policy#rewindAndRepeat}).
 * Outcomes where q is 0 keep probability 0 (their weight is not evaluated); a negative or undefined weight, or
 * weights summing to 0, make the policy undefined.
 */
public record Weighted(Policy policy, Expr weight) implements Policy {

    public Weighted {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(weight, "weight");
    }

    @Override
    public BasePolicy base() {
        return policy.base();
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visitWeighted(this);
    }

    @Override
    public String describe() {
        return "weighted(" + policy.describe() + ", " + weight.show() + ")";
    }

    @Override
    public String toString() {
        return describe();
    }
}
