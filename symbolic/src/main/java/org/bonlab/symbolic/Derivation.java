package org.bonlab.symbolic;

import org.bonlab.expr.Expr;

/**
 * The result of deriving a quantity: its closed form as a finite sum, the same form in the papers' vocabulary,
 * how the two were shown equal, the limit as the variable grows, and the cross-check of the closed form
 * against the numeric engine.
 *
 * @param quantity   what was derived, as written in the spec
 * @param variable   the symbol the form depends on (n)
 * @param closedForm the direct closed form (e.g. \( \sum_i \pi_i \log(\pi_i/p_i) \) with Lemma 1's \( \pi_i \))
 * @param presented  the form in the papers' notation (e.g. \( \log 2 - h(2^{-n}) \))
 * @param equality   how {@code presented == closedForm} was established
 * @param limit      the limit as the variable goes to infinity
 * @param crossCheck the closed form evaluated against the numeric engine
 */
public record Derivation(Expr quantity, Expr.Sym variable, Expr closedForm, Expr presented, Verification equality,
        LimitResult limit, Verification crossCheck) {

    /** The presented form in LaTeX. */
    public String latex() {
        return Latex.render(presented);
    }
}
