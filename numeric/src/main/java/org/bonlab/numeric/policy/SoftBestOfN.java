package org.bonlab.numeric.policy;

import java.util.Locale;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegratorFactory;

/**
 * The exact PMF of soft best-of-n with temperature \( \lambda \): draw n outcomes from p and return one with
 * probability proportional to \( w(y) = e^{r(y)/\lambda} \). With \( S \) the sum of the other n-1 weights,
 * \( \pi(y) = n\,p(y)\,w(y)\,\mathbb{E}[1/(w(y) + S)] \), and \( 1/a = \int_0^\infty e^{-at} dt \) gives
 * \[ \pi(y) = n\,p(y)\,w(y) \int_0^\infty e^{-w(y) t}\, M(t)^{n-1}\, dt, \qquad M(t) = \sum_z p(z) e^{-w(z) t}. \]
 *
 * @implNote Weights are scaled by the largest one (\( \tilde w \le 1 \); the selection rule is unchanged). The
 *     integral runs over panels, each by 30-point Gauss-Legendre from Commons Math, starting at width 1/(4n)
 *     (the integrand's fastest scale at 0) and doubling to dyadic panels [a, 2a]; a panel across which an
 *     integrand still being summed falls by more than {@link #MAX_DECAY_PER_PANEL} e-foldings (its decay is
 *     known exactly from its ends, as every integrand is decreasing) is halved until it does not, so every
 *     scale of the integrand, \( 1/\tilde w(z) \) for each outcome, gets panels of its own size. (A first panel
 *     sized by the mean weight was far wider than \( 1/\tilde w \) of a rare best outcome at small \( \lambda \),
 *     and the PMF lost mass.) It stops when the rigorous tail bound
 *     \( \int_T^\infty f \le f(T)/\tilde w(y) \) (f decreasing, \( M \le M(T) \)) is below {@link #TAIL_TOLERANCE} of
 *     the integral for every outcome.
 */
public final class SoftBestOfN {

    /** Stop integrating when the tail of every integral is below this fraction of it. */
    public static final double TAIL_TOLERANCE = 1e-17;

    /** Largest \( (r_{\max} - r_{\min})/\lambda \): beyond it weights underflow; use best-of-n, the limit. */
    public static final double MAX_LOG_WEIGHT_RANGE = 700;

    private static final int NODES = 30;

    /**
     * Largest fall of the integrand across one panel, in e-foldings: 30-point Gauss-Legendre integrates
     * \( e^{-cx} \) on [0, 1] to about 1e-29 relative for c = 30 (error term \( c^{60} \) times 1.4e-118).
     */
    private static final double MAX_DECAY_PER_PANEL = 30;

    /** Panels are not split below this fraction of their position (a floor against endless halving). */
    private static final double MIN_WIDTH = 1e-12;
    private static final int MAX_INTERVALS = 4_000;
    private static final double[] GL_X;
    private static final double[] GL_W;

    static {
        var rule = new GaussIntegratorFactory().legendreHighPrecision(NODES, 0, 1);
        GL_X = new double[NODES];
        GL_W = new double[NODES];
        for (int i = 0; i < NODES; i++) {
            GL_X[i] = rule.getPoint(i);
            GL_W[i] = rule.getWeight(i);
        }
    }

    private SoftBestOfN() {
    }

