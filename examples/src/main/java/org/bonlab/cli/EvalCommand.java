package org.bonlab.cli;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.bonlab.Bon;
import org.bonlab.Definitions;
import org.bonlab.expr.Expr;
import org.bonlab.expr.Quantity;
import org.bonlab.numeric.DoubleEvaluator;
import org.bonlab.numeric.policy.RankedPmf;
import org.bonlab.numeric.sampling.EstimatorSampling;
import org.bonlab.numeric.precise.HighPrecisionEvaluator;
import org.bonlab.numeric.quantity.UndefinedQuantityException;
import org.bonlab.policy.Policy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code bonlab eval}: quantities of best-of-n for a policy at several n, as CSV. */
@Command(name = "eval", mixinStandardHelpOptions = true, version = "bonlab 0.1.0",
        description = "Evaluate best-of-n quantities of a policy at the given n, as CSV on stdout.",
        footer = {"", "Columns (quantities of pi_n = best-of-n of p, Beirami et al. v1 numbering):",
                "  kl                 KL(pi_n || p), pi_n(y) = F(y)^n - F_-(y)^n (Lemma 1, Eq. 7)",
                "  kl_analytic        log n - (n-1)/n (Eq. 5), an upper bound on kl (Thm 1)",
                "  kl_hat_mean        E[KLhat(p(y))], the estimator of Eq. 28; kl_hat1_mean: Eq. 26",
                "  win_strict         P[r(Y) > r(Y')], Y ~ pi_n, Y' ~ p; win_half: ties count half",
                "  gap_bound_thm2     2n(n-1) e^{-H_2(p)} (Thm 2, Eq. 17); gap_bound_cor2 (Eq. 19)",
                "  gap_lower_thm3     Thm 3 (Eq. 21); gap_lower_cor3 (Eq. 22)",
                "  kl_bound_lemma2    Lemma 2 (Eq. 23); kl_bound_thm4: Thm 4 (Eq. 27)",
                "  kl_reverse, chi_square, entropy, renyi2, base_entropy, base_renyi2, expected_reward",
                "  tv, hellinger2, renyi_divergence2, eps_inf, max_probability (outcome-level definitions)",
                "", "Example:", "  bonlab eval --policy coin --n 1,2,10,1e6 --columns kl,kl_analytic,win_half"})
final class EvalCommand implements Callable<Integer> {

    /**
     * The columns, each a quantity of \( \pi \) = best-of-n of p (or soft best-of-n with {@code --soft}) against p.
     * The first seven are named as in the reference file.
     */
    static Map<String, Expr> columns(Policy p, Policy pi) {
        Expr n = Bon.n;
        Map<String, Expr> c = new LinkedHashMap<>();
        c.put("kl", Bon.kl(pi, p));
        c.put("kl_analytic", Bon.analyticalKl(n));
        c.put("kl_hat_mean", Bon.klHatMean(p, n));
        c.put("kl_hat1_mean", Bon.klHat1Mean(p, n));
        c.put("win_strict", Bon.winRateStrict(pi, p));
        c.put("win_half", Bon.winRateHalf(pi, p));
        for (Quantity.BoundKind k : Quantity.BoundKind.values()) {
            c.put(k.columnName(), Bon.bound(k, p, n));
        }
        c.put("kl_reverse", Bon.kl(p, pi));
        c.put("chi_square", Bon.chiSquare(pi, p));
        c.put("entropy", Bon.entropy(pi));
        c.put("renyi2", Bon.renyiEntropy(pi, Expr.constant(2)));
        c.put("expected_reward", Bon.expectedReward(pi));
        c.put("base_entropy", Bon.entropy(p));
        c.put("base_renyi2", Bon.renyiEntropy(p, Expr.constant(2)));
        // outcome-level definitions (org.bonlab.Definitions)
        c.put("tv", Definitions.totalVariation(pi, p));
        c.put("hellinger2", Definitions.hellingerSquared(pi, p));
        c.put("renyi_divergence2", Definitions.renyiDivergence(pi, p, Expr.constant(2)));
        c.put("eps_inf", Bon.topProbability(p));
        c.put("max_probability", Bon.maxProbability(p));
        return c;
    }

