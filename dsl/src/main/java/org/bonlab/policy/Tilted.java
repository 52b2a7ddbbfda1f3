package org.bonlab.policy;

import java.util.Locale;
import java.util.Objects;
import org.bonlab.expr.Expr;

/**
 * The optimum of the KL-regularised objective \( \mathbb{E}_\pi[r] - \beta\,\mathrm{KL}(\pi \| p) \):
 * \( \pi^*(y) = p(y) e^{r(y)/\beta} / Z \), Eq. (2) of Amini et al. (vBoN).
 */
public record Tilted(Policy policy, Expr beta) implements Policy {

    public Tilted {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(beta, "beta");
        if (beta instanceof Expr.Num num && !(num.value().toDouble() > 0)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "beta must be positive, but was %s", num.value()));
        }
    }

    @Override
    public BasePolicy base() {
        return policy.base();
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visitTilted(this);
    }

    @Override
    public String describe() {
        return "tilted(" + policy.describe() + ", beta=" + beta.show() + ")";
    }

    @Override
    public String toString() {
        return describe();
    }
}
