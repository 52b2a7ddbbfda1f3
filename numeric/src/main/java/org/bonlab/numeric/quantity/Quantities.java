package org.bonlab.numeric.quantity;

import java.util.Locale;
import org.bonlab.numeric.policy.CompensatedSum;
import org.bonlab.numeric.policy.RankedPmf;
import org.bonlab.numeric.policy.Ranking;

/**
 * The quantities of the papers for finite ranked policies, in double precision with stable formulas.
 */
public final class Quantities {

    private Quantities() {
    }

    /**
     * \( \mathrm{KL}(q \| p) = \sum_i q_i (\log q_i - \log p_i) \) in nats (Eq. (3) of Beirami et al.).
     *
     * @implNote Uses the log-probabilities directly, so outcomes whose probability underflows contribute their
     *     exact limit 0, and the sum is compensated.
     * @throws UndefinedQuantityException when q charges an outcome that p excludes (the divergence is infinite)
     */
    public static double kl(RankedPmf q, RankedPmf p) {
        requireSameOutcomes(q, p);
        CompensatedSum sum = new CompensatedSum();
        for (int i = 0; i < q.size(); i++) {
            double lq = q.logProbability(i);
            if (lq == Double.NEGATIVE_INFINITY) {
                continue;
            }
            double lp = p.logProbability(i);
            if (lp == Double.NEGATIVE_INFINITY) {
                throw new UndefinedQuantityException(String.format(Locale.ROOT,
                        "KL(q || p) is infinite: q gives outcome %d probability %s but p gives it 0",
                        q.ranking().outcomeAt(i), q.probability(i) > 0 ? Double.toString(q.probability(i))
                                : String.format(Locale.ROOT, "e^%.6g (below double range)", lq)));
            }
            double qi = Math.exp(lq);
            if (qi != 0.0) {
                sum.add(qi * (lq - lp));
            }
        }
        return Math.max(0.0, sum.value());
    }

    /**
     * The analytical formula \( \log n - (n-1)/n \) of Eq. (5) of Beirami et al., an upper bound on
     * \( \mathrm{KL}(\pi_n \| p) \) (Theorem 1).
     */
    public static double analyticalKl(double n) {
        requireSampleCount(n);
        return Math.log(n) - (n - 1) / n;
    }

    /** \( \mathbb{E}_{q}[r] = \sum_i q_i r_i \). */
    public static double expectedReward(RankedPmf q) {
        CompensatedSum sum = new CompensatedSum();
        for (int i = 0; i < q.size(); i++) {
            double qi = q.probability(i);
            if (qi != 0.0) {
                sum.add(qi * q.ranking().rewardAt(i));
            }
        }
        return sum.value();
    }

    /**
     * The win rate of q against p, \( P[r(Y) > r(Y')] \) with \( Y \sim q \), \( Y' \sim p \) independent,
     * plus half the probability of a reward tie when {@code halfTies}.
     *
     * <p>Ties are ties of reward value: the tie-break order decides which outcome best-of-n returns, not who
     * wins a comparison.
     */
    public static double winRate(RankedPmf q, RankedPmf p, boolean halfTies) {
        requireSameOutcomes(q, p);
        CompensatedSum sum = new CompensatedSum();
        for (int i = 0; i < q.size(); i++) {
            double qi = q.probability(i);
            if (qi == 0.0) {
                continue;
            }
            int first = q.ranking().tieGroupFirst(i);
            int last = q.ranking().tieGroupLast(i);
            double below = first == 0 ? 0.0 : p.cdf(first - 1);
            double win = below;
            if (halfTies) {
                double atOrBelow = p.cdf(last);
                win = below + 0.5 * (atOrBelow - below);
            }
            sum.add(qi * win);
        }
        return sum.value();
    }

