package org.bonlab.symbolic;

import org.bonlab.expr.Expr;

/** A series expansion, as a polynomial in the offset t from the expansion point, or why none is reported. */
public sealed interface SeriesResult permits SeriesResult.Found, SeriesResult.NotFound {

    record Found(Expr polynomial, Expr.Sym offset, String method, Verification confirmation) implements SeriesResult {
    }

    record NotFound(String reason) implements SeriesResult {
    }
}
