package org.bonlab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.bonlab.numeric.sampling.LoggedBestOf;
import org.bonlab.numeric.sampling.LoggedPrompt;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bonlab estimate --samples FILE}: best-of-n's expected reward, gold reward, win rate and KL estimate (Eq. 28
 * of Beirami et al.) from logged samples of the reference policy, with bootstrap intervals over prompts
 * ({@link LoggedBestOf}).
 */
@Command(name = "estimate", mixinStandardHelpOptions = true, version = "bonlab 0.1.0",
        description = "Estimate what best-of-n of a reference policy gives, from logged i.i.d. samples of that policy: "
                + "one row per response with the prompt, the reference policy's log-probability of the whole response "
                + "(natural log) and the proxy reward used for selection (optionally a gold reward). Per prompt each "
                + "quantity is the unbiased average over all n-subsets of its responses (ties in reward broken "
                + "uniformly at random, in expectation); the estimate is the mean over prompts, with a bootstrap "
                + "interval over prompts.",
        footer = {"", "Columns (CSV on stdout, one row per n):",
                "  reward       E[r] of best-of-n: sum_i C(i-1, n-1)/C(m, n) r_(i) over the m responses, sorted",
                "  gold_reward  the same for the gold reward of the selected response (empty without gold_reward)",
                "  win_rate     P[best-of-n beats one more response], ties half (needs n < m; n/(n+1) when no ties)",
                "  kl_hat       E over best-of-n's selection of KLhat(eps), Eq. (28), eps = exp(logprob) selected",
                "  kl_bound     log n - (n-1)/n, Eq. (5): an upper bound on the KL, not its value",
                "  each with _lo and _hi: the bootstrap interval at --level over prompts",
                "The estimate assumes each prompt's responses are i.i.d. samples of the reference policy at the",
                "temperature used, and logprob is the reference model's log-probability of the whole response",
                "(recomputed by the reference model, not the sampler's). Exit codes: 0 done, 2 bad input.",
                "", "Example:", "  bonlab estimate --samples examples/data/logged-samples.csv --n 1,2,4,8"})
