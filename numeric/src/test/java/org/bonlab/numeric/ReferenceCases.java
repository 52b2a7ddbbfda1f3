package org.bonlab.numeric;

import java.util.List;
import java.util.Map;
import org.bonlab.Bon;
import org.bonlab.expr.Expr;
import org.bonlab.expr.Quantity;
import org.bonlab.expr.Rational;
import org.bonlab.policy.Policy;
import org.bonlab.policy.Zipf;

/** The policies of the reference cases files, and the reference columns as quantities. */
public final class ReferenceCases {

    private ReferenceCases() {
    }

    public static Policy policyFor(String caseName) {
        return switch (caseName) {
            case "coin" -> Policy.coin();
            case "fig3left" -> Policy.spike(5, "1e-4");
            case "fig3right" -> Policy.spike(200, "1e-5", "1e-3", "1e-1");
            case "near_degenerate" -> Policy.spike(2, "1e-15");
            case "tiny_top" -> Policy.spike(3, "1e-300");
            case "tiny_bottom" -> Policy.probabilities("1e-300", "0.25", "0.75");
            case "spike1000_top1e-15" -> Policy.spike(1000, "1e-15");
            case "geometric60_half" -> Policy.geometric(60, Rational.of(1, 2));
            case "zipf1000_s1.1" -> new Zipf(1000, Rational.parse("1.1"), false);
            case "zipf1000_s1.1_common" -> new Zipf(1000, Rational.parse("1.1"), true);
            default -> Policy.uniform(Integer.parseInt(caseName.substring("uniform".length())));
        };
    }

    /** The columns of the reference files and the quantities they hold, for p.bestOf(n) against p. */
    public static List<Map.Entry<String, Expr>> columns(Policy p) {
        Expr.Sym n = Bon.n;
        Policy bon = p.bestOf(n);
        return List.of(
                Map.entry("kl", (Expr) Bon.kl(bon, p)),
                Map.entry("kl_analytic", (Expr) Bon.analyticalKl(n)),
                Map.entry("kl_hat_mean", (Expr) Bon.klHatMean(p, n)),
                Map.entry("kl_hat1_mean", (Expr) Bon.klHat1Mean(p, n)),
                Map.entry("win_strict", (Expr) Bon.winRateStrict(bon, p)),
                Map.entry("win_half", (Expr) Bon.winRateHalf(bon, p)),
                Map.entry("gap_bound_thm2", (Expr) Bon.bound(Quantity.BoundKind.THM2_GAP_UPPER, p, n)));
    }

}
