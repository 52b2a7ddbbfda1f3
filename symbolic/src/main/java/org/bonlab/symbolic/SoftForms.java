package org.bonlab.symbolic;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import org.bonlab.expr.Expr;
import org.bonlab.expr.Rational;
import org.bonlab.policy.BasePolicy;

/**
 * Closed forms of soft best-of-n on two outcomes with symbolic n and temperature \( \lambda \). With K ~ Bin(n, p)
 * draws of the better outcome and \( w = e^{(r_1 - r_0)/\lambda} \), the better outcome is returned with
 * probability \( \frac{K w}{K w + n - K} \), so
 * \[ \pi(1) = \sum_{k=0}^{n} \binom{n}{k} p^k (1-p)^{n-k} \frac{k\,w}{k\,w + n - k}. \]
 * As \( n \to \infty \), \( K/n \to p \) and \( \pi(1) \to \frac{p\,w}{p\,w + 1 - p} \): the KL-regularised optimum.
 */
final class SoftForms {

    private final Expr p0;
    private final Expr p1;
    private final Expr w;
    private final Expr pi1;

    private SoftForms(Expr p0, Expr p1, Expr w, Expr pi1) {
        this.p0 = p0;
        this.p1 = p1;
        this.w = w;
        this.pi1 = pi1;
    }

    static SoftForms of(BasePolicy base, Expr n, Expr lambda) {
        if (base.size() != 2) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "soft best-of-n is derived for two outcomes, but %s has %d", base.describe(), base.size()));
        }
        List<Expr> probs = BestOfForms.rankedProbabilities(base);
        int[] order = base.reward().ranking();
        double gap = base.reward().value(order[1]) - base.reward().value(order[0]);
        Expr w = Expr.exp(Expr.constant(Rational.of(new BigDecimal(gap))).div(lambda));
        Expr.Sym k = Expr.symbol("k");
        Expr term = new Expr.Binomial(n, k).times(probs.get(1).pow(k)).times(probs.get(0).pow(n.minus(k)))
                .times(k.times(w).div(k.times(w).plus(n.minus(k))));
        return new SoftForms(probs.get(0), probs.get(1), w, new Expr.Sum(k, Expr.constant(0), n, term));
    }

    /** \( \pi(1) \), the probability of the better outcome. */
    Expr betterProbability() {
        return pi1;
    }

    /** \( \sum_y \pi(y) \log(\pi(y)/p(y)) \). */
    Expr klDirect() {
        Expr pi0 = Expr.constant(1).minus(pi1);
        return pi0.times(Expr.log(pi0.div(p0))).plus(pi1.times(Expr.log(pi1.div(p1))));
    }

    /** \( \log 2 - h(\pi(1)) \) for equal probabilities, else the cross-entropy minus \( h(\pi(1)) \). */
    Expr klPresented() {
        Expr cross = p0.equals(p1) ? Expr.log(Expr.constant(2))
                : BestOfForms.negate(Expr.constant(1).minus(pi1).times(Expr.log(p0)).plus(pi1.times(Expr.log(p1))));
        return cross.minus(Expr.binaryEntropy(pi1));
    }

    /**
     * The KL of the limit \( q(1) = \frac{p\,w}{p\,w + 1 - p} \) (the KL-regularised optimum with
     * \( \beta = \lambda \)), in the vocabulary of {@link #klPresented}: \( \log 2 - h(\frac{w}{w + 1}) \) for equal
     * probabilities (the logistic function of the reward gap over lambda), else the cross-entropy minus h(q(1)).
     */
    Expr klLimit() {
        Expr q1 = p0.equals(p1) ? w.div(w.plus(Expr.constant(1))) : p1.times(w).div(p1.times(w).plus(p0));
        Expr cross = p0.equals(p1) ? Expr.log(Expr.constant(2))
                : BestOfForms.negate(Expr.constant(1).minus(q1).times(Expr.log(p0)).plus(q1.times(Expr.log(p1))));
        return cross.minus(Expr.binaryEntropy(q1));
    }
}
