package org.bonlab.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.bonlab.Bon;
import org.bonlab.expr.Expr;
import org.bonlab.expr.Quantity;
import org.bonlab.expr.Rational;
import org.bonlab.numeric.DoubleEvaluator;
import org.bonlab.policy.BasePolicy;
import org.bonlab.policy.Policy;
import org.bonlab.symbolic.Asymptotics;
import org.bonlab.symbolic.CalculusResult;
import org.bonlab.symbolic.Derivation;
import org.bonlab.symbolic.LimitResult;
import org.bonlab.symbolic.Latex;
import org.bonlab.symbolic.Regime;
import org.bonlab.symbolic.SeriesResult;
import org.bonlab.symbolic.SymbolicEngine;
import org.bonlab.symbolic.TexDocument;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code bonlab derive}: a closed form with symbolic n, its LaTeX, its limit, and how each was verified. */
@Command(name = "derive", mixinStandardHelpOptions = true, version = "bonlab 0.1.0",
        description = "Derive a best-of-n quantity with symbolic n: closed form, the papers' form, "
        + "LaTeX, the limit as n -> infinity, and how each was verified.",
        footer = {"", "Quantities: kl (Eq. 3 with Lemma 1), kl_analytic (Eq. 5), expected_reward, win_strict, win_half,",
                "  kl_hat_mean (Eq. 28), kl_hat1_mean (Eq. 26), gap (Eq. 5 minus KL), gap_bound_thm2 (Eq. 17),",
                "  gap_bound_cor2 (Eq. 19), gap_lower_thm3 (Eq. 21), gap_lower_cor3 (Eq. 22), kl_bound_lemma2 (Eq. 23),",
                "  kl_bound_thm4 (Eq. 27); tv, hellinger2, chi_square, renyi_divergence2 (outcome-level definitions);",
                "  tilted_kl, tilted_reward (the tilted optimum p e^(r/beta)/Z, Eq. 2 of Amini et al., symbolic beta);",
                "  vbon_j (two outcomes: vBoN's J(theta), Eq. 5a of Amini et al., pi_theta = bernoulli(theta));",
                "  with --spec FILE, the spec's own quantities().",
                "", "Examples:", "  bonlab derive --policy coin --quantity kl --latex",
                "  bonlab derive --policy coin --quantity vbon_j --stationary theta",
                "  bonlab derive --policy coin --quantity kl --solve n=1/2",
                "  bonlab derive --policy \"bernoulli(p=p)\" --quantity kl --series p"})
final class DeriveCommand implements Callable<Integer> {

    static Map<String, Expr> quantities(BasePolicy p) {
        Expr.Sym n = Bon.n;
        Policy bon = p.bestOf(n);
        Map<String, Expr> q = new LinkedHashMap<>();
        q.put("kl", Bon.kl(bon, p));
        q.put("kl_analytic", Bon.analyticalKl(n));
        q.put("expected_reward", Bon.expectedReward(bon));
        q.put("win_strict", Bon.winRateStrict(bon, p));
        q.put("win_half", Bon.winRateHalf(bon, p));
        q.put("kl_hat_mean", Bon.klHatMean(p, n));
        q.put("kl_hat1_mean", Bon.klHat1Mean(p, n));
        q.put("gap", Bon.analyticalKl(n).minus(Bon.kl(bon, p)));
        for (Quantity.BoundKind kind : Quantity.BoundKind.values()) {
            q.put(kind.columnName(), Bon.bound(kind, p, n));
        }
        // outcome-level definitions (org.bonlab.Definitions), written out over the outcomes
        q.put("tv", org.bonlab.Definitions.totalVariation(bon, p));
        q.put("hellinger2", org.bonlab.Definitions.hellingerSquared(bon, p));
        q.put("chi_square", org.bonlab.Definitions.chiSquare(bon, p));
        q.put("renyi_divergence2", org.bonlab.Definitions.renyiDivergence(bon, p, Expr.constant(2)));
        // the tilted optimum p e^{r/beta}/Z (Eq. (2) of Amini et al.) with symbolic beta
        q.put("tilted_kl", Bon.kl(p.tilted(BETA), p));
        q.put("tilted_reward", Bon.expectedReward(p.tilted(BETA)));
        if (p.size() == 2) {
            // soft best-of-n with symbolic temperature lambda (Amini et al.; Verdun et al. 2025): a sum over the
            // number of draws of the better outcome
            q.put("soft_kl", Bon.kl(p.softBestOf(n, LAMBDA), p));
        }
        if (p instanceof org.bonlab.policy.Bernoulli) {
            // vBoN's objective with pi_theta = bernoulli(theta) on the same two outcomes (Eq. (5a) of Amini et al.)
            q.put("vbon_j", Bon.vbonObjective(Policy.bernoulli(THETA), p, n));
        }
        return q;
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--policy", paramLabel = "SPEC",
            description = "A family with exact numbers, e.g. coin, uniform(L=3), spike(L=5, tops=[1e-4]), "
                    + "bernoulli(p=1/3); or with a symbol: bernoulli(p=p), spike(L=5, tops=[eps]), "
                    + "geometric(L=4, r=r). Or --pmf.")
    String policy;

