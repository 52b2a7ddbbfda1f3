package org.bonlab.claim;

import java.util.Locale;
import java.util.Objects;
import org.bonlab.expr.Expr;

/**
 * The values a symbol of a claim ranges over.
 */
public sealed interface Range permits Range.Integers, Range.Reals {

    Expr.Sym symbol();

    /** Every integer from {@code from} to {@code to}, both included. */
    record Integers(Expr.Sym symbol, long from, long to) implements Range {
        public Integers {
            Objects.requireNonNull(symbol, "symbol");
            if (from > to) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "range of %s must not be empty, but was [%d, %d]", symbol.name(), from, to));
            }
        }

        public long count() {
            return to - from + 1;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s in {%d, ..., %d}", symbol.name(), from, to);
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
