package org.bonlab.policy;

import java.util.Objects;
import org.bonlab.expr.Expr;

/**
 * A policy tilted by a user expression: \( \pi(y) = q(y)\, e^{g(y)} / Z \), with the log-weight g an
 * outcome-level expression (of {@code Bon.reward(q)}, {@code Bon.prob(q)}, ...). The KL-regularised optimum
 * {@link Tilted} is the case \( g = r/\beta \) (Eq. (2) of Amini et al.); the log-weight keeps large exponents
 * representable.
 */
public record Reweighted(Policy policy, Expr logWeight) implements Policy {

    public Reweighted {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(logWeight, "logWeight");
    }

    @Override
    public BasePolicy base() {
        return policy.base();
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visitReweighted(this);
    }

    @Override
    public String describe() {
        return "reweighted(" + policy.describe() + ", exp(" + logWeight.show() + "))";
    }

    @Override
    public String toString() {
        return describe();
    }
}
