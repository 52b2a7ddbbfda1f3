package org.bonlab.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.bonlab.Bon;
import org.bonlab.expr.Expr;
import org.bonlab.policy.Policy;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every row of the 60-digit reference (cases coin, uniform L, Figure 3) reproduced in double precision.
 */
class BestOfReferenceTest {

    static Policy policyFor(String caseName) {
        return switch (caseName) {
            case "coin" -> Policy.coin();
            case "fig3left" -> spike(5, 1e-4);
            case "fig3right" -> spike(200, 1e-1, 1e-3, 1e-5);
            default -> Policy.uniform(Integer.parseInt(caseName.substring("uniform".length())));
        };
    }

    /** The rest uniform below, then the given top probabilities from lowest to highest reward. */
    static Policy spike(int size, double... topsAscending) {
        double[] p = new double[size];
        double topMass = 0;
        for (double t : topsAscending) {
            topMass += t;
        }
        int rest = size - topsAscending.length;
        for (int i = 0; i < rest; i++) {
            p[i] = (1 - topMass) / rest;
        }
        System.arraycopy(topsAscending, 0, p, rest, topsAscending.length);
        return Policy.probabilities(p);
    }

    static Stream<ReferenceTable.Row> rows() {
        return ReferenceTable.publicRows().stream();
    }

    @DisplayName("Lemma 1 (Eq. 7) KL, Eq. 5 and both win rates match mpmath to 1e-12 relative")
    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void matchesReference(ReferenceTable.Row row) {
        Policy p = policyFor(row.caseName());
        Expr.Sym n = Bon.n;
        Policy bon = p.bestOf(n);
        Map<Expr.Sym, Double> at = Map.of(n, (double) row.n());
        DoubleEvaluator ev = new DoubleEvaluator();
        for (var entry : List.of(
                Map.entry("kl", (Expr) Bon.kl(bon, p)),
                Map.entry("kl_analytic", (Expr) Bon.analyticalKl(n)),
                Map.entry("win_strict", (Expr) Bon.winRateStrict(bon, p)),
                Map.entry("win_half", (Expr) Bon.winRateHalf(bon, p)))) {
            double actual = ev.evaluate(entry.getValue(), at);
            assertNull(Tolerance.check(row.get(entry.getKey()), actual),
                    () -> row.caseName() + " n=" + row.n() + " " + entry.getKey());
        }
    }

    @DisplayName("the reference covers every public case")
    @org.junit.jupiter.api.Test
    void referenceIsComplete() {
        assertEquals(50, ReferenceTable.publicRows().size());
    }
}
