package org.bonlab.numeric;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.bonlab.numeric.policy.RankedPmf;
import org.bonlab.policy.Policy;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The harsh reference discriminates: the naive formula \( F_i^n - F_{i-1}^n \) in double precision (what the
 * NumPy baseline computes) fails it, so the reference tests would fail if the stable form were replaced.
 */
class NaiveFormulaTest {

    static double naiveKl(double[] p, double n) {
        double f = 0;
        double kl = 0;
        for (double pi : p) {
            double fm = f;
            f += pi;
            double b = Math.pow(f, n) - Math.pow(fm, n);
            if (b > 0) {
                kl += b * Math.log(b / pi);
            }
        }
        return kl;
    }

    @Test
    @DisplayName("the naive formula misses the harsh reference by nats; the engine meets it to 1e-12")
    void naiveFormulaFailsTheHarshReference() {
        int failures = 0;
        double worst = 0;
        List<ReferenceTable.Row> rows = ReferenceTable.load("/reference/bon_reference_harsh.csv");
        for (ReferenceTable.Row row : rows) {
            Policy policy = ReferenceCases.policyFor(row.caseName());
            RankedPmf p = new DoubleEvaluator().pmf(policy, java.util.Map.of());
            double naive = naiveKl(p.probabilities(), row.n());
            if (Tolerance.check(row.get("kl"), naive) != null) {
                failures++;
                worst = Math.max(worst, Math.abs(naive - row.get("kl")));
            }
        }
        assertTrue(failures >= 5, "naive formula failed only " + failures + " rows");
        assertTrue(worst > 1, "naive formula's worst error was only " + worst + " nats");
    }
}
