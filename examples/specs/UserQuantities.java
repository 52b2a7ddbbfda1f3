import java.util.List;
import java.util.Map;
import org.bonlab.Bon;
import org.bonlab.claim.Claim;
import org.bonlab.claim.Expectation;
import org.bonlab.claim.Family;
import org.bonlab.claim.Spec;
import org.bonlab.expr.Expr;
import org.bonlab.policy.Policy;
import org.bonlab.policy.PolicyVar;

/**
 * Quantities that bonlab does not build in, defined the way a paper writes them, and claims about them.
 * Run with {@code ./bonlab check examples/specs/UserQuantities.java}.
 */
public class UserQuantities implements Spec {

    /** Squared Hellinger distance, H^2(q, p) = 1 - sum_y sqrt(q(y) p(y)). */
    static Expr hellinger2(Policy q, Policy p) {
        return Bon.define("H^2", "user-defined: squared Hellinger distance",
                Expr.constant(1).minus(Bon.sumOverOutcomes(p, Bon.sqrt(Bon.prob(q).times(Bon.prob(p))))));
    }

    /**
     * A plug-in estimator of KL(pi_n || p) from the selected outcome's probability alone:
     * E_{y ~ pi_n}[log(n) + (n - 1) log F(y)], the log of the best-of-n density n F^(n-1) at y.
     */
    static Expr densityEstimator(Policy p, Expr n) {
        return Bon.define("E[log n F^(n-1)]", "user-defined: log-density estimator",
                Bon.expectation(p.bestOf(n), Bon.log(n).plus(n.minus(1L).times(Bon.log(Bon.cdf(p))))));
    }

    /** Columns for {@code ./bonlab eval --spec examples/specs/UserQuantities.java --columns h2,log_density}. */
    @Override
    public Map<String, Column> quantities() {
        return Map.of("h2", (p, pi, n) -> hellinger2(pi, p), "log_density", (p, pi, n) -> densityEstimator(p, n));
    }

    @Override
    public List<Claim> claims() {
        PolicyVar p = Policy.variable("p");
        Expr.Sym n = Bon.n;
        Policy u4 = Policy.uniform(4);
        return List.of(
                // Hellinger^2 of best-of-n to uniform(4) stays below that of the continuous density n u^(n-1):
                // 1 - 2 sqrt(n)/(n + 1). Not tight for n >= 2, so intervals can certify it point by point.
                Bon.claim(hellinger2(u4.bestOf(n), u4))
                        .atMost(Expr.constant(1).minus(Bon.sqrt(n).times(2L).div(n.plus(1L))))
                        .forAll(n, 2, 500).named("H^2 below the continuous value, uniform(4)")
                        .expecting(Expectation.PROVED),
                // the same over every policy on up to 8 outcomes: true (data processing), so not falsified
                Bon.claim(hellinger2(p.bestOf(n), p))
                        .atMost(Expr.constant(1).minus(Bon.sqrt(n).times(2L).div(n.plus(1L))))
                        .forAll(p, Family.simplex(8)).forAll(n, 1, 10_000).named("H^2 below the continuous value")
                        .expecting(Expectation.NOT_FALSIFIED),
                // a guess: the log-density estimator never exceeds the analytical formula. False: F(y) is the top of
                // y's quantile bin, so the estimator is at least E[log(n U^(n-1))] = log n - (n-1)/n
                Bon.claim(densityEstimator(p, n)).atMost(Bon.analyticalKl(n))
                        .forAll(p, Family.simplex(8)).forAll(n, 2, 10_000).named("estimator <= log n - (n-1)/n")
                        .expecting(Expectation.FALSIFIED));
    }
}
