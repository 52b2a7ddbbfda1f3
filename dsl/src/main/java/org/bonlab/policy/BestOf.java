package org.bonlab.policy;

import java.util.Objects;
import org.bonlab.expr.Expr;

/**
 * The best-of-n policy: draw n outcomes independently from {@code policy} and keep the one ranked highest by
 * the reward (Eq. (4) of Beirami et al. 2024). Its PMF is Lemma 1, Eq. (7):
 * \( \pi_n(y) = F(y)^n - F^-(y)^n \). Note \( \pi_1 = p \).
 *
 * @param policy the policy drawn from
 * @param n      a positive integer constant, or an expression (such as the symbol n)
 */
public record BestOf(Policy policy, Expr n) implements Policy {

    public BestOf {
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
        return visitor.visitBestOf(this);
    }

    @Override
    public String describe() {
        return "bestOf(" + policy.describe() + ", " + n.show() + ")";
    }

    @Override
    public String toString() {
        return describe();
    }
}
