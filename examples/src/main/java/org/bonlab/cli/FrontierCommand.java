package org.bonlab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.bonlab.examples.ChartFiles;
import org.bonlab.examples.TradeoffFigures;
import org.bonlab.numeric.tradeoff.Tradeoffs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bonlab frontier}: reward-vs-KL and win-rate-vs-KL curves of best-of-n and the other inference-time
 * methods for one base policy ({@link Tradeoffs}), and best-of-n's distance from the exact frontiers.
 */
@Command(name = "frontier", mixinStandardHelpOptions = true, version = "bonlab 0.1.0",
        description = "The curves that alignment papers plot, for one base policy and reward: KL to the base policy, "
                + "expected reward and win rate against it (ties counting half) for best-of-n over n, soft best-of-n "
                + "over lambda at fixed n, the KL-regularised optimum p e^(r/beta)/Z over beta (the exact reward-KL "
                + "frontier), best-of-Poisson over mu, and the win-rate-optimal tilting p e^(c W(y))/Z over c (the "
                + "exact win-rate-KL frontier).",
        footer = {"", "Output: CSV on stdout with the header method,parameter,kl,expected_reward,win_rate.",
                "--deficits FILE: for each best-of-n point, the reward and win rate the frontiers gain at the same KL",
                "(n,kl,reward_deficit,beta,win_rate_deficit,c). Soft best-of-n's lambda and the tilt's beta run over",
                "multiples of the reward range; rewind-and-repeat is not among the methods (its definition in the",
                "sources is unverified).", "", "Example:",
                "  bonlab frontier --policy 'uniform(L=1000)' --methods bon,tilted,bonbon --deficits deficits.csv"})
final class FrontierCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @picocli.CommandLine.ArgGroup(exclusive = true, multiplicity = "1")
    EvalCommand.Source source;

    @Option(names = "--n", paramLabel = "LIST", description = "n of best-of-n (default 1, 2, 4, ..., 1024).")
    String nList;

    @Option(names = "--methods", paramLabel = "LIST", defaultValue = "bon,soft,tilted,rewind,poisson,bonbon",
            description = "Any of bon, soft, tilted, rewind (rewind-and-repeat over its quantile threshold t), "
                    + "poisson, bonbon (default all).")
    String methods;

    @Option(names = "--soft-n", paramLabel = "N", defaultValue = "8",
            description = "The n of soft best-of-n (default 8).")
    long softN;

    @Option(names = "--deficits", paramLabel = "FILE",
            description = "Write best-of-n's reward and win-rate deficits to the frontiers at equal KL.")
    Path deficits;

    @Option(names = "--figure", paramLabel = "FILE.png", description = "Draw reward and win rate against KL.")
    Path figure;

    @Option(names = "--log-kl", description = "A logarithmic KL axis in the figure.")
    boolean logKl;

    /** The CSV header. */
    static final String HEADER = TradeoffFigures.HEADER;

    @Override
    public Integer call() throws IOException {
        List<Tradeoffs.Method> chosen = new ArrayList<>();
        for (String m : methods.split(",", -1)) {
            Tradeoffs.Method method = null;
            for (Tradeoffs.Method x : Tradeoffs.Method.values()) {
                if (x.label().equals(m.strip())) {
                    method = x;
                }
            }
            if (method == null || chosen.contains(method)) {
                throw new BadInputException("--methods must list bon, soft, tilted, rewind, poisson or bonbon, each once, but "
                        + "has '" + m + "'");
            }
            chosen.add(method);
        }
        if (softN < 1 || softN > 1_000_000) {
            throw new BadInputException("--soft-n must be from 1 to 1000000, but was " + softN);
        }
        long[] ns = ns();
        if (deficits != null) {
            Outputs.requireFile(deficits, "--deficits");
        }
        if (figure != null) {
            Outputs.requireFile(figure, "--figure");
            if (!figure.toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
                throw new BadInputException("--figure must name a .png file, but was '" + figure + "'");
            }
        }
        org.bonlab.policy.BasePolicy p = source.pmf != null ? PmfFile.read(source.pmf) : PolicySpec.parse(source.policy);
        double range = TradeoffFigures.rewardRange(p);
        PrintWriter err = spec.commandLine().getErr();
        Map<Tradeoffs.Method, List<Tradeoffs.Point>> curves = new LinkedHashMap<>();
        for (Tradeoffs.Method m : chosen) {
            double[] grid = TradeoffFigures.grid(m, ns, range);
            if (grid.length == 0) {
                err.printf(Locale.ROOT, "%s is left out: the rewards of the policy are all equal%n", m.label());
                continue;
            }
            try {
                curves.put(m, Tradeoffs.curve(p, m, grid, softN));
            } catch (IllegalArgumentException | ArithmeticException e) {
                throw new BadInputException(String.format(Locale.ROOT, "%s cannot be computed for this policy: %s",
                        m.label(), CheckCommand.describe(e)), e);
            }
        }
        String out = TradeoffFigures.csv(curves);
        if (deficits != null) {
            StringBuilder d = new StringBuilder("n,kl,reward_deficit,beta,win_rate_deficit,c\n");
            double worstReward = 0;
            double worstWin = 0;
            for (long n : ns) {
                Tradeoffs.Deficit x = Tradeoffs.deficit(p, n);
                d.append(n).append(',').append(TradeoffFigures.number(x.kl())).append(',')
                        .append(TradeoffFigures.number(x.rewardDeficit())).append(',')
                        .append(Double.isInfinite(x.beta()) ? "" : TradeoffFigures.number(x.beta())).append(',')
                        .append(TradeoffFigures.number(x.winRateDeficit())).append(',')
                        .append(TradeoffFigures.number(x.c())).append('\n');
                worstReward = Math.max(worstReward, x.rewardDeficit());
                worstWin = Math.max(worstWin, x.winRateDeficit());
            }
            Files.writeString(deficits, d, StandardCharsets.UTF_8);
            err.printf(Locale.ROOT, "best-of-n against the frontiers at equal KL: largest reward deficit %.4g, largest "
                    + "win-rate deficit %.4g (%s)%n", worstReward, worstWin, deficits);
        }
        if (figure != null) {
            ChartFiles.writeSideBySide(List.of(TradeoffFigures.chart(p.describe(), curves, true, logKl),
                    TradeoffFigures.chart(p.describe(), curves, false, logKl)), figure);
        }
        PrintWriter o = spec.commandLine().getOut();
        o.print(out);
        o.flush();
        err.flush();
        return 0;
    }

    private long[] ns() {
        if (nList == null) {
            return TradeoffFigures.powersOfTwo();
        }
        String[] parts = nList.split(",", -1);
        long[] out = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                out[i] = Long.parseLong(parts[i].strip());
            } catch (NumberFormatException e) {
                throw new BadInputException("--n must be a comma-separated list of integers, but has '" + parts[i] + "'");
            }
            if (out[i] < 1 || out[i] > 1_000_000_000L) {
                throw new BadInputException("--n must be from 1 to 10^9, but has " + out[i]);
            }
        }
        return out;
    }
}