    @Option(names = "--pmf", paramLabel = "FILE",
            description = "CSV with the header outcome,probability,reward (probabilities read exactly), instead of "
                    + "--policy.")
    Path pmf;

    @Option(names = "--quantity", required = true, paramLabel = "NAME",
            description = "kl, kl_analytic, expected_reward, win_strict, win_half, kl_hat_mean, kl_hat1_mean, gap "
                    + "(kl_analytic - kl), or a bound of Beirami et al.: gap_bound_thm2, gap_bound_cor2, "
                    + "gap_lower_thm3, gap_lower_cor3, kl_bound_lemma2, kl_bound_thm4; tilted_kl, tilted_reward (symbolic beta); "
                    + "vbon_j on two outcomes; soft_kl (soft best-of-n, symbolic lambda) on two outcomes.")
    String quantity;

    @Option(names = "--regimes", description = "With --quantity kl: also the leading behaviour for large and for "
            + "small n*eps, each checked against the exact KL.")
    boolean regimes;

    @Option(names = "--latex", description = "Also print the LaTeX of the forms and the limit.")
    boolean latex;

    @Option(names = "--spec", paramLabel = "SPEC.java",
            description = "A spec script whose quantities() can be derived by name with --quantity.")
    Path specFile;

    @Option(names = "--tex", paramLabel = "FILE", description = "Write a standalone LaTeX document to FILE.")
    Path tex;

    @Option(names = "--n", paramLabel = "N", description = "With --policy uniform(L=L) (L symbolic): the fixed n, "
            + "1 to " + SymbolicEngine.MAX_N_FOR_SYMBOLIC_SIZE + ".")
    Long fixedN;

    /** A uniform policy with a symbolic number of outcomes, such as uniform(L=L). */
    private static final java.util.regex.Pattern SYMBOLIC_SIZE = java.util.regex.Pattern.compile(
            "uniform\\(\\s*L\\s*=\\s*([A-Za-z][A-Za-z0-9_]*)\\s*\\)");

    /**
     * Whether the derive command line {@code args} (its first word "derive") certainly never calls Symja: the KL of
     * uniform(L) with L symbolic, kept as a sum and taken to its limits by bonlab's own methods. Then Symja is not
     * loaded in the background at start-up (half a second of one core, on a cold derivation that needs both).
     */
    static boolean derivesWithoutSymja(String[] args) {
        String policyArg = null;
        String quantityArg = null;
        for (int k = 1; k < args.length; k++) {
            String a = args[k];
            if (a.startsWith("--policy=")) {
                policyArg = a.substring("--policy=".length());
            } else if (a.startsWith("--quantity=")) {
                quantityArg = a.substring("--quantity=".length());
            } else if (k + 1 < args.length && a.equals("--policy")) {
                policyArg = args[++k];
            } else if (k + 1 < args.length && a.equals("--quantity")) {
                quantityArg = args[++k];
            }
        }
        return policyArg != null && quantityArg != null && quantityArg.strip().equals("kl")
                && SYMBOLIC_SIZE.matcher(policyArg.strip()).matches();
    }

