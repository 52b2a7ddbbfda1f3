import java.util.List;
import org.bonlab.Bon;
import org.bonlab.Definitions;
import org.bonlab.claim.Claim;
import org.bonlab.claim.Expectation;
import org.bonlab.claim.Family;
import org.bonlab.claim.Spec;
import org.bonlab.expr.Expr;
import org.bonlab.policy.Policy;
import org.bonlab.policy.PolicyVar;

/**
 * Soft best-of-n run with a proxy reward and judged by a true reward (Aminian et al. 2025), over every policy on
 * 2 to 6 outcomes with two rewards drawn on it. Run with {@code ./bonlab check examples/specs/ProxyReward.java}.
 */
public class ProxyReward implements Spec {

    @Override
    public List<Claim> claims() {
        PolicyVar proxy = Policy.variable("proxy");
        PolicyVar truth = Policy.variable("truth");
        Expr.Sym n = Bon.n;
        Expr.Sym lambda = Bon.symbol("lambda");
        // each reward in [0, 1] with one best outcome at 1; truth has proxy's outcomes and probabilities
        Family proxies = new Family.Simplex(2, 6, Family.Rewards.UNIT_INTERVAL_BEST_ONE);
        Family truths = new Family.SameProbabilities(proxy, Family.Rewards.UNIT_INTERVAL_BEST_ONE);
        Expr regret = Definitions.sbonRegret(proxy, truth, n, lambda);
        return List.of(
                // Thm 5.2 as a secondary source records it (UNVERIFIED against the paper)
                Bon.claim(regret).atMost(Definitions.sbonRegretBound(proxy, truth, n, lambda))
                        .forAll(proxy, proxies).forAll(truth, truths).forAll(n, 1, 64).forAllReals(lambda, 0.01, 10)
                        .named("regret <= Thm 5.2 bound").expecting(Expectation.NOT_FALSIFIED),
                // the bound as if the proxy were the truth (its proxy-error term 0): false
                Bon.claim(regret).atMost(Definitions.sbonRegretBound(proxy, proxy, n, lambda))
                        .forAll(proxy, proxies).forAll(truth, truths).forAll(n, 1, 64).forAllReals(lambda, 0.01, 10)
                        .named("regret <= bound without proxy error").expecting(Expectation.FALSIFIED));
    }
}
