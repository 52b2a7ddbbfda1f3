package org.bonlab.numeric.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bonlab.Bon;
import org.bonlab.numeric.DoubleEvaluator;
import org.bonlab.numeric.precise.HighPrecisionEvaluator;
import org.bonlab.policy.Policy;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Soft best-of-n at every temperature the engine accepts: the double quadrature and the 50-digit enumeration
 * against 40-digit mpmath enumeration ({@code reference/soft_enumeration.csv}, see PROVENANCE.md), and against
 * each other over a grid with rare best outcomes and (r_max - r_min)/lambda up to the engine's limit.
 */
class SoftBestOfAccuracyTest {

    record Case(double[] p, String[] pText, double[] r, int n, double lambda, String lambdaText, BigDecimal kl,
            BigDecimal[] pi) {
        Policy policy() {
            return Policy.probabilities(pText).withReward(r);
        }

        @Override
        public String toString() {
            return "p = " + Arrays.toString(p) + ", r = " + Arrays.toString(r) + ", n = " + n + ", lambda = " + lambda;
        }
    }

    static List<Case> reference() throws IOException {
        try (InputStream in = SoftBestOfAccuracyTest.class.getResourceAsStream("/reference/soft_enumeration.csv")) {
            List<Case> out = new ArrayList<>();
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            for (int k = 1; k < lines.length; k++) {
                String[] f = lines[k].strip().split(",");
                String[] pText = f[0].split(";");
                double[] r = Arrays.stream(f[1].split(";")).mapToDouble(Double::parseDouble).toArray();
                BigDecimal[] pi = Arrays.stream(f[5].split(";")).map(BigDecimal::new).toArray(BigDecimal[]::new);
                out.add(new Case(Arrays.stream(pText).mapToDouble(Double::parseDouble).toArray(), pText, r,
                        Integer.parseInt(f[2]), Double.parseDouble(f[3]), f[3], new BigDecimal(f[4]), pi));
            }
            return out;
        }
    }

    /** Probabilities of {@code policy}'s outcomes in the order given (engines return rank order). */
    private static double[] inOutcomeOrder(Policy base, double[] rankOrder) {
        Ranking ranking = Ranking.of(base.base().reward());
        double[] out = new double[rankOrder.length];
        for (int i = 0; i < out.length; i++) {
            out[ranking.outcomeAt(i)] = rankOrder[i];
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reference")
    @DisplayName("double quadrature: PMF and KL within 1e-12 relative of 40-digit enumeration")
    void quadratureMatchesEnumeration(Case c) {
        Policy soft = c.policy().softBestOf(c.n(), c.lambda());
        double[] pi = inOutcomeOrder(c.policy(), new DoubleEvaluator().pmf(soft, Map.of()).probabilities());
        for (int i = 0; i < pi.length; i++) {
            double expected = c.pi()[i].doubleValue();
            assertEquals(expected, pi[i], 1e-12 * expected, "outcome " + i + " of " + c);
        }
        double kl = new DoubleEvaluator().evaluate(Bon.kl(soft, c.policy()));
        assertEquals(c.kl().doubleValue(), kl, 1e-12 * c.kl().doubleValue(), c.toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reference")
    @DisplayName("50-digit enumeration: KL within 1e-28 relative of 40-digit mpmath")
    void highPrecisionMatchesReference(Case c) {
        // lambda exactly as the reference has it (0.05 as a double is 0.05000000000000000277)
        Policy soft = c.policy().softBestOf(org.bonlab.expr.Expr.constant(c.n()),
                org.bonlab.expr.Expr.constant(org.bonlab.expr.Rational.of(new BigDecimal(c.lambdaText()))));
        BigDecimal kl = new HighPrecisionEvaluator(50).evaluate(Bon.kl(soft, c.policy()));
        BigDecimal err = kl.subtract(c.kl()).abs().divide(c.kl(), MathContext.DECIMAL64);
        assertTrue(err.compareTo(new BigDecimal("1e-28")) < 0, c + ": " + kl + " vs " + c.kl());
    }

    @Test
    @DisplayName("grid: rare best outcomes, (r_max - r_min)/lambda from 1 to 690, n = 2..6: quadrature = enumeration to 1e-11")
    void gridAgainstEnumeration() {
        Random rng = new Random(20261201);
        HighPrecisionEvaluator hp = new HighPrecisionEvaluator(30);
        double[] ratios = {1, 10, 50, 150, 300, 500, 690};
        int cases = 0;
        for (double ratio : ratios) {
            for (int rep = 0; rep < 6; rep++) {
                int size = 2 + rng.nextInt(4);
                double[] w = new double[size];
                for (int i = 0; i < size; i++) {
                    w[i] = Math.exp(-rng.nextDouble() * 8);
                }
                w[size - 1] = Math.pow(10, -2 - 6 * rng.nextDouble()); // the best outcome is rare
                double[] r = new double[size];
                for (int i = 0; i < size; i++) {
                    r[i] = (double) i / (size - 1);
                }
                int n = 2 + rng.nextInt(5);
                Policy base = Policy.weights(w).normalized().withReward(r);
                Policy soft = base.softBestOf(n, 1.0 / ratio);
                double[] quad = new DoubleEvaluator().pmf(soft, Map.of()).probabilities();
                BigDecimal[] exact = hp.pmf(soft, Map.of());
                for (int i = 0; i < size; i++) {
                    double e = exact[i].doubleValue();
                    assertEquals(e, quad[i], 1e-11 * e + 1e-300, "rank " + i + ", ratio " + ratio + ", n " + n
                            + ", w " + Arrays.toString(w));
                }
                cases++;
            }
        }
        assertEquals(42, cases);
    }
}
