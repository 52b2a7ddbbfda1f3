package org.bonlab.numeric.quantity;

import java.util.Locale;
import org.bonlab.numeric.policy.CompensatedSum;
import org.bonlab.numeric.policy.RankedPmf;

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
                        q.ranking().outcomeAt(i), q.probability(i)));
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

    /** Checks that n is an integer at least 1 (exactly representable). */
    public static void requireSampleCount(double n) {
        if (!(n >= 1 && n == Math.rint(n) && n <= 0x1p53 || n > 0x1p53 && n < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "n must be an integer at least 1, but was %s", n));
        }
    }

    private static void requireSameOutcomes(RankedPmf q, RankedPmf p) {
        if (q.ranking() != p.ranking()) {
            throw new IllegalArgumentException(
                    "policies must share the outcomes and reward of one base policy, but they do not");
        }
    }
}
