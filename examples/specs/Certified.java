import java.util.List;
import org.bonlab.Bon;
import org.bonlab.claim.Claim;
import org.bonlab.claim.Expectation;
import org.bonlab.claim.Family;
import org.bonlab.claim.Range;
import org.bonlab.claim.Spec;
import org.bonlab.expr.Expr;
import org.bonlab.policy.Policy;
import org.bonlab.policy.PolicyVar;

/**
 * Claims that interval arithmetic proves, one of each kind of covering: Theorem 1 on the coin at every n (boxes
 * of n, the last one unbounded), on bernoulli(p) for every p (boxes of p at each n) and over every policy on 2 and
 * 3 outcomes (boxes of n and probabilities). Run with:
 * bonlab check examples/specs/Certified.java --certificate certs, then bonlab verify certs/FILE.cert
 */
public class Certified implements Spec {
    @Override
    public List<Claim> claims() {
        PolicyVar p = Policy.variable("p");
        Expr kl = Bon.kl(p.bestOf(Bon.n), p);
        Expr bound = Bon.analyticalKl(Bon.n);
        return List.of(
                Bon.claim(kl).atMost(bound).forAll(p, new Family.Named(Policy.coin())).forAll(Bon.n, 1, Range.INFINITY)
                        .named("Theorem 1 on the coin, every n").expecting(Expectation.PROVED),
                Bon.claim(kl).atMost(bound).forAll(p, new Family.Bernoulli()).forAll(Bon.n, 1, 50)
                        .named("Theorem 1 on bernoulli(p), n = 1..50").expecting(Expectation.PROVED),
                Bon.claim(kl).atMost(bound).forAll(p, new Family.Simplex(2, 3, Family.Rewards.ORDERED))
                        .forAll(Bon.n, 1, 5).named("Theorem 1 on 2 and 3 outcomes, n = 1..5")
                        .expecting(Expectation.PROVED));
    }
}