final class EstimateCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--samples", required = true, paramLabel = "FILE",
            description = "CSV (header prompt,logprob,reward[,gold_reward]) or JSON Lines (.jsonl) with those fields.")
    Path file;

    @Option(names = "--n", paramLabel = "LIST", description = "Comma-separated n (default 1, 2, 4, ... up to the "
            + "smallest number of responses of any prompt).")
    String nList;

    @Option(names = "--bootstrap", paramLabel = "B", defaultValue = "2000",
            description = "Bootstrap resamples of the prompts (default 2000).")
    int bootstrap;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed of the bootstrap (default 1).")
    long seed;

    @Option(names = "--level", paramLabel = "L", defaultValue = "0.95",
            description = "Confidence level of the intervals (default 0.95).")
    double level;

    @Option(names = "--interval", paramLabel = "METHOD", defaultValue = "studentized",
            description = "studentized (bootstrap-t, default) or bca (bias-corrected and accelerated percentiles).")
    String interval;

    @Option(names = "--format", paramLabel = "FORMAT", description = "csv or jsonl (default: jsonl for files ending "
            + "in .jsonl, .ndjson or .json, csv otherwise).")
    String format;

    @Option(names = "--per-prompt", paramLabel = "FILE",
            description = "Also write each prompt's estimates (prompt,n,reward,gold_reward,win_rate,kl_hat) to FILE.")
    Path perPrompt;

    @Option(names = "--figure", paramLabel = "FILE.png",
            description = "Also draw reward and win rate against kl_hat (and against the bound), intervals shaded.")
    Path figure;

    /** Below this many prompts, a note says the intervals are rough. */
    static final int ROUGH_BELOW = 20;

    /** The CSV header on stdout. */
    static final String HEADER = "n,reward,reward_lo,reward_hi,gold_reward,gold_reward_lo,gold_reward_hi,win_rate,"
            + "win_rate_lo,win_rate_hi,kl_hat,kl_hat_lo,kl_hat_hi,kl_bound";

    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(String.format(Locale.ROOT, "--samples must be an existing file, but '%s' is %s",
                    file, Files.isDirectory(file) ? "a folder" : "missing"));
        }
        if (bootstrap < 100 || bootstrap > 1_000_000) {
            throw new BadInputException("--bootstrap must be from 100 to 1000000, but was " + bootstrap);
        }
        if (!(level > 0 && level < 1) || level < 0.5) {
            throw new BadInputException("--level must be in [0.5, 1), but was " + level);
        }
        LoggedBestOf.Method method = switch (interval) {
            case "studentized" -> LoggedBestOf.Method.STUDENTIZED;
            case "bca" -> LoggedBestOf.Method.BCA;
            default -> throw new BadInputException("--interval must be studentized or bca, but was '" + interval + "'");
        };
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean json = format == null ? name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json")
                : switch (format) {
                    case "jsonl" -> true;
                    case "csv" -> false;
                    default -> throw new BadInputException("--format must be csv or jsonl, but was '" + format + "'");
                };
        if (perPrompt != null) {
            Outputs.requireFile(perPrompt, "--per-prompt");
        }
        if (figure != null) {
            Outputs.requireFile(figure, "--figure");
            if (!figure.toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
                throw new BadInputException("--figure must name a .png file, but was '" + figure + "'");
            }
        }
        List<LoggedPrompt> prompts = SampleLog.read(file, json);
        if (prompts.size() < 2) {
            throw new BadInputException(String.format(Locale.ROOT, "--samples %s must hold at least 2 prompts (the "
                    + "intervals resample prompts), but holds 1", file));
        }
        int smallest = Integer.MAX_VALUE;
        for (LoggedPrompt p : prompts) {
            smallest = Math.min(smallest, p.size());
        }
        int[] ns = ns(prompts, smallest);
        if (prompts.size() < ROUGH_BELOW) {
            spec.commandLine().getErr().printf(Locale.ROOT, "only %d prompts: the intervals resample prompts and are "
                    + "rough with fewer than %d%n", prompts.size(), ROUGH_BELOW);
        }
        LoggedBestOf.PerPrompt[][] table = LoggedBestOf.table(prompts, ns);
        List<LoggedBestOf.Row> rows = LoggedBestOf.estimate(table, ns, bootstrap, seed, level, method);
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        PrintWriter err = spec.commandLine().getErr();
        for (LoggedBestOf.Row r : rows) {
            out.append(r.n()).append(',').append(cells(Optional.of(r.reward()))).append(',')
                    .append(cells(r.gold())).append(',').append(cells(r.winRate())).append(',')
                    .append(cells(Optional.of(r.klHat()))).append(',').append(number(r.klBound())).append('\n');
            if (r.winRate().isEmpty()) {
                err.printf(Locale.ROOT, "win_rate at n = %d is left empty: it needs n + 1 responses per prompt, and "
                        + "the smallest prompts have %d%n", r.n(), smallest);
            }
        }
        if (perPrompt != null) {
            writePerPrompt(prompts, ns, table);
        }
        if (figure != null) {
            EstimateFigure.write(rows, figure);
        }
        PrintWriter o = spec.commandLine().getOut();
        o.print(out);
        o.flush();
        err.flush();
        return 0;
    }

    private int[] ns(List<LoggedPrompt> prompts, int smallest) {
        TreeSet<Integer> set = new TreeSet<>();
        if (nList == null) {
            for (int n = 1; n <= smallest; n *= 2) {
                set.add(n);
            }
        } else {
            for (String t : nList.split(",", -1)) {
                int n;
                try {
                    n = Integer.parseInt(t.strip());
                } catch (NumberFormatException e) {
                    throw new BadInputException("--n must be a comma-separated list of integers, but has '" + t + "'");
                }
                if (n < 1 || n > smallest) {
                    List<String> limiting = new ArrayList<>();
                    for (LoggedPrompt p : prompts) {
                        if (p.size() == smallest && limiting.size() < 3) {
                            limiting.add("'" + p.prompt() + "'");
                        }
                    }
                    throw new BadInputException(String.format(Locale.ROOT, "--n must be from 1 to the smallest number "
                            + "of responses of any prompt, %d (prompt%s %s%s), but has %d", smallest,
                            limiting.size() > 1 ? "s" : "", String.join(", ", limiting),
                            limiting.size() == 3 ? " and others" : "", n));
                }
                set.add(n);
            }
        }
        return set.stream().mapToInt(Integer::intValue).toArray();
    }

    private static String cells(Optional<LoggedBestOf.Estimate> e) {
        return e.map(x -> number(x.value()) + "," + number(x.lo()) + "," + number(x.hi())).orElse(",,");
    }

    /** A finite double as Java prints it, with -0.0 as 0.0. */
    static String number(double x) {
        return org.bonlab.examples.TradeoffFigures.number(x);
    }

    private void writePerPrompt(List<LoggedPrompt> prompts, int[] ns, LoggedBestOf.PerPrompt[][] table)
            throws IOException {
        StringBuilder sb = new StringBuilder("prompt,n,reward,gold_reward,win_rate,kl_hat\n");
        for (int i = 0; i < prompts.size(); i++) {
            LoggedPrompt p = prompts.get(i);
            String quoted = "\"" + p.prompt().replace("\"", "\"\"") + "\"";
            for (int k = 0; k < ns.length; k++) {
                LoggedBestOf.PerPrompt e = table[k][i];
                sb.append(quoted).append(',').append(ns[k]).append(',').append(number(e.reward())).append(',')
                        .append(p.hasGold() ? number(e.gold()) : "").append(',')
                        .append(Double.isNaN(e.winRate()) ? "" : number(e.winRate())).append(',')
                        .append(number(e.klHat())).append('\n');
            }
        }
        Files.writeString(perPrompt, sb, StandardCharsets.UTF_8);
    }
}
