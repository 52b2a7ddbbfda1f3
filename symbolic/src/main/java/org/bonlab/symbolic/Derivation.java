package org.bonlab.symbolic;

import org.bonlab.expr.Expr;

/**
 * The result of deriving a quantity: its closed form as a finite sum, the same form in the papers' vocabulary,
 * how the two were shown equal, the limit as the variable grows, and the cross-check of the closed form
 * against the numeric engine.
 *
 * <p>The cross-check may still be running on its own thread when the derivation is returned (so that a series or a
 * derivative of the closed form can start at once); {@link #crossCheck()} waits for it.
 */
public final class Derivation {

    private final Expr quantity;
    private final Expr.Sym variable;
    private final Expr closedForm;
    private final Expr presented;
    private final Verification equality;
    private final LimitResult limit;
    private final java.util.concurrent.Future<Verification> crossCheck;

    /**
     * @param quantity   what was derived, as written in the spec
     * @param variable   the symbol the form depends on (n)
     * @param closedForm the direct closed form (e.g. \( \sum_i \pi_i \log(\pi_i/p_i) \) with Lemma 1's \( \pi_i \))
     * @param presented  the form in the papers' notation (e.g. \( \log 2 - h(2^{-n}) \))
     * @param equality   how {@code presented == closedForm} was established
     * @param limit      the limit as the variable goes to infinity
     * @param crossCheck the closed form evaluated against the numeric engine
     */
    public Derivation(Expr quantity, Expr.Sym variable, Expr closedForm, Expr presented, Verification equality,
            LimitResult limit, Verification crossCheck) {
        this(quantity, variable, closedForm, presented, equality, limit,
                java.util.concurrent.CompletableFuture.completedFuture(crossCheck));
    }

    /** As above, with the cross-check still running. */
    Derivation(Expr quantity, Expr.Sym variable, Expr closedForm, Expr presented, Verification equality,
            LimitResult limit, java.util.concurrent.Future<Verification> crossCheck) {
        this.quantity = java.util.Objects.requireNonNull(quantity, "quantity");
        this.variable = java.util.Objects.requireNonNull(variable, "variable");
        this.closedForm = java.util.Objects.requireNonNull(closedForm, "closedForm");
        this.presented = java.util.Objects.requireNonNull(presented, "presented");
        this.equality = java.util.Objects.requireNonNull(equality, "equality");
        this.limit = java.util.Objects.requireNonNull(limit, "limit");
        this.crossCheck = java.util.Objects.requireNonNull(crossCheck, "crossCheck");
    }

    /** What was derived, as written in the spec. */
    public Expr quantity() {
        return quantity;
    }

    /** The symbol the form depends on (n). */
    public Expr.Sym variable() {
        return variable;
    }

    /** The direct closed form. */
    public Expr closedForm() {
        return closedForm;
    }

    /** The form in the papers' notation. */
    public Expr presented() {
        return presented;
    }

    /** How {@code presented == closedForm} was established. */
    public Verification equality() {
        return equality;
    }

    /** The limit as the variable goes to infinity. */
    public LimitResult limit() {
        return limit;
    }

    /** The closed form evaluated against the numeric engine (waits for the check if it is still running). */
    public Verification crossCheck() {
        return org.bonlab.numeric.Futures.join(crossCheck, "cross-checking a derivation");
    }

    /**
     * This derivation with some parameters fixed at numbers (such as n = 4, to solve bernoulli(p)'s KL for p at that
     * n): the quantity, the closed form and the presented form have each symbol replaced, inside policies too; the
     * equality, the limit and the cross-check are those of the derivation with the symbols free, which cover it.
     */
    public Derivation fix(java.util.Map<Expr.Sym, ? extends Expr> values) {
        Expr q = quantity;
        Expr c = closedForm;
        Expr p = presented;
        for (java.util.Map.Entry<Expr.Sym, ? extends Expr> e : values.entrySet()) {
            q = org.bonlab.claim.Binding.substitute(q, e.getKey(), e.getValue());
            c = org.bonlab.claim.Binding.substitute(c, e.getKey(), e.getValue());
            p = org.bonlab.claim.Binding.substitute(p, e.getKey(), e.getValue());
        }
        return new Derivation(q, variable, c, p, equality, limit, crossCheck);
    }

    /** The presented form in LaTeX. */
    public String latex() {
        return Latex.render(presented);
    }

    @Override
    public String toString() {
        return "Derivation[" + quantity.show() + ": " + presented.show() + "]";
    }
}
