package org.bonlab.numeric.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The branch-free error term of {@link CompensatedSum} is Neumaier's, bit for bit. */
class CompensatedSumTest {

    /** Neumaier's summation as written in his paper: Fast2Sum after comparing the magnitudes. */
    private static double[] neumaier(double[] x) {
        double sum = 0;
        double c = 0;
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double t = sum + x[i];
            c += Math.abs(sum) >= Math.abs(x[i]) ? (sum - t) + x[i] : (x[i] - t) + sum;
            sum = t;
            out[i] = sum + c;
        }
        return out;
    }

    @Test
    void prefixSumsAreNeumaiersBitForBit() {
        SplittableRandom rng = new SplittableRandom(11);
        for (int trial = 0; trial < 20_000; trial++) {
            double[] x = new double[1 + rng.nextInt(40)];
            for (int i = 0; i < x.length; i++) {
                // magnitudes from 1e-300 to 1e10, both signs, some exact cancellations
                x[i] = (rng.nextBoolean() ? 1 : -1) * Math.pow(10, -300 + 310 * rng.nextDouble());
                if (i > 0 && rng.nextInt(10) == 0) {
                    x[i] = -x[i - 1];
                }
            }
            double[] expected = neumaier(x);
            double[] actual = CompensatedSum.prefixSums(x);
            for (int i = 0; i < x.length; i++) {
                assertEquals(Double.doubleToLongBits(expected[i]), Double.doubleToLongBits(actual[i]),
                        "trial " + trial + ", term " + i);
            }
        }
    }

    @Test
    void recoversWhatPlainSummationLoses() {
        // 1, then 10^4 terms of 1e-16 (each below half an ulp of 1: plain summation drops every one), then -1
        double[] x = new double[10_002];
        x[0] = 1;
        java.util.Arrays.fill(x, 1, 10_001, 1e-16);
        x[10_001] = -1;
        double exact = new java.math.BigDecimal(1e-16).multiply(java.math.BigDecimal.valueOf(10_000)).doubleValue();
        double plain = 0;
        for (double v : x) {
            plain += v;
        }
        assertEquals(0.0, plain);
        assertEquals(exact, CompensatedSum.sum(x), 1e-24); // 1e-12 to 12 digits
    }
}
