package org.bonlab.examples;

import java.util.Locale;
import org.bonlab.Bon;
import org.bonlab.claim.Claim;
import org.bonlab.claim.Family;
import org.bonlab.expr.Expr;
import org.bonlab.numeric.interval.IntervalCertifier;
import org.bonlab.policy.Policy;
import org.bonlab.policy.PolicyVar;

/**
 * {@code bench/conjecture44.sh}: Conjecture 4.4 of Beirami et al. (v3), E[KLhat] (Eq. 28) >= KL, over every policy on
 * 1 or 2 outcomes for n = 1..N, certified by interval arithmetic (the reduction of
 * {@code TwoOutcomeEstimatorCertifier}); prints the verdict, the boxes and the time.
 */
public final class Conjecture44Bench {

    private Conjecture44Bench() {
    }

    public static void main(String[] args) {
        long to = args.length > 0 ? Long.parseLong(args[0]) : 10_000;
        PolicyVar p = Policy.variable("p");
        Expr.Sym n = Bon.n;
        Claim c = Bon.claim(Bon.klHatMean(p, n)).atLeast(Bon.kl(p.bestOf(n), p))
                .forAll(p, new Family.Simplex(1, 2, Family.Rewards.ARBITRARY)).forAll(n, 1, to)
                .named("v3 Conjecture 4.4 on 1 or 2 outcomes");
        // a budget for the whole range (the command line's default is 2,000,000 boxes and 2 minutes)
        org.bonlab.numeric.interval.SimplexCertifier.useBudget(1_000_000_000L, java.time.Duration.ofMinutes(30));
        long t0 = System.nanoTime();
        IntervalCertifier.Result r = IntervalCertifier.certify(c);
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (r instanceof IntervalCertifier.Result.Certified proof) {
            System.out.printf(Locale.ROOT, "n = 1..%d: PROVED, %d boxes, %.1f s (%.0f boxes/s)%n  %s%n", to,
                    proof.points(), seconds, proof.points() / seconds, proof.argument());
        } else {
            System.out.printf(Locale.ROOT, "n = 1..%d: not certified after %.1f s: %s%n", to, seconds,
                    ((IntervalCertifier.Result.NotCertified) r).reason());
        }
    }
}
