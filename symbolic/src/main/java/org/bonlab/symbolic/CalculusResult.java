package org.bonlab.symbolic;

import java.util.List;
import org.bonlab.expr.Expr;

/** A derivative or the stationary points of a derived quantity in one of its parameters, or why none is reported. */
public sealed interface CalculusResult permits CalculusResult.Derivative, CalculusResult.Stationary,
        CalculusResult.NotFound {

    /** d quantity / d {@code variable}, simplified, and how it was checked. */
    record Derivative(Expr.Sym variable, Expr form, String method, Verification confirmation)
            implements CalculusResult {
    }

    /**
     * The points where the derivative in {@code variable} vanishes, each with its kind ("maximum", "minimum" or
     * "stationary") read off the derivative's sign on either side, and how they were checked.
     */
    record Stationary(Expr.Sym variable, List<Point> points, String method, Verification confirmation)
            implements CalculusResult {
    }

    /** One stationary point: {@code variable = at}, a maximum, minimum or neither. */
    record Point(Expr at, String kind) {
    }

    record NotFound(String reason) implements CalculusResult {
    }
}
