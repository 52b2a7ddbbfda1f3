package org.bonlab.numeric.interval;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;
import org.bonlab.Bon;
import org.bonlab.expr.Expr;
import org.bonlab.numeric.DoubleEvaluator;
import org.bonlab.policy.Explicit;
import org.bonlab.policy.Policy;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The interval engine's win rates of best-of-n against p (strict and ties counting half), which it encloses both as
 * the sum over outcomes and summed by parts over the tie groups and keeps the common part: on random boxes of
 * probabilities (in CDF coordinates, as the simplex certifier hands them) and of n, up to n = infinity, with random
 * tie patterns, each enclosure holds the double engine's value at random policies of the box; and at the corner
 * n -> infinity, F -> 1 it keeps the win rate away from 0 where the sum over outcomes does not.
 */
class WinRateEnclosureTest {

    private static final Expr.Sym N = Bon.n;

    /** Rewards in rank order with random ties (a run of equal values is a tie group). */
    private static double[] rewards(int size, SplittableRandom rng) {
        double[] r = new double[size];
        for (int i = 1; i < size; i++) {
            r[i] = r[i - 1] + (rng.nextInt(3) == 0 ? 0 : 1);
        }
        return r;
    }

    private static Interval[] enclosures(Explicit placeholder, double[] cdfLo, double[] cdfHi, Interval n,
            Expr... quantities) {
        int size = cdfLo.length;
        Interval[] cdf = new Interval[size];
        Interval[] p = new Interval[size];
        Interval previous = Interval.ZERO;
        for (int k = 0; k < size; k++) {
            cdf[k] = k == size - 1 ? Interval.ONE : new Interval(cdfLo[k], cdfHi[k]);
            Interval d = k == 0 ? cdf[0] : cdf[k].minus(previous);
            p[k] = new Interval(Math.max(0, d.lo()), Math.min(1, Math.max(0, d.hi())));
            previous = cdf[k];
        }
        Interval[] out = new Interval[quantities.length];
        for (int q = 0; q < quantities.length; q++) {
            out[q] = IntervalEvaluator.over(Map.of(N, n)).withProbabilities(placeholder, p, cdf).evaluate(
                    quantities[q]);
        }
        return out;
    }

    @Test
    @DisplayName("on 2000 random boxes (2 to 5 outcomes, random ties, n up to infinity) both win rates hold the double "
            + "engine's values at 5 random policies of the box each")
    void enclosesTheValues() {
        SplittableRandom rng = new SplittableRandom(31);
        DoubleEvaluator ev = new DoubleEvaluator();
        for (int trial = 0; trial < 2000; trial++) {
            int size = 2 + rng.nextInt(4);
            double[] r = rewards(size, rng);
            double[] uniform = new double[size];
            java.util.Arrays.fill(uniform, 1.0 / size);
            Explicit placeholder = Policy.probabilities(uniform).withReward(r).named("placeholder");
            // a box of CDF values: sorted random points, each widened a little
            double[] mid = new double[size - 1];
            for (int k = 0; k < size - 1; k++) {
                mid[k] = rng.nextInt(6) == 0 ? 1 - Math.pow(10, -1 - 8 * rng.nextDouble()) : rng.nextDouble();
            }
            java.util.Arrays.sort(mid);
            double width = Math.pow(10, -1 - 5 * rng.nextDouble());
            double[] lo = new double[size];
            double[] hi = new double[size];
            for (int k = 0; k < size - 1; k++) {
                lo[k] = Math.max(0, mid[k] - width);
                hi[k] = Math.min(1, mid[k] + width);
            }
            long a = 1 + (long) Math.pow(10, 6 * rng.nextDouble());
            double b = rng.nextInt(4) == 0 ? Double.POSITIVE_INFINITY : a + (long) Math.pow(10, 4 * rng.nextDouble());
            Interval n = a == b ? Interval.point(a) : new Interval(a, b);
            Expr strict = Bon.winRateStrict(placeholder.bestOf(N), placeholder);
            Expr half = Bon.winRateHalf(placeholder.bestOf(N), placeholder);
            Interval[] w = enclosures(placeholder, lo, hi, n, strict, half);
            for (int s = 0; s < 5; s++) {
                // a policy of the box: CDF values drawn in it, kept sorted
                double[] f = new double[size];
                for (int k = 0; k < size - 1; k++) {
                    f[k] = lo[k] + (hi[k] - lo[k]) * rng.nextDouble();
                }
                f[size - 1] = 1;
                java.util.Arrays.sort(f, 0, size - 1);
                double[] prob = new double[size];
                for (int k = 0; k < size; k++) {
                    prob[k] = f[k] - (k == 0 ? 0 : f[k - 1]);
                }
                if (prob[size - 1] <= 0) {
                    continue;
                }
                Explicit policy = Policy.probabilities(prob).withReward(r).named("point");
                double nv = b == Double.POSITIVE_INFINITY ? Math.floor(Math.min(1e15, a * Math.pow(10, 9 * rng.nextDouble())))
                        : Math.floor(a + (b - a) * rng.nextDouble());
                double vs = ev.evaluate(Bon.winRateStrict(policy.bestOf(N), policy), Map.of(N, nv));
                double vh = ev.evaluate(Bon.winRateHalf(policy.bestOf(N), policy), Map.of(N, nv));
                double slack = 1e-12; // the double engine's own rounding
                assertTrue(w[0].lo() - slack <= vs && vs <= w[0].hi() + slack,
                        "strict " + vs + " outside " + w[0] + " (n = " + nv + ", " + java.util.Arrays.toString(prob)
                                + ", rewards " + java.util.Arrays.toString(r) + ")");
                assertTrue(w[1].lo() - slack <= vh && vh <= w[1].hi() + slack,
                        "half " + vh + " outside " + w[1] + " (n = " + nv + ", " + java.util.Arrays.toString(prob)
                                + ", rewards " + java.util.Arrays.toString(r) + ")");
            }
        }
    }

    @Test
    @DisplayName("at the corner n in [10^6, infinity], F_1 near 0.41, F_2 in [1 - 1e-9, 1] on 3 outcomes: the strict win "
            + "rate enclosed above 0.4 (it is at least F_1 there), where the sum over outcomes gives 0")
    void keepsTheMassAtTheCorner() {
        double[] r = {0, 1, 2};
        Explicit placeholder = Policy.probabilities(new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3}).withReward(r)
                .named("placeholder");
        Interval[] w = enclosures(placeholder, new double[] {0.4078, 1 - 1e-9, 1}, new double[] {0.4079, 1, 1},
                new Interval(1e6, Double.POSITIVE_INFINITY), Bon.winRateStrict(placeholder.bestOf(N), placeholder));
        assertTrue(w[0].lo() > 0.4, w[0].toString());
    }
}
