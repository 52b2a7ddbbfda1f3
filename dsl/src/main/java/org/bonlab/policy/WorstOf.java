package org.bonlab.policy;

import java.util.Objects;
import org.bonlab.expr.Expr;

/**
 * The worst-of-n policy: the lowest-ranked of n independent draws,
 * \( \pi(y) = (1 - F^-(y))^n - (1 - F(y))^n \).
 */
public record WorstOf(Policy policy, Expr n) implements Policy {

    public WorstOf {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(n, "n");
        SampleCount.requireValid(n);
    }

    @Override
    public BasePolicy base() {
        return policy.base();
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visitWorstOf(this);
    }

    @Override
    public String describe() {
        return "worstOf(" + policy.describe() + ", " + n.show() + ")";
    }

    @Override
    public String toString() {
        return describe();
    }
}
