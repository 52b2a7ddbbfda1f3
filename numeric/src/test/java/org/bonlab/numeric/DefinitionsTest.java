package org.bonlab.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.bonlab.Bon;
import org.bonlab.Definitions;
import org.bonlab.claim.Claim;
import org.bonlab.claim.Family;
import org.bonlab.expr.Expr;
import org.bonlab.expr.Quantity;
import org.bonlab.numeric.claim.ClaimChecker;
import org.bonlab.numeric.claim.ConjectureSearch;
import org.bonlab.numeric.claim.Verdict;
import org.bonlab.numeric.interval.Interval;
import org.bonlab.numeric.interval.IntervalEvaluator;
import org.bonlab.numeric.precise.HighPrecisionEvaluator;
import org.bonlab.numeric.quantity.UndefinedQuantityException;
import org.bonlab.policy.Policy;
import org.bonlab.policy.PolicyVar;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Quantities defined outcome by outcome ({@link Definitions}) against 80-digit mpmath values
 * ({@code reference/divergences.csv}, see PROVENANCE.md), in double precision, at 50 digits and as interval
 * enclosures; the definitions of KL, chi^2 and the Lemma 2 bound against the built-in quantities.
 */
class DefinitionsTest {

    record Row(String caseName, long n, Map<String, BigDecimal> values) {
        @Override
        public String toString() {
            return caseName + " n=" + n;
        }
    }

    static List<Row> rows() throws IOException {
        try (InputStream in = DefinitionsTest.class.getResourceAsStream("/reference/divergences.csv")) {
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            String[] header = lines[0].strip().split(",");
            List<Row> out = new ArrayList<>();
            for (int k = 1; k < lines.length; k++) {
                String[] f = lines[k].strip().split(",");
                Map<String, BigDecimal> v = new LinkedHashMap<>();
                for (int j = 2; j < f.length; j++) {
                    v.put(header[j], new BigDecimal(f[j]));
                }
                out.add(new Row(f[0], Long.parseLong(f[1]), v));
            }
            return out;
        }
    }

