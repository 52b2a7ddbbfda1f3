package org.bonlab.expr;

import java.math.BigDecimal;

/**
 * A real constant written by the user: either exact ({@link Rational}) or a finite double ({@link Floating}).
 *
 * <p>Exact values stay exact all the way into the symbolic layer; doubles are marked inexact so that no
 * engine pretends they are rationals.
 */
public sealed interface Scalar permits Rational, Floating {

    /** The nearest double. */
    double toDouble();

    /** The exact decimal value of this constant (for a double, the exact binary value). */
    BigDecimal toBigDecimal();

    /** Whether the value is exactly what the user wrote (true for rationals, false for doubles). */
    boolean isExact();

    /** The constant as a rational: exact for a {@link Rational}, the exact binary value of a double otherwise. */
    Rational toRational();

    static Scalar of(double value) {
        return new Floating(value);
    }

    static Scalar of(long value) {
        return Rational.of(value);
    }
}
