package org.bonlab.numeric.precise;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Map;
import org.bonlab.Bon;
import org.bonlab.expr.Expr;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Sums in high precision evaluate the parts of their body that do not read the index once, at the first term:
 * these cases mix parts that read the index, an enclosing sum's index, both and neither, so that a part wrongly
 * taken as shared changes the value. The expected values are exact integers computed here by plain loops.
 */
class HighPrecisionSumTest {

    private static final Expr.Sym I = Bon.symbol("i");
    private static final Expr.Sym J = Bon.symbol("j");

    private static BigDecimal eval(Expr e, long n) {
        return new HighPrecisionEvaluator(30).evaluate(e, Map.of(Bon.n, BigDecimal.valueOf(n)))
                .round(new MathContext(25));
    }

    @Test
    @DisplayName("sum_{i=0}^{n} sum_{j=0}^{i} (i j + n) + 2^n: inner terms read both indices, the outer bound and n")
    void nestedSumsReadingBothIndices() {
        Expr inner = new Expr.Sum(J, Expr.constant(0), I, I.times(J).plus(Bon.n));
        Expr e = new Expr.Sum(I, Expr.constant(0), Bon.n, inner.plus(Expr.constant(2).pow(Bon.n)));
        for (long n : new long[] {0, 1, 5, 17}) {
            long expected = 0;
            for (long i = 0; i <= n; i++) {
                for (long j = 0; j <= i; j++) {
                    expected += i * j + n;
                }
                expected += 1L << n;
            }
            assertEquals(0, BigDecimal.valueOf(expected).compareTo(eval(e, n)), "n = " + n);
        }
    }

    @Test
    @DisplayName("an inner sum that reads only the outer index is not shared between the outer terms")
    void innerSumReadingOnlyTheOuterIndex() {
        Expr inner = new Expr.Sum(J, Expr.constant(1), Expr.constant(3), I.times(I)); // 3 i^2
        Expr e = new Expr.Sum(I, Expr.constant(1), Bon.n, inner.times(inner)); // sum 9 i^4
        long n = 6;
        long expected = 0;
        for (long i = 1; i <= n; i++) {
            expected += 9 * i * i * i * i;
        }
        assertEquals(0, BigDecimal.valueOf(expected).compareTo(eval(e, n)));
    }

    @Test
    @DisplayName("a binomial sum with a shared factor exp(1/2) matches the binomial theorem: (1 + e^(1/2))^n")
    void sharedFactorBinomialTheorem() {
        Expr w = Expr.exp(Expr.constant(0.5));
        Expr e = new Expr.Sum(I, Expr.constant(0), Bon.n, new Expr.Binomial(Bon.n, I).times(w.pow(I)));
        for (long n : new long[] {1, 7, 40}) {
            BigDecimal expected = new BigDecimal(Math.pow(1 + Math.exp(0.5), n));
            BigDecimal actual = eval(e, n);
            assertEquals(1.0, actual.divide(expected, MathContext.DECIMAL64).doubleValue(), 1e-14, "n = " + n);
        }
    }
}
