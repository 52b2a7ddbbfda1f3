package org.bonlab.symbolic;

import java.util.List;
import org.bonlab.expr.Expr;

/**
 * The leading behaviour of a quantity in the regimes of Beirami et al. (small and large \( n\varepsilon \)),
 * and for each regime that does not apply, why not.
 */
public record Asymptotics(Expr quantity, List<Regime> regimes, List<String> unavailable) {
    public Asymptotics {
        regimes = List.copyOf(regimes);
        unavailable = List.copyOf(unavailable);
    }
}
