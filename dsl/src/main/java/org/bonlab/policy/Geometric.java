package org.bonlab.policy;

import java.util.Locale;
import java.util.Objects;
import org.bonlab.expr.Expr;
import org.bonlab.expr.Scalar;

/**
 * Outcome k = 0..L-1 has probability proportional to \( r^k \), and reward increasing with k: with r &lt; 1 the
 * most likely outcome has the lowest reward. The ratio may be a symbol ({@code Policy.geometric(4, Bon.symbol("r"))}),
 * for derivations with a symbolic ratio; the numeric engines take its value from their bindings.
 *
 * @param ratio a positive number, or a symbol
 */
public record Geometric(int size, Expr ratio) implements IndexedFamily {

    public Geometric {
        Objects.requireNonNull(ratio, "ratio");
        if (size < 1) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "geometric L must be at least 1, but was %d", size));
        }
        if (ratio instanceof Expr.Num num) {
            if (!(num.value().toDouble() > 0)) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "geometric r must be positive, but was %s", num.value()));
            }
        } else if (!(ratio instanceof Expr.Sym)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "geometric r must be a number or a symbol, but was %s", ratio.show()));
        }
    }

    /** A geometric policy with a numeric ratio. */
    public static Geometric of(int size, Scalar ratio) {
        return new Geometric(size, Expr.constant(ratio));
    }

    /** The ratio as a number; numeric ratios only (see {@link #bind}). */
    public Scalar ratioValue() {
        if (!(ratio instanceof Expr.Num num)) {
            throw new IllegalStateException(String.format(Locale.ROOT, "geometric r = %s is a symbol: bind it to a "
                    + "number before taking probabilities", ratio.show()));
        }
        return num.value();
    }

    /** The ratio, if it is a symbol. */
    @Override
    public java.util.List<Expr.Sym> symbols() {
        return ratio instanceof Expr.Sym s ? java.util.List.of(s) : java.util.List.of();
    }

    /** The same policy with a symbolic ratio replaced by its value in {@code values}. */
    @Override
    public Geometric bind(java.util.function.Function<Expr.Sym, Scalar> values) {
        return ratio instanceof Expr.Sym s ? new Geometric(size, Expr.constant(values.apply(s))) : this;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visitGeometric(this);
    }

    @Override
    public String describe() {
        return "geometric(L=" + size + ", r=" + (ratio instanceof Expr.Num num ? num.value().toString() : ratio.show())
                + ")";
    }

    @Override
    public String toString() {
        return describe();
    }
}
