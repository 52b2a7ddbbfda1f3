package org.bonlab.numeric.tradeoff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Map;
import org.bonlab.Bon;
import org.bonlab.expr.Expr;
import org.bonlab.numeric.DoubleEvaluator;
import org.bonlab.numeric.precise.HighPrecisionEvaluator;
import org.bonlab.numeric.quantity.UndefinedQuantityException;
import org.bonlab.policy.Policy;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RewindAndRepeatTest {

    private static final Map<Expr.Sym, Double> NONE = Map.of();

    @Test
    @DisplayName("rewind-and-repeat by hand: p = (1/5, 3/10, 1/2), t = 0.35 accepts (0, 1/2, 1), pi = (0, 3/13, 10/13)")
    void handCount() {
        Policy p = Policy.probabilities("1/5", "3/10", "1/2");
        Policy r = p.rewindAndRepeat(0.35);
        // a = ((0.2 - 0.35)^+/0.2, (0.5 - 0.35)/0.3, (1 - 0.5)/0.5) = (0, 1/2, 1); pi = p a / (1 - t)
        double kl = 3.0 / 13 * Math.log(3.0 / 13 / 0.3) + 10.0 / 13 * Math.log(10.0 / 13 / 0.5);
        double win = 3.0 / 13 * 0.35 + 10.0 / 13 * 0.75; // W(y) = (G + G_-)/2
        DoubleEvaluator ev = new DoubleEvaluator();
        assertEquals(kl, ev.evaluate(Bon.kl(r, p), NONE), 1e-15);
        assertEquals(win, ev.evaluate(Bon.winRateHalf(r, p), NONE), 1e-15);
        assertEquals(23.0 / 13, ev.evaluate(Bon.expectedReward(r), NONE), 1e-15); // rewards 0, 1, 2
        // the 50-digit engine agrees with the same hand count, to 40 digits
        BigDecimal precise = new HighPrecisionEvaluator().evaluate(Bon.kl(r, p));
        assertEquals(kl, precise.doubleValue(), 1e-15);
    }

    @Test
    @DisplayName("the continuous limit holds exactly on uniform(1000) at t = 0.9: KL = log 10, win rate 0.95")
    void continuousLimitOnUniform() {
        Policy u = Policy.uniform(1000);
        Policy r = u.rewindAndRepeat(0.9);
        DoubleEvaluator ev = new DoubleEvaluator();
        assertEquals(Math.log(10), ev.evaluate(Bon.kl(r, u), NONE), 1e-13);
        assertEquals(0.95, ev.evaluate(Bon.winRateHalf(r, u), NONE), 1e-13);
        // at 50 digits with the exact threshold 9/10 (the double 0.9 is 2.2e-17 above it, which moves the KL by
        // about 2.4e-27): log 10 = 2.302585092994045684017991454684364207601101488628772976...
        BigDecimal precise = new HighPrecisionEvaluator().evaluate(Bon.kl(u.rewindAndRepeat(Expr.rational(9, 10)), u));
        assertTrue(precise.subtract(new BigDecimal("2.3025850929940456840179914546843642076011")).abs()
                .compareTo(new BigDecimal("1e-38")) <= 0, precise.toString());
        // t = 0 is p itself; the coin at t = 1/2 keeps only the top outcome (KL log 2, win rate 3/4)
        assertEquals(0, ev.evaluate(Bon.kl(u.rewindAndRepeat(0), u), NONE), 1e-15);
        Policy coin = Policy.coin();
        assertEquals(Math.log(2), ev.evaluate(Bon.kl(coin.rewindAndRepeat(0.5), coin), NONE), 1e-15);
        assertEquals(0.75, ev.evaluate(Bon.winRateHalf(coin.rewindAndRepeat(0.5), coin), NONE), 1e-15);
    }

    @Test
    @DisplayName("KL <= -log(1 - t) on random policies with ties; bad t and all-zero weights are refused")
    void boundAndRefusals() {
        java.util.Random rng = new java.util.Random(7);
        DoubleEvaluator ev = new DoubleEvaluator();
        for (int trial = 0; trial < 200; trial++) {
            int size = 2 + rng.nextInt(8);
            double[] q = new double[size];
            double[] rewards = new double[size];
            double s = 0;
            for (int i = 0; i < size; i++) {
                q[i] = rng.nextDouble() + 1e-9;
                s += q[i];
                rewards[i] = rng.nextInt(3); // ties
            }
            for (int i = 0; i < size; i++) {
                q[i] /= s;
            }
            q[size - 1] = 1 - java.util.Arrays.stream(q, 0, size - 1).sum();
            Policy p = Policy.probabilities(q).withReward(org.bonlab.policy.Reward.of(rewards));
            double t = rng.nextDouble() * 0.999;
            double kl = ev.evaluate(Bon.kl(p.rewindAndRepeat(t), p), NONE);
            assertTrue(kl <= -Math.log1p(-t) + 1e-12 && kl >= -1e-15, "trial " + trial + ": " + kl + " at t = " + t);
        }
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> Policy.coin().rewindAndRepeat(1.0));
        assertTrue(bad.getMessage().contains("t of rewind-and-repeat must be in [0, 1), but was 1.0"), bad.getMessage());
        Policy zero = Policy.coin().weighted(Expr.constant(0));
        assertThrows(UndefinedQuantityException.class, () -> ev.evaluate(Bon.kl(zero, Policy.coin()), NONE));
        Policy negative = Policy.coin().weighted(Expr.constant(-1));
        assertThrows(UndefinedQuantityException.class, () -> ev.evaluate(Bon.kl(negative, Policy.coin()), NONE));
    }
}
