package org.bonlab.symbolic;

import org.bonlab.expr.Expr;

/**
 * The leading behaviour of a quantity in one regime of n: {@code quantity = approximation + o(errorScale)}, the
 * argument behind it, and the numeric check that stands behind printing it.
 *
 * @param name          the regime, e.g. {@code "n eps_inf >> 1"}
 * @param approximation the leading terms
 * @param errorScale    the remainder is o(errorScale) in the regime
 * @param argument      how the form was derived and what holds rigorously
 * @param check         the comparison with the exact value in the regime
 */
public record Regime(String name, Expr approximation, Expr errorScale, String argument, Verification check) {

    /** {@code approximation + o(errorScale)} in plain text. */
    public String show() {
        return approximation.show() + " + o(" + errorScale.show() + ")";
    }

    /** {@code approximation + o(errorScale)} in LaTeX. */
    public String latex() {
        return Latex.render(approximation) + " + o\\left(" + Latex.render(errorScale) + "\\right)";
    }
}
