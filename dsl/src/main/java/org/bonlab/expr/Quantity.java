package org.bonlab.expr;

import java.util.Locale;
import java.util.Objects;
import org.bonlab.policy.Policy;

/**
 * A quantity of the papers as an expression node: divergences, rewards, win rates and named formulas.
 * Engines decide how to compute each one.
 */
public sealed interface Quantity extends Expr
        permits Quantity.Kl, Quantity.AnalyticalKl, Quantity.ExpectedReward, Quantity.WinRate, Quantity.Entropy,
        Quantity.RenyiEntropy, Quantity.ChiSquare, Quantity.EstimatorAt, Quantity.EstimatorMean, Quantity.Bound,
        Quantity.VbonObjective, Quantity.VbonBound {

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
    /** The Shannon entropy \( H(q) = -\sum_y q(y) \log q(y) \) in nats. */
    record Entropy(Policy q) implements Quantity {
        public Entropy {
            Objects.requireNonNull(q, "q");
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitEntropy(this);
        }
    }

    /**
     * The Renyi entropy \( H_\alpha(q) = \frac{1}{1-\alpha} \log \sum_y q(y)^\alpha \), Eq. (18) of Beirami et al.;
     * \( \alpha = 1 \) is the Shannon entropy and \( e^{-H_2} = \sum_y q(y)^2 \) the collision probability.
     */
    record RenyiEntropy(Policy q, Expr alpha) implements Quantity {
        public RenyiEntropy {
            Objects.requireNonNull(q, "q");
            Objects.requireNonNull(alpha, "alpha");
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitRenyiEntropy(this);
        }
    }

    /** \( \chi^2(q \| p) = \sum_y (q(y) - p(y))^2 / p(y) \). */
    record ChiSquare(Policy q, Policy p) implements Quantity {
        public ChiSquare {
            Objects.requireNonNull(q, "q");
            Objects.requireNonNull(p, "p");
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitChiSquare(this);
        }
    }

    /** The KL estimators of Beirami et al., functions of \( \varepsilon = p(y) \) and n. */
    enum Estimator {
        /**
         * Eq. (28), Approximation 1: with \( q = (1-\varepsilon)^n \),
         * \( \widehat{\mathrm{KL}}(\varepsilon) = q(\log n + (n-1)\log(1-\varepsilon) - \frac{n-1}{n})
         * + (1-q)\log\frac{1-q}{\varepsilon} \).
         */
        KL_HAT("kl_hat"),
        /** Eq. (26): \( \widehat{\mathrm{KL}}_1(\varepsilon) = \log\frac{1-(1-\varepsilon)^n}{\varepsilon} \). */
        KL_HAT1("kl_hat1");

        private final String columnName;

        Estimator(String columnName) {
            this.columnName = columnName;
        }

        public String columnName() {
            return columnName;
        }
    }

    /** An estimator evaluated at a given \( \varepsilon \in (0, 1] \) and n. */
    record EstimatorAt(Estimator estimator, Expr epsilon, Expr n) implements Quantity {
        public EstimatorAt {
            Objects.requireNonNull(estimator, "estimator");
            Objects.requireNonNull(epsilon, "epsilon");
            Objects.requireNonNull(n, "n");
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitEstimatorAt(this);
        }
    }

    /**
     * The expectation of an estimator under best-of-n, \( \mathbb{E}_{y \sim \pi_n}[\widehat{\mathrm{KL}}(p(y))] \),
     * as plotted in Figures 2 and 3 of Beirami et al.
     */
    record EstimatorMean(Estimator estimator, Policy base, Expr n) implements Quantity {
        public EstimatorMean {
            Objects.requireNonNull(estimator, "estimator");
            Objects.requireNonNull(base, "base");
            Objects.requireNonNull(n, "n");
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitEstimatorMean(this);
        }
    }

    /** The right-hand sides of the bounds of Beirami et al., as functions of the base policy and n. */
    enum BoundKind {
        /** Thm 2, Eq. (17): the gap \( \widetilde{\mathrm{KL}}_n - \mathrm{KL} \le 2n(n-1)e^{-H_2(p)} \). */
        THM2_GAP_UPPER("gap_bound_thm2"),
        /** Cor 2, Eq. (19): the gap is at most \( 2n(n-1)\delta \), \( \delta = \max_y p(y) \). */
        COR2_GAP_UPPER("gap_bound_cor2"),
        /**
         * Thm 3, Eq. (21): the gap is at least
         * \( (1-q)(\log\frac{n\varepsilon_\infty}{1-q} - \frac{n-1}{n}) - (n-1) q \log(1-\varepsilon_\infty) \),
         * \( q = (1-\varepsilon_\infty)^n \).
         */
        THM3_GAP_LOWER("gap_lower_thm3"),
        /** Cor 3, Eq. (22): the gap is at least \( (1 - e^{-n\varepsilon_\infty})\log(n\varepsilon_\infty) - 1 \). */
        COR3_GAP_LOWER("gap_lower_cor3"),
        /** Lemma 2, Eq. (23): \( \mathrm{KL} \le \mathbb{E}_{\pi_n}[\log\frac{1-(1-p(y))^n}{p(y)}] \). */
        LEMMA2_KL_UPPER("kl_bound_lemma2"),
        /** Thm 4, Eq. (27): \( \mathrm{KL} \le \widehat{\mathrm{KL}}(\varepsilon_\infty) \) (Eq. (28) at \( \varepsilon_\infty \)). */
        THM4_KL_UPPER("kl_bound_thm4");

        private final String columnName;

        BoundKind(String columnName) {
            this.columnName = columnName;
        }

        public String columnName() {
            return columnName;
        }
    }

    /** The right-hand side of a bound of Beirami et al. for {@code base.bestOf(n)}. */
    record Bound(BoundKind kind, Policy base, Expr n) implements Quantity {
        public Bound {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(base, "base");
            Objects.requireNonNull(n, "n");
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitBound(this);
        }
    }

    /**
     * The vBoN objective, Eq. (5a) of Amini et al.: \( J(\theta) = -\mathrm{KL}(\pi_\theta \| \pi_{\mathrm{bon}}) \)
     * with \( \pi_{\mathrm{bon}} \) best-of-n of {@code base}. {@code theta} lives on base's outcomes and reward.
     */
    record VbonObjective(Policy theta, Policy base, Expr n) implements Quantity {
        public VbonObjective {
            Objects.requireNonNull(theta, "theta");
            Objects.requireNonNull(base, "base");
            Objects.requireNonNull(n, "n");
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitVbonObjective(this);
        }
    }

    /** The lower bounds on the vBoN objective of Amini et al. F is the strict CDF \( P(y' \prec_r y) \). */
    enum VbonBoundKind {
        /** Thm 2, Eq. (8): \( L(\theta) = (N-1)\mathbb{E}_{\pi_\theta}[\log F(y)] - \mathrm{KL}(\pi_\theta \| \pi_{\mathrm{ref}}) \). */
        L("vbon_l"),
        /**
         * Thm 3, Eq. (16): \( L_1(\theta) = \gamma\,\mathbb{E}[\log F] - \alpha H(\pi_\theta) - \beta\,\mathrm{KL} \) with
         * \( \alpha = (N+2)(N-1)/2 \), \( \beta = N(N+1)/2 \), \( \gamma = N(N-1)/2 \).
         */
        L1("vbon_l1");

        private final String columnName;

        VbonBoundKind(String columnName) {
            this.columnName = columnName;
        }

        public String columnName() {
            return columnName;
        }
    }

    record VbonBound(VbonBoundKind kind, Policy theta, Policy base, Expr n) implements Quantity {
        public VbonBound {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(theta, "theta");
            Objects.requireNonNull(base, "base");
            Objects.requireNonNull(n, "n");
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitVbonBound(this);
        }
    }
}
