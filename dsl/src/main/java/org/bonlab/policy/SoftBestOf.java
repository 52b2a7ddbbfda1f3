package org.bonlab.policy;

import java.util.Locale;
import java.util.Objects;
import org.bonlab.expr.Expr;

/**
 * Soft best-of-n with temperature \( \lambda \): draw n outcomes independently from {@code policy} and return
 * one of them with probability proportional to \( w(y) = e^{r(y)/\lambda} \) (Aminian et al. 2025). Its PMF is
 * \[ \pi(y) = n\,p(y)\,w(y) \int_0^\infty e^{-w(y) t} \Big(\sum_z p(z) e^{-w(z) t}\Big)^{n-1} dt. \]
 * As \( \lambda \to 0 \) it tends to best-of-n, as \( \lambda \to \infty \) to the base policy.
 */
public record SoftBestOf(Policy policy, Expr n, Expr lambda) implements Policy {

    public SoftBestOf {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(n, "n");
        Objects.requireNonNull(lambda, "lambda");
        SampleCount.requireValid(n);
        if (lambda instanceof Expr.Num num && !(num.value().toDouble() > 0)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "lambda must be positive, but was %s", num.value()));
        }
    }

    @Override
    public BasePolicy base() {
        return policy.base();
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visitSoftBestOf(this);
    }

    @Override
    public String describe() {
        return "softBestOf(" + policy.describe() + ", " + n.show() + ", lambda=" + lambda.show() + ")";
    }

    @Override
    public String toString() {
        return describe();
    }
}
