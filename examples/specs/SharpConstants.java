import java.util.ArrayList;
import java.util.List;
import org.bonlab.Bon;
import org.bonlab.Definitions;
import org.bonlab.claim.Claim;
import org.bonlab.claim.Family;
import org.bonlab.claim.Spec;
import org.bonlab.expr.Expr;
import org.bonlab.expr.Quantity;
import org.bonlab.policy.Policy;
import org.bonlab.policy.PolicyVar;

/**
 * The bounds of Beirami et al. whose constants are asked about: Theorem 2 (Eq. 17, constant 2), Corollary 2
 * (Eq. 19, constant 2) and v3's win-rate gap bound (Thm 5.4, constant 1/2), over every policy on 2 and 3 outcomes
 * with distinct rewards and n = 1..1000 (upper ends certified by branch-and-bound), and over every policy on up to 12
 * outcomes and n = 1..10^6 (upper ends for Thm 2 and Cor 2 from the quantile cells, which need no bound on the number
 * of outcomes; for the win-rate gap from the quantile coupling). Run with:
 * bonlab tighten examples/specs/SharpConstants.java
 */
public class SharpConstants implements Spec {
    @Override
    public List<Claim> claims() {
        Expr.Sym n = Bon.n;
        PolicyVar p = Policy.variable("p");
        Family upToThree = new Family.Simplex(2, 3, Family.Rewards.ORDERED);
        Expr gap = Bon.analyticalKl(n).minus(Bon.kl(p.bestOf(n), p));
        Expr winGap = n.div(n.plus(1)).minus(Bon.winRateHalf(p.bestOf(n), p));
        Family upToTwelve = new Family.Simplex(1, 12, Family.Rewards.ORDERED);
        List<Claim> claims = new ArrayList<>();
        for (Family f : List.of(upToThree, upToTwelve)) {
            long to = f == upToThree ? 1000 : 1_000_000;
            String over = f == upToThree ? ", 2-3 outcomes, n <= 1000" : ", <= 12 outcomes, n <= 10^6";
            claims.add(Bon.claim(gap).atMost(Bon.bound(Quantity.BoundKind.THM2_GAP_UPPER, p, n)).forAll(p, f)
                    .forAll(n, 1, to).named("Thm 2 (Eq. 17)" + over));
            claims.add(Bon.claim(gap).atMost(Bon.bound(Quantity.BoundKind.COR2_GAP_UPPER, p, n)).forAll(p, f)
                    .forAll(n, 1, to).named("Cor 2 (Eq. 19)" + over));
            claims.add(Bon.claim(winGap).atMost(Definitions.winRateGapBound(p, n)).forAll(p, f).forAll(n, 1, to)
                    .named("v3 Thm 5.4 (win-rate gap)" + over));
        }
        return claims;
    }
}
