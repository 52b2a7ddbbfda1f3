package org.bonlab.symbolic;

import java.util.List;
import org.matheclipse.core.interfaces.IAST;
import org.matheclipse.core.interfaces.IExpr;

/**
 * What Symja's PowerExpand rewrites, and so what must be positive for it to be valid: the argument of every
 * {@code Log} and the base of every power with a non-integer exponent, and within those, every factor of a
 * product and the base of every power (\( \log(ab) \to \log a + \log b \), \( \log(a^b) \to b \log a \),
 * \( (a^b)^c \to a^{bc} \), \( (ab)^c \to a^c b^c \) all need a, b &gt; 0). Integer powers of products and of
 * powers need nothing: those rewrites hold for every real base.
 */
final class PowerExpansion {

    private PowerExpansion() {
    }

    /**
     * Adds to {@code out} every subexpression of {@code e} that PowerExpand assumes positive.
     *
     * @param mustBePositive whether {@code e} itself is such a subexpression
     */
    static void collect(IExpr e, boolean mustBePositive, List<IExpr> out) {
        if (mustBePositive) {
            out.add(e);
            if (e.isTimes()) {
                for (IExpr factor : (IAST) e) {
                    collect(factor, true, out);
                }
                return;
            }
            if (e.isPower()) {
                collect(e.base(), true, out);
                collect(e.exponent(), false, out);
                return;
            }
        } else if (e.isLog() && ((IAST) e).argSize() == 1) {
            collect(((IAST) e).arg1(), true, out);
            return;
        } else if (e.isPower()) {
            collect(e.base(), !e.exponent().isInteger(), out);
            collect(e.exponent(), false, out);
            return;
        }
        if (e.isAST()) {
            for (IExpr arg : (IAST) e) {
                collect(arg, false, out);
            }
        }
    }
}
