package org.bonlab.policy;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;
import org.bonlab.expr.Expr;
import org.bonlab.expr.Rational;
import org.bonlab.expr.Scalar;

/**
 * The policies of Figure 3 of Beirami et al.: {@code tops} lists the probabilities of the highest-reward
 * outcome first, then the next highest, and so on; the other {@code size - tops.size()} outcomes share the rest
 * equally and have lower rewards. Outcomes are listed in ascending reward order: first the rest, then the tops
 * from the lowest to the highest.
 *
 * <p>Figure 3 left is {@code spike(5, 1e-4)}; Figure 3 right is {@code spike(200, 1e-5, 1e-3, 1e-1)}. A top may
 * be a symbol ({@code Policy.spike(5, Bon.symbol("eps"))}), for derivations with a symbolic probability; the
 * numeric engines take its value from their bindings.
 *
 * @param tops numbers in (0, 1) summing to less than 1, or symbols
 */
public record Spike(int size, List<Expr> tops) implements IndexedFamily {

    public Spike {
        tops = List.copyOf(tops);
        if (tops.isEmpty() || tops.size() >= size) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "spike tops must list between 1 and L - 1 = %d probabilities, but listed %d", size - 1,
                    tops.size()));
        }
        Rational sum = Rational.ZERO;
        double approx = 0;
        boolean exact = true;
        for (Expr top : tops) {
            Objects.requireNonNull(top, "top");
            if (top instanceof Expr.Sym) {
                continue;
            }
            if (!(top instanceof Expr.Num num)) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "spike tops must be numbers or symbols, but have %s", top.show()));
            }
            Scalar t = num.value();
            if (!(t.toDouble() > 0) || t.toDouble() >= 1) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "spike tops must be probabilities in (0, 1), but have %s", t));
            }
            approx += t.toDouble();
            if (t.isExact()) {
                sum = sum.plus(t.toRational());
            } else {
                exact = false;
            }
        }
        if (!(approx < 1) || exact && sum.compareTo(Rational.ONE) >= 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "spike tops must sum to less than 1, but sum to %s", approx));
        }
    }

    /** A spike policy with numeric tops. */
    public static Spike of(int size, List<? extends Scalar> tops) {
        return new Spike(size, tops.stream().map(Expr::constant).toList());
    }

    /** Whether every top is a number (no symbol). */
    public boolean isNumeric() {
        return tops.stream().allMatch(t -> t instanceof Expr.Num);
    }

    /** Whether every top probability is an exact number, so that every probability is. */
    public boolean isExact() {
        return tops.stream().allMatch(t -> t instanceof Expr.Num num && num.value().isExact());
    }

    /** The symbols among the tops, in order. */
    @Override
    public List<Expr.Sym> symbols() {
        return tops.stream().filter(t -> t instanceof Expr.Sym).map(t -> (Expr.Sym) t).toList();
    }

    /**
     * (1 - s)/k for each of the k symbolic tops (a symbol listed twice counts twice), s the sum of the numeric tops:
     * any values below it keep the tops' sum below 1.
     */
    @Override
    public java.util.Map<Expr.Sym, Double> parameterBounds() {
        double numeric = 0;
        int symbolic = 0;
        for (Expr t : tops) {
            if (t instanceof Expr.Num num) {
                numeric += num.value().toDouble();
            } else {
                symbolic++;
            }
        }
        java.util.Map<Expr.Sym, Double> bounds = new java.util.LinkedHashMap<>();
        double each = symbolic == 0 ? 1 : (1 - numeric) / symbolic;
        symbols().forEach(s -> bounds.put(s, each));
        return java.util.Collections.unmodifiableMap(bounds);
    }

    /**
     * The same spike with each symbolic top replaced by its value in {@code values} (a number for each symbol).
     *
     * @throws IllegalArgumentException naming a symbol without a value, or values that are not a spike's
     */
    @Override
    public Spike bind(java.util.function.Function<Expr.Sym, Scalar> values) {
        if (isNumeric()) {
            return this;
        }
        return new Spike(size, tops.stream().map(t -> t instanceof Expr.Sym s ? Expr.constant(values.apply(s)) : t)
                .toList());
    }

    private Scalar top(int k) {
        if (!(tops.get(k) instanceof Expr.Num num)) {
            throw new IllegalStateException(String.format(Locale.ROOT, "spike top %s is a symbol: bind it to a "
                    + "number before taking probabilities (%s)", tops.get(k).show(), describe()));
        }
        return num.value();
    }

    /** The probability shared by each of the {@code size - tops.size()} other outcomes, exactly when possible. */
    public Scalar restProbability() {
        int rest = size - tops.size();
        if (isExact()) {
            Rational sum = Rational.ZERO;
            for (int k = 0; k < tops.size(); k++) {
                sum = sum.plus(top(k).toRational());
            }
            return Rational.ONE.minus(sum).div(Rational.of(rest));
        }
        double sum = 0;
        for (int k = 0; k < tops.size(); k++) {
            sum += top(k).toDouble();
        }
        return Scalar.of((1 - sum) / rest);
    }

    /** The probability of outcome i (ascending reward order); numeric tops only (see {@link #bind}). */
    public Scalar probability(int i) {
        Objects.checkIndex(i, size);
        int rest = size - tops.size();
        return i < rest ? restProbability() : top(size - 1 - i);
    }

    /** The probability of outcome i (ascending reward order) as an expression in the symbolic tops. */
    public Expr probabilityExpr(int i) {
        Objects.checkIndex(i, size);
        int rest = size - tops.size();
        if (i >= rest) {
            return tops.get(size - 1 - i);
        }
        if (isExact()) {
            return Expr.constant(restProbability());
        }
        Expr sum = tops.get(0);
        for (int k = 1; k < tops.size(); k++) {
            sum = sum.plus(tops.get(k));
        }
        return Expr.constant(1).minus(sum).div(Expr.constant(rest));
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visitSpike(this);
    }

    @Override
    public String describe() {
        return "spike(L=" + size + ", tops=" + tops.stream().map(t -> t instanceof Expr.Num num ? num.value().toString() : t.show())
                .collect(Collectors.joining(",", "[", "]")) + ")";
    }

    @Override
    public String toString() {
        return describe();
    }
}
