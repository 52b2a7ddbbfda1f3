package org.bonlab.symbolic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bonlab.Bon;
import org.bonlab.expr.Expr;
import org.bonlab.expr.Rational;
import org.bonlab.numeric.precise.HighPrecisionEvaluator;
import org.bonlab.policy.BasePolicy;
import org.bonlab.policy.Policy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The leading behaviour of KL(pi_n || p) for large and small n eps. Reference values: regimes_reference.csv
 * (mpmath at 80 digits, script beside it).
 */
class RegimesTest {

    private static final Map<String, BigDecimal> REFERENCE = new HashMap<>();

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = RegimesTest.class.getResourceAsStream("/reference/regimes_reference.csv")) {
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            for (int i = 1; i < lines.length; i++) {
                String[] f = lines[i].trim().split(",");
                REFERENCE.put(f[0] + "/" + f[1] + "/" + f[2], new BigDecimal(f[3]));
            }
        }
    }

    private static Regime regime(Asymptotics a, String name) {
        return a.regimes().stream().filter(r -> r.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no regime " + name + " in " + a));
    }

    private static double at(Expr e, long n) {
        return new HighPrecisionEvaluator(60).evaluate(e, Map.of(Bon.n, BigDecimal.valueOf(n))).doubleValue();
    }

    @Test
    @DisplayName("fair coin, large n: log 2 - 2^-n (n log 2 + 1), the expansion of log 2 - h(2^-n)")
    void coinLargeN() {
        Asymptotics a = Regimes.of(Policy.coin(), Bon.n);
        Regime r = regime(a, "n eps_inf >> 1");
        assertEquals("log(2) - 2^(-n)*(n*log(2) + 1) + o(2^(-n))", r.show());
        assertEquals("\\log 2 - 2^{-n} \\left(n \\log 2 + 1\\right) + o\\left(2^{-n}\\right)", r.latex());
        assertInstanceOf(Verification.CheckedNumerically.class, r.check(), r.check().describe());
        // h(x) = x log(1/x) + x + O(x^2): at n = 20 the form is off by O(4^-n), far below 2^-n
        double exact = Math.log(2) - binaryEntropy(Math.pow(2, -20));
        assertEquals(exact, at(r.approximation(), 20), 1e-11);
        assertTrue(a.unavailable().get(0).contains("max p = 0.500"), a.unavailable().toString());
    }

    private static double binaryEntropy(double x) {
        return -x * Math.log(x) - (1 - x) * Math.log1p(-x);
    }

    @Test
    @DisplayName("Figure 3 (left), large n: the form matches the 80-digit KL to 6 digits of its distance to log 1e4")
    void spikeLargeN() {
        BasePolicy s = Policy.spike(5, "1e-4");
        Regime r = regime(Regimes.of(s, Bon.n), "n eps_inf >> 1");
        assertEquals("log(10000) - 9999^n/10000^n*(n*log(10000/9999) + 1 + log(9999/4)) + o(9999^n/10000^n)",
                r.show());
        for (long n : List.of(100_000L, 200_000L)) {
            BigDecimal kl = REFERENCE.get("spike5/" + n + "/kl");
            double distance = Math.log(1e4) - kl.doubleValue();   // about 4.5e-4 at n = 1e5
            double error = new HighPrecisionEvaluator(60).evaluate(r.approximation(),
                    Map.of(Bon.n, BigDecimal.valueOf(n))).subtract(kl).abs().doubleValue();
            // the o(q) remainder is O(q^2): relative to the O(q) distance it is about 1e-6 at n eps = 10, 1e-10 at 20
            double allowed = n == 100_000L ? 1e-5 : 1e-9;
            assertTrue(error < allowed * distance, "n = " + n + ": error " + error + ", distance " + distance);
        }
    }

    @Test
    @DisplayName("uniform(L = 1000), small n: KL~_n - G_n with G_n = n(n-1)^2/24 sum p^3 m^(n-3) matches the exact gap")
    void uniformSmallN() {
        Asymptotics a = Regimes.of(Policy.uniform(1000), Bon.n);
        Regime r = regime(a, "n max p << 1");
        assertTrue(r.show().startsWith("log(n) - (n - 1)/n - n*(n - 1)^2/24*sum("), r.show());
        assertTrue(r.latex().startsWith("\\widetilde{\\mathrm{KL}}_{n} - "), r.latex());
        assertTrue(r.latex().contains("e^{-2 H_{3}\\left(p\\right)}"), r.latex());
        Verification.CheckedNumerically c = assertInstanceOf(Verification.CheckedNumerically.class, r.check(),
                r.check().describe());
        assertTrue(c.maxRelativeError() < 2e-4, c.describe());
        Expr predictedGap = new org.bonlab.expr.Quantity.AnalyticalKl(Bon.n).minus(r.approximation());
        for (long n : List.of(3L, 10L, 30L)) {
            double gap = REFERENCE.get("uniform1000/" + n + "/gap").doubleValue();
            assertEquals(gap, at(predictedGap, n), 2e-4 * gap, "n = " + n);
            // the integral form n(n-1)^2 / (24 (n-2) L^2) to the same accuracy
            assertEquals(gap, n * (n - 1.0) * (n - 1) / (24 * (n - 2.0) * 1e6), 2e-4 * gap, "n = " + n);
            // far inside Thm 2's bound 2n(n-1)/L
            assertTrue(gap < 2.0 * n * (n - 1) / 1000 / 1000);
        }
    }

    @Test
    @DisplayName("a non-uniform policy with small probabilities gets both regimes, each checked")
    void geometricWithManyOutcomes() {
        Asymptotics a = Regimes.of(Policy.geometric(100, Rational.of(99, 100)), Bon.n);
        assertEquals(2, a.regimes().size(), a.toString());
        for (Regime r : a.regimes()) {
            assertInstanceOf(Verification.CheckedNumerically.class, r.check(), r.name() + ": " + r.check().describe());
        }
    }

    @Test
    @DisplayName("bernoulli(p), symbolic p: the large regime is checked at every sampled p; no small regime")
    void bernoulliSymbolic() {
        Asymptotics a = Regimes.of(Policy.bernoulli(Bon.symbol("p")), Bon.n);
        Regime r = regime(a, "n eps_inf >> 1");
        assertEquals("log(1/p) - (1 - p)^n*(n*log(1/(1 - p)) + 1 + log((1 - p)/p)) + o((1 - p)^n)", r.show());
        Verification.CheckedNumerically c = assertInstanceOf(Verification.CheckedNumerically.class, r.check(),
                r.check().describe());
        assertEquals(SymbolicEngine.PARAMETER_SAMPLES.size() * Regimes.LARGE_STEPS.size(), c.points());
        assertEquals(1, a.regimes().size());
    }

    @Test
    @DisplayName("one outcome: no regime, and the reason says why")
    void singleOutcome() {
        Asymptotics a = Regimes.of(Policy.probabilities("1"), Bon.n);
        assertTrue(a.regimes().isEmpty());
        assertTrue(a.unavailable().get(0).contains("KL = 0"), a.unavailable().toString());
    }

    @org.junit.jupiter.api.Test
    @org.junit.jupiter.api.DisplayName("uniform(L): the KL reaches log n - (n-1)/n at the rate n(n-1)^2/(24(n-2)) L^-2 "
            + "(n >= 3) and log(L)/(12 L^2) (n = 2), as the regime form predicts; mpmath at L = 10^3 and 10^4")
    void uniformRateInSize() {
        org.bonlab.expr.Expr.Sym l = org.bonlab.expr.Expr.symbol("L");
        // mpmath, 40 digits, sum_{i=1..L} pi_i log(L pi_i) with pi_i = (i/L)^n - ((i-1)/L)^n:
        // n = 3: L^2 gap = 0.49991639519357 (10^3), 0.499991638019357 (10^4)
        // n = 8: 2.72221953402976, 2.72222219534028; n = 2: L^2 gap - log(L)/12 = 0.190992214417677, 0.190992212011428
        Object[][] cases = {{3L, "1/(2*L^2)", 0.499991638019357, 0.5}, {8L, "49/(18*L^2)", 2.72222219534028, 49.0 / 18},
            {40L, "2535/(38*L^2)", Double.NaN, 2535.0 / 38}};
        for (Object[] c : cases) {
            SymbolicEngine.RateInSize r = SymbolicEngine.uniformKlRateInSize((Long) c[0], l);
            org.junit.jupiter.api.Assertions.assertEquals(c[1], r.term().show());
            Verification.CheckedNumerically v = org.junit.jupiter.api.Assertions.assertInstanceOf(
                    Verification.CheckedNumerically.class, r.check(), r.check().describe());
            org.junit.jupiter.api.Assertions.assertTrue(v.maxRelativeError() < 1e-3, v.describe());
            if (!Double.isNaN((Double) c[2])) {
                // the double engine's value at 10^4 against mpmath's: the deviation from the coefficient, to 1e-6
                org.junit.jupiter.api.Assertions.assertEquals(Math.abs((Double) c[2] / (Double) c[3] - 1),
                        v.maxRelativeError(), 1e-6, v.describe());
            }
        }
        SymbolicEngine.RateInSize two = SymbolicEngine.uniformKlRateInSize(2, l);
        org.junit.jupiter.api.Assertions.assertEquals("log(L)/(12*L^2)", two.term().show());
        org.junit.jupiter.api.Assertions.assertTrue(two.check().describe().contains("0.19099221 at L = 1000, "
                + "0.190992"), two.check().describe()); // 10^4: 0.19099223 in double against mpmath's 0.190992212
        org.junit.jupiter.api.Assertions.assertInstanceOf(Verification.Proved.class,
                SymbolicEngine.uniformKlRateInSize(1, l).check());
    }

    @org.junit.jupiter.api.Test
    @org.junit.jupiter.api.DisplayName("uniform(L), n >= 5: the gap's next term D_n L^-4, D_n = -n(n-1)^2(3n^2-18n+31)/"
            + "(2880(n-4)), against mpmath's L^4 (gap - C_n L^-2) at L = 200 and 1000; -(7/80) log(L) L^-4 at n = 4; "
            + "S_3 L^-3 at n = 3 with S_3 against mpmath; none for n = 1")
    void uniformNextTermInSize() {
        org.bonlab.expr.Expr.Sym l = org.bonlab.expr.Expr.symbol("L");
        // mpmath, 40 digits, the exact gap less C_n/L^2, times L^4: n = 5: -0.443418213109045 (L = 200),
        // -0.444238912464588 (1000), approaching -4/9 like 1/L (the cells near 0 hold O(L^-5));
        // n = 10: -7.07791687295506, -7.0781166746753, approaching -453/64 = -7.078125 like 1/L^2
        Object[][] cases = {{5L, "-(4/(9*L^4))", -0.443418213109045, -4.0 / 9},
            {10L, "-(453/(64*L^4))", -7.07791687295506, -453.0 / 64}};
        for (Object[] c : cases) {
            SymbolicEngine.NextTerm r = SymbolicEngine.uniformKlNextTermInSize((Long) c[0], l).orElseThrow();
            org.junit.jupiter.api.Assertions.assertEquals(c[1], r.term().show());
            Verification.CheckedNumerically v = org.junit.jupiter.api.Assertions.assertInstanceOf(
                    Verification.CheckedNumerically.class, r.check(), r.check().describe());
            org.junit.jupiter.api.Assertions.assertTrue(v.maxRelativeError() < 1e-2, v.describe());
            // the engine's L = 200 value (double precision) against mpmath's, to 1e-5
            double atTwoHundred = Double.parseDouble(v.describe().replaceAll(".*= (\\S+) at L = 200.*", "$1"));
            org.junit.jupiter.api.Assertions.assertEquals((Double) c[2], atTwoHundred, 1e-5 * Math.abs((Double) c[3]),
                    v.describe());
        }
        // n = 4: (-(7/80) log L + C_4)/L^4 + O(L^-5); mpmath's L^4 (gap - 3/(4L^2)) + (7/80) log L is -0.10618607 at
        // L = 200 and -0.10618585 at 800. C_4 in closed form (Hurwitz zeta derivatives, see uniformKlNextTermInSize),
        // by mpmath at 40 digits: zeta(s, a, 1), 13/480 + 4 zeta'(-3, 1/2) + zeta'(-1, 1/2) + 8 Re zeta'(-3, b)
        // + 12 Im zeta'(-2, b) - 4 Re zeta'(-1, b), b = (1+i)/2
        assertExtrapolation(SymbolicEngine.quarticTermConstant(), "-0.1061858401726319231530075699156471025565", "1e-20",
                SymbolicEngine.QUARTIC_TERM_CONSTANT);
        SymbolicEngine.NextTerm four = SymbolicEngine.uniformKlNextTermInSize(4, l).orElseThrow();
        assertNextTerm(four, "-(7*log(L)/(80*L^4)) - 0.1061858402/L^4", "O(L^-5)", 1e-3);
        // n = 3: S_3 = sum_{i >= 1} (j(i) - 1/2) = -0.08362147309484633 (mpmath, 30 digits, 20000 terms and the tail
        // -1/(60 N)); L^3 (gap - 1/(2 L^2)) is -0.0835381 at L = 200 and -0.0836048 at 1000 (mpmath). In closed form,
        // 6 Re zeta'(-2, a) + 2 sqrt(3) Im zeta'(-1, a), a = 1/2 + i/(2 sqrt(3)): mpmath, 40 digits,
        // -0.08362147309484615634875361783915664588646
        double s3 = SymbolicEngine.cubicTermConstant().doubleValue();
        org.junit.jupiter.api.Assertions.assertEquals(-0.08362147309484633, s3, 1e-11);
        org.junit.jupiter.api.Assertions.assertEquals(-0.08362147309484615634875361783915664588646, s3, 1e-12);
        // the stored value the derivation uses is the extrapolation's
        org.junit.jupiter.api.Assertions.assertEquals(SymbolicEngine.CUBIC_TERM_CONSTANT, s3, 1e-16);
        SymbolicEngine.NextTerm three = SymbolicEngine.uniformKlNextTermInSize(3, l).orElseThrow();
        org.junit.jupiter.api.Assertions.assertEquals("-(0.08362147309/L^3)", three.term().show());
        org.junit.jupiter.api.Assertions.assertInstanceOf(Verification.CheckedNumerically.class, three.check(),
                three.check().describe());
        org.junit.jupiter.api.Assertions.assertTrue(three.method().contains("6 Re zeta'(-2, a)"), three.method());
        org.junit.jupiter.api.Assertions.assertTrue(three.constantLatex().startsWith("S_3 = 6\\,\\mathrm{Re}\\,\\zeta'(-2, a)"),
                three.constantLatex());
        org.junit.jupiter.api.Assertions.assertTrue(four.constantLatex().startsWith("C_4 = \\tfrac{13}{480}"),
                four.constantLatex());
        org.junit.jupiter.api.Assertions.assertEquals("", SymbolicEngine.uniformKlNextTermInSize(5, l).orElseThrow()
                .constantLatex());
        org.junit.jupiter.api.Assertions.assertTrue(SymbolicEngine.uniformKlNextTermInSize(1, l).isEmpty());
    }

    @org.junit.jupiter.api.Test
    @org.junit.jupiter.api.DisplayName("uniform(L), n = 2: the gap is (log(L)/12 + C_2)/L^2 + 7/(2880 L^4) + O(L^-6) with "
            + "C_2 = log A - log(2)/12 (Glaisher-Kinkelin), the constant against mpmath and the terms against mpmath's gap")
    void uniformNextTermInSizeAtTwo() {
        org.bonlab.expr.Expr.Sym l = org.bonlab.expr.Expr.symbol("L");
        // mpmath, 40 digits: log(glaisher) - log(2)/12 (equal to 1/12 - zeta(-1, derivative=1) - log(2)/12)
        assertExtrapolation(SymbolicEngine.quadraticTermConstant(), "0.1909922119871221534291503167879325954244",
                "1e-15", SymbolicEngine.QUADRATIC_TERM_CONSTANT);
        SymbolicEngine.NextTerm two = SymbolicEngine.uniformKlNextTermInSize(2, l).orElseThrow();
        // mpmath, 40 digits, L^4 (gap - (log(L)/12 + C_2)/L^2) with the exact gap: 0.00243051711506365 at L = 100,
        // 0.00243055517113115 at L = 1000, 0.00243055545944942 at L = 2000, approaching 7/2880 = 0.00243055555...
        // like 1/L^2
        Verification.CheckedNumerically v = assertNextTerm(two, "0.190992212/L^2 + 7/(2880*L^4)", "O(L^-6)", 1e-6);
        double atThousand = Double.parseDouble(v.describe().replaceAll(".*, (\\S+) at L = 1000.*", "$1"));
        org.junit.jupiter.api.Assertions.assertEquals(0.00243055517113115, atThousand, 1e-9, v.describe());
        org.junit.jupiter.api.Assertions.assertTrue(two.constantLatex().startsWith("C_2 = \\log A"), two.constantLatex());
        org.junit.jupiter.api.Assertions.assertTrue(two.method().contains("Glaisher-Kinkelin"), two.method());
    }

    /** A 50-digit extrapolation against its closed form's value (mpmath) within {@code within}, and the stored double. */
    private static void assertExtrapolation(java.math.BigDecimal value, String closedForm, String within, double stored) {
        org.junit.jupiter.api.Assertions.assertTrue(value.subtract(new java.math.BigDecimal(closedForm)).abs()
                .compareTo(new java.math.BigDecimal(within)) < 0, value.toString());
        org.junit.jupiter.api.Assertions.assertEquals(stored, value.doubleValue(), 1e-17);
    }

    /** A next term's form, remainder and numeric check (within {@code maxError} of its coefficient). */
    private static Verification.CheckedNumerically assertNextTerm(SymbolicEngine.NextTerm t, String term,
            String remainder, double maxError) {
        org.junit.jupiter.api.Assertions.assertEquals(term, t.term().show());
        org.junit.jupiter.api.Assertions.assertEquals(remainder, t.remainder());
        Verification.CheckedNumerically v = org.junit.jupiter.api.Assertions.assertInstanceOf(
                Verification.CheckedNumerically.class, t.check(), t.check().describe());
        org.junit.jupiter.api.Assertions.assertTrue(v.maxRelativeError() < maxError, v.describe());
        return v;
    }
}
