package org.bonlab.claim;

import java.util.List;
import java.util.Map;
import org.bonlab.expr.Expr;
import org.bonlab.policy.Policy;

/**
 * A spec script for {@code bonlab check}: a public class with a public no-argument constructor that lists its
 * claims, each with the verdict it expects ({@link Claim#expecting}). It may also name quantities of its own,
 * which {@code bonlab eval --spec FILE --columns NAME,...} evaluates like the built-in columns.
 */
public interface Spec {

    List<Claim> claims();

    /**
     * Quantities this spec defines, by column name (letters, digits, '_'), each a function of the base policy p,
     * the evaluated policy pi (best-of-n of p, or soft best-of-n) and the symbol n. None by default.
     */
    default Map<String, Column> quantities() {
        return Map.of();
    }

    /** A column of {@code bonlab eval}: an expression of the base policy, the evaluated policy and n. */
    @FunctionalInterface
    interface Column {
        Expr of(Policy p, Policy pi, Expr.Sym n);
    }
}
