package org.bonlab.numeric.precise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * exp and log of {@link PreciseMath} against apfloat's (an independent algorithm, the AGM) at 45, 100 and 150
 * digits, on arguments from 1e-300 to 1e300, near 1 and near 0, with pow through them against integer powers.
 */
class PreciseMathTest {

    private static final String[] ARGUMENTS = {"1e-300", "3.7e-45", "0.001", "0.5", "0.999999999999", "1",
        "1.000000000000000000000001", "2", "2.718281828459045", "10", "123456.789", "6.02e23", "1e300",
        "2.5e-1000000000000"}; // beyond a BigDecimal's exponent: handed to apfloat

    private static void close(Apfloat expected, Apfloat actual, long digits, String what) {
        Apfloat scale = ApfloatMath.max(new Apfloat(1), ApfloatMath.abs(expected));
        Apfloat err = ApfloatMath.abs(expected.subtract(actual)).divide(scale);
        assertTrue(err.compareTo(new Apfloat("1e-" + (digits - 3))) < 0,
                () -> what + ": expected " + expected.toString(true) + " got " + actual.toString(true));
    }

    @ParameterizedTest(name = "{0} digits")
    @ValueSource(longs = {20, 25, 45, 100, 150})
    @DisplayName("log and exp agree with apfloat's to the working precision (relative to max(1, |value|))")
    void agreesWithApfloat(long digits) {
        for (String a : ARGUMENTS) {
            Apfloat x = new Apfloat(a, digits);
            close(ApfloatMath.log(x), PreciseMath.log(x), digits, "log " + a);
        }
        for (String a : new String[] {"-700.5", "-1", "-1e-20", "0", "1e-20", "0.5", "1", "3.3", "690.77", "12345.6"}) {
            Apfloat x = new Apfloat(a, digits);
            Apfloat e = PreciseMath.exp(x);
            Apfloat expected = ApfloatMath.exp(x);
            Apfloat rel = ApfloatMath.abs(expected.subtract(e)).divide(expected);
            assertTrue(rel.compareTo(new Apfloat("1e-" + (digits - 3 - 5))) < 0, "exp " + a); // |x| up to 1e4
        }
    }

    @ParameterizedTest(name = "{0} digits")
    @ValueSource(ints = {20, 35, 50, 110})
    @DisplayName("the fixed-point exp agrees with apfloat's on [-64, 64]: both ends, around its 2^-10 reduction threshold, "
            + "tiny arguments and the range log's Halley step uses")
    void fixedPointExp(int digits) {
        String[] arguments = {"64", "-64", "63.999999999999999999999", "-0.0009765625", "0.0009765625", "0.0009765626",
            "1e-15", "-3.3e-40", "1e-130", "0.6931471805599453094172321", "2.302585092994045684", "1.7", "-17.25",
            "45.123456789012345678901234567890123"};
        for (String a : arguments) {
            BigDecimal got = PreciseMath.expFixedPoint(new BigDecimal(a), digits);
            Apfloat expected = ApfloatMath.exp(new Apfloat(a, digits + 20));
            Apfloat rel = ApfloatMath.abs(expected.subtract(new Apfloat(got, digits + 20))).divide(expected);
            assertTrue(rel.compareTo(new Apfloat("1e-" + (digits - 1))) < 0,
                    () -> "exp " + a + " at " + digits + " digits: " + got + " against " + expected.toString(true));
            assertTrue(got.precision() <= digits, () -> got + " has more than " + digits + " digits");
        }
    }

    @Test
    @DisplayName("the stored log 10 (mpmath, 200 digits) is apfloat's at 200 digits, and rounds to it at fewer")
    void storedLog10() {
        for (int digits : new int[] {20, 55, 110, 190}) {
            java.math.MathContext mc = new java.math.MathContext(digits);
            BigDecimal apfloat = new BigDecimal(ApfloatMath.log(new Apfloat(10, digits + 5)).toString(false));
            BigDecimal err = PreciseMath.LN10_VALUE.round(mc).subtract(apfloat).abs();
            assertTrue(err.compareTo(BigDecimal.ONE.movePointLeft(digits - 1)) < 0, digits + " digits: " + err);
        }
        assertEquals(PreciseMath.LN10_DIGITS, PreciseMath.LN10_VALUE.precision());
    }

    @ParameterizedTest(name = "{0} digits")
    @ValueSource(longs = {45, 100})
    @DisplayName("pow(b, x) = e^(x log b) matches b^k for integer k and (b^(1/2))^2 = b")
    void powThroughExpAndLog(long digits) {
        for (String b : new String[] {"0.3", "7", "1e-50"}) {
            Apfloat base = new Apfloat(b, digits);
            // relative: e^(x log b) loses about log10 |x log b| digits (13 log 1e-50 is about -1497)
            Apfloat ratio13 = PreciseMath.pow(base, new Apfloat(13, digits)).divide(ApfloatMath.pow(base, 13));
            close(new Apfloat(1, digits), ratio13, digits - 4, "pow " + b);
            Apfloat root = PreciseMath.pow(base, new Apfloat("0.5", digits));
            Apfloat ratio = root.multiply(root).divide(base);
            close(new Apfloat(1, digits), ratio, digits, "sqrt squared " + b);
        }
        BigDecimal bd = new BigDecimal(PreciseMath.pow(new Apfloat(2, digits), new Apfloat("0.5", digits)).toString(false));
        assertTrue(bd.subtract(new BigDecimal(Math.sqrt(2))).abs().compareTo(new BigDecimal("1e-15")) < 0);
        assertTrue(bd.round(new MathContext(30)).toString().startsWith("1.41421356237309504880168872"));
    }
}
