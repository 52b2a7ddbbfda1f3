package org.bonlab.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.bonlab.Bon;
import org.bonlab.expr.Expr;
import org.bonlab.expr.Quantity;
import org.bonlab.policy.Policy;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every row of the 60-digit reference (cases coin, uniform L, Figure 3) reproduced in double precision.
 */
class BestOfReferenceTest {

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

    @DisplayName("every column (Eq. 7 KL, Eq. 5, Eq. 28 and Eq. 26 means, win rates, Thm 2) matches mpmath")
    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void matchesReference(ReferenceTable.Row row) {
        assertRowMatches(row);
    }

    static Stream<ReferenceTable.Row> harshRows() {
        return ReferenceTable.load("/reference/bon_reference_harsh.csv").stream();
    }

    @DisplayName("harsh inputs (n to 1e18, p to 1e-300, 1e-15 beside 1 - 1e-15) match 1000-digit mpmath")
    @ParameterizedTest(name = "{0}")
    @MethodSource("harshRows")
    void matchesHarshReference(ReferenceTable.Row row) {
        assertRowMatches(row);
    }

    static void assertRowMatches(ReferenceTable.Row row) {
        Policy p = ReferenceCases.policyFor(row.caseName());
        Map<Expr.Sym, Double> at = Map.of(Bon.n, (double) row.n());
        DoubleEvaluator ev = new DoubleEvaluator();
        for (var entry : ReferenceCases.columns(p)) {
            double actual = ev.evaluate(entry.getValue(), at);
            assertNull(Tolerance.check(row.get(entry.getKey()), actual),
                    () -> row.caseName() + " n=" + row.n() + " " + entry.getKey() + ": "
                            + Tolerance.check(row.get(entry.getKey()), actual));
        }
    }

    @DisplayName("the reference covers every public case")
    @org.junit.jupiter.api.Test
    void referenceIsComplete() {
        assertEquals(50, ReferenceTable.publicRows().size());
    }
}