    /**
     * uniform(L) with L symbolic and n fixed: the win rates and the expected reward in closed form (Faulhaber), the
     * KL as a sum, each with its limit as L grows.
     */
    private Integer deriveInSize(Expr.Sym size) {
        if (fixedN == null) {
            throw new BadInputException("--policy " + policy + " has a symbolic number of outcomes: give a fixed n "
                    + "with --n N (1 to " + SymbolicEngine.MAX_N_FOR_SYMBOLIC_SIZE + ")");
        }
        if (regimes || series != null || derivative != null || stationary != null || tex != null || specFile != null) {
            throw new BadInputException("--policy " + policy + " (a symbolic number of outcomes) takes --quantity, --n "
                    + "and --latex only");
        }
        Derivation d;
        try (SymbolicEngine engine = new SymbolicEngine()) {
            d = engine.deriveUniformInSize(quantity.strip(), fixedN, size);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--policy " + policy + " --n " + fixedN + " --quantity " + quantity + ": "
                    + e.getMessage(), e);
        }
        StringBuilder out = new StringBuilder();
        out.append("quantity:      ").append(quantity.strip()).append(" of bestOf(uniform(").append(size.name())
                .append("), n = ").append(fixedN).append("), as a sum: ").append(abbreviate(d.quantity().show()))
                .append('\n');
        out.append("closed form:   ").append(d.closedForm().show()).append('\n');
        if (latex) {
            out.append("LaTeX:         ").append(d.latex()).append('\n');
        }
        out.append("limit ").append(size.name()).append("->inf:").append(" ".repeat(Math.max(1,
                3 - size.name().length()))).append(describe(d.limit(), latex)).append('\n');
        if (quantity.strip().equals("kl")) {
            SymbolicEngine.RateInSize rate = SymbolicEngine.uniformKlRateInSize(fixedN, size);
            out.append("rate ").append(size.name()).append("->inf:").append(" ".repeat(Math.max(1,
                    4 - size.name().length()))).append("log n - (n-1)/n - KL = ").append(rate.term().show())
                    .append(fixedN == 1 ? "" : " + " + (fixedN == 2 ? "O(" + size.name() + "^-2)" : "o(" + size.name()
                            + "^-2)"))
                    .append(latex ? " [LaTeX " + org.bonlab.symbolic.Latex.render(rate.term()) + "]" : "")
                    .append(" (").append(rate.method()).append("; ").append(rate.check().describe()).append(")\n");
            java.util.Optional<SymbolicEngine.NextTerm> next = SymbolicEngine.uniformKlNextTermInSize(fixedN, size);
            if (next.isPresent()) {
                Expr t = next.get().term();
                out.append("next term:     log n - (n-1)/n - KL = ").append(rate.term().show())
                        .append(signedTerms(t, false))
                        .append(" + ").append(next.get().remainder())
                        .append(latex ? " [LaTeX " + org.bonlab.symbolic.Latex.render(next.get().term())
                                + (next.get().constantLatex().isEmpty() ? "" : "; " + next.get().constantLatex()) + "]"
                                : "")
                        .append(" (").append(next.get().method()).append("; ").append(next.get().check().describe())
                        .append(")\n");
            }
        }
        out.append("cross-check:   ").append(d.crossCheck().describe()).append('\n');
        spec.commandLine().getOut().print(out);
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** The temperature of the tilted optimum in {@code --quantity tilted_kl, tilted_reward}. */
    static final Expr.Sym BETA = Bon.symbol("beta");

    /** The temperature of soft best-of-n in {@code --quantity soft_kl}. */
    static final Expr.Sym LAMBDA = Bon.symbol("lambda");

    /** The parameter of vBoN's pi_theta in {@code --quantity vbon_j}. */
    static final Expr.Sym THETA = Bon.symbol("theta");

    @Option(names = "--derivative", paramLabel = "SYMBOL", description = "Also the derivative in SYMBOL (e.g. theta "
            + "of vbon_j, p of bernoulli(p=p)), checked against a central difference at 50 digits.")
    String derivative;

