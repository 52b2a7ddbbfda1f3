package org.bonlab.numeric.interval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Random;
import org.bonlab.Bon;
import org.bonlab.expr.Expr;
import org.bonlab.numeric.DoubleEvaluator;
import org.bonlab.policy.Policy;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The quantile-cell lemma behind the sharp constant of Thm 2 and Cor 2: its boxes in both arithmetics, its
 * pointwise inequality against mpmath and on a grid far beyond the boxes, and its consequence (the gap at most
 * (log 2 - 1/2)/2 n(n-1) sum p^2) on random policies with the double engine's KL.
 */
class QuantileCellLemmaTest {

    /** (log 2 - 1/2)/2, the sharp constant of the cell term (mpmath, 30 digits). */
    private static final double C = 0.0965735902799726547086160607291;

    private static final double T = 37.0 / 400;

    /** phi(s^(n-1); m)/(2(n-1)(1-s)), m the mean of w^(n-1) on [s, 1], in doubles (1 - s^n by expm1 and log1p). */
    private static double ratio(long n, double s) {
        double u = 1 - s;
        double g = Math.exp((n - 1) * Math.log1p(-u));
        double m = -Math.expm1(n * Math.log1p(-u)) / (n * u);
        double phi = (g > 0 ? g * Math.log(g / m) : 0) - g + m;
        return phi / (2 * (n - 1) * u);
    }

    @Test
    @DisplayName("the lemma's boxes hold in outward-rounded floating point and again in exact rational arithmetic")
    void boxesInBothArithmetics() {
        QuantileCellLemma.Outcome floating = QuantileCellLemma.run();
        assertTrue(floating.holds(), floating.reason());
        assertTrue(floating.boxes() > 50 && floating.boxes() < 1000, "boxes " + floating.boxes());
        // the largest ratio a box admits: above the true maximum 0.0900 at n = 3, at most T
        assertTrue(floating.largest() > 0.09 && floating.largest() <= T, "largest " + floating.largest());
        boolean before = Interval.exactArithmetic();
        Interval.useExactArithmetic(true);
        try {
            QuantileCellLemma.Outcome exact = QuantileCellLemma.check();
            assertTrue(exact.holds(), exact.reason());
            assertTrue(exact.largest() <= T, "largest " + exact.largest());
        } finally {
            Interval.useExactArithmetic(before);
        }
    }

    @Test
    @DisplayName("the pointwise ratio against mpmath (30 digits) at the peaks of n = 3, 5 and 100, and below T on a "
            + "grid of s for n = 3..60 and up to 10^7; at n = 2 it exceeds C, which is why n = 2 has its own argument")
    void pointwiseRatio() {
        // mpmath, mp.dps = 30: g = s**(n-1); m = (1-s**n)/(n*(1-s)); (g*log(g/m) - g + m)/(2*(n-1)*(1-s))
        assertEquals(0.0900046476903913331561309966539221, ratio(3, 0.110), 1e-14);
        assertEquals(0.0529988103718713330712519416500779, ratio(5, 0.537), 1e-14);
        assertEquals(0.036202271212209291113058175303931, ratio(100, 0.984), 1e-13);
        double largest = 0;
        long[] ns = {3, 4, 5, 6, 7, 8, 10, 15, 16, 17, 20, 30, 40, 60, 100, 1000, 100_000, 10_000_000};
        for (long n : ns) {
            for (int i = 0; i < 4000; i++) {
                double s = i < 2000 ? i / 2000.0 : 1 - Math.pow(10, -(i - 2000) / 250.0); // up to 1 - 1e-8
                double r = ratio(n, s);
                assertTrue(r <= T, "n = " + n + ", s = " + s + ": " + r);
                largest = Math.max(largest, r);
            }
        }
        assertTrue(largest > 0.0899 && largest < 0.0901, "largest " + largest);
        // the rational bound (m-g)^2/(m+g) at n = 3, s = 0.164 is 0.096622023135448909916 (mpmath, 30 digits),
        // above T: there the boxes use phi itself
        Interval rational = QuantileCellLemma.rhoN(3, 0.164, 0.164);
        assertTrue(rational.contains(0.096622023135448909916) && rational.width() < 1e-15 && rational.lo() > T,
                rational.toString());
        // at n = 2 the pointwise form fails near s = 0 (the cell term itself is still bounded, by convexity)
        assertTrue(ratio(2, 0) > C, "n = 2 at s = 0: " + ratio(2, 0));
    }

    @Test
    @DisplayName("the consequence on 3000 random policies on up to 40 outcomes (near point masses included), n up to "
            + "10^4: log n - (n-1)/n - KL <= (log 2 - 1/2)/2 n(n-1) sum p^2, with equality for a point mass at n = 2")
    void gapOnRandomPolicies() {
        Random rng = new Random(20261203L);
        DoubleEvaluator ev = new DoubleEvaluator();
        Expr.Sym n = Bon.n;
        double tightest = 0;
        for (int trial = 0; trial < 3000; trial++) {
            int size = 1 + rng.nextInt(40);
            double[] w = new double[size];
            double total = 0;
            boolean spike = rng.nextInt(4) == 0;
            for (int i = 0; i < size; i++) {
                w[i] = spike ? (i == 0 ? 1 : Math.pow(10, -3 - 10 * rng.nextDouble())) : Math.pow(rng.nextDouble(), 4);
                total += w[i];
            }
            double sumSquares = 0;
            for (int i = 0; i < size; i++) {
                w[i] /= total;
                sumSquares += w[i] * w[i];
            }
            // the spike's outcome is the best, the worst or in between
            Policy p = Policy.probabilities(w);
            double nv = rng.nextInt(3) == 0 ? 2 : 1 + Math.floor(Math.exp(rng.nextDouble() * Math.log(1e4)));
            double gap = ev.evaluate(Bon.analyticalKl(n).minus(Bon.kl(p.bestOf(n), p)), Map.of(n, nv));
            double bound = C * nv * (nv - 1) * sumSquares;
            assertTrue(gap <= bound * (1 + 1e-9) + 1e-14, "n = " + nv + ", size " + size + ": gap " + gap
                    + " > " + bound);
            if (nv > 1) {
                tightest = Math.max(tightest, gap / bound);
            }
        }
        assertTrue(tightest > 0.999, "closest to the bound: " + tightest);
        // a point mass at n = 2: log 2 - 1/2 = C * 2
        double point = ev.evaluate(Bon.analyticalKl(n).minus(Bon.kl(Policy.probabilities(1.0).bestOf(n),
                Policy.probabilities(1.0))), Map.of(n, 2.0));
        assertEquals(2 * C, point, 1e-15);
    }
}
