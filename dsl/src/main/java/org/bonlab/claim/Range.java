package org.bonlab.claim;

import java.util.Locale;
import java.util.Objects;
import org.bonlab.expr.Expr;

/**
 * The values a symbol of a claim ranges over.
 */
public sealed interface Range permits Range.Integers, Range.Reals {

    Expr.Sym symbol();

    /**
     * The upper end of an integer range without one: {@code forAll(n, 1, Range.INFINITY)} is every integer
     * n >= 1.
     */
    long INFINITY = Long.MAX_VALUE;

    /** Every integer from {@code from} to {@code to}, both included; {@code to} may be {@link #INFINITY}. */
    record Integers(Expr.Sym symbol, long from, long to) implements Range {
        public Integers {
            Objects.requireNonNull(symbol, "symbol");
            if (from > to) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "range of %s must not be empty, but was [%d, %d]", symbol.name(), from, to));
            }
            if (from == INFINITY) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "range of %s must start at a finite integer, but starts at infinity", symbol.name()));
            }
        }

        /** Whether the range has no upper end. */
        public boolean unbounded() {
            return to == INFINITY;
        }

        /** The number of integers in the range, {@link Long#MAX_VALUE} when there are at least that many. */
        public long count() {
            long c = to - from + 1;
            return unbounded() || c <= 0 ? Long.MAX_VALUE : c;
        }

        @Override
        public String toString() {
            return unbounded() ? String.format(Locale.ROOT, "%s in {%d, %d, ...}", symbol.name(), from, from + 1)
                    : String.format(Locale.ROOT, "%s in {%d, ..., %d}", symbol.name(), from, to);
        }
    }

    /**
     * Real numbers between {@code lower} and {@code upper} (end points excluded); either may be infinite, as in
     * lambda in (0, infinity).
     */
    record Reals(Expr.Sym symbol, double lower, double upper) implements Range {
        public Reals {
            Objects.requireNonNull(symbol, "symbol");
            if (Double.isNaN(lower) || Double.isNaN(upper) || !(lower < upper)) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "range of %s must be a non-empty interval, but was (%s, %s)", symbol.name(), lower, upper));
            }
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s in (%s, %s)", symbol.name(), lower, upper);
        }
    }
}
