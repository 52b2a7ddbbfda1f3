package org.bonlab.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.random.Well19937c;
import org.bonlab.numeric.sampling.LoggedBestOf;
import org.bonlab.numeric.sampling.LoggedPrompt;
import org.bonlab.numeric.sampling.SyntheticLog;
import org.bonlab.policy.Explicit;
import org.bonlab.policy.Policy;

/**
 * Benchmarks of {@code bonlab estimate}: {@code log FILE ROWS} writes a synthetic log of ROWS rows (100 responses
 * per prompt) for timing the command; {@code coverage} prints the coverage of 95% intervals over 400 seeded logs
 * for three policies (distinct rewards, tied rewards, a rare best outcome), 40, 100 and 200 prompts of 8
 * responses, both interval methods, n = 4.
 */
public final class EstimateBench {

    private EstimateBench() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 3 && args[0].equals("log")) {
            writeLog(Path.of(args[1]), Integer.parseInt(args[2]));
        } else if (args.length == 1 && args[0].equals("coverage")) {
            coverage(System.out);
        } else {
            System.err.println("usage: EstimateBench log FILE ROWS | coverage");
            System.exit(2);
        }
    }

    static void writeLog(Path file, int rows) throws IOException {
        Well19937c rng = new Well19937c(1);
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("prompt,logprob,reward,gold_reward\n");
            for (int k = 0; k * 100 < rows; k++) {
                for (int j = 0; j < 100 && k * 100 + j < rows; j++) {
                    double lp = -5 * rng.nextDouble() - 0.01;
                    w.write(String.format(Locale.ROOT, "p%d,%.6f,%d,%.3f%n", k, lp, rng.nextInt(10),
                            rng.nextDouble()));
                }
            }
        }
    }

    static void coverage(PrintStream out) {
        Object[][] policies = {
            {"distinct (0.5, 0.3, 0.2)", Policy.probabilities(0.5, 0.3, 0.2).withReward(0, 1, 2), new double[] {0, 3, 1}},
            {"tied (1/4, 1/4, 1/2)", Policy.probabilities(0.25, 0.25, 0.5).withReward(1, 1, 2), new double[] {5, 5, 7}},
            {"rare best (0.6, 0.39, 0.01)", Policy.probabilities(0.6, 0.39, 0.01).withReward(0, 1, 2),
                new double[] {1, 0, 4}}};
        out.println("policy,prompts,method,reward,gold_reward,win_rate,kl_hat");
        for (Object[] c : policies) {
            Explicit policy = (Explicit) c[1];
            double[] gold = (double[]) c[2];
            double[] exact = SyntheticLog.exactBestOf(policy, gold, 4);
            for (int prompts : new int[] {40, 100, 200}) {
                for (LoggedBestOf.Method method : LoggedBestOf.Method.values()) {
                    Well19937c rng = new Well19937c(7);
                    int[] covered = new int[4];
                    for (int rep = 0; rep < 400; rep++) {
                        List<LoggedPrompt> log = SyntheticLog.draw(policy, gold, prompts, 8, rng);
                        LoggedBestOf.Row row = LoggedBestOf.estimate(log, new int[] {4}, 1000, rep, 0.95, method)
                                .get(0);
                        LoggedBestOf.Estimate[] e = {row.reward(), row.gold().orElseThrow(),
                            row.winRate().orElseThrow(), row.klHat()};
                        for (int q = 0; q < 4; q++) {
                            covered[q] += e[q].lo() <= exact[q] && exact[q] <= e[q].hi() ? 1 : 0;
                        }
                    }
                    out.printf(Locale.ROOT, "%s,%d,%s,%.4f,%.4f,%.4f,%.4f%n", c[0], prompts,
                            method.name().toLowerCase(Locale.ROOT), covered[0] / 400.0, covered[1] / 400.0,
                            covered[2] / 400.0, covered[3] / 400.0);
                }
            }
        }
    }
}
