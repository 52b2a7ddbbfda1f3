package org.bonlab.numeric.interval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The exact arithmetic of intervals (series with rigorous remainders, exact rationals): each enclosure contains
 * the value mpmath gives at 40 digits for the same double argument, and is at most a few ulps wide.
 */
class ExactArithmeticTest {

    @AfterEach
    void floatingAgain() {
        Interval.useExactArithmetic(false);
    }

    private static void assertEncloses(String reference, double x, UnaryOperator<Interval> f, int ulps) {
        Interval.useExactArithmetic(true);
        Interval r = f.apply(Interval.point(x));
        Interval.useExactArithmetic(false);
        BigDecimal ref = new BigDecimal(reference);
        assertTrue(new BigDecimal(r.lo()).compareTo(ref) <= 0 && ref.compareTo(new BigDecimal(r.hi())) <= 0,
                r + " must contain " + reference);
        assertTrue(r.hi() <= r.lo() + ulps * Math.ulp(r.lo()) || r.hi() == Double.MIN_VALUE,
                r + " must be at most " + ulps + " ulps wide");
    }

    @Test
    @DisplayName("log, exp, log1p, expm1 and powers enclose mpmath's 40-digit values, within 2 ulps")
    void transcendentalFunctions() {
        // mpmath (mp.dps = 40) at the double arguments
        assertEncloses("-2.30258509299404562850684", 0.1, Interval::log, 2);
        assertEncloses("690.7755278982137052579022", 1e300, Interval::log, 2);
        assertEncloses("-744.4400719213812623141073", 5e-324, Interval::log, 2);
        assertEncloses("0.6931471805599453094172321", 2, Interval::log, 2);
        assertEncloses("9.859676543759770856705373e-305", -700, Interval::exp, 2);
        assertEncloses("1.349858807576003088997301", 0.3, Interval::exp, 2);
        assertEncloses("9.999999999999999451482715e-21", 1e-20, Interval::log1p, 2);
        assertEncloses("-1.000000000000000025059092e-300", -1e-300, Interval::expm1, 2);
        assertEncloses("19.08553692318766774092853", 3, Interval::expm1, 2);
        assertEncloses("0.05631351470947265625", 0.75, x -> x.pow(10), 0);
        // 0.9^(10^6) = 3.23e-45758 underflows: [0, the smallest subnormal]
        Interval.useExactArithmetic(true);
        Interval tiny = Interval.point(0.9).pow(1_000_000);
        Interval.useExactArithmetic(false);
        assertEquals(new Interval(0, Double.MIN_VALUE), tiny);
    }

    @Test
    @DisplayName("+, -, * and / are exact and rounded outward only where inexact: 0.1 + 0.2 encloses 3/10")
    void basicOperations() {
        Interval.useExactArithmetic(true);
        Interval sum = Interval.point(0.1).plus(Interval.point(0.2));
        Interval third = Interval.ONE.div(Interval.point(3));
        Interval half = Interval.ONE.div(Interval.point(2));
        Interval.useExactArithmetic(false);
        // the doubles 0.1 and 0.2 add to 0.3000000000000000166533453693773481063544750213623046875 exactly
        assertTrue(sum.lo() < sum.hi() && sum.contains(0.30000000000000004) || sum.contains(0.3), sum.toString());
        assertTrue(new BigDecimal(third.lo()).multiply(BigDecimal.valueOf(3)).compareTo(BigDecimal.ONE) < 0
                && new BigDecimal(third.hi()).multiply(BigDecimal.valueOf(3)).compareTo(BigDecimal.ONE) > 0, third.toString());
        assertEquals(Interval.point(0.5), half);
    }
}
