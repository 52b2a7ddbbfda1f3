package org.bonlab.numeric.interval;

import java.util.Locale;
import org.bonlab.claim.Claim;
import org.bonlab.claim.Family;
import org.bonlab.claim.Range;
import org.bonlab.claim.Relation;
import org.bonlab.expr.Expr;

/**
 * What the certifiers that recognise a claim's form share: its two sides read as {@code small <= big}, and the words
 * their proofs use for a family of policies and a range of n.
 */
final class Arguments {

    private Arguments() {
    }

    /** The side bounded from above: the left of {@code <=}, the right of {@code >=}. */
    static Expr small(Claim claim) {
        return claim.relation() == Relation.AT_MOST ? claim.lhs() : claim.rhs();
    }

    /** The bounding side. */
    static Expr big(Claim claim) {
        return claim.relation() == Relation.AT_MOST ? claim.rhs() : claim.lhs();
    }

    /**
     * Whether the arguments with no numeric step take a family: any simplex, bernoulli(p), or a named policy without
     * symbols (one with a symbolic parameter is a family over that symbol, which they do not read).
     */
    static boolean anyPolicy(Family f) {
        return f instanceof Family.Simplex || f instanceof Family.Bernoulli
                || f instanceof Family.Named named && named.policy().symbols().isEmpty();
    }

    /** "every policy on 1 to 12 outcomes", "bernoulli(p), every p in [0, 1]", or the named policy. */
    static String over(Family f) {
        if (f instanceof Family.Simplex s) {
            return String.format(Locale.ROOT, "every policy on %s outcomes", s.minSize() == s.maxSize()
                    ? Integer.toString(s.maxSize()) : s.minSize() + " to " + s.maxSize());
        }
        if (f instanceof Family.Bernoulli) {
            return "bernoulli(p), every p in [0, 1]";
        }
        return f instanceof Family.Named n ? n.policy().describe() : f.toString();
    }

    /** "n = 1..infinity" or "n = 1..1000". */
    static String range(Range.Integers r) {
        return String.format(Locale.ROOT, "n = %d..%s", r.from(), r.unbounded() ? "infinity" : Long.toString(r.to()));
    }
}
