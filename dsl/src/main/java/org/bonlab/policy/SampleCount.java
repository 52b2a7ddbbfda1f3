package org.bonlab.policy;

import java.util.Locale;
import org.bonlab.expr.Expr;
import org.bonlab.expr.Rational;

/** Validation of a number of samples n. */
final class SampleCount {

    private SampleCount() {
    }

    /** A constant n must be an integer at least 1; a symbolic n is checked where it is given a value. */
    static void requireValid(Expr n) {
        if (n instanceof Expr.Num num) {
            boolean ok = num.value() instanceof Rational r && r.isInteger() && r.signum() > 0;
            if (!ok) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "n must be an integer at least 1, but was %s", num.value()));
            }
        }
    }
}
