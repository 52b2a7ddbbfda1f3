package org.bonlab.numeric.precise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.bonlab.Bon;
import org.bonlab.expr.Expr;
import org.bonlab.expr.Quantity;
import org.bonlab.numeric.ReferenceCases;
import org.bonlab.numeric.DoubleEvaluator;
import org.bonlab.numeric.ReferenceTable;
import org.bonlab.policy.Explicit;
import org.bonlab.policy.Policy;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class HighPrecisionEvaluatorTest {

    /** The reference is printed to 20 significant digits: agreement to 1e-18 relative is all it can show. */
    static final double REFERENCE_RELATIVE = 1e-18;
    /** Reference values below this are zero to the reference's working precision. */
    static final BigDecimal ZERO_BELOW = new BigDecimal("1e-40");

    /**
     * High precision costs about one 75-digit logarithm per outcome and column: the reference cases up to
     * L = 1000 are checked, those with 1000 outcomes at n = 1 and their
     * smallest and largest n above 1 only (every row with
     * {@code -Dbonlab.allReferenceRows=true}, as {@code bench/high-precision-reference.sh} runs it).
     */
    static Stream<ReferenceTable.Row> rows() {
        List<ReferenceTable.Row> all = Stream.concat(ReferenceTable.publicRows().stream(),
                ReferenceTable.load("/reference/bon_reference_harsh.csv").stream())
                .filter(r -> !r.caseName().equals("uniform10000")).toList();
        if (Boolean.getBoolean("bonlab.allReferenceRows")) {
            return all.stream();
        }
        return all.stream().filter(r -> !r.caseName().contains("1000") || isExtreme(r, all));
    }

    /** n = 1 (cheap: best-of-1 is p), the smallest n above 1 and the largest n of the row's case. */
    private static boolean isExtreme(ReferenceTable.Row row, List<ReferenceTable.Row> all) {
        long[] ns = all.stream().filter(r -> r.caseName().equals(row.caseName())).mapToLong(ReferenceTable.Row::n)
                .filter(n -> n > 1).sorted().toArray();
        return row.n() == 1 || row.n() == ns[0] || row.n() == ns[ns.length - 1];
    }

    /** One evaluator for all rows, so that each base policy is prepared once. */
    static final HighPrecisionEvaluator HP = new HighPrecisionEvaluator(50);

    @DisplayName("50 digits: every column of the public and harsh references (L <= 1000) to their 20 printed digits")
    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void matchesReferenceToTwentyDigits(ReferenceTable.Row row) {
        Policy p = ReferenceCases.policyFor(row.caseName());
        if (p.describe().startsWith("pmf") && row.caseName().equals("tiny_bottom")) {
            p = Policy.probabilities("1e-300", "0.25", "0.75"); // exact, as in the reference
        }
        HighPrecisionEvaluator hp = HP;
        Map<Expr.Sym, BigDecimal> at = Map.of(Bon.n, BigDecimal.valueOf(row.n()));
        for (var column : ReferenceCases.columns(p)) {
            BigDecimal expected = row.values().get(column.getKey());
            BigDecimal actual = hp.evaluate(column.getValue(), at);
            BigDecimal err = actual.subtract(expected).abs();
            boolean ok = expected.abs().compareTo(ZERO_BELOW) < 0 ? err.compareTo(ZERO_BELOW) < 0
                    : err.compareTo(expected.abs().multiply(BigDecimal.valueOf(REFERENCE_RELATIVE))) <= 0;
            assertTrue(ok, () -> row.caseName() + " n=" + row.n() + " " + column.getKey() + ": expected " + expected
                    + " got " + actual.round(new MathContext(25)));
        }
    }

    @Test
    @DisplayName("double precision agrees with 50 digits on vBoN quantities, entropies and chi-square")
    void doubleAgreesWithHighPrecisionBeyondTheReference() {
        Explicit base = Policy.probabilities(0.05, 0.15, 0.3, 0.5);
        Explicit theta = base.withProbabilities(0, 0.2, 0.3, 0.5); // F = 0 at the bottom: theta avoids it
        Expr n = Expr.constant(7);
        Policy bon = base.bestOf(n);
        Expr[] exprs = {
            Bon.vbonObjective(theta, base, n),
            Bon.vbonBound(Quantity.VbonBoundKind.L, theta, base, n),
            Bon.vbonBound(Quantity.VbonBoundKind.L1, theta, base, n),
            Bon.entropy(bon), Bon.renyiEntropy(bon, Expr.constant(2)), Bon.chiSquare(bon, base),
            Bon.kl(base, bon), Bon.expectedReward(bon), Bon.kl(base.tilted(0.3), base),
            Bon.kl(base.worstOf(n), base), Bon.klHat(Expr.constant(1e-9), Expr.constant(1e12)),
            Bon.bound(Quantity.BoundKind.THM3_GAP_LOWER, base, n), Bon.bound(Quantity.BoundKind.COR3_GAP_LOWER, base, n),
            Bon.bound(Quantity.BoundKind.COR2_GAP_UPPER, base, n), Bon.bound(Quantity.BoundKind.THM4_KL_UPPER, base, n),
            Expr.binaryEntropy(Expr.constant(2).pow(n.unaryMinus()))
        };
        HighPrecisionEvaluator hp = new HighPrecisionEvaluator(50);
        DoubleEvaluator dp = new DoubleEvaluator();
        for (Expr e : exprs) {
            double exact = hp.evaluate(e).doubleValue();
            double approx = dp.evaluate(e);
            assertEquals(exact, approx, 1e-13 * Math.max(1, Math.abs(exact)), e.show());
        }
    }

    @Test
    @DisplayName("60-digit probabilities are read exactly: a PMF differing in the 40th digit gives a different KL")
    void keepsSixtyDigits() {
        String a = "0.2500000000000000000000000000000000000001";
        String b = "0.7499999999999999999999999999999999999999";
        Explicit p = Policy.probabilities(a, b);
        HighPrecisionEvaluator hp = new HighPrecisionEvaluator(60);
        BigDecimal klExact = hp.evaluate(Bon.kl(p.bestOf(3), p));
        BigDecimal klQuarter = hp.evaluate(Bon.kl(Policy.probabilities("0.25", "0.75").bestOf(3),
                Policy.probabilities("0.25", "0.75")));
        assertTrue(klExact.compareTo(klQuarter) != 0);
        assertTrue(klExact.subtract(klQuarter).abs().compareTo(new BigDecimal("1e-38")) < 0);
    }

    @Test
    @DisplayName("Conjecture 4.4 of v3 on the coin: E[KLhat] - KL is 1.5e-5 at n = 5 with p = (0.1, 0.9) and 2.85e-30 "
            + "at n = 100 with p = (1/2, 1/2) (mpmath, 80 digits): why double intervals cannot certify it")
    void conjecture44MarginIsTiny() {
        HighPrecisionEvaluator hp = new HighPrecisionEvaluator(50);
        Map<Policy, Object[]> cases = Map.of(
                Policy.probabilities("0.1", "0.9"), new Object[] {5L, "0.0000151060369723176151377697342075"},
                Policy.coin(), new Object[] {100L, "2.85186642544657936548743616613e-30"});
        for (var c : cases.entrySet()) {
            Expr n = Expr.constant((Long) c.getValue()[0]);
            BigDecimal expected = new BigDecimal((String) c.getValue()[1]);
            BigDecimal margin = hp.evaluate(Bon.klHatMean(c.getKey(), n).minus(Bon.kl(c.getKey().bestOf(n), c.getKey())));
            assertTrue(margin.subtract(expected).abs().compareTo(expected.abs().scaleByPowerOfTen(-15)) < 0,
                    c.getKey().describe() + ": " + margin);
        }
    }

    @Test
    @DisplayName("Conjecture 4.4 on two outcomes p = (a, 1 - a): E[KLhat] - KL = a^n G(a, n) with G of order 1 "
            + "(mpmath, 60 digits): the margin vanishes like a^n at a -> 0, where G -> 2(log n - (n-1)/n)")
    void conjecture44MarginFactorsOnTwoOutcomes() {
        // G(a, n) = (1 - a^n)(log n - (n-1)/n - log((1 - a^n)/(1 - a))) - (n - 1) a^n log a
        //           + b^n (log n + (n-1) log b - (n-1)/n) + (1 - b^n)(log(1 - b^n) - log a),  b = 1 - a:
        // the top outcome's log-ratio cancels against part of Eq. (28), and the rest carries the factor a^n
        HighPrecisionEvaluator hp = new HighPrecisionEvaluator(50);
        String[][] cases = {{"0.1", "2", "0.3129439186214761057917062"}, {"0.5", "5", "0.8094379124341003746007593"},
            {"0.9", "100", "1.418214359347429131701178"}, {"0.999", "5", "0.001000503663556377583177321"},
            {"0.5", "100", "3.615170185988091368035983"}};
        for (String[] c : cases) {
            BigDecimal a = new BigDecimal(c[0]);
            int n = Integer.parseInt(c[1]);
            Policy p = Policy.probabilities(c[0], BigDecimal.ONE.subtract(a).toPlainString());
            Expr nn = Expr.constant(n);
            BigDecimal margin = hp.evaluate(Bon.klHatMean(p, nn).minus(Bon.kl(p.bestOf(nn), p)));
            BigDecimal g = margin.divide(a.pow(n), new java.math.MathContext(40));
            BigDecimal expected = new BigDecimal(c[2]);
            // 50 digits of a margin of a^n G: about 50 - n log10(1/a) digits of G survive (18 at a = 1/2, n = 100)
            assertTrue(g.subtract(expected).abs().compareTo(expected.scaleByPowerOfTen(-12)) < 0,
                    c[0] + ", n = " + n + ": " + g);
        }
    }
}
