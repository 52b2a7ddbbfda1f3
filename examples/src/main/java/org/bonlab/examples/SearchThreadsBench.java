package org.bonlab.examples;

import java.util.Arrays;
import java.util.Locale;
import org.bonlab.Bon;
import org.bonlab.claim.Claim;
import org.bonlab.claim.Family;
import org.bonlab.expr.Expr;
import org.bonlab.numeric.claim.ConjectureSearch;
import org.bonlab.numeric.claim.Verdict;
import org.bonlab.policy.Policy;
import org.bonlab.policy.PolicyVar;

/**
 * Benchmark of the counterexample search on 1 thread against every core (run by {@code bench/search-threads.sh}):
 * Theorem 1 over every policy on up to 10 outcomes, n = 1..1000 (true, so the search runs to the end), the same
 * seed on both sides in alternating rounds; prints evaluations per second, the speed-up, and whether the two
 * verdicts were identical (they must be).
 */
public final class SearchThreadsBench {

    private SearchThreadsBench() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int evaluations = args.length > 1 ? Integer.parseInt(args[1]) : 500_000;
        int cores = Runtime.getRuntime().availableProcessors();
        PolicyVar p = Policy.variable("p");
        Expr kl = Bon.kl(p.bestOf(Bon.n), p);
        Claim thm1 = Bon.claim(kl).atMost(Bon.analyticalKl(Bon.n)).forAll(p, Family.simplex(10))
                .forAll(Bon.n, 1, 1000).named("Thm 1 over every policy on up to 10 outcomes, n = 1..1000");
        new ConjectureSearch(0, evaluations, null, cores).check(thm1); // warm-up
        double[] one = new double[rounds];
        double[] many = new double[rounds];
        boolean identical = true;
        for (int r = 0; r < rounds; r++) {
            long t0 = System.nanoTime();
            Verdict a = new ConjectureSearch(r + 1, evaluations, null, 1).check(thm1);
            one[r] = a.evaluations() / ((System.nanoTime() - t0) / 1e9);
            t0 = System.nanoTime();
            Verdict b = new ConjectureSearch(r + 1, evaluations, null, cores).check(thm1);
            many[r] = b.evaluations() / ((System.nanoTime() - t0) / 1e9);
            identical &= a.report().equals(b.report());
            System.out.printf(Locale.ROOT, "round %d: 1 thread %,.0f evals/s, %d threads %,.0f evals/s%n", r + 1, one[r],
                    cores, many[r]);
        }
        Arrays.sort(one);
        Arrays.sort(many);
        System.out.printf(Locale.ROOT, "%s, %,d evaluations per check: median 1 thread %,.0f evals/s, %d threads "
                + "%,.0f evals/s, speed-up %.2f; verdicts identical: %s%n", thm1.name(), evaluations, one[rounds / 2],
                cores, many[rounds / 2], many[rounds / 2] / one[rounds / 2], identical);
    }
}
