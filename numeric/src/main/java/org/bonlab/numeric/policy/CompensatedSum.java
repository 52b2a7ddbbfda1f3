package org.bonlab.numeric.policy;

/**
 * Neumaier's compensated summation: the error of a sum of n terms is a few ulps of the result plus
 * \( O(n \varepsilon^2) \) of the sum of magnitudes, instead of \( O(n \varepsilon) \).
 *
 * @implNote The rounding error of each addition is taken by Knuth's TwoSum, which is exact whatever the order of
 *     magnitudes, so it equals Neumaier's (Fast2Sum after comparing magnitudes) bit for bit, without the comparison:
 *     on random terms, as a counterexample search's probabilities, that branch is mispredicted half the time.
 */
public final class CompensatedSum {

    private double sum;
    private double compensation;

    public void add(double x) {
        double t = sum + x;
        double v = t - sum;
        compensation += (sum - (t - v)) + (x - v);
        sum = t;
    }

    public double value() {
        return sum + compensation;
    }

    /** {@code out[i] = x[0] + ... + x[i]}, each compensated. */
    public static double[] prefixSums(double[] x) {
        double[] out = new double[x.length];
        CompensatedSum s = new CompensatedSum();
        for (int i = 0; i < x.length; i++) {
            s.add(x[i]);
            out[i] = s.value();
        }
        return out;
    }

    /** {@code out[i] = x[i+1] + ... + x[n-1]} summed from the top, each compensated; {@code out[n-1] = 0}. */
    public static double[] suffixSumsExclusive(double[] x) {
        double[] out = new double[x.length];
        CompensatedSum s = new CompensatedSum();
        for (int i = x.length - 1; i >= 0; i--) {
            out[i] = s.value();
            s.add(x[i]);
        }
        return out;
    }

    public static double sum(double[] x) {
        CompensatedSum s = new CompensatedSum();
        for (double v : x) {
            s.add(v);
        }
        return s.value();
    }
}