    static Policy policy(String name) {
        return switch (name) {
            case "coin" -> Policy.coin();
            case "uniform10" -> Policy.uniform(10);
            case "fig3left" -> Policy.spike(5, "1e-4");
            case "pmf1234" -> Policy.probabilities("0.1", "0.2", "0.3", "0.4");
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** Each reference column as a definition of best-of-n against p. */
    static Map<String, BiFunction<Policy, Long, Expr>> columns() {
        Map<String, BiFunction<Policy, Long, Expr>> m = new LinkedHashMap<>();
        m.put("tv", (p, n) -> Definitions.totalVariation(p.bestOf(n), p));
        m.put("hellinger2", (p, n) -> Definitions.hellingerSquared(p.bestOf(n), p));
        m.put("renyi2", (p, n) -> Definitions.renyiDivergence(p.bestOf(n), p, Expr.constant(2)));
        m.put("renyi_half", (p, n) -> Definitions.renyiDivergence(p.bestOf(n), p, Expr.rational(1, 2)));
        m.put("chi2", (p, n) -> Definitions.chiSquare(p.bestOf(n), p));
        m.put("kl", (p, n) -> Definitions.kl(p.bestOf(n), p));
        m.put("lemma2", (p, n) -> Definitions.lemma2Bound(p, Expr.constant(n)));
        return m;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    @DisplayName("double precision: every definition within 1e-12 relative (1e-15 absolute near 0) of mpmath")
    void doublePrecision(Row row) {
        Policy p = policy(row.caseName());
        DoubleEvaluator ev = new DoubleEvaluator();
        columns().forEach((name, def) -> {
            double expected = row.values().get(name).doubleValue();
            double actual = ev.evaluate(def.apply(p, row.n()));
            assertEquals(expected, actual, Math.max(1e-15, 1e-12 * Math.abs(expected)), row + " " + name);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    @DisplayName("50 digits: every definition to the 25 digits the reference shows, and intervals enclose it")
    void highPrecisionAndIntervals(Row row) {
        Policy p = policy(row.caseName());
        HighPrecisionEvaluator hp = new HighPrecisionEvaluator(50);
        IntervalEvaluator iv = new IntervalEvaluator(Map.of());
        columns().forEach((name, def) -> {
            BigDecimal expected = row.values().get(name);
            BigDecimal actual = hp.evaluate(def.apply(p, row.n()));
            BigDecimal err = actual.subtract(expected).abs();
            BigDecimal tol = expected.abs().multiply(new BigDecimal("1e-25")).max(new BigDecimal("1e-40"));
            assertTrue(err.compareTo(tol) <= 0, row + " " + name + ": " + actual.round(MathContext.DECIMAL64)
                    + " vs " + expected);
            Interval enclosure = iv.evaluate(def.apply(p, row.n()));
            double x = expected.doubleValue();
            assertTrue(enclosure.lo() <= x + 1e-300 && x <= enclosure.hi() + 1e-300 || enclosure.lo() <= Math.nextUp(x)
                    && Math.nextDown(x) <= enclosure.hi(), row + " " + name + ": " + enclosure + " vs " + x);
        });
    }

    @Test
    @DisplayName("the definitions of KL, chi^2 and the Lemma 2 bound equal the built-in quantities")
    void definitionsEqualBuiltIns() throws IOException {
        DoubleEvaluator ev = new DoubleEvaluator();
        for (Row row : rows()) {
            Policy p = policy(row.caseName());
            Expr n = Expr.constant(row.n());
            double[][] pairs = {
                {ev.evaluate(Definitions.kl(p.bestOf(n), p)), ev.evaluate(Bon.kl(p.bestOf(n), p))},
                {ev.evaluate(Definitions.chiSquare(p.bestOf(n), p)), ev.evaluate(Bon.chiSquare(p.bestOf(n), p))},
                {ev.evaluate(Definitions.lemma2Bound(p, n)),
                    ev.evaluate(Bon.bound(Quantity.BoundKind.LEMMA2_KL_UPPER, p, n))}};
            for (double[] pair : pairs) {
                assertEquals(pair[1], pair[0], Math.max(1e-15, 1e-12 * Math.abs(pair[1])), row.toString());
            }
        }
    }

    @Test
    @DisplayName("bad definitions fail with the term and the rule: an unbound outcome, other outcomes, a log of a negative")
    void badDefinitions() {
        Policy coin = Policy.coin();
        IllegalArgumentException unbound = assertThrows(IllegalArgumentException.class,
                () -> new DoubleEvaluator().evaluate(Bon.log(Bon.prob(coin))));
        assertTrue(unbound.getMessage().contains("coin(y)") && unbound.getMessage().contains("y is unbound"),
                unbound.getMessage());
        IllegalArgumentException other = assertThrows(IllegalArgumentException.class, () -> new DoubleEvaluator()
                .evaluate(Bon.expectation(coin, Bon.prob(Policy.uniform(3)))));
        assertTrue(other.getMessage().contains("lives on other outcomes"), other.getMessage());
        UndefinedQuantityException negative = assertThrows(UndefinedQuantityException.class,
                () -> new DoubleEvaluator().evaluate(Bon.expectation(coin, Bon.log(Bon.prob(coin).minus(1L)))));
        assertTrue(negative.getMessage().contains("log needs a positive argument"), negative.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new HighPrecisionEvaluator().evaluate(Bon.cdf(coin)));
    }

    @Test
    @DisplayName("claims about defined quantities: PROVED on a fixed policy (boxes) and over a family (data "
            + "processing), FALSIFIED (re-checked at 50 digits)")
    void claimsAboutDefinitions() {
        Expr.Sym n = Bon.n;
        // Mroueh (2024): chi^2(pi_n || p) <= (n-1)^2/(2n-1), by data processing from the continuous case
        Policy u4 = Policy.uniform(4);
        Claim proved = Bon.claim(Definitions.chiSquare(u4.bestOf(n), u4))
                .atMost(Definitions.chiSquareBoundMroueh(n)).forAll(n, 2, 300).named("Mroueh chi^2 on uniform(4)");
        Verdict v = new ClaimChecker().check(proved);
        assertInstanceOf(Verdict.Proved.class, v, v.report());
        PolicyVar p = Policy.variable("p");
        Claim family = Bon.claim(Definitions.chiSquare(p.bestOf(n), p)).atMost(Definitions.chiSquareBoundMroueh(n))
                .forAll(p, Family.simplex(6)).forAll(n, 1, 1000).named("Mroueh chi^2");
        // over a family: PROVED by the quantile coupling (data processing), an argument with no numeric step
        Verdict overFamily = new ConjectureSearch(1, 400, null).check(family);
        assertTrue(overFamily instanceof Verdict.Proved pr && pr.report().contains("data processing"),
                overFamily.report());
        Claim tv = Bon.claim(Definitions.totalVariation(p.bestOf(n), p)).atMost(Expr.rational(1, 2))
                .forAll(p, Family.simplex(6)).forAll(n, 1, 1000).named("TV <= 1/2");
        Verdict.Falsified f = assertInstanceOf(Verdict.Falsified.class, new ConjectureSearch(1, 400, null).check(tv));
        assertTrue(f.recheck().startsWith("re-checked at 50 digits"), f.evidence());
    }

    @Test
    @DisplayName("Mroueh's TV and Hellinger bounds in closed form: values by hand, the TV bound attained by "
            + "bernoulli(1 - n^(-1/(n-1))), and neither exceeded on a grid of bernoulli(p)")
    void mrouehTotalVariationAndHellinger() {
        DoubleEvaluator ev = new DoubleEvaluator();
        // n = 2: the density 2u crosses 1 at u = 1/2, TV = int |2u - 1|/2 = 1/4; H^2 = 1 - 2 sqrt(2)/3
        assertEquals(0.25, ev.evaluate(Definitions.totalVariationBoundMroueh(Expr.constant(2))), 1e-16);
        assertEquals(1 - 2 * Math.sqrt(2) / 3, ev.evaluate(Definitions.hellingerBoundMroueh(Expr.constant(2))), 1e-16);
        assertEquals(0.2, ev.evaluate(Definitions.hellingerBoundMroueh(Expr.constant(4))), 1e-16);
        for (long n : new long[] {2, 5, 40}) {
            double bound = ev.evaluate(Definitions.totalVariationBoundMroueh(Expr.constant(n)));
            double pStar = 1 - Math.pow(n, -1.0 / (n - 1));
            Policy b = Policy.bernoulli(pStar);
            assertEquals(bound, ev.evaluate(Definitions.totalVariation(b.bestOf(Expr.constant(n)), b)), 1e-14,
                    "attained at n = " + n);
            double h = ev.evaluate(Definitions.hellingerBoundMroueh(Expr.constant(n)));
            for (int k = 1; k < 100; k++) {
                Policy q = Policy.bernoulli(k / 100.0);
                assertTrue(ev.evaluate(Definitions.totalVariation(q.bestOf(Expr.constant(n)), q)) <= bound + 1e-15);
                assertTrue(ev.evaluate(Definitions.hellingerSquared(q.bestOf(Expr.constant(n)), q)) <= h);
            }
        }
    }

    @Test
    @DisplayName("Mroueh's integral for any f (tanh-sinh): x log x gives Eq. (5), (x-1)^2 gives (n-1)^2/(2n-1), "
            + "(sqrt x - 1)^2/2 the Hellinger bound, -log x gives n - 1 - log n; double to 1e-12, 50 digits to 1e-40")
    void mrouehIntegralForAnyF() {
        Expr.Sym x = Bon.symbol("x");
        DoubleEvaluator ev = new DoubleEvaluator();
        HighPrecisionEvaluator hp = new HighPrecisionEvaluator(50);
        for (long count : new long[] {2, 7, 1000}) {
            Expr n = Expr.constant(count);
            Map<Expr, Expr> cases = new LinkedHashMap<>();
            cases.put(x.times(Bon.log(x)), Bon.analyticalKl(n));
            cases.put(x.minus(1L).pow(2), Definitions.chiSquareBoundMroueh(n));
            cases.put(Bon.sqrt(x).minus(1L).pow(2).div(2L), Definitions.hellingerBoundMroueh(n));
            cases.put(Bon.log(x).unaryMinus(), n.minus(1L).minus(Bon.log(n))); // reverse KL: singular at u = 0
            for (var c : cases.entrySet()) {
                Expr integral = Definitions.fDivergenceBoundMroueh(n, x, c.getKey());
                double expected = ev.evaluate(c.getValue());
                assertEquals(expected, ev.evaluate(integral), 1e-12 * Math.max(1, Math.abs(expected)),
                        "n=" + count + " f=" + c.getKey().show());
                if (count < 1000) {
                    BigDecimal exact = hp.evaluate(c.getValue());
                    BigDecimal got = hp.evaluate(integral);
                    assertTrue(exact.subtract(got).abs().compareTo(new BigDecimal("1e-40")) < 0,
                            "50 digits, n=" + count + " f=" + c.getKey().show() + ": " + got + " vs " + exact);
                }
            }
        }
        // and as a claim: the chi^2 of best-of-n is below the integral bound on uniform(4)
        Policy u4 = Policy.uniform(4);
        Claim c = Bon.claim(Definitions.chiSquare(u4.bestOf(Bon.n), u4))
                .atMost(Definitions.fDivergenceBoundMroueh(Bon.n, x, x.minus(1L).pow(2))).forAll(Bon.n, 2, 50)
                .named("Mroueh chi^2 by the integral");
        Verdict v = new ClaimChecker().check(c);
        assertInstanceOf(Verdict.Undecided.class, v, v.report()); // no interval enclosure of an integral
        assertTrue(v.report().contains("no violation") || v.report().contains("smallest margin"), v.report());
    }

    @Test
    @DisplayName("The BoNBoN target (best-vs-worst gap of log(pi_n/p)) and its continuum value (n-1) H_(n-1) against "
            + "80-digit mpmath values printed to 30 digits: double to 1e-12, 50 digits to 1e-27 (the small cases); "
            + "the coin at n = 2 is log(3)/2")
    void bonbonTarget() throws IOException {
        Map<String, Policy> cases = Map.of("coin", Policy.coin(), "pmf235", Policy.probabilities("0.2", "0.3", "0.5"),
                "uniform1000", Policy.uniform(1000), "uniform10000", Policy.uniform(10000));
        String csv;
        try (InputStream in = DefinitionsTest.class.getResourceAsStream("/reference/bonbon_target.csv")) {
            csv = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        DoubleEvaluator ev = new DoubleEvaluator();
        HighPrecisionEvaluator hp = new HighPrecisionEvaluator(50);
        int rows = 0;
        for (String line : csv.strip().split("\n")) {
            if (line.startsWith("case")) {
                continue;
            }
            String[] f = line.strip().split(",");
            Policy p = cases.get(f[0]);
            Expr n = Expr.constant(Long.parseLong(f[1]));
            BigDecimal target = new BigDecimal(f[2]);
            BigDecimal continuum = new BigDecimal(f[3]);
            Expr t = Definitions.bonbonTarget(p, n);
            Expr c = Definitions.bonbonTargetContinuum(n);
            assertEquals(target.doubleValue(), ev.evaluate(t), 1e-12 * target.doubleValue(), line);
            assertEquals(continuum.doubleValue(), ev.evaluate(c), 1e-12 * continuum.doubleValue(), line);
            if (!f[0].startsWith("uniform")) {
                assertTrue(hp.evaluate(t).subtract(target).abs().compareTo(new BigDecimal("1e-27")) < 0, line);
                assertTrue(hp.evaluate(c).subtract(continuum).abs().compareTo(new BigDecimal("1e-27")) < 0, line);
            }
            rows++;
        }
        assertEquals(9, rows);
        // the continuum value at n = 10^6 (a compensated sum of 10^6 - 1 terms) against the asymptotic series of
        // H_m = log m + gamma + 1/(2m) - 1/(12 m^2) + 1/(120 m^4) - ..., whose error here is below 1e-25
        double m = 999_999;
        double harmonic = Math.log(m) + 0.5772156649015329 + 1 / (2 * m) - 1 / (12 * m * m);
        assertEquals(m * harmonic, ev.evaluate(Definitions.bonbonTargetContinuum(Expr.constant(1_000_000))),
                1e-14 * m * harmonic);
        assertEquals(Math.log(3) / 2, ev.evaluate(Definitions.bonbonTarget(Policy.coin(), Expr.constant(2))), 2e-16);
    }

    @Test
    @DisplayName("No policy on up to 7 outcomes has a BoNBoN target above the continuum value (n-1) H_(n-1), "
            + "n = 2..1000 (the search finds none, and the quantile coupling proves it), and the reverse is FALSIFIED")
    void bonbonTargetBelowItsContinuumValue() {
        Expr.Sym n = Bon.n;
        PolicyVar p = Policy.variable("p");
        Claim c = Bon.claim(Definitions.bonbonTarget(p, n)).atMost(Definitions.bonbonTargetContinuum(n))
                .forAll(p, Family.simplex(7)).forAll(n, 2, 1000).named("BoNBoN target <= (n-1) H_(n-1)");
        Verdict v = new ConjectureSearch(3, 4000, null).check(c);
        Verdict.Proved proved = assertInstanceOf(Verdict.Proved.class, v, v.report());
        assertTrue(proved.evaluations() >= 3000 && proved.argument().contains("Chebyshev"), v.report());
        // and the reverse is false: the coin at n = 2 has log(3)/2 < 1
        Claim reverse = Bon.claim(Definitions.bonbonTarget(p, n)).atLeast(Definitions.bonbonTargetContinuum(n))
                .forAll(p, Family.simplex(7)).forAll(n, 2, 60).named("BoNBoN target >= (n-1) H_(n-1)");
        assertInstanceOf(Verdict.Falsified.class, new ConjectureSearch(3, 300, null).check(reverse));
    }
}
