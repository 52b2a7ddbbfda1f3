package org.bonlab.symbolic;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.bonlab.expr.Rational;

/**
 * Sums of polynomials over i = 1..L in closed form, with L symbolic: Faulhaber's formula
 * \( \sum_{i=1}^{L} i^m = \frac{1}{m+1} \sum_{j=0}^{m} \binom{m+1}{j} B_j^{+} L^{m+1-j} \) with the Bernoulli numbers
 * \( B_j^{+} \) (B_1 = +1/2). The win rates and the expected reward of best-of-n on uniform(L) at a fixed n are such
 * sums: \( L^n \pi_n(i) = i^n - (i-1)^n \) is a polynomial in the rank i. Exact rational arithmetic throughout; Symja's
 * Sum does the same work in about 0.4 s of a cold derivation at n = 10.
 */
final class Faulhaber {

    private Faulhaber() {
    }

    /**
     * The coefficients of \( \sum_{i=1}^{L} P(i) \) as a polynomial in L (index = power of L), for the polynomial P
     * with the given coefficients (index = power of i).
     */
    static List<Rational> sum(List<BigInteger> p) {
        int degree = p.size() - 1;
        List<Rational> bernoulli = bernoulliPlus(degree);
        Rational[] out = new Rational[degree + 2];
        java.util.Arrays.fill(out, Rational.ZERO);
        for (int m = 0; m <= degree; m++) {
            if (p.get(m).signum() == 0) {
                continue;
            }
            // S_m(L) = 1/(m+1) sum_j binom(m+1, j) B_j L^(m+1-j)
            Rational scale = new Rational(p.get(m), BigInteger.valueOf(m + 1));
            for (int j = 0; j <= m; j++) {
                Rational c = scale.times(new Rational(binomial(m + 1, j), BigInteger.ONE)).times(bernoulli.get(j));
                out[m + 1 - j] = out[m + 1 - j].plus(c);
            }
        }
        return List.of(out);
    }

    /**
     * The coefficients of \( i^n - (i-1)^n \) (index = power of i): \( L^n \pi_n(i) \) for best-of-n on uniform(L),
     * the outcome of rank i (from the bottom).
     */
    static List<BigInteger> bestOfMass(int n) {
        List<BigInteger> out = new ArrayList<>();
        for (int k = 0; k <= n; k++) {
            // -(i - 1)^n contributes -binom(n, k) (-1)^(n-k) i^k; i^n cancels its own top term
            BigInteger c = binomial(n, k);
            out.add((n - k) % 2 == 0 ? c.negate() : c);
        }
        out.set(n, out.get(n).add(BigInteger.ONE));
        return out;
    }

    /** The product of two polynomials (index = power). */
    static List<BigInteger> times(List<BigInteger> a, List<BigInteger> b) {
        BigInteger[] out = new BigInteger[a.size() + b.size() - 1];
        java.util.Arrays.fill(out, BigInteger.ZERO);
        for (int i = 0; i < a.size(); i++) {
            for (int j = 0; j < b.size(); j++) {
                out[i + j] = out[i + j].add(a.get(i).multiply(b.get(j)));
            }
        }
        return List.of(out);
    }

    /** B_0 .. B_m with B_1 = +1/2, from \( \sum_{k=0}^{j} \binom{j+1}{k} B_k = 0 \) (which gives B_1 = -1/2). */
    static List<Rational> bernoulliPlus(int m) {
        List<Rational> b = new ArrayList<>();
        b.add(Rational.ONE);
        for (int j = 1; j <= m; j++) {
            Rational s = Rational.ZERO;
            for (int k = 0; k < j; k++) {
                s = s.plus(new Rational(binomial(j + 1, k), BigInteger.ONE).times(b.get(k)));
            }
            b.add(s.negate().div(new Rational(BigInteger.valueOf(j + 1), BigInteger.ONE)));
        }
        if (m >= 1) {
            b.set(1, b.get(1).negate());
        }
        return b;
    }

    private static BigInteger binomial(int n, int k) {
        BigInteger c = BigInteger.ONE;
        for (int i = 0; i < k; i++) {
            c = c.multiply(BigInteger.valueOf(n - i)).divide(BigInteger.valueOf(i + 1));
        }
        return c;
    }
}
