package org.bonlab.examples;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bonlab.Bon;
import org.bonlab.claim.Claim;
import org.bonlab.expr.Expr;
import org.bonlab.numeric.DoubleEvaluator;
import org.bonlab.numeric.claim.ClaimChecker;
import org.bonlab.numeric.claim.Verdict;
import org.bonlab.policy.Policy;
import org.bonlab.symbolic.Derivation;
import org.bonlab.symbolic.LimitResult;
import org.bonlab.symbolic.SymbolicEngine;

/**
 * Spec script: Example 1 of Beirami et al. (2024). A fair coin, \( p(0) = p(1) = 1/2 \), rewards 0 and 1. The
 * best-of-n policy is \( \pi_n(0) = 2^{-n} \), and its KL divergence to p is \( \log 2 - h(2^{-n}) \) (Eq. (6)):
 * bounded by \( \log 2 \), while the analytical formula \( \log n - (n-1)/n \) (Eq. (5)) grows without bound.
 */
public final class Example1 {

    private Example1() {
    }

    public static void main(String[] args) {
        run(System.out);
    }

    /** Prints the reproduction; returns whether every claim got its expected verdict. */
    public static boolean run(PrintStream out) {
        // ---- the spec ----
        Policy coin = Policy.coin();
        Expr.Sym n = Bon.n;
        Expr kl = Bon.kl(coin.bestOf(n), coin);
        Expr analytical = Bon.analyticalKl(n);
        Claim theorem1 = Bon.claim(kl).atMost(analytical).forAll(n, 1, 1_000_000)
                .named("Theorem 1 (Eq. 15) on the coin");
        Claim eq5 = Bon.claim(kl).isEqualTo(analytical).forAll(n, 1, 1_000_000)
                .named("Eq. 5 read as an identity");

        // ---- derivation ----
        out.println("Example 1 of Beirami et al. (2024): the fair coin, p(0) = p(1) = 1/2, r(0) = 0, r(1) = 1");
        out.println();
        try (SymbolicEngine engine = new SymbolicEngine()) {
            Derivation d = engine.derive(kl, n);
            out.println("KL(pi_n || p) with symbolic n");
            out.println("  closed form (Lemma 1): " + d.closedForm().show());
            out.println("  in the paper's terms:  " + d.presented().show());
            out.println("  LaTeX:                 " + d.latex());
            out.println("  equal because:         " + d.equality().describe());
            out.println("  limit as n -> inf:     " + describe(d.limit()));
            out.println("  cross-check:           " + d.crossCheck().describe());
        }
        out.println();

        // ---- table ----
        out.println("  n  KL(pi_n || p)           log n - (n-1)/n         gap");
        DoubleEvaluator ev = new DoubleEvaluator();
        for (int k = 1; k <= 20; k++) {
            Map<Expr.Sym, Double> at = Map.of(n, (double) k);
            double exact = ev.evaluate(kl, at);
            double formula = ev.evaluate(analytical, at);
            out.printf(Locale.ROOT, "%3d  %-22.17g  %-22.17g  %.6g%n", k, exact, formula, formula - exact);
        }
        out.println();

        // ---- claims ----
        ClaimChecker checker = new ClaimChecker();
        boolean ok = true;
        for (var c : List.of(Map.entry(theorem1, "PROVED"), Map.entry(eq5, "FALSIFIED"))) {
            Verdict v = checker.check(c.getKey());
            out.print(v.report());
            ok &= v.label().equals(c.getValue());
        }
        return ok;
    }

    static String describe(LimitResult limit) {
        if (limit instanceof LimitResult.Found f) {
            double value = new DoubleEvaluator().evaluate(f.value());
            return String.format(Locale.ROOT, "%s = %.17g (%s; %s)", f.value().show(), value, f.method(),
                    f.confirmation().describe());
        }
        if (limit instanceof LimitResult.Diverges d) {
            return d.describe() + " (" + d.method() + "; " + d.confirmation().describe() + ")";
        }
        return "not reported: " + ((LimitResult.NotFound) limit).reason();
    }
}
