package org.bonlab.examples;

import java.time.Duration;
import java.util.Locale;
import org.bonlab.Bon;
import org.bonlab.claim.Claim;
import org.bonlab.claim.Family;
import org.bonlab.numeric.interval.IntervalCertifier;
import org.bonlab.numeric.interval.SimplexCertifier;
import org.bonlab.policy.Policy;
import org.bonlab.policy.PolicyVar;

/**
 * Benchmark of certification over the simplex (run by {@code bench/simplex.sh}): Theorem 1 over every policy on
 * 3 outcomes for n = 1..N, on 1 thread and on every core, alternating rounds; prints boxes, seconds, boxes per
 * second and the speed-up. The verdict and the number of boxes must not depend on the threads.
 */
public final class SimplexBench {

    private SimplexBench() {
    }

    public static void main(String[] args) {
        long top = args.length > 0 ? Long.parseLong(args[0]) : 200;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int cores = Runtime.getRuntime().availableProcessors();
        PolicyVar p = Policy.variable("p");
        Claim c = Bon.claim(Bon.kl(p.bestOf(Bon.n), p)).atMost(Bon.analyticalKl(Bon.n))
                .forAll(p, new Family.Simplex(3, 3, Family.Rewards.ORDERED)).forAll(Bon.n, 1, top)
                .named("Theorem 1 on 3 outcomes");
        // warm-up
        SimplexCertifier.certify(c, new SimplexCertifier.Budget(200_000, Duration.ofMinutes(5), 1));
        System.out.printf(Locale.ROOT, "Theorem 1 over every policy on 3 outcomes, n = 1..%d, %d cores%n", top, cores);
        System.out.printf(Locale.ROOT, "%-6s %-8s %12s %10s %14s%n", "round", "threads", "boxes", "seconds",
                "boxes/s");
        double[] best = {Double.MAX_VALUE, Double.MAX_VALUE};
        String[] verdicts = new String[2];
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < 2; k++) {
                int threads = k == 0 ? 1 : cores;
                long t0 = System.nanoTime();
                IntervalCertifier.Result res = SimplexCertifier.certify(c,
                        new SimplexCertifier.Budget(200_000_000, Duration.ofMinutes(60), threads));
                double s = (System.nanoTime() - t0) / 1e9;
                long boxes = res instanceof IntervalCertifier.Result.Certified cert ? cert.points() : -1;
                verdicts[k] = res.toString();
                best[k] = Math.min(best[k], s);
                System.out.printf(Locale.ROOT, "%-6d %-8d %12d %10.2f %14.0f%s%n", r + 1, threads, boxes, s,
                        boxes / s, boxes < 0 ? "  " + res : "");
            }
        }
        System.out.printf(Locale.ROOT, "speed-up from 1 to %d threads (best rounds): %.2f; same result: %s%n", cores,
                best[0] / best[1], verdicts[0].equals(verdicts[1]));
    }
}