    @Option(names = "--stationary", paramLabel = "SYMBOL", description = "Also where the derivative in SYMBOL "
            + "vanishes (e.g. theta = 1 - 2^(-n) maximises vbon_j on the coin), each point checked and classified.")
    String stationary;

    @Option(names = "--solve", paramLabel = "SYMBOL=VALUE", description = "Also where the quantity equals VALUE "
            + "as a function of SYMBOL (e.g. n=1/2: the n at which the KL reaches 1/2 nat, with the integers around "
            + "it; beta=3/4 for tilted_reward; beta=kl(n=4) for tilted_kl: another quantity at a fixed n): Symja's "
            + "Solve, else a grid scan and the Illinois method at 60 digits; each solution checked.")
    String solve;

    @Option(names = "--at", paramLabel = "SYMBOL=VALUE", description = "With --series, --solve, --stationary or "
            + "--derivative: first fix another parameter of the quantity at a number (repeatable), e.g. --at n=4 to "
            + "solve bernoulli(p=p)'s KL for p at n = 4, or to expand it in p at n = 4; a numeric root needs every "
            + "parameter but one fixed.")
    List<String> at = new ArrayList<>();

    @Option(names = "--series", paramLabel = "SYMBOL", description = "Also the expansion as SYMBOL -> 0 with n "
            + "symbolic (e.g. p of bernoulli(p=p)), or in 1/SYMBOL as SYMBOL -> infinity (e.g. 1/beta of "
            + "tilted_reward), or in exp(-1/SYMBOL) as SYMBOL -> 0 where a temperature's corrections are "
            + "exponentially small (e.g. exp(-1/lambda) of soft_kl), by series arithmetic, checked at 50 digits.")
    String series;

    @Option(names = "--series-order", paramLabel = "K", description = "The power of SYMBOL the expansion runs to, "
            + "0 to " + SymbolicEngine.MAX_SERIES_ORDER + " (default 1).")
    Integer seriesOrder;

