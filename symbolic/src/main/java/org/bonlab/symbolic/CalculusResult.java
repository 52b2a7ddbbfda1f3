package org.bonlab.symbolic;

import java.util.List;
import org.bonlab.expr.Expr;

/** A derivative or the stationary points of a derived quantity in one of its parameters, or why none is reported. */
public sealed interface CalculusResult permits CalculusResult.Derivative, CalculusResult.Stationary,
        CalculusResult.Solved, CalculusResult.NotFound {

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

    /**
     * One stationary point, a maximum, minimum or neither: in closed form ({@code exact}, from Symja's Solve) or as a
     * number only ({@code decimal}, 30 significant digits; empty when {@code exact} is given).
     */
    record Point(java.util.Optional<Expr> exact, String decimal, String kind) {
    }

    /**
     * The values of {@code variable} at which the quantity equals {@code value}, each with how it was found and,
     * when the variable is n, where the quantity itself crosses the value between consecutive integers.
     */
    record Solved(Expr.Sym variable, Expr value, List<Root> roots, String method,
            Verification confirmation) implements CalculusResult {
    }

    /**
     * One solution: in closed form ({@code exact}, from Symja's Solve) or as a number only (empty {@code exact});
     * {@code decimal} its value to 30 significant digits (for a closed form with other parameters, empty);
     * {@code atIntegers} for n, where the quantity itself crosses the value ("" otherwise).
     */
    record Root(java.util.Optional<Expr> exact, String decimal, String atIntegers) {
    }

    record NotFound(String reason) implements CalculusResult {
    }
}
