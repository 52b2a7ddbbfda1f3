package org.bonlab.policy;

import java.util.Locale;
import java.util.Objects;
import org.bonlab.expr.Expr;
import org.jspecify.annotations.Nullable;

/**
 * Outcomes {@code 0} and {@code 1} with \( p(1) = p \), \( p(0) = 1 - p \) and rewards 0 and 1. The parameter may
 * be a number (validated to lie in [0, 1]) or a symbol, for derivations with symbolic p.
 *
 * @param p     the probability of outcome 1
 * @param label a display name such as {@code coin}, or null for {@code bernoulli(p)}
 */
public record Bernoulli(Expr p, @Nullable String label) implements BasePolicy {

    public Bernoulli {
        Objects.requireNonNull(p, "p");
        if (p instanceof Expr.Num num) {
            double v = num.value().toDouble();
            if (!(v >= 0 && v <= 1)) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "bernoulli p must be in [0, 1], but was %s", num.value()));
            }
        }
    }

    @Override
    public int size() {
        return 2;
    }

    @Override
    public String outcome(int i) {
        Objects.checkIndex(i, 2);
        return Integer.toString(i);
    }

    @Override
    public Reward reward() {
        return Reward.ascending(2);
    }

    /** p, if it is a symbol. */
    @Override
    public java.util.List<Expr.Sym> symbols() {
        return p instanceof Expr.Sym s ? java.util.List.of(s) : java.util.List.of();
    }

    /** The same policy with a symbolic p replaced by its value (the label kept). */
    @Override
    public Bernoulli bind(java.util.function.Function<Expr.Sym, org.bonlab.expr.Scalar> values) {
        return p instanceof Expr.Sym s ? new Bernoulli(Expr.constant(values.apply(s)), label) : this;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visitBernoulli(this);
    }

    @Override
    public String describe() {
        return label != null ? label : "bernoulli(" + p.show() + ")";
    }

    @Override
    public String toString() {
        return describe();
    }
}
