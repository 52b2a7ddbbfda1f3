package org.bonlab.symbolic;

import org.bonlab.expr.Expr;

/** The limit of a derived form as its variable goes to infinity, or why none is reported. */
public sealed interface LimitResult permits LimitResult.Found, LimitResult.Diverges, LimitResult.NotFound {

    /**
     * A limit value, how it was obtained (e.g. Symja's {@code Limit}, or dominance of the top outcome), and the
     * numeric confirmation that stands behind printing it.
     */
    record Found(Expr value, String method, Verification confirmation, java.util.List<String> failedAttempts)
            implements LimitResult {
        public Found {
            failedAttempts = java.util.List.copyOf(failedAttempts);
        }
    }

    /** The form grows without bound (e.g. \( \log n - (n-1)/n \)). */
    record Diverges(String method, Verification confirmation) implements LimitResult {
    }

    /** No limit is reported: every method failed or disagreed with the numbers. */
    record NotFound(String reason) implements LimitResult {
    }
}
