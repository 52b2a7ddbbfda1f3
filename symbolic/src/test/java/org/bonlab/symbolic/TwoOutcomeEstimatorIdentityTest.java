package org.bonlab.symbolic;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import org.bonlab.Bon;
import org.bonlab.expr.Expr;
import org.bonlab.policy.Policy;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The reduction behind the proof of Conjecture 4.4 of Beirami et al. (v3) on two outcomes
 * ({@code TwoOutcomeEstimatorCertifier} of the numeric module): E[KLhat] - KL = a^n G, for symbolic n and
 * probabilities, starting from bonlab's own definitions of Eq. (28)'s mean and of the KL.
 */
class TwoOutcomeEstimatorIdentityTest {

    @Test
    @DisplayName("E[KLhat] - KL = a^n G on bernoulli(b), a = 1 - b: proved by Symja for every n and b in (0, 1)")
    void marginFactors() {
        Expr.Sym n = Bon.n;
        Expr.Sym b = Bon.symbol("b");
        Policy p = Policy.bernoulli(b); // outcome 1, the top one, has probability b
        Expr one = Expr.constant(1);
        Expr a = one.minus(b);
        Expr ln = Expr.log(n).minus(n.minus(1L).div(n));
        // G = b^n (L_n + (n-1) log b) + (1 - b^n)(log(1 - b^n) - log a) + (1 - a^n)(L_n - log((1 - a^n)/b))
        //     - (n-1) a^n log a
        Expr g = b.pow(n).times(ln.plus(n.minus(1L).times(Expr.log(b))))
                .plus(one.minus(b.pow(n)).times(Expr.log(one.minus(b.pow(n))).minus(Expr.log(a))))
                .plus(one.minus(a.pow(n)).times(ln.minus(Expr.log(one.minus(a.pow(n)).div(b)))))
                .minus(n.minus(1L).times(a.pow(n)).times(Expr.log(a)));
        try (SymbolicEngine engine = new SymbolicEngine()) {
            Derivation margin = engine.derive(Bon.klHatMean(p, n).minus(Bon.kl(p.bestOf(n), p)), n);
            Verification v = engine.identity(margin.closedForm(), a.pow(n).times(g), n, List.of(b));
            assertInstanceOf(Verification.Proved.class, v, v.describe());
        }
    }
}