    /**
     * The win rate of best-of-n against its base p without forming \( \pi_n \): over the tie groups g of the
     * reward (mass \( P_g \), CDF \( F_g \) at the group's top and \( F_{g-1} \) below it), with
     * \( S = \sum_g P_g F_g^n \) and \( T = \sum_g P_g F_{g-1}^n \), summation by parts of
     * \( \sum_g (F_g^n - F_{g-1}^n) F_{g-1} \) gives \( W_{\mathrm{strict}} = 1 - S \), and with ties counting
     * half \( W_{1/2} = 1 - (S + T)/2 \) (at n = 1, 1/2). Both sums have positive terms; \( W_{1/2} \ge 1/2 \) is
     * well conditioned, and the strict rate is returned only where \( 1 - S \ge 1/16 \) (at most about one digit
     * lost to the subtraction); otherwise empty, and the caller sums over \( \pi_n \) (tested equal on the
     * reference cases).
     */
    public static java.util.OptionalDouble bestOfWinRate(RankedPmf p, double n, boolean halfTies) {
        return bestOfWinRate(bestOfWinSums(p, n), halfTies);
    }

    /** {@link #bestOfWinRate} from S and T already summed ({@link #bestOfWinSums}). */
    public static java.util.OptionalDouble bestOfWinRate(double[] st, boolean halfTies) {
        if (halfTies) {
            return java.util.OptionalDouble.of(1 - 0.5 * (st[0] + st[1]));
        }
        double w = 1 - st[0];
        return w >= 1.0 / 16 ? java.util.OptionalDouble.of(w) : java.util.OptionalDouble.empty();
    }

    /**
     * S and T of {@link #bestOfWinRate}, in one pass from the top group down, one exp per group, that stops where
     * \( F^n \) underflows to 0 (below it every term does too: the CDF falls with the rank).
     */
    public static double[] bestOfWinSums(RankedPmf p, double n) {
        CompensatedSum s = new CompensatedSum();
        CompensatedSum t = new CompensatedSum();
        Ranking r = p.ranking();
        double top = 1; // F^n at the top group's top: F = 1
        for (int last = p.size() - 1; last >= 0 && top > 0; ) {
            int first = r.tieGroupFirst(last);
            // F^n below this group is F^n at the top of the next group down: one exp per group
            double below = first == 0 ? 0 : Math.exp(n * p.logCdf(first - 1));
            double mass = 0;
            for (int j = first; j <= last; j++) {
                mass += p.probability(j);
            }
            if (mass > 0) {
                s.add(mass * top);
                t.add(mass * below);
            }
            top = below;
            last = first - 1;
        }
        return new double[] {s.value(), t.value()};
    }

    /**
     * The binary entropy \( h(x) = -x \log x - (1-x) \log(1-x) \) in nats, with \( h(0) = h(1) = 0 \).
     *
     * @implNote {@code log1p(-x)} keeps full precision for small x.
     */
    public static double binaryEntropy(double x) {
        if (!(x >= 0 && x <= 1)) {
            throw new UndefinedQuantityException(String.format(Locale.ROOT,
                    "binary entropy h(x) needs x in [0, 1], but x was %s", x));
        }
        double a = x == 0 ? 0 : -x * Math.log(x);
        double b = x == 1 ? 0 : -(1 - x) * Math.log1p(-x);
        return a + b;
    }

    /** \( H(q) = -\sum_i q_i \log q_i \) in nats. */
    public static double entropy(RankedPmf q) {
        CompensatedSum s = new CompensatedSum();
        for (int i = 0; i < q.size(); i++) {
            double lq = q.logProbability(i);
            double qi = Math.exp(lq);
            if (qi != 0.0) {
                s.add(-qi * lq);
            }
        }
        return Math.max(0.0, s.value());
    }

