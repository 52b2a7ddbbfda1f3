package org.bonlab.numeric.interval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.obermuhlner.math.big.BigDecimalMath;
import java.math.BigDecimal;
import java.math.MathContext;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The argument uniform in n for Conjecture 4.4 on two outcomes ({@link TwoOutcomeEstimatorTail}): its numeric
 * conditions, and each of its lemmas and steps evaluated at 60 digits (big-math, independent of the interval code)
 * over a grid of n and of c = -n log a, so that a slip in the algebra of the class comment fails here.
 */
class TwoOutcomeEstimatorTailTest {

    private static final MathContext MC = new MathContext(60);
    private static final BigDecimal ONE = BigDecimal.ONE;
    private static final BigDecimal HALF = new BigDecimal("0.5");
    private static final long[] NS = {10, 11, 37, 1000, 1_000_000, 1_000_000_000_000L};

    private static BigDecimal log(BigDecimal x) {
        return BigDecimalMath.log(x, MC);
    }

    /** e^x, with 0 for x < -10^4 (such a term is below 10^-4000, far under the 60 digits kept). */
    private static BigDecimal exp(BigDecimal x) {
        return x.compareTo(BigDecimal.valueOf(-10_000)) < 0 ? BigDecimal.ZERO : BigDecimalMath.exp(x, MC);
    }

    /** 2^-k, through {@link #exp}. */
    private static BigDecimal twoToMinus(long k) {
        return exp(BigDecimal.valueOf(-k).multiply(log(BigDecimal.valueOf(2)), MC));
    }

    private static BigDecimal div(BigDecimal x, BigDecimal y) {
        return x.divide(y, MC);
    }

    private static BigDecimal ln(long n) {
        BigDecimal bn = BigDecimal.valueOf(n);
        return log(bn).subtract(ONE).add(div(ONE, bn));
    }

    /** G of the reduction, with a^n given separately (it is e^-c, exactly, where a = e^(-c/n)). */
    private static BigDecimal g(BigDecimal a, BigDecimal an, long n) {
        BigDecimal b = ONE.subtract(a);
        BigDecimal bn = exp(BigDecimal.valueOf(n).multiply(log(b), MC));
        BigDecimal l = ln(n);
        BigDecimal m1 = BigDecimal.valueOf(n - 1);
        BigDecimal sa = div(ONE.subtract(an), b);
        BigDecimal sb = div(ONE.subtract(bn), a);
        return bn.multiply(l.add(m1.multiply(log(b), MC)), MC)
                .add(ONE.subtract(bn).multiply(log(sb), MC))
                .add(ONE.subtract(an).multiply(l.subtract(log(sa)), MC))
                .subtract(m1.multiply(an, MC).multiply(log(a), MC), MC);
    }

    /** psi(c) = w + log w - 1 - c, w = c/(1 - e^-c). */
    private static BigDecimal psi(BigDecimal c) {
        BigDecimal w = div(c, ONE.subtract(exp(c.negate())));
        return w.add(log(w)).subtract(ONE).subtract(c);
    }

    @Test
    @DisplayName("the numeric conditions hold from n = 10 on (221 boxes of c for psi); below 10 the argument is refused")
    void conditionsHold() {
        TwoOutcomeEstimatorCertifier.Outcome o = TwoOutcomeEstimatorTail.check(10);
        assertEquals("", o.failure());
        assertEquals(221, o.boxes());
        assertEquals("", TwoOutcomeEstimatorTail.check(Long.MAX_VALUE).failure());
        assertThrows(IllegalArgumentException.class, () -> TwoOutcomeEstimatorTail.check(9));
    }