    @Override
    public Integer call() {
        if (tex != null) {
            Outputs.requireFile(tex, "--tex"); // before the derivation, which can take a while
        }
        if ((policy == null) == (pmf == null)) {
            throw new BadInputException("give exactly one of --policy SPEC and --pmf FILE, but "
                    + (policy == null ? "neither was given" : "both were given"));
        }
        if (pmf != null) {
            policy = "pmf " + pmf;
        }
        java.util.regex.Matcher symbolicSize = SYMBOLIC_SIZE.matcher(policy.strip());
        if (pmf == null && symbolicSize.matches()) {
            return deriveInSize(Bon.symbol(symbolicSize.group(1)));
        }
        if (fixedN != null) {
            throw new BadInputException("--n fixes n for a policy with a symbolic number of outcomes, such as "
                    + "uniform(L=L); with --policy " + policy + " n stays symbolic (--at n=4 fixes it for --solve, "
                    + "--stationary and --derivative)");
        }
        BasePolicy p = pmf != null ? PmfFile.read(pmf) : PolicySpec.parse(policy, true);
        Map<String, Expr> available = quantities(p);
        if (specFile != null) {
            CheckCommand.addQuantities(specFile, available, p, p.bestOf(Bon.n));
        }
        Expr q = available.get(quantity.strip());
        if (q == null) {
            throw new BadInputException(String.format(Locale.ROOT, "--quantity must be one of %s, but was '%s'",
                    available.keySet(), quantity));
        }
        if (regimes && !quantity.strip().equals("kl")) {
            throw new BadInputException("--regimes needs --quantity kl, but --quantity was '" + quantity + "'");
        }
        if (seriesOrder != null && series == null) {
            throw new BadInputException("--series-order needs --series SYMBOL");
        }
        int order = seriesOrder == null ? 1 : seriesOrder;
        if (order < 0 || order > SymbolicEngine.MAX_SERIES_ORDER) {
            throw new BadInputException(String.format(Locale.ROOT, "--series-order must be between 0 and %d, but was %d",
                    SymbolicEngine.MAX_SERIES_ORDER, order));
        }
        java.util.regex.Matcher exponentialSeries = java.util.regex.Pattern.compile(
                "exp\\(\\s*-\\s*1\\s*/\\s*([A-Za-z][A-Za-z0-9_]*)\\s*\\)").matcher(series == null ? "" : series.strip());
        boolean exponential = exponentialSeries.matches();
        if (series != null && !exponential && !series.strip().matches("(1\\s*/\\s*)?[A-Za-z][A-Za-z0-9_]*")) {
            throw new BadInputException("--series must name a symbol such as p (expanded as p -> 0), its inverse "
                    + "such as 1/beta (as beta -> infinity) or exp(-1/lambda) (as lambda -> 0, in powers of "
                    + "exp(-1/lambda)), but was '" + series + "'");
        }
        boolean atInfinity = series != null && !exponential && series.contains("/");
        String seriesSymbol = series == null ? null : exponential ? exponentialSeries.group(1)
                : series.replaceAll(".*/", "").strip();
        for (String[] named : new String[][] {{"--derivative", derivative}, {"--stationary", stationary}}) {
            if (named[1] != null && !named[1].strip().matches("[A-Za-z][A-Za-z0-9_]*")) {
                throw new BadInputException(named[0] + " must name a symbol such as p or theta, but was '" + named[1]
                        + "'");
            }
            if (named[1] != null && named[1].strip().equals(Bon.n.name())) {
                throw new BadInputException(named[0] + " names a continuous parameter; n is the number of samples "
                        + "(an integer), kept symbolic");
            }
        }
        Expr.Sym solveFor = null;
        Rational solveNumber = null;
        Expr solveQuantity = null;
        long solveAtN = 0;
        String solveText = null;
        if (solve != null) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\s*([A-Za-z][A-Za-z0-9_]*)\\s*=\\s*(\\S+)\\s*")
                    .matcher(solve);
            if (!m.matches()) {
                throw new BadInputException("--solve must be SYMBOL=VALUE such as n=1/2 or beta=0.75, but was '"
                        + solve + "'");
            }
            solveText = m.group(2);
            java.util.regex.Matcher other = java.util.regex.Pattern.compile("([A-Za-z][A-Za-z0-9_]*)\\(n=([0-9]{1,9})\\)")
                    .matcher(solveText);
            if (other.matches()) {
                solveQuantity = available.get(other.group(1));
                solveAtN = Long.parseLong(other.group(2));
                if (solveQuantity == null || solveAtN < 1) {
                    throw new BadInputException(String.format(Locale.ROOT, "--solve value %s must name a quantity of "
                            + "%s at n >= 1, but %s", solveText, available.keySet(), solveQuantity == null
                            ? "'" + other.group(1) + "' is none of them" : "n was " + solveAtN));
                }
            } else {
                try {
                    solveNumber = Rational.parse(solveText);
                } catch (NumberFormatException e) {
                    throw new BadInputException("--solve value must be a number such as 0.5 or 1/2, or a quantity at "
                            + "a fixed n such as kl(n=4), but was '" + solveText + "'");
                }
            }
            solveFor = Bon.symbol(m.group(1));
        }
        if (series != null && seriesSymbol.equals(Bon.n.name())) {
            throw new BadInputException("--series names the small parameter of the expansion; n is the number of "
                    + "samples, kept symbolic (its limit is printed as 'limit n->inf')");
        }
        Map<Expr.Sym, Expr> fixed = fixedParameters();
        for (Map.Entry<Expr.Sym, Expr> e : fixed.entrySet()) { // a value outside the family's domain, before deriving
            try {
                org.bonlab.claim.Binding.substitute(q, e.getKey(), e.getValue());
            } catch (IllegalArgumentException ex) {
                throw new BadInputException("--at " + e.getKey().name() + "=" + e.getValue().show() + ": "
                        + ex.getMessage(), ex);
            }
        }
        Derivation d;
        SeriesResult expansion = null;
        List<CalculusResult> calculus = new ArrayList<>();
        List<Asymptotics> asymptotics = new ArrayList<>();
        try (SymbolicEngine engine = new SymbolicEngine()) {
            d = engine.derive(q, Bon.n);
            Derivation forCalculus = d;
            if (!fixed.isEmpty()) {
                List<Expr.Sym> parameters = SymbolicEngine.parameters(d);
                for (Expr.Sym s : fixed.keySet()) {
                    if (!parameters.contains(s)) {
                        throw new BadInputException(String.format(Locale.ROOT, "--at %s=...: the quantity's closed "
                                + "form has the parameters %s, and %s is not one of them", s.name(),
                                parameters.stream().map(Expr.Sym::name).toList(), s.name()));
                    }
                }
                forCalculus = d.fix(fixed);
            }
            if (regimes) {
                asymptotics.add(engine.regimes(p, Bon.n));
            }
            if (series != null) {
                expansion = exponential ? engine.seriesInExponential(forCalculus, Bon.symbol(seriesSymbol), order)
                        : atInfinity ? engine.seriesAtInfinity(forCalculus, Bon.symbol(seriesSymbol), order)
                        : engine.seriesAtZero(forCalculus, Bon.symbol(seriesSymbol), order);
            }
            if (derivative != null) {
                calculus.add(engine.derivative(forCalculus, Bon.symbol(derivative.strip())));
            }
            if (stationary != null) {
                calculus.add(engine.stationaryPoints(forCalculus, Bon.symbol(stationary.strip())));
            }
            if (solveFor != null && solveNumber != null) {
                calculus.add(engine.solve(forCalculus, solveFor, solveNumber));
            } else if (solveFor != null) {
                // the other quantity's closed form at the fixed n (derived and checked like the main one)
                Derivation other = engine.derive(solveQuantity, Bon.n);
                calculus.add(engine.solve(forCalculus, solveFor, org.bonlab.claim.Binding.substitute(other.closedForm(), Bon.n,
                        Expr.constant(solveAtN))));
            }
            d.crossCheck(); // it ran beside the series and calculus above; a failure is reported like theirs
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--policy " + policy + " --quantity " + quantity
                    + (series == null ? "" : " --series " + series)
                    + (derivative == null ? "" : " --derivative " + derivative)
                    + (stationary == null ? "" : " --stationary " + stationary)
                    + (solve == null ? "" : " --solve " + solve)
                    + at.stream().map(a -> " --at " + a).collect(java.util.stream.Collectors.joining()) + ": "
                    + e.getMessage(), e);
        }
        StringBuilder out = new StringBuilder();
        out.append("quantity:      ").append(q.show()).append('\n');
        out.append("closed form:   ").append(abbreviate(d.closedForm().show())).append('\n');
        out.append("presented:     ").append(d.presented().show()).append('\n');
        if (latex) {
            out.append("LaTeX:         ").append(d.latex()).append('\n');
        }
        out.append("equal because: ").append(d.equality().describe()).append('\n');
        out.append("limit n->inf:  ").append(describe(d.limit(), latex)).append('\n');
        out.append("cross-check:   ").append(d.crossCheck().describe()).append('\n');
        if (!fixed.isEmpty()) {
            out.append("fixed:         ").append(fixed.entrySet().stream().map(e -> e.getKey().name() + " = "
                    + e.getValue().show()).collect(java.util.stream.Collectors.joining(", ")))
                    .append(" (--at, for the series and calculus below)\n");
        }
        if (expansion instanceof SeriesResult.Found f) {
            String x = f.offset().name();
            String error = exponential ? " + O(exp(-" + (order + 1) + "/" + x + "))"
                    : atInfinity ? " + O(" + x + "^(-" + (order + 1) + "))" : " + O(" + x + "^" + (order + 1) + ")";
            out.append("series ").append(x).append(atInfinity ? "->inf: " : "->0: ").append(f.polynomial().show())
                    .append(error).append('\n');
            if (latex) {
                out.append("  LaTeX:       ").append(Latex.render(f.polynomial())).append(" + O\\left(")
                        .append(exponential ? Latex.render(Expr.exp(Expr.constant(-(order + 1)).div(f.offset())))
                                : x + "^{" + (atInfinity ? "-" : "") + (order + 1) + "}").append("\\right)").append('\n');
            }
            out.append("  method:      ").append(f.method()).append('\n');
            out.append("  check:       ").append(f.confirmation().describe()).append('\n');
        } else if (expansion instanceof SeriesResult.NotFound nf) {
            out.append("series:        not reported: ").append(nf.reason());
            if (!exponential && !atInfinity && nf.reason().contains("exp of a series that grows like " + seriesSymbol
                    + "^-")) { // e^(r/lambda): exponentially small corrections, in powers of exp(-1/lambda)
                out.append(" (its corrections are exponentially small: --series \"exp(-1/").append(seriesSymbol)
                        .append(")\" expands in them)");
            }
            out.append('\n');
        }
        for (CalculusResult c : calculus) {
            if (c instanceof CalculusResult.Derivative dv) {
                out.append("d/d").append(dv.variable().name()).append(":").append(" ".repeat(Math.max(1,
                        11 - dv.variable().name().length()))).append(dv.form().show()).append('\n');
                if (latex) {
                    out.append("  LaTeX:       ").append(Latex.render(dv.form())).append('\n');
                }
                out.append("  method:      ").append(dv.method()).append('\n');
                out.append("  check:       ").append(dv.confirmation().describe()).append('\n');
            } else if (c instanceof CalculusResult.Stationary st) {
                for (CalculusResult.Point pt : st.points()) {
                    out.append("stationary:    ").append(st.variable().name()).append(" = ")
                            .append(pt.exact().map(Expr::show).orElse(pt.decimal()))
                            .append(" (").append(pt.kind()).append(")\n");
                    if (latex && pt.exact().isPresent()) {
                        out.append("  LaTeX:       ").append(Latex.render(pt.exact().get())).append('\n');
                    }
                }
                out.append("  method:      ").append(st.method()).append('\n');
                out.append("  check:       ").append(st.confirmation().describe()).append('\n');
            } else if (c instanceof CalculusResult.Solved sv) {
                for (CalculusResult.Root r : sv.roots()) {
                    out.append("solved:        ").append(quantity.strip()).append(" = ").append(solveText)
                            .append(solveNumber == null ? " = " + new org.bonlab.numeric.precise.HighPrecisionEvaluator(30)
                                    .evaluate(sv.value()).round(new java.math.MathContext(30)) : "")
                            .append(" at ").append(sv.variable().name()).append(" = ")
                            .append(r.exact().map(Expr::show).orElse(r.decimal()))
                            .append(r.exact().isPresent() && !r.decimal().isEmpty() ? " = " + r.decimal() : "")
                            .append('\n');
                    if (latex && r.exact().isPresent()) {
                        out.append("  LaTeX:       ").append(Latex.render(r.exact().get())).append('\n');
                    }
                    if (!r.atIntegers().isEmpty()) {
                        out.append("  integers:    ").append(r.atIntegers()).append('\n');
                    }
                }
                out.append("  method:      ").append(sv.method()).append('\n');
                out.append("  check:       ").append(sv.confirmation().describe()).append('\n');
            } else {
                out.append("calculus:      not reported: ").append(((CalculusResult.NotFound) c).reason()).append('\n');
            }
        }
        for (Asymptotics a : asymptotics) {
            for (Regime r : a.regimes()) {
                out.append("regime:        ").append(r.name()).append(": ").append(abbreviate(r.show())).append('\n');
                if (latex) {
                    out.append("  LaTeX:       ").append(abbreviate(r.latex())).append('\n');
                }
                out.append("  argument:    ").append(r.argument()).append('\n');
                out.append("  check:       ").append(r.check().describe()).append('\n');
            }
            for (String u : a.unavailable()) {
                out.append("no regime:     ").append(u).append('\n');
            }
        }
        if (tex != null) {
            writeAtomically(tex, TexDocument.of("bonlab derive: " + policy + ", " + quantity, List.of(d),
                    asymptotics));
            out.append("wrote:         ").append(tex).append('\n');
        }
        spec.commandLine().getOut().print(out);
        spec.commandLine().getOut().flush();
        return 0;
    }

    static String describe(LimitResult limit, boolean latex) {
        if (limit instanceof LimitResult.Found f) {
            String value = f.value().show();
            try {
                value += String.format(Locale.ROOT, " = %.17g", new DoubleEvaluator().evaluate(f.value()));
            } catch (RuntimeException e) {
                // a value with free parameters (e.g. -log(p)) has no single number
            }
            String tex = latex ? " [LaTeX " + org.bonlab.symbolic.Latex.render(f.value()) + "]" : "";
            return value + tex + " (" + f.method() + "; " + f.confirmation().describe() + ")";
        }
        if (limit instanceof LimitResult.Diverges v) {
            return v.describe() + " (" + v.method() + "; " + v.confirmation().describe() + ")";
        }
        return "not reported: " + ((LimitResult.NotFound) limit).reason();
    }

    /** The parameters fixed by {@code --at SYMBOL=VALUE}, in the order given, checked before any derivation. */
    private Map<Expr.Sym, Expr> fixedParameters() {
        Map<Expr.Sym, Expr> fixed = new LinkedHashMap<>();
        if (!at.isEmpty() && solve == null && stationary == null && derivative == null && series == null) {
            throw new BadInputException("--at fixes a parameter for --series, --solve, --stationary or --derivative, "
                    + "but none of them was given");
        }
        for (String a : at) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\s*([A-Za-z][A-Za-z0-9_]*)\\s*=\\s*(\\S+)\\s*")
                    .matcher(a);
            if (!m.matches()) {
                throw new BadInputException("--at must be SYMBOL=VALUE such as n=4 or p=1/3, but was '" + a + "'");
            }
            Expr.Sym s = Bon.symbol(m.group(1));
            Rational v;
            try {
                v = Rational.parse(m.group(2));
            } catch (NumberFormatException e) {
                throw new BadInputException("--at " + a + ": the value must be a number such as 4, 0.5 or 1/3, but was '"
                        + m.group(2) + "'");
            }
            if (s.equals(Bon.n) && (!v.isInteger() || v.signum() <= 0)) {
                throw new BadInputException("--at " + a + ": n is the number of samples, a positive integer, but was "
                        + m.group(2));
            }
            for (String used : new String[] {solve == null ? null : solve.replaceAll("=.*", "").strip(), stationary,
                    derivative, series == null ? null : series.replaceAll(".*/", "").replace(")", "")}) {
                if (used != null && used.strip().equals(s.name())) {
                    throw new BadInputException("--at " + a + " fixes " + s.name() + ", the symbol the series or "
                            + "calculus is in; fix the other parameters");
                }
            }
            if (fixed.put(s, Expr.constant(v)) != null) {
                throw new BadInputException("--at fixes " + s.name() + " twice");
            }
        }
        return fixed;
    }

    private static String abbreviate(String s) {
        return s.length() > 2000 ? s.substring(0, 2000) + " ... (" + s.length() + " characters)" : s;
    }

    /** Nothing half-written: the document goes to a temporary file beside the target, then is moved. */
    private static void writeAtomically(Path file, String content) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Path tmp = Files.createTempFile(dir, ".bonlab", ".tex");
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new BadInputException(String.format(Locale.ROOT, "--tex file must be writable, but '%s' is not: %s",
                    file, Outputs.reason(e)), e);
        }
    }

    /**
     * The terms of a sum, each with its sign written out (" - a + b"), to follow another term; {@code negated} flips
     * every sign. A negated sum is never written as " - a + b" for -(a + b).
     */
    static String signedTerms(Expr t, boolean negated) {
        if (t instanceof Expr.Add add) {
            return signedTerms(add.left(), negated) + signedTerms(add.right(), negated);
        }
        if (t instanceof Expr.Sub sub) {
            return signedTerms(sub.left(), negated) + signedTerms(sub.right(), !negated);
        }
        if (t instanceof Expr.Neg neg) {
            return signedTerms(neg.operand(), !negated);
        }
        return (negated ? " - " : " + ") + t.show();
    }
}