    /** The most Monte Carlo draws per n: 16 bytes each are kept, 800 MB at this limit. */
    static final int MAX_SAMPLES = 50_000_000;

    static final List<String> DEFAULT_COLUMNS = List.of("kl", "kl_analytic", "win_strict", "win_half");

    @Spec
    CommandSpec spec;

    @picocli.CommandLine.ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--pmf", paramLabel = "FILE", description = "CSV with the header outcome,probability,reward.")
        Path pmf;

        @Option(names = "--policy", paramLabel = "SPEC",
                description = "A family: coin, uniform(L=1000), spike(L=200, tops=[1e-5,1e-3,1e-1]), "
                        + "zipf(L=1000000, s=1.1), geometric(L=60, r=0.5), bernoulli(p=0.3), "
                        + "dirichlet(L=100, alpha=0.5, seed=1).")
        String policy;
    }

    @Option(names = "--precision", paramLabel = "MODE", defaultValue = "double",
            description = "double (stable double precision, default; n any exact double) or high (50 significant "
                    + "digits, apfloat; n at most 2^63 - 1).")
    String precision;

    /** The largest n of high precision: 2^63 - 1 (the exponent of its exact powers is a long). */
    static final double HIGH_PRECISION_MAX_N = 0x1p63 - 1024; // the largest double below 2^63

    @Option(names = "--samples", paramLabel = "K",
            description = "Add Monte Carlo columns: K draws y ~ best-of-n, the sampling distribution of the "
                    + "estimators of Eq. 28 and Eq. 26 (mean, sd, 5%%, 50%%, 95%%).")
    Integer samples;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = "Seed of the Monte Carlo columns (default 1); printed in the mc_seed column.")
    long seed;

    @Option(names = "--soft", paramLabel = "LAMBDA",
            description = "Evaluate soft best-of-n with temperature LAMBDA instead of best-of-n.")
    String soft;

    @Option(names = "--n", required = true, paramLabel = "LIST", description = "Comma-separated n, e.g. 1,2,10,1e6.")
    String n;

    @Option(names = "--progress", description = "A line on stderr after each n, with the time left (shown by "
            + "default for --precision high on a terminal).")
    boolean progress;

    @Option(names = "--undefined", paramLabel = "TEXT", defaultValue = "undefined",
            description = "What a cell undefined at a point holds (default 'undefined'; e.g. NA for R, an empty "
                    + "string or nan for pandas); the reason goes to stderr either way.")
    String undefined;

    @Option(names = "--spec", paramLabel = "SPEC.java",
            description = "A spec script whose quantities() become columns too (org.bonlab.claim.Spec).")
    Path specFile;

    @Option(names = "--columns", paramLabel = "LIST",
            description = "Comma-separated columns (default: kl,kl_analytic,win_strict,win_half); "
                    + "see the README for all of them.")
    String columns;

    @Override
    public Integer call() {
        Policy p = source.pmf != null ? PmfFile.read(source.pmf) : PolicySpec.parse(source.policy);
        List<Double> ns = SampleCounts.parse(n);
        Policy pi = soft == null ? p.bestOf(Bon.n) : p.softBestOf(Bon.n, Expr.constant(lambda(soft)));
        Map<String, Expr> available = columns(p, pi);
        if (specFile != null) {
            CheckCommand.addQuantities(specFile, available, p, pi);
        }
        List<String> chosen = columns == null ? DEFAULT_COLUMNS : parseColumns(columns, available);
        if (undefined.contains(",") || undefined.contains("\n") || undefined.contains("\"")) {
            throw new BadInputException("--undefined must be CSV text without commas, quotes or line breaks, but was '"
                    + undefined + "'");
        }
        if (samples != null && samples < 2) {
            throw new BadInputException("--samples must be at least 2, but was " + samples);
        }
        if (samples != null && samples > MAX_SAMPLES) {
            throw new BadInputException(String.format(Locale.ROOT, "--samples must be at most %d (every draw of both "
                    + "estimators is kept to take quantiles, 16 bytes each), but was %d", MAX_SAMPLES, samples));
        }
        StringBuilder csv = new StringBuilder("n");
        chosen.forEach(c -> csv.append(',').append(c));
        if (samples != null) {
            for (String est : List.of("kl_hat", "kl_hat1")) {
                for (String stat : List.of("mean", "sd", "q05", "q50", "q95")) {
                    csv.append(",mc_").append(est).append('_').append(stat);
                }
            }
            csv.append(",mc_seed");
        }
        csv.append('\n');
        if (!precision.equals("double") && !precision.equals("high")) {
            throw new BadInputException("--precision must be 'double' or 'high', but was '" + precision + "'");
        }
        boolean high = precision.equals("high");
        if (high) {
            for (double k : ns) {
                if (k > HIGH_PRECISION_MAX_N) {
                    throw new BadInputException(String.format(Locale.ROOT, "--n with --precision high must be at most "
                            + "2^63 - 1 (about 9.2e18: its powers F^n take a 64-bit exponent), but has %s; double "
                            + "precision takes any n that is an exact double", SampleCounts.format(k)));
                }
            }
        }
        DoubleEvaluator ev = new DoubleEvaluator();
        HighPrecisionEvaluator hp = high ? new HighPrecisionEvaluator() : null;
        List<String> warnings = new ArrayList<>();
        // progress on stderr for high precision (seconds per n on thousands of outcomes): on a terminal or asked for
        boolean showProgress = progress || high && System.console() != null;
        long started = System.nanoTime();
        int done = 0;
        for (double k : ns) {
            csv.append(SampleCounts.format(k));
            for (String c : chosen) {
                csv.append(',');
                try {
                    csv.append(high
                            ? hp.evaluate(available.get(c), Map.of(Bon.n, new BigDecimal(k))).toString()
                            : number(ev.evaluate(available.get(c), Map.of(Bon.n, k))));
                } catch (IllegalArgumentException e) {
                    throw new BadInputException(String.format(Locale.ROOT, "%s at n = %s: %s", c,
                            SampleCounts.format(k), e.getMessage()), e);
                } catch (UndefinedQuantityException e) {
                    csv.append(undefined);
                    warnings.add(String.format(Locale.ROOT, "%s at n = %s is undefined: %s", c,
                            SampleCounts.format(k), e.getMessage()));
                }
            }
            if (samples != null) {
                RankedPmf base = ev.pmf(p, Map.of());
                EstimatorSampling.Result r = EstimatorSampling.sample(base, k, samples, seed);
                for (EstimatorSampling.Summary m : List.of(r.klHat(), r.klHat1())) {
                    csv.append(',').append(m.mean()).append(',').append(m.standardDeviation()).append(',')
                            .append(m.q05()).append(',').append(m.median()).append(',').append(m.q95());
                }
                csv.append(',').append(seed);
            }
            csv.append('\n');
            if (showProgress) {
                done++;
                double elapsed = (System.nanoTime() - started) / 1e9;
                spec.commandLine().getErr().printf(Locale.ROOT, "bonlab eval: n = %s done (%d of %d) after %.1f s, "
                        + "about %.0f s left%n", SampleCounts.format(k), done, ns.size(), elapsed,
                        elapsed / done * (ns.size() - done));
                spec.commandLine().getErr().flush();
            }
        }
        spec.commandLine().getOut().print(csv);
        spec.commandLine().getOut().flush();
        warnings.forEach(w -> spec.commandLine().getErr().println("bonlab eval: " + w));
        return 0;
    }

    /** A double as CSV text: shortest round-trip digits, and 0.0 for -0.0 (a sign that means nothing here). */
    static String number(double v) {
        return Double.toString(v == 0 ? 0.0 : v);
    }

    private static double lambda(String text) {
        double v;
        try {
            v = Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            throw new BadInputException("--soft must be a positive number (the temperature lambda), but was '"
                    + text + "'");
        }
        if (!(v > 0 && Double.isFinite(v))) {
            throw new BadInputException("--soft must be a positive number (the temperature lambda), but was " + text);
        }
        return v;
    }

    private static List<String> parseColumns(String list, Map<String, Expr> available) {
        List<String> out = new ArrayList<>();
        for (String raw : list.split(",", -1)) {
            String c = raw.strip();
            if (!available.containsKey(c)) {
                throw new BadInputException(String.format(Locale.ROOT,
                        "--columns must name known columns %s, but has '%s'", available.keySet(), c));
            }
            out.add(c);
        }
        return out;
    }
}
