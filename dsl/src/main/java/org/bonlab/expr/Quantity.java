package org.bonlab.expr;

import java.util.Locale;
import java.util.Objects;
import org.bonlab.policy.Policy;

/**
 * A quantity of the papers as an expression node: divergences, rewards, win rates and named formulas.
 * Engines decide how to compute each one.
 */
public sealed interface Quantity extends Expr
        permits Quantity.Kl, Quantity.AnalyticalKl, Quantity.ExpectedReward, Quantity.WinRate {

    /**
     * The Kullback-Leibler divergence in nats, \( \mathrm{KL}(q \,\|\, p) = \sum_y q(y) \log \frac{q(y)}{p(y)} \)
     * (Eq. (3) of Beirami et al. 2024). Both policies must live on the same outcomes.
     */
    record Kl(Policy q, Policy p) implements Quantity {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitKl(this);
        }

        public Kl {
            Objects.requireNonNull(q, "q");
            Objects.requireNonNull(p, "p");
        }
    }

    /**
     * The analytical formula \( \widetilde{\mathrm{KL}}_n = \log n - \frac{n-1}{n} \), Eq. (5) of Beirami et al.
     * (2024): claimed in the literature to be the KL of best-of-n, proved there to be only an upper bound
     * (Theorem 1, Eq. (15)).
     */
    record AnalyticalKl(Expr n) implements Quantity {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitAnalyticalKl(this);
        }

        public AnalyticalKl {
            Objects.requireNonNull(n, "n");
        }

        /** \( \log n - (n-1)/n \) as arithmetic. */
        public Expr definition() {
            return new Log(n).minus(n.minus(1).div(n));
        }
    }

    /** \( \mathbb{E}_{y \sim q}[r(y)] \) with the reward of q's base policy. */
    record ExpectedReward(Policy q) implements Quantity {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitExpectedReward(this);
        }

        public ExpectedReward {
            Objects.requireNonNull(q, "q");
        }
    }

    /** How reward ties count in a win rate. */
    enum Ties {
        /** \( P[r(Y) > r(Y')] \): a tie is not a win. */
        STRICT,
        /** \( P[r(Y) > r(Y')] + \tfrac12 P[r(Y) = r(Y')] \): a tie counts one half. */
        HALF;

        public String columnName() {
            return "win_" + name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The win rate of q against p: \( Y \sim q \) and \( Y' \sim p \) independent, compared by the reward of
     * p's base policy (Section 5 of Beirami et al., v3).
     */
    record WinRate(Policy q, Policy p, Ties ties) implements Quantity {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitWinRate(this);
        }

        public WinRate {
            Objects.requireNonNull(q, "q");
            Objects.requireNonNull(p, "p");
            Objects.requireNonNull(ties, "ties");
        }
    }
}
