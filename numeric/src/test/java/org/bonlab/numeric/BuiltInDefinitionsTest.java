package org.bonlab.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bonlab.Bon;
import org.bonlab.Definitions;
import org.bonlab.expr.Expr;
import org.bonlab.expr.Quantity;
import org.bonlab.numeric.precise.HighPrecisionEvaluator;
import org.bonlab.numeric.quantity.UndefinedQuantityException;
import org.bonlab.policy.Explicit;
import org.bonlab.policy.Policy;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every built-in quantity that has an outcome-level definition ({@link Definitions#of}) is computed by the
 * engines' specialised code exactly as by its definition: the specialised code is an optimisation only.
 */
class BuiltInDefinitionsTest {

    static final Explicit PMF = Policy.probabilities("0.1", "0.2", "0.3", "0.4");

    static List<Quantity> quantities(Policy p, long count) {
        Expr n = Expr.constant(count);
        Policy bon = p.bestOf(n);
        List<Quantity> q = new ArrayList<>(List.of(Bon.kl(bon, p), Bon.kl(p, bon), Bon.analyticalKl(n),
                Bon.expectedReward(bon), Bon.winRateStrict(bon, p), Bon.winRateHalf(bon, p), Bon.entropy(bon),
                Bon.renyiEntropy(bon, Expr.constant(2)), Bon.renyiEntropy(p, Expr.rational(1, 2)),
                Bon.chiSquare(bon, p), Bon.klHatMean(p, n), Bon.klHat1Mean(p, n),
                Bon.klHat(Expr.rational(1, 1000), n), Bon.klHat1(Expr.rational(1, 3), n)));
        for (Quantity.BoundKind k : Quantity.BoundKind.values()) {
            q.add(Bon.bound(k, p, n));
        }
        return q;
    }

    static Policy policy(String name) {
        return switch (name) {
            case "coin" -> Policy.coin();
            case "uniform10" -> Policy.uniform(10);
            case "fig3left" -> Policy.spike(5, "1e-4");
            default -> PMF;
        };
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"coin", "uniform10", "fig3left", "pmf1234"})
    @DisplayName("double and 50 digits: each built-in equals its definition at n = 1, 2, 10, 1000")
    void builtInsEqualTheirDefinitions(String name) {
        Policy p = policy(name);
        DoubleEvaluator ev = new DoubleEvaluator();
        HighPrecisionEvaluator hp = new HighPrecisionEvaluator(50);
        int compared = 0;
        for (long n : new long[] {1, 2, 10, 1000}) {
            for (Quantity q : quantities(p, n)) {
                Expr d = Definitions.of(q).orElseThrow(() -> new AssertionError("no definition for " + q.show()));
                compare(ev, hp, q, d, name + " n=" + n + " " + q.show());
                compared++;
            }
        }
        assertEquals(4 * 20, compared);
    }

    @Test
    @DisplayName("vBoN's J, L and L1 (Amini et al. Eq. 5a, 8, 16) equal their definitions")
    void vbonEqualsDefinitions() {
        Explicit theta = PMF.withProbabilities(0, 0.2, 0.3, 0.5);
        DoubleEvaluator ev = new DoubleEvaluator();
        HighPrecisionEvaluator hp = new HighPrecisionEvaluator(50);
        for (long count : new long[] {1, 2, 10, 1000}) {
            Expr n = Expr.constant(count);
            for (Quantity q : List.of(Bon.vbonObjective(theta, PMF, n),
                    Bon.vbonBound(Quantity.VbonBoundKind.L, theta, PMF, n),
                    Bon.vbonBound(Quantity.VbonBoundKind.L1, theta, PMF, n))) {
                compare(ev, hp, q, Definitions.of(q).orElseThrow(), "n=" + count + " " + q.show());
            }
        }
    }

    @Test
    @DisplayName("win rates on tied rewards: the definition with the reward-value CDF G equals the built-in and the "
            + "hand count (0.375 strict, 0.625 ties half)")
    void tiedWinRatesEqualTheirDefinitions() {
        // p = (1/4, 1/4, 1/2) with rewards (1, 1, 2): best-of-2 (ties broken by rank) puts 1/16 + 3/16 on reward 1
        // and 3/4 on reward 2, so P[r(Y) > r(Y')] = 3/4 * 1/2 and a tie has probability 1/4 * 1/2 + 3/4 * 1/2
        Policy tied = Policy.probabilities("1/4", "1/4", "1/2").withReward(new double[] {1, 1, 2});
        DoubleEvaluator ev = new DoubleEvaluator();
        HighPrecisionEvaluator hp = new HighPrecisionEvaluator(50);
        Quantity strict = Bon.winRateStrict(tied.bestOf(2), tied);
        Quantity half = Bon.winRateHalf(tied.bestOf(2), tied);
        assertEquals(0.375, ev.evaluate(Definitions.of(strict).orElseThrow()), 1e-16);
        assertEquals(0.625, ev.evaluate(Definitions.of(half).orElseThrow()), 1e-16);
        for (long n : new long[] {1, 2, 10, 1000}) {
            for (Quantity q : List.of(Bon.winRateStrict(tied.bestOf(n), tied), Bon.winRateHalf(tied.bestOf(n), tied))) {
                compare(ev, hp, q, Definitions.of(q).orElseThrow(), "n=" + n + " " + q.show());
            }
        }
    }

    private static void compare(DoubleEvaluator ev, HighPrecisionEvaluator hp, Quantity q, Expr d, String what) {
        double builtIn;
        try {
            builtIn = ev.evaluate(q);
        } catch (UndefinedQuantityException e) {
            try {
                ev.evaluate(d);
            } catch (UndefinedQuantityException | IllegalArgumentException expected) {
                return; // undefined both ways
            }
            throw new AssertionError(what + ": the built-in is undefined (" + e.getMessage()
                    + ") but the definition is not");
        }
        double defined = ev.evaluate(d);
        // the definitions use log(1 - eps) where the built-ins use log1p: 1e-10 relative in double
        assertEquals(builtIn, defined, Math.max(1e-13, 1e-10 * Math.abs(builtIn)), what);
        BigDecimal a = hp.evaluate(q);
        BigDecimal b = hp.evaluate(d);
        BigDecimal tol = a.abs().multiply(new BigDecimal("1e-30")).max(new BigDecimal("1e-40"));
        assertTrue(a.subtract(b).abs().compareTo(tol) <= 0, what + ": " + a.round(MathContext.DECIMAL64) + " vs "
                + b.round(MathContext.DECIMAL64));
    }

    @Test
    @DisplayName("intervals enclose built-ins without a specialised enclosure through their definitions")
    void intervalsByDefinition() {
        for (long n : new long[] {1, 2, 10, 1000}) {
            Policy bon = PMF.bestOf(n);
            for (Quantity q : List.of(Bon.entropy(bon), Bon.renyiEntropy(bon, Expr.constant(2)), Bon.chiSquare(bon, PMF),
                    Bon.kl(PMF, bon), Bon.expectedReward(PMF))) {
                double x = new DoubleEvaluator().evaluate(q);
                org.bonlab.numeric.interval.Interval i = new org.bonlab.numeric.interval.IntervalEvaluator(Map.of())
                        .evaluate(q);
                assertTrue(i.lo() <= x + 1e-15 * Math.abs(x) && x - 1e-15 * Math.abs(x) <= i.hi(),
                        q.show() + " at n = " + n + ": " + x + " not in " + i);
                // tight, except where pi_n(y) = 0.1^1000 underflows doubles: KL(p || pi_n) is then enclosed in
                // [375.3, infinity], sound but loose (the enclosures are in linear space)
                boolean underflow = n == 1000 && q instanceof Quantity.Kl k && k.p() == bon;
                assertTrue(underflow || i.hi() - i.lo() < 1e-9 * Math.max(1, Math.abs(x)), "tight: " + i);
            }
        }
    }
}
