package org.bonlab.examples;

import java.time.Duration;
import java.util.Locale;
import org.bonlab.Bon;
import org.bonlab.claim.Claim;
import org.bonlab.claim.Family;
import org.bonlab.claim.Range;
import org.bonlab.expr.Expr;
import org.bonlab.numeric.interval.IntervalCertifier;
import org.bonlab.numeric.interval.TwoOutcomeEstimatorCertifier;
import org.bonlab.policy.Policy;
import org.bonlab.policy.PolicyVar;

/**
 * {@code bench/conjecture44.sh}: Conjecture 4.4 of Beirami et al. (v3), E[KLhat] (Eq. 28) >= KL, over every policy on
 * 1 or 2 outcomes: the claim for every n >= 1 through the checker (per-n bisection below n = 10, the argument uniform
 * in n above), then the per-n bisection alone for n = 1..N, an independent check of the uniform argument over a finite
 * range ({@code TwoOutcomeEstimatorCertifier}); prints the verdicts, the boxes and the times.
 */
public final class Conjecture44Bench {

    private Conjecture44Bench() {
    }

    public static void main(String[] args) {
        long to = args.length > 0 ? Long.parseLong(args[0]) : 10_000;
        PolicyVar p = Policy.variable("p");
        Expr.Sym n = Bon.n;
        Claim c = Bon.claim(Bon.klHatMean(p, n)).atLeast(Bon.kl(p.bestOf(n), p))
                .forAll(p, new Family.Simplex(1, 2, Family.Rewards.ARBITRARY)).forAll(n, 1, Range.INFINITY)
                .named("v3 Conjecture 4.4 on 1 or 2 outcomes");
        long t0 = System.nanoTime();
        IntervalCertifier.Result r = IntervalCertifier.certify(c);
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (r instanceof IntervalCertifier.Result.Certified proof) {
            System.out.printf(Locale.ROOT, "every n >= 1: PROVED, %d boxes, %.2f s%n  %s%n", proof.points(), seconds,
                    proof.argument());
        } else {
            System.out.printf(Locale.ROOT, "every n >= 1: not certified after %.2f s: %s%n", seconds,
                    ((IntervalCertifier.Result.NotCertified) r).reason());
        }
        t0 = System.nanoTime();
        TwoOutcomeEstimatorCertifier.Outcome o = TwoOutcomeEstimatorCertifier.bisect(1, to, 0, 1_000_000_000L,
                Duration.ofMinutes(30));
        seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "per-n bisection, n = 1..%d: %s, %d boxes, %.1f s (%.0f boxes/s)%n", to,
                o.failure().isEmpty() ? "PROVED" : "not certified: " + o.failure(), o.boxes(), seconds,
                o.boxes() / seconds);
    }
}
