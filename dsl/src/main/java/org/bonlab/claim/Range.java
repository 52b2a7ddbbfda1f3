package org.bonlab.claim;

import java.util.Locale;
import java.util.Objects;
import org.bonlab.expr.Expr;

/**
 * The values a symbol of a claim ranges over.
 */
public sealed interface Range permits Range.Integers {

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
}
