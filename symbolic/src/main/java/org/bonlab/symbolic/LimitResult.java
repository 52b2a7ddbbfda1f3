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

    /**
     * The form grows without bound (e.g. \( \log n - (n-1)/n \)): to +infinity, or, with a {@code rate} c, like
     * c n (to +infinity where c &gt; 0 and to -infinity where c &lt; 0; c may depend on the parameters).
     */
    record Diverges(String method, Verification confirmation, java.util.Optional<Expr> rate) implements LimitResult {
        public Diverges(String method, Verification confirmation) {
            this(method, confirmation, java.util.Optional.empty());
        }

        /** How the divergence reads: "diverges to +infinity", or "diverges like (c)*n". */
        public String describe() {
            return rate.map(c -> "diverges like (" + c.show() + ")*n, to -infinity where it is negative and "
                    + "+infinity where positive").orElse("diverges to +infinity");
        }
    }

    /** No limit is reported: every method failed or disagreed with the numbers. */
    record NotFound(String reason) implements LimitResult {
    }
}
