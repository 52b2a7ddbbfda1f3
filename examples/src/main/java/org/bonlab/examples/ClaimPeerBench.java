package org.bonlab.examples;

import java.lang.management.ManagementFactory;
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
 * One side of {@code bench/claims-vs-numpy.sh}: the counterexample search for Theorem 1 (Eq. (15) of Beirami et
 * al.) over the NumPy peer's domain ({@code bench/baselines/numpy_claims.py}: every policy on 1 to 12 outcomes with
 * rewards in a random order, n = 1..10^6), in a fresh JVM, with no warm-up. Prints the evaluations per second of
 * wall time and per second of this process's CPU time (every thread, the JIT compiler's and the collector's
 * included, counted from the start of the JVM), in the peer's format. Unlike the peer, the count includes the
 * search's local optimisation phase and its 50-digit re-checks.
 */
public final class ClaimPeerBench {

    private ClaimPeerBench() {
    }

    public static void main(String[] args) {
        int evaluations = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : Runtime.getRuntime().availableProcessors();
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
        PolicyVar p = Policy.variable("p");
        Expr kl = Bon.kl(p.bestOf(Bon.n), p);
        Claim thm1 = Bon.claim(kl).atMost(Bon.analyticalKl(Bon.n))
                .forAll(p, new Family.Simplex(1, 12, Family.Rewards.ARBITRARY))
                .forAll(Bon.n, 1, 1_000_000).named("Thm 1, 1..12 outcomes, arbitrary rewards, n = 1..10^6");
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long t0 = System.nanoTime();
        Verdict v = new ConjectureSearch(seed, evaluations, null, threads).check(thm1);
        double wall = (System.nanoTime() - t0) / 1e9;
        double cpu = os.getProcessCpuTime() / 1e9; // since the JVM started
        System.out.printf(Locale.ROOT, "bonlab_thm1_search threads=%d evaluations=%d seconds=%.2f evals_per_s=%.0f "
                + "process_cpu_s=%.2f evals_per_cpu_s=%.0f verdict=%s%n", threads, v.evaluations(), wall,
                v.evaluations() / wall, cpu, v.evaluations() / cpu, v.label());
    }
}
