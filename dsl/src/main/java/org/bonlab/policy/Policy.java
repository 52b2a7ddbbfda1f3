package org.bonlab.policy;

import java.util.List;
import org.bonlab.expr.Expr;
import org.bonlab.expr.Rational;
import org.bonlab.expr.Scalar;

/**
 * A policy over a finite set of outcomes: a base policy (an explicit PMF or a family member) or a policy
 * derived from one (best-of-n, worst-of-n). Values only: engines compute PMFs and quantities.
 */
public sealed interface Policy permits BasePolicy, BestOf, WorstOf, SoftBestOf, Tilted, Mixture, Reweighted, Weighted,
        PolicyVar {

    /** The base policy whose outcomes and reward this policy uses. */
    BasePolicy base();

    /** A short description such as {@code bestOf(coin, n)}. */
    String describe();

    /** Dispatches on the kind of policy; a new kind is a compile error in every visitor. */
    <R> R accept(Visitor<R> visitor);

    /** One method per kind of policy. */
    interface Visitor<R> {
        R visitExplicit(Explicit p);

        R visitBernoulli(Bernoulli p);

        R visitUniform(Uniform p);

        R visitBestOf(BestOf p);

        R visitWorstOf(WorstOf p);

        R visitSpike(Spike p);

        R visitGeometric(Geometric p);

        R visitZipf(Zipf p);

        R visitDirichlet(Dirichlet p);

        R visitSoftBestOf(SoftBestOf p);

        R visitTilted(Tilted p);

        R visitMixture(Mixture p);

        R visitReweighted(Reweighted p);

        R visitWeighted(Weighted p);

        R visitPolicyVar(PolicyVar p);
    }

    /** This policy tilted by \( e^{g(y)} \), g an outcome-level expression: see {@link Reweighted}. */
    default Reweighted reweighted(Expr logWeight) {
        return new Reweighted(this, logWeight);
    }

    /** This policy reweighted by a non-negative outcome-level weight w(y), which may be 0: see {@link Weighted}. */
    default Weighted weighted(Expr weight) {
        return new Weighted(this, weight);
    }

    /**
     * Rewind-and-repeat (Beirami et al. v3, Section 6): draw from this policy until a draw's reward quantile U is
     * at least {@code t}, U uniform on the draw's cell \( [F_-(y), F(y)] \) of the order \( \prec_r \) (ascending
     * reward, ties broken by the tie-break order, as in Lemma 1), so atoms are split as in the continuous case.
     * Outcome y is accepted with probability \( a(y) = (F(y) - \max(F_-(y), t))^+ / p(y) \), and the policy is
     * \( p\,a/(1-t) \): in the continuous limit KL = -log(1 - t) and the win rate against p is (1 + t)/2, with
     * 1/(1 - t) draws on average. The definition is the assumed one of bonlab's theory notes (the paper's own text
     * was not available): its status is UNVERIFIED against the source.
     *
     * @param t the quantile threshold, in [0, 1)
     */
    default Weighted rewindAndRepeat(double t) {
        if (!(t >= 0 && t < 1)) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "t of rewind-and-repeat must be in [0, 1), but was %s", t));
        }
        return rewindAndRepeat(Expr.constant(t));
    }

    /**
     * Rewind-and-repeat with the threshold {@code t} an expression (a symbol of a claim's domain, in [0, 1)). The
     * cell's width is p(y) itself, not F(y) - F_-(y), which rounds to 0 beside a large F for a tiny p(y).
     */
    default Weighted rewindAndRepeat(Expr threshold) {
        Expr f = org.bonlab.Bon.cdf(this);
        Expr below = org.bonlab.Bon.cdfBelow(this);
        // max(F_-, t) = (F_- + t + |F_- - t|)/2 and x^+ = (x + |x|)/2, written with Abs
        Expr start = below.plus(threshold).plus(new Expr.Abs(below.minus(threshold))).div(2L);
        Expr accepted = f.minus(start);
        return weighted(accepted.plus(new Expr.Abs(accepted)).div(2L).div(org.bonlab.Bon.prob(this)));
    }

    /** The largest Poisson tail that best-of-Poisson leaves out (its mass goes to the last component). */
    double POISSON_TAIL = 1e-20;

    /**
     * Best-of-Poisson (Khalaf et al. 2025): best-of-n' with \( n' = 1 + \mathrm{Poisson}(\mu) \), as the mixture
     * of best-of-(1 + k) with weights \( e^{-\mu}\mu^k/k! \) for k up to the first K whose Poisson tail is below
     * {@link #POISSON_TAIL}: the tail is left out, so the weights sum to 1 minus less than 1e-20 (every weight is
     * positive in any arithmetic, where giving the tail's mass to the last as 1 minus the others could round below
     * 0), and the policy differs from the untruncated one by less than 1e-20 in total variation. The weights are
     * exact expressions.
     */
    default Mixture bestOfPoisson(double mu) {
        if (!(mu >= 0 && mu <= 1000)) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "mu of best-of-Poisson must be in [0, 1000] (about mu + 10 sqrt(mu) components), but was %s", mu));
        }
        Expr m = Expr.constant(mu);
        java.util.List<Policy> components = new java.util.ArrayList<>();
        java.util.List<Expr> weights = new java.util.ArrayList<>();
        double logW = -mu; // log of the Poisson weight of k, to find K
        for (int k = 0; ; k++) {
            if (k > 0) {
                logW += Math.log(mu) - Math.log(k);
            }
            // past the mode the weights fall at least geometrically, by r = mu/(k+1): the tail beyond k is at most
            // w_k r/(1 - r)
            double r = mu / (k + 1);
            boolean last = mu == 0 || r < 1 && Math.exp(logW) * r / (1 - r) < POISSON_TAIL;
            // e^{-mu} mu^k / k! as exp(-mu + k log mu - log k!): representable in doubles for every k
            Expr w = Expr.exp(k == 0 ? m.unaryMinus()
                    : m.unaryMinus().plus(Expr.constant(k).times(Expr.log(m))).minus(Expr.log(Expr.constant(factorial(k)))));
            components.add(bestOf(1 + k));
            weights.add(w);
            if (last) {
                break;
            }
        }
        return new Mixture(components, weights);
    }

    private static org.bonlab.expr.Scalar factorial(int k) {
        java.math.BigInteger f = java.math.BigInteger.ONE;
        for (int i = 2; i <= k; i++) {
            f = f.multiply(java.math.BigInteger.valueOf(i));
        }
        return new org.bonlab.expr.Rational(f, java.math.BigInteger.ONE);
    }

    /** The best-of-n policy of this policy (Eq. (4) of Beirami et al.), n a positive integer. */
    default BestOf bestOf(long n) {
        return new BestOf(this, Expr.constant(n));
    }

    /** The best-of-n policy with a symbolic or computed n. */
    default BestOf bestOf(Expr n) {
        return new BestOf(this, n);
    }

    /** The worst-of-n policy: the lowest-reward of n independent draws. */
    default WorstOf worstOf(long n) {
        return new WorstOf(this, Expr.constant(n));
    }

    default WorstOf worstOf(Expr n) {
        return new WorstOf(this, n);
    }

    /** Soft best-of-n with temperature lambda (see {@link SoftBestOf}). */
    default SoftBestOf softBestOf(long n, double lambda) {
        return new SoftBestOf(this, Expr.constant(n), Expr.constant(lambda));
    }

    default SoftBestOf softBestOf(Expr n, Expr lambda) {
        return new SoftBestOf(this, n, lambda);
    }

    /** The KL-regularised optimum \( p\,e^{r/\beta}/Z \) (Eq. (2) of Amini et al.). */
    default Tilted tilted(double beta) {
        return new Tilted(this, Expr.constant(beta));
    }

    default Tilted tilted(Expr beta) {
        return new Tilted(this, beta);
    }

    /** A policy variable for claims over families of policies (see {@link org.bonlab.claim.Family}). */
    static PolicyVar variable(String name) {
        return new PolicyVar(name);
    }

    // ---- base policies ----

    /** Example 1 of Beirami et al.: \( p(0) = p(1) = 1/2 \), \( r(0) = 0 \), \( r(1) = 1 \). */
    static Bernoulli coin() {
        return new Bernoulli(Expr.rational(1, 2), "coin");
    }

    /** Outcomes 0 and 1 with \( p(1) = p \) and rewards 0 and 1. */
    static Bernoulli bernoulli(double p) {
        return new Bernoulli(Expr.constant(p), null);
    }

    /** An exact Bernoulli policy, e.g. {@code bernoulli(Rational.of(1, 3))}. */
    static Bernoulli bernoulli(Rational p) {
        return new Bernoulli(Expr.constant(p), null);
    }

    /** A Bernoulli policy with a symbolic parameter, for derivations. */
    static Bernoulli bernoulli(Expr p) {
        return new Bernoulli(p, null);
    }

    /** The uniform policy on L outcomes, listed in ascending reward order (Figure 2 of Beirami et al.). */
    static Uniform uniform(int size) {
        return new Uniform(size);
    }

    /**
     * Probabilities listed in ascending reward order; they must be finite, non-negative and sum to 1
     * within {@link Explicit#SUM_TOLERANCE}. Nothing is normalised.
     */
    static Explicit probabilities(double... probabilities) {
        Scalar[] s = new Scalar[probabilities.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = Scalar.of(probabilities[i]);
        }
        return Explicit.of(Explicit.numberedOutcomes(s.length), List.of(s), Reward.ascending(Math.max(1, s.length)));
    }

    /** Exact probabilities in ascending reward order, e.g. {@code probabilities("1/3", "2/3")}. */
    static Explicit probabilities(String... exact) {
        Scalar[] s = new Scalar[exact.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = Rational.parse(exact[i]);
        }
        return Explicit.of(Explicit.numberedOutcomes(s.length), List.of(s), Reward.ascending(Math.max(1, s.length)));
    }

    /**
     * Figure 3 of Beirami et al.: the highest-reward outcome has probability {@code tops[0]}, the next
     * {@code tops[1]}, ...; the other outcomes share the rest equally (see {@link Spike}).
     */
    static Spike spike(int size, double... tops) {
        List<Scalar> t = new java.util.ArrayList<>();
        for (double x : tops) {
            t.add(Scalar.of(x));
        }
        return Spike.of(size, t);
    }

    /** An exact spike policy, e.g. {@code spike(200, "1e-5", "1e-3", "1e-1")}. */
    static Spike spike(int size, String... tops) {
        List<Scalar> t = new java.util.ArrayList<>();
        for (String x : tops) {
            t.add(Rational.parse(x));
        }
        return Spike.of(size, t);
    }

    /** Outcome k has probability proportional to \( r^k \), k = 0..L-1, reward increasing with k. */
    static Geometric geometric(int size, double ratio) {
        return Geometric.of(size, Scalar.of(ratio));
    }

    /** An exact geometric policy, e.g. {@code geometric(60, Rational.of(1, 2))}. */
    static Geometric geometric(int size, Rational ratio) {
        return Geometric.of(size, ratio);
    }

    /**
     * A spike policy whose top outcome has a symbolic probability, e.g. {@code spike(5, Bon.symbol("eps"))}: the
     * other L - 1 outcomes share 1 - eps equally.
     */
    static Spike spike(int size, Expr.Sym top) {
        return new Spike(size, List.of(top));
    }

    /**
     * A spike policy with several tops, symbols or numbers, the best first, e.g.
     * {@code spike(5, a, b, Expr.constant(Rational.of(1, 10)))}: the other outcomes share the rest equally.
     */
    static Spike spike(int size, Expr first, Expr... more) {
        List<Expr> tops = new java.util.ArrayList<>(List.of(first));
        tops.addAll(List.of(more));
        return new Spike(size, tops);
    }

    /** A geometric policy with a symbolic ratio, e.g. {@code geometric(4, Bon.symbol("r"))}. */
    static Geometric geometric(int size, Expr.Sym ratio) {
        return new Geometric(size, ratio);
    }

    /** Outcome k = 1..L has probability proportional to \( k^{-s} \); the rarest outcome is the best. */
    static Zipf zipf(int size, double exponent) {
        return new Zipf(size, Scalar.of(exponent), false);
    }

    /** A seeded random policy from the symmetric Dirichlet distribution. */
    static Dirichlet dirichlet(int size, double concentration, long seed) {
        return new Dirichlet(size, concentration, seed);
    }

    /** The empirical policy of counts (exact: probability {@code count / total}), outcomes in ascending reward order. */
    static Explicit empirical(long... counts) {
        long total = 0;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] < 0) {
                throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                        "counts must be non-negative, but count[%d] was %d", i, counts[i]));
            }
            total = Math.addExact(total, counts[i]);
        }
        if (total == 0) {
            throw new IllegalArgumentException("counts must not all be zero, but sum to 0");
        }
        Scalar[] s = new Scalar[counts.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = Rational.of(counts[i], total);
        }
        return Explicit.of(Explicit.numberedOutcomes(s.length), List.of(s), Reward.ascending(s.length));
    }

    /** Non-negative weights, to be turned into a policy by an explicit {@link Weights#normalized()}. */
    static Weights weights(double... weights) {
        return new Weights(weights);
    }
}
