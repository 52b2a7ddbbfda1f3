package org.bonlab.symbolic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import org.bonlab.expr.Rational;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.ISymbol;

/** bonlab's sums of polynomials over i = 1..L (Faulhaber's formula) against direct sums and Symja's Sum. */
class FaulhaberTest {

    @Test
    @DisplayName("Bernoulli numbers B_0..B_12 with B_1 = +1/2 (the table of any handbook: 1, 1/2, 1/6, 0, -1/30, ...)")
    void bernoulliNumbers() {
        long[][] expected = {{1, 1}, {1, 2}, {1, 6}, {0, 1}, {-1, 30}, {0, 1}, {1, 42}, {0, 1}, {-1, 30}, {0, 1},
            {5, 66}, {0, 1}, {-691, 2730}};
        List<Rational> b = Faulhaber.bernoulliPlus(12);
        for (int j = 0; j < expected.length; j++) {
            assertEquals(Rational.of(expected[j][0], expected[j][1]), b.get(j), "B_" + j);
        }
    }

    @Test
    @DisplayName("sum of i^m over i = 1..L, m = 0..14, equals the direct sum at every L = 0..25, exactly")
    void powerSums() {
        for (int m = 0; m <= 14; m++) {
            BigInteger[] p = new BigInteger[m + 1];
            java.util.Arrays.fill(p, BigInteger.ZERO);
            p[m] = BigInteger.ONE;
            List<Rational> q = Faulhaber.sum(List.of(p));
            BigInteger direct = BigInteger.ZERO;
            for (int l = 0; l <= 25; l++) {
                if (l > 0) {
                    direct = direct.add(BigInteger.valueOf(l).pow(m));
                }
                Rational value = Rational.ZERO;
                for (int d = q.size() - 1; d >= 0; d--) {
                    value = value.times(Rational.of(l)).plus(q.get(d));
                }
                assertEquals(new Rational(direct, BigInteger.ONE), value, "m = " + m + ", L = " + l);
            }
        }
    }

    @Test
    @DisplayName("L^n pi_n(i) = i^n - (i-1)^n: 3i^2 - 3i + 1 at n = 3; the coefficients sum to 1 (i = 1) for n = 1..40")
    void bestOfMass() {
        assertEquals(List.of(BigInteger.ONE, BigInteger.valueOf(-3), BigInteger.valueOf(3), BigInteger.ZERO),
                Faulhaber.bestOfMass(3));
        for (int n = 1; n <= 40; n++) {
            assertEquals(BigInteger.ONE, Faulhaber.bestOfMass(n).stream().reduce(BigInteger.ZERO, BigInteger::add));
        }
    }

    @Test
    @DisplayName("the win rates and the expected reward of best-of-n on uniform(L), n = 1..6: bonlab's sums equal "
            + "Symja's Sum of the same terms exactly (Together of the difference is 0)")
    void agreesWithSymjaSum() {
        try (SymjaSession symja = new SymjaSession(Duration.ofSeconds(30))) {
            ISymbol l = F.Dummy("L");
            ISymbol i = F.Dummy("i");
            for (int n = 1; n <= 6; n++) {
                IExpr pi = F.Subtract(F.Power(F.Times(i, F.Power(l, F.CN1)), F.ZZ(n)),
                        F.Power(F.Times(F.Plus(i, F.CN1), F.Power(l, F.CN1)), F.ZZ(n)));
                IExpr[][] cases = {
                    {F.stringx("win_half"), F.Times(pi, F.Plus(F.Times(F.C2, i), F.CN1), F.Power(F.Times(F.C2, l), F.CN1))},
                    {F.stringx("win_strict"), F.Times(pi, F.Plus(i, F.CN1), F.Power(l, F.CN1))},
                    {F.stringx("expected_reward"), F.Times(pi, F.Plus(i, F.CN1))}};
                for (IExpr[] c : cases) {
                    String quantity = c[0].toString();
                    IExpr ours = SymbolicEngine.faulhaberSum(quantity, n, l);
                    IExpr difference = F.Together(F.Subtract(ours, F.Sum(c[1], F.list(i, F.C1, l))));
                    SymjaSession.Outcome o = symja.eval(difference);
                    assertTrue(o instanceof SymjaSession.Outcome.Value v && v.expr().isZero(),
                            quantity + " at n = " + n + ": " + o + " for " + ours);
                }
            }
        }
    }
}