    public static RankedPmf of(RankedPmf base, double n, double lambda) {
        if (!(lambda > 0 && Double.isFinite(lambda))) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "lambda must be positive and finite, but was %s", lambda));
        }
        int size = base.size();
        Ranking ranking = base.ranking();
        double rMax = Double.NEGATIVE_INFINITY;
        double rMin = Double.POSITIVE_INFINITY;
        for (int i = 0; i < size; i++) {
            if (base.logProbability(i) > Double.NEGATIVE_INFINITY) {
                rMax = Math.max(rMax, ranking.rewardAt(i));
                rMin = Math.min(rMin, ranking.rewardAt(i));
            }
        }
        if ((rMax - rMin) / lambda > MAX_LOG_WEIGHT_RANGE) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "lambda must be at least (r_max - r_min)/%s = %s for soft best-of-n weights to be representable, "
                            + "but was %s (best-of-n is the lambda -> 0 limit)", MAX_LOG_WEIGHT_RANGE,
                    (rMax - rMin) / MAX_LOG_WEIGHT_RANGE, lambda));
        }
        if (n == 1) {
            return base;
        }
        double[] w = new double[size];
        double[] logP = new double[size];
        for (int i = 0; i < size; i++) {
            logP[i] = base.logProbability(i);
            w[i] = Math.exp((ranking.rewardAt(i) - rMax) / lambda);
        }
        // the fastest scale of the integrand at t = 0 is 1/(n max w) = 1/n (weights scaled so that max w = 1)
        double width = 1.0 / (4 * n);
        double[] integral = new double[size];
        boolean[] done = new boolean[size];
        for (int i = 0; i < size; i++) {
            done[i] = logP[i] == Double.NEGATIVE_INFINITY;
        }
        double a = 0;
        double logMStart = 0; // log M(0) = log 1
        double[] logM = new double[NODES];
        for (int k = 0; k < MAX_INTERVALS; k++) {
            double b = a + width;
            double logMEnd = logMoment(logP, w, b);
            double fastest = 0;
            for (int i = 0; i < size; i++) {
                if (!done[i]) {
                    fastest = Math.max(fastest, w[i]);
                }
            }
            // how many e-foldings the integrands still being summed fall across [a, b] (each is decreasing)
            double decay = fastest * width + (n - 1) * (logMStart - logMEnd);
            if (decay > MAX_DECAY_PER_PANEL && width > MIN_WIDTH * Math.max(a, width)) {
                width /= 2; // a scale finer than the panel: halve it and try again
                continue;
            }
            for (int j = 0; j < NODES; j++) {
                logM[j] = logMoment(logP, w, a + width * GL_X[j]);
            }
            boolean allDone = true;
            for (int i = 0; i < size; i++) {
                if (done[i]) {
                    continue;
                }
                double s = 0;
                for (int j = 0; j < NODES; j++) {
                    double t = a + width * GL_X[j];
                    s += GL_W[j] * Math.exp(-w[i] * t + (n - 1) * logM[j]);
                }
                integral[i] += width * s;
                double fEnd = Math.exp(-w[i] * b + (n - 1) * logMEnd);
                if (fEnd / w[i] <= TAIL_TOLERANCE * integral[i]) {
                    done[i] = true;
                } else {
                    allDone = false;
                }
            }
            if (allDone) {
                double[] pi = new double[size];
                for (int i = 0; i < size; i++) {
                    pi[i] = logP[i] == Double.NEGATIVE_INFINITY ? 0 : n * Math.exp(logP[i]) * w[i] * integral[i];
                }
                return RankedPmf.ofRankedProbabilities(ranking, pi);
            }
            a = b;
            logMStart = logMEnd;
            width = Math.max(width, a); // grow back to dyadic panels [a, 2a]
        }
        throw new ArithmeticException(String.format(Locale.ROOT,
                "soft best-of-n integral did not converge within %d intervals (n = %s, lambda = %s)", MAX_INTERVALS,
                n, lambda));
    }

    /**
     * \( \log M(t) = \log \sum_z p(z) e^{-\tilde w(z) t} \).
     *
     * @implNote It is multiplied by n - 1, so its absolute error matters: near t = 0, where \( M(t) \approx 1 \),
     *     it is \( \mathrm{log1p}(-S) \) with \( S = \sum_z p(z)(-\mathrm{expm1}(-\tilde w(z) t)) \), exact to a few
     *     ulps of S; a log-sum-exp there would carry an absolute error of about 1e-16, which n = 10^15 turns into
     *     0.1. Where S exceeds 1/2 the log-sum-exp is accurate and is used.
     */
    private static double logMoment(double[] logP, double[] w, double t) {
        double s = 0;
        for (int i = 0; i < logP.length; i++) {
            if (logP[i] > Double.NEGATIVE_INFINITY) {
                s += Math.exp(logP[i]) * -Math.expm1(-w[i] * t);
            }
        }
        if (s <= 0.5) {
            return Math.log1p(-s);
        }
        return logSumExp(logP, w, t);
    }

    private static double logSumExp(double[] logP, double[] w, double t) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < logP.length; i++) {
            max = Math.max(max, logP[i] - w[i] * t);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return max;
        }
        double s = 0;
        for (int i = 0; i < logP.length; i++) {
            s += Math.exp(logP[i] - w[i] * t - max);
        }
        return max + Math.log(s);
    }
}
