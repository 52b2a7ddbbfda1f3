package org.bonlab.expr;

import java.math.BigDecimal;
import java.util.Locale;

/** A finite double-precision constant. Not exact: the symbolic layer treats it as a number, not a rational. */
public record Floating(double value) implements Scalar {

    public Floating {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(
                    String.format(Locale.ROOT, "constant must be finite, but was %s", value));
        }
    }

    @Override
    public double toDouble() {
        return value;
    }

    @Override
    public BigDecimal toBigDecimal() {
        return new BigDecimal(value);
    }

    @Override
    public boolean isExact() {
        return false;
    }

    @Override
    public Rational toRational() {
        return Rational.of(new BigDecimal(value));
    }

    @Override
    public String toString() {
        return Double.toString(value);
    }
}
