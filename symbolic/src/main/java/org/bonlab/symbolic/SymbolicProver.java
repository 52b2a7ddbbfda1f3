package org.bonlab.symbolic;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bonlab.claim.Binding;
import org.bonlab.claim.Claim;
import org.bonlab.claim.Family;
import org.bonlab.claim.Range;
import org.bonlab.claim.Relation;
import org.bonlab.expr.Expr;
import org.bonlab.numeric.claim.Verdict;
import org.bonlab.policy.Policy;
import org.bonlab.policy.PolicyVar;

/**
 * The symbolic route to PROVED, for what interval arithmetic cannot do: an equality. A claim {@code lhs == rhs}
 * over one integer range of n (from n = 1 on, any upper end, infinity included) between expressions of derivable
 * quantities of named policies is proved when both sides, derived with a symbolic n (each derivation
 * cross-checked against the numeric engine), are equal by Symja's exact reduction {@code Expand(lhs - rhs) = 0},
 * with PowerExpand first only where every base and log argument it rewrites is shown positive on the claim's range
 * of n ({@link SymbolicEngine#identity(Expr, Expr, Expr.Sym, List, Map)}): the identity then holds on the whole
 * range. Agreement at sample points alone is evidence, not proof, and leaves the verdict as it was.
 */
public final class SymbolicProver {

    private SymbolicProver() {
    }

    /** The search's verdict on {@code claim}, then {@link #decide}: the whole checker, numeric and symbolic. */
    public static Verdict check(Claim claim, org.bonlab.numeric.claim.ConjectureSearch search) {
        return decide(claim, search.check(claim));
    }

    /**
     * {@code numeric} (the verdict of a search or check), upgraded to PROVED when an exact symbolic identity
     * exists; a FALSIFIED or PROVED verdict, or a claim of another shape, is returned as it is.
     */
    public static Verdict decide(Claim claim, Verdict numeric) {
        if (!(numeric instanceof Verdict.Undecided) || claim.relation() != Relation.EQUALS
                || claim.domain().size() != 1 || !(claim.domain().get(0) instanceof Range.Integers range)
                || range.from() < 1) {
            return numeric;
        }
        Map<PolicyVar, Policy> fixed = new LinkedHashMap<>();
        for (var e : claim.policies().entrySet()) {
            if (!(e.getValue() instanceof Family.Named named)) {
                return numeric;
            }
            fixed.put(e.getKey(), named.policy());
        }
        Expr.Sym n = range.symbol();
        try (SymbolicEngine engine = new SymbolicEngine()) {
            Expr lhs = closedForm(engine, Binding.bind(claim.lhs(), fixed), n);
            Expr rhs = closedForm(engine, Binding.bind(claim.rhs(), fixed), n);
            double to = range.unbounded() ? Double.POSITIVE_INFINITY : range.to();
            Verification v = engine.identity(lhs, rhs, n, List.of(),
                    Map.of(n, Positivity.Bounds.atLeast(range.from(), to)));
            if (v instanceof Verification.Proved p) {
                return new Verdict.Proved(claim, String.format(java.util.Locale.ROOT,
                        "exact symbolic identity on %s: both sides derived with symbolic n (each cross-checked "
                                + "against the numeric engine), and %s", range, p.argument()),
                        numeric.evaluations());
            }
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            // a side that cannot be derived (a family, a quantity without a closed form): no symbolic proof
        }
        return numeric;
    }

    /** The closed form of an expression with symbolic n: its quantities derived (and cross-checked), or itself. */
    private static Expr closedForm(SymbolicEngine engine, Expr e, Expr.Sym n) {
        if (!SymbolicEngine.containsQuantity(e) && !OutcomeExpansion.uses(e)) {
            return e;
        }
        Derivation d = engine.derive(e, n);
        if (!(d.crossCheck() instanceof Verification.CheckedNumerically)) {
            throw new IllegalArgumentException("the derivation of " + e.show() + " is not confirmed: "
                    + d.crossCheck().describe());
        }
        return d.closedForm();
    }
}