    /**
     * The Renyi entropy \( H_\alpha(q) = \frac{1}{1-\alpha}\log\sum_i q_i^\alpha \) (Eq. (18) of Beirami et al.), the
     * Shannon entropy at \( \alpha = 1 \).
     *
     * @implNote The power sum is a log-sum-exp of \( \alpha \log q_i \).
     */
    public static double renyiEntropy(RankedPmf q, double alpha) {
        if (!(alpha >= 0 && Double.isFinite(alpha))) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "Renyi order alpha must be finite and non-negative, but was %s", alpha));
        }
        if (alpha == 1.0) {
            return entropy(q);
        }
        return logPowerSum(q, alpha) / (1 - alpha);
    }

    /** \( \log \sum_i q_i^\alpha \) over outcomes with \( q_i &gt; 0 \). */
    static double logPowerSum(RankedPmf q, double alpha) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < q.size(); i++) {
            if (q.logProbability(i) > Double.NEGATIVE_INFINITY) {
                max = Math.max(max, alpha * q.logProbability(i));
            }
        }
        CompensatedSum s = new CompensatedSum();
        for (int i = 0; i < q.size(); i++) {
            if (q.logProbability(i) > Double.NEGATIVE_INFINITY) {
                s.add(Math.exp(alpha * q.logProbability(i) - max));
            }
        }
        return max + Math.log(s.value());
    }

    /** The collision probability \( e^{-H_2(p)} = \sum_i p_i^2 \). */
    public static double collisionProbability(RankedPmf p) {
        return Math.exp(logPowerSum(p, 2));
    }

    /** \( \chi^2(q \| p) = \sum_i (q_i - p_i)^2 / p_i \) (the difference form avoids cancellation near q = p). */
    public static double chiSquare(RankedPmf q, RankedPmf p) {
        requireSameOutcomes(q, p);
        CompensatedSum s = new CompensatedSum();
        for (int i = 0; i < q.size(); i++) {
            double qi = q.probability(i);
            double pi = p.probability(i);
            if (pi == 0) {
                if (qi != 0) {
                    throw new UndefinedQuantityException(String.format(Locale.ROOT,
                            "chi-square(q || p) is infinite: q gives outcome %d probability %s but p gives it 0",
                            q.ranking().outcomeAt(i), qi));
                }
                continue;
            }
            double d = qi - pi;
            s.add(d * d / pi);
        }
        return s.value();
    }

    /**
     * The proposed estimator, Eq. (28) of Beirami et al. (Approximation 1): with \( q = (1-\varepsilon)^n \),
     * \( \widehat{\mathrm{KL}}(\varepsilon) = q(\log n + (n-1)\log(1-\varepsilon) - \frac{n-1}{n})
     * + (1-q)\log\frac{1-q}{\varepsilon} \).
     *
     * @implNote \( q = e^{n\,\mathrm{log1p}(-\varepsilon)} \) and \( 1 - q = -\mathrm{expm1}(n\,\mathrm{log1p}(-\varepsilon)) \):
     *     exact for \( n\varepsilon \ll 1 \), where \( 1 - (1-\varepsilon)^n \) would cancel. At \( \varepsilon = 1 \),
     *     \( q = 0 \) and the first term is 0.
     * @throws UndefinedQuantityException at \( \varepsilon = 0 \) (the estimator divides by \( \varepsilon \))
     */
    public static double klHat(double epsilon, double n) {
        requireEpsilon(epsilon, "KLhat (Eq. 28)");
        requireSampleCount(n);
        return klHat(epsilon, Math.log(epsilon), n);
    }

    /**
     * Eq. (28) at \( \varepsilon = e^{\ell} \) from its log \( \ell \le 0 \), as logged by a language model (the
     * log-probability of a whole response, often far below double precision's range of probabilities): where
     * \( n\varepsilon \) underflows, the value is its limit \( \log n - (n-1)/n \) (the rest is below 1e-290).
     *
     * @throws IllegalArgumentException unless \( \ell \le 0 \) (and not NaN)
     */
    public static double klHatOfLogProbability(double logEpsilon, double n) {
        if (!(logEpsilon <= 0) || logEpsilon == Double.NEGATIVE_INFINITY) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "a log-probability must be finite and at most 0, but was %s", logEpsilon));
        }
        requireSampleCount(n);
        return klHat(Math.exp(logEpsilon), logEpsilon, n);
    }

    /** Eq. (28) with eps and log eps both given (eps may underflow to 0 when log eps is very negative). */
    private static double klHat(double epsilon, double logEpsilon, double n) {
        if (n == 1) {
            return 0; // q = 1 - eps: (1 - eps)(log 1 + 0 - 0) + eps (log eps - log eps), exactly 0 (rounding aside)
        }
        double l1 = Math.log1p(-epsilon);
        double nl = n * l1;
        double q = Math.exp(nl);
        double oneMinusQ = -Math.expm1(nl);
        double first = q == 0 ? 0 : q * (Math.log(n) + (n - 1) * l1 - (n - 1) / n);
        return oneMinusQ == 0 ? first : first + oneMinusQ * (Math.log(oneMinusQ) - logEpsilon);
    }

    /**
     * The alternate estimator, Eq. (26) of Beirami et al.: \( \log\frac{1 - (1-\varepsilon)^n}{\varepsilon} \).
     *
     * @throws UndefinedQuantityException at \( \varepsilon = 0 \)
     */
    public static double klHat1(double epsilon, double n) {
        requireEpsilon(epsilon, "KLhat1 (Eq. 26)");
        requireSampleCount(n);
        return Math.log(-Math.expm1(n * Math.log1p(-epsilon))) - Math.log(epsilon);
    }

    private static void requireEpsilon(double epsilon, String what) {
        if (epsilon == 0) {
            throw new UndefinedQuantityException(what
                    + " is undefined at eps = 0: it divides by eps, the probability of the outcome under p");
        }
        if (!(epsilon > 0 && epsilon <= 1)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "eps must be a probability in (0, 1], but was %s", epsilon));
        }
    }

    /**
     * \( \mathbb{E}_{y \sim \pi}[\widehat{\mathrm{KL}}(p(y))] \) with \( \pi \) = {@code bon} (best-of-n of p), as
     * plotted in Figures 2 and 3 of Beirami et al.
     */
    public static double estimatorMean(RankedPmf bon, RankedPmf p, double n, boolean eq28) {
        requireSameOutcomes(bon, p);
        CompensatedSum s = new CompensatedSum();
        for (int i = 0; i < bon.size(); i++) {
            double w = bon.probability(i);
            if (w == 0) {
                continue;
            }
            double eps = p.probability(i);
            s.add(w * (eq28 ? klHat(eps, n) : klHat1(eps, n)));
        }
        return s.value();
    }

    /** \( \varepsilon_\infty \), Eq. (20): the probability of the highest-ranked outcome. */
    public static double epsilonInfinity(RankedPmf p) {
        return p.probability(p.size() - 1);
    }

    /**
     * \( \varepsilon_\infty \) for a bound that divides by it or takes its log: positive, or an exception that says
     * whether it is 0 or only below double precision's range.
     */
    static double positiveEpsilonInfinity(RankedPmf p, String what) {
        double eps = epsilonInfinity(p);
        if (eps > 0) {
            return eps;
        }
        double log = p.logProbability(p.size() - 1);
        if (log == Double.NEGATIVE_INFINITY) {
            throw new UndefinedQuantityException(what + " is undefined: the top outcome has probability 0");
        }
        throw new UndefinedQuantityException(String.format(Locale.ROOT, "%s cannot be evaluated in double "
                + "precision: the top outcome's probability, e^%.6g, underflows (below 4.9e-324); high precision "
                + "evaluates it", what, log));
    }

    /** Thm 2, Eq. (17): \( 2n(n-1)e^{-H_2(p)} \). */
    public static double gapUpperThm2(RankedPmf p, double n) {
        requireSampleCount(n);
        return 2 * n * (n - 1) * collisionProbability(p);
    }

    /** Cor 2, Eq. (19): \( 2n(n-1)\delta \) with \( \delta = \max_y p(y) \). */
    public static double gapUpperCor2(RankedPmf p, double n) {
        requireSampleCount(n);
        double max = 0;
        for (int i = 0; i < p.size(); i++) {
            max = Math.max(max, p.probability(i));
        }
        return 2 * n * (n - 1) * max;
    }

    /**
     * Thm 3, Eq. (21): with \( \varepsilon = \varepsilon_\infty \), \( q = (1-\varepsilon)^n \),
     * \( (1-q)(\log\frac{n\varepsilon}{1-q} - \frac{n-1}{n}) - (n-1) q\log(1-\varepsilon) \).
     */
    public static double gapLowerThm3(RankedPmf p, double n) {
        requireSampleCount(n);
        double eps = positiveEpsilonInfinity(p, "the Thm 3 bound");
        double l1 = Math.log1p(-eps);
        double q = Math.exp(n * l1);
        double oneMinusQ = -Math.expm1(n * l1);
        double second = q == 0 ? 0 : (n - 1) * q * l1;
        return oneMinusQ * (Math.log(n) + Math.log(eps) - Math.log(oneMinusQ) - (n - 1) / n) - second;
    }

    /** Cor 3, Eq. (22): \( (1 - e^{-n\varepsilon_\infty})\log(n\varepsilon_\infty) - 1 \). */
    public static double gapLowerCor3(RankedPmf p, double n) {
        requireSampleCount(n);
        double eps = positiveEpsilonInfinity(p, "the Cor 3 bound");
        return -Math.expm1(-n * eps) * (Math.log(n) + Math.log(eps)) - 1;
    }

    /** Thm 4, Eq. (27): the estimator of Eq. (28) at \( \varepsilon_\infty \), an upper bound on the KL. */
    public static double klUpperThm4(RankedPmf p, double n) {
        return klHat(positiveEpsilonInfinity(p, "the Thm 4 bound"), n);
    }

    /**
     * The vBoN objective, Eq. (5a) of Amini et al.: \( J(\theta) = -\mathrm{KL}(\pi_\theta \| \pi_{\mathrm{bon}}) \).
     */
    public static double vbonObjective(RankedPmf theta, RankedPmf bon) {
        return -kl(theta, bon);
    }

    /**
     * \( \mathbb{E}_{\pi_\theta}[\log F(y)] \) with vBoN's strict CDF \( F(y) = P(y' \prec_r y) \) (Eq. (12)).
     *
     * @throws UndefinedQuantityException when \( \pi_\theta \) charges the lowest-ranked outcome, whose F is 0
     */
    static double expectedLogStrictCdf(RankedPmf theta, RankedPmf p) {
        requireSameOutcomes(theta, p);
        CompensatedSum s = new CompensatedSum();
        for (int i = 0; i < theta.size(); i++) {
            double t = theta.probability(i);
            if (t == 0) {
                continue;
            }
            double logF = i == 0 ? Double.NEGATIVE_INFINITY : p.logCdf(i - 1);
            if (logF == Double.NEGATIVE_INFINITY) {
                throw new UndefinedQuantityException(String.format(Locale.ROOT,
                        "E[log F] is -infinity: pi_theta gives probability %s to outcome %d, whose strict CDF F is 0",
                        t, theta.ranking().outcomeAt(i)));
            }
            s.add(t * logF);
        }
        return s.value();
    }

    /** vBoN Thm 2, Eq. (8): \( L(\theta) = (N-1)\mathbb{E}_{\pi_\theta}[\log F] - \mathrm{KL}(\pi_\theta \| p) \). */
    public static double vbonL(RankedPmf theta, RankedPmf p, double n) {
        requireSampleCount(n);
        double first = n == 1 ? 0 : (n - 1) * expectedLogStrictCdf(theta, p);
        return first - kl(theta, p);
    }

    /**
     * vBoN Thm 3, Eq. (16): \( L_1 = \gamma\,\mathbb{E}[\log F] - \alpha H(\pi_\theta) - \beta\,\mathrm{KL}(\pi_\theta \| p) \),
     * \( \alpha = (N+2)(N-1)/2 \), \( \beta = N(N+1)/2 \), \( \gamma = N(N-1)/2 \).
     */
    public static double vbonL1(RankedPmf theta, RankedPmf p, double n) {
        requireSampleCount(n);
        double alpha = (n + 2) * (n - 1) / 2;
        double beta = n * (n + 1) / 2;
        double gamma = n * (n - 1) / 2;
        double first = n == 1 ? 0 : gamma * expectedLogStrictCdf(theta, p);
        return first - alpha * entropy(theta) - beta * kl(theta, p);
    }

    /** Checks that n is an integer at least 1 (exactly representable). */
    public static void requireSampleCount(double n) {
        if (!(n >= 1 && n == Math.rint(n) && n <= 0x1p53 || n > 0x1p53 && n < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "n must be an integer at least 1, but was %s", n));
        }
    }

    private static void requireSameOutcomes(RankedPmf q, RankedPmf p) {
        if (!q.ranking().sameAs(p.ranking())) {
            throw new IllegalArgumentException(
                    "policies must share the outcomes and reward of one base policy, but they do not");
        }
    }
}