    @Test
    @DisplayName("Lemma B at 60 digits: G/(1 - a) >= 1/2 - 2^-(n-1)(n log 2 + 1) on a >= 1/2, with Steps 2-4")
    void lemmaBAtSixtyDigits() {
        String[] cs = {"1e-9", "1e-4", "0.01", "0.1", "0.5", "1", "1.7", "2.72", "4", "10", "30"};
        BigDecimal log2 = log(BigDecimal.valueOf(2));
        int checked = 0;
        for (long n : NS) {
            BigDecimal bn = BigDecimal.valueOf(n);
            for (String text : cs) {
                BigDecimal c = new BigDecimal(text);
                if (c.compareTo(bn.multiply(log2)) > 0) {
                    continue; // a < 1/2
                }
                BigDecimal lambda = div(c, bn);
                BigDecimal a = exp(lambda.negate());
                BigDecimal b = ONE.subtract(a);
                BigDecimal an = exp(c.negate());
                BigDecimal bound = HALF.subtract(twoToMinus(n - 1)
                        .multiply(bn.multiply(log2).add(ONE), MC));
                BigDecimal gOverB = div(g(a, an, n), b);
                assertTrue(gOverB.compareTo(bound) >= 0, "n = " + n + ", c = " + c + ": G/b = " + gOverB);
                // Step 2's identity: M/lambda = n u psi + 1 - e^-c + u + n u log phi(lambda)
                BigDecimal m = lambda.add(ONE.subtract(an).multiply(ln(n).subtract(log(div(ONE.subtract(an), b))), MC))
                        .add(BigDecimal.valueOf(n - 1).multiply(an, MC).multiply(lambda, MC));
                BigDecimal u = div(ONE.subtract(an), c);
                BigDecimal phi = div(ONE.subtract(a), lambda);
                BigDecimal identity = bn.multiply(u, MC).multiply(psi(c), MC).add(ONE).subtract(an).add(u)
                        .add(bn.multiply(u, MC).multiply(log(phi), MC));
                BigDecimal mOverLambda = div(m, lambda);
                assertTrue(mOverLambda.subtract(identity).abs().compareTo(new BigDecimal("1e-30")) < 0,
                        "n = " + n + ", c = " + c + ": " + mOverLambda + " vs " + identity);
                // Step 3 and Step 4's conclusion
                // (at 200 digits: log phi + lambda/2 is about lambda^2/24, down to 1e-44 here)
                MathContext wide = new MathContext(200);
                BigDecimal phiWide = ONE.subtract(BigDecimalMath.exp(lambda.negate(), wide)).divide(lambda, wide);
                assertTrue(BigDecimalMath.log(phiWide, wide).compareTo(lambda.negate().divide(BigDecimal.valueOf(2),
                        wide)) > 0, "n = " + n + ", c = " + c);
                assertTrue(mOverLambda.compareTo(HALF) >= 0, "M/lambda = " + mOverLambda);
                checked++;
            }
        }
        assertTrue(checked >= 55, "points checked: " + checked);
    }

    @Test
    @DisplayName("Lemma A at 60 digits: G >= (1 - 2^-n) L_n - 1 - 1/e > 0 on a <= 1/2")
    void lemmaAAtSixtyDigits() {
        String[] as = {"1e-12", "0.001", "0.1", "0.25", "0.4", "0.5"};
        for (long n : new long[] {10, 11, 50, 100_000}) {
            BigDecimal bound = ONE.subtract(twoToMinus(n)).multiply(ln(n), MC)
                    .subtract(ONE).subtract(exp(ONE.negate()));
            assertTrue(bound.signum() > 0, "n = " + n);
            for (String text : as) {
                BigDecimal a = new BigDecimal(text);
                BigDecimal an = exp(BigDecimal.valueOf(n).multiply(log(a), MC));
                BigDecimal g = g(a, an, n);
                assertTrue(g.compareTo(bound) >= 0, "n = " + n + ", a = " + a + ": G = " + g);
            }
        }
    }

    @Test
    @DisplayName("Lemma C at 60 digits: psi(c) >= 0, about c^2/24 near 0, and >= log c - 1 from e on")
    void lemmaCAtSixtyDigits() {
        for (String text : new String[] {"1e-8", "1e-3", "0.3", "1", "2", "2.72", "5", "50", "700"}) {
            BigDecimal c = new BigDecimal(text);
            BigDecimal psi = psi(c);
            assertTrue(psi.signum() > 0, "psi(" + c + ") = " + psi);
            if (c.compareTo(new BigDecimal("2.72")) >= 0) {
                assertTrue(psi.compareTo(log(c).subtract(ONE)) >= 0);
            }
        }
        BigDecimal small = new BigDecimal("1e-8");
        BigDecimal ratio = div(psi(small), small.multiply(small));
        assertTrue(ratio.subtract(div(ONE, BigDecimal.valueOf(24))).abs().compareTo(new BigDecimal("1e-8")) < 0,
                ratio.toString());
    }
}
