package org.bonlab.policy;

import java.util.List;
import org.bonlab.expr.Expr;
import org.bonlab.expr.Rational;
import org.bonlab.expr.Scalar;

/**
 * A policy over a finite set of outcomes: a base policy (an explicit PMF or a family member) or a policy
 * derived from one (best-of-n, worst-of-n). Values only: engines compute PMFs and quantities.
 */
public sealed interface Policy permits BasePolicy, BestOf, WorstOf {

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
        return Explicit.of(defaultNames(s.length), List.of(s), Reward.ascending(Math.max(1, s.length)));
    }

    /** Exact probabilities in ascending reward order, e.g. {@code probabilities("1/3", "2/3")}. */
    static Explicit probabilities(String... exact) {
        Scalar[] s = new Scalar[exact.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = Rational.parse(exact[i]);
        }
        return Explicit.of(defaultNames(s.length), List.of(s), Reward.ascending(Math.max(1, s.length)));
    }

    /** Non-negative weights, to be turned into a policy by an explicit {@link Weights#normalized()}. */
    static Weights weights(double... weights) {
        return new Weights(weights);
    }

    private static List<String> defaultNames(int size) {
        String[] names = new String[size];
        for (int i = 0; i < size; i++) {
            names[i] = Integer.toString(i);
        }
        return List.of(names);
    }
}
