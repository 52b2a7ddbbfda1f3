package org.bonlab.examples;

import java.util.Locale;
import org.bonlab.numeric.claim.ConjectureSearch;
import org.bonlab.numeric.claim.Verdict;

/**
 * Benchmark of the claim checker (run by {@code bench/claims.sh}): evaluations per second on each true theorem
 * of the catalogue, and the time to falsify each known-false claim, median of several seeds, after a warm-up;
 * the search's random phase on the given number of threads (default every core).
 */
public final class ClaimBench {

    private ClaimBench() {
    }

    public static void main(String[] args) {
        int seeds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : Runtime.getRuntime().availableProcessors();
        System.out.printf(Locale.ROOT, "search threads: %d%n", threads);
        int evaluations = 4_000;
        for (TheoremCatalogue.Entry e : TheoremCatalogue.entries()) { // warm-up
            new ConjectureSearch(1000, 200, null).check(e.claim());
        }
        System.out.printf(Locale.ROOT, "%-72s %12s %14s%n", "claim", "verdict", "result");
        for (TheoremCatalogue.Entry e : TheoremCatalogue.entries()) {
            double[] seconds = new double[seeds];
            long evals = 0;
            String label = "";
            for (int s = 0; s < seeds; s++) {
                org.bonlab.numeric.interval.IntervalCertifier.forgetResults(); // time each certification
                long t0 = System.nanoTime();
                Verdict v = org.bonlab.symbolic.SymbolicProver.check(e.claim(),
                        new ConjectureSearch(s + 1, evaluations, null, threads));
                seconds[s] = (System.nanoTime() - t0) / 1e9;
                evals += v.evaluations();
                label = v.label();
            }
            java.util.Arrays.sort(seconds);
            double median = seconds[seeds / 2];
            double total = java.util.Arrays.stream(seconds).sum();
            String result = label.equals("FALSIFIED")
                    ? String.format(Locale.ROOT, "falsified in %.1f ms", median * 1e3)
                    : String.format(Locale.ROOT, "%.0f evals/s", evals / total);
            System.out.printf(Locale.ROOT, "%-72s %12s %14s%n", e.claim().name(), label, result);
        }
    }
}
