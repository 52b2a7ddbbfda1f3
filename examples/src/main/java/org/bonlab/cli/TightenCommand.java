package org.bonlab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.bonlab.claim.Claim;
import org.bonlab.claim.Spec;
import org.bonlab.numeric.claim.SharpConstants;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bonlab tighten SPEC.java}: the sharp constants of each claim of a spec ({@link SharpConstants}): the
 * ratio sup small/big and the difference sup (small - big), each as a bracket [attained at a witness, certified].
 */
@Command(name = "tighten", mixinStandardHelpOptions = true, version = "bonlab 0.1.0",
        description = "The sharp constants of each claim 'small <= big' of a spec (a claim 'lhs >= rhs' is read as "
                + "'rhs <= lhs'): the ratio sup small/big over the points where big > 0 (the factor by which the bound "
                + "may be scaled and still hold) and the difference sup (small - big). Each is a bracket: the lower "
                + "end is attained at a witness (policies and n, re-evaluated at 50 digits) found by a multi-start "
                + "optimiser over the whole domain; the upper end is certified by interval branch-and-bound (empty "
                + "where the domain is beyond it: more than 3 outcomes, except Thm 2 and Cor 2 of Beirami et al., which an "
                + "argument covers on larger simplices; or no constant proved in time).",
        footer = {"", "Output: one row per claim and kind; with --csv the header is exactly",
                "  claim,kind,lower,upper,witness",
                "and with --latex a tabular of the ratios for a paper. 'unbounded': the bound is 0 or negative at a",
                "point where the bounded side is positive. Exit codes: 0 done, 2 a mistake in the spec or an option.",
                "", "Example:", "  bonlab tighten examples/specs/SharpConstants.java --csv"})
final class TightenCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SPEC.java", description = "The spec script.")
    Path file;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed of the search (default 1).")
    long seed;

    @Option(names = "--evaluations", paramLabel = "K", defaultValue = "" + DEFAULT_EVALUATIONS,
            description = "Evaluations of the search for each constant (default " + DEFAULT_EVALUATIONS + ").")
    int evaluations;

    @Option(names = "--certify-seconds", paramLabel = "SECONDS", defaultValue = "" + DEFAULT_CERTIFY_SECONDS,
            description = "Time for certifying the upper end of each constant (default " + DEFAULT_CERTIFY_SECONDS
                    + " s; 0: no upper ends).")
    int certifySeconds;

    @Option(names = "--csv", description = "CSV with the header claim,kind,lower,upper,witness.")
    boolean csv;

    @Option(names = "--latex", description = "A LaTeX tabular of each claim's ratio bracket.")
    boolean latex;

    @picocli.CommandLine.Mixin
    SpecLimits limits;

    static final int DEFAULT_EVALUATIONS = 4000;

    static final int DEFAULT_CERTIFY_SECONDS = 30;

    /** The CSV header. */
    static final String CSV_HEADER = "claim,kind,lower,upper,witness";

    @Override
    public Integer call() throws Exception {
        SpecRunner.requireSpecFile(file);
        if (evaluations < 100) {
            throw new BadInputException("--evaluations must be at least 100, but was " + evaluations);
        }
        if (certifySeconds < 0) {
            throw new BadInputException("--certify-seconds must be 0 or more, but was " + certifySeconds);
        }
        if (csv && latex) {
            throw new BadInputException("--csv and --latex must not be given together, but both were");
        }
        int cores = limits.cores();
        return SpecRunner.run("tighten", file, limits.timeout, s -> tightenAll(s, cores));
    }

    private int tightenAll(Spec s, int cores) {
        List<Claim> claims = SpecRunner.claims(s, file);
        SharpConstants sharp = new SharpConstants(seed, evaluations, Duration.ofSeconds(certifySeconds), cores);
        List<List<String>> rows = new ArrayList<>();
        List<String> evidence = new ArrayList<>();
        for (Claim c : claims) {
            List<SharpConstants.Bracket> brackets;
            try {
                brackets = sharp.tighten(c);
            } catch (IllegalArgumentException | IllegalStateException | UnsupportedOperationException e) {
                throw new BadInputException(String.format(Locale.ROOT, "claim '%s' in %s cannot be tightened: %s",
                        c.name(), file, CheckCommand.describe(e)), e);
            }
            for (SharpConstants.Bracket b : brackets) {
                rows.add(List.of(c.name(), b.kind().label(), b.lowerText(), b.upperText(), b.witness()));
                evidence.add(b.upperEvidence());
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (csv) {
            out.print(CheckCommand.csv(CSV_HEADER, rows));
        } else if (latex) {
            out.print(latex(rows));
        } else {
            out.printf(Locale.ROOT, "%-44s %-10s %-22s %-22s %s%n", "claim", "kind", "lower (attained)",
                    "upper (certified)", "witness");
            for (int i = 0; i < rows.size(); i++) {
                List<String> r = rows.get(i);
                out.printf(Locale.ROOT, "%-44s %-10s %-22s %-22s %s%n      upper: %s%n", r.get(0), r.get(1), r.get(2),
                        r.get(3).isEmpty() ? "(none)" : r.get(3), r.get(4), evidence.get(i));
            }
            out.printf(Locale.ROOT, "%d claims, seed %d, %d evaluations per constant%n", claims.size(), seed,
                    evaluations);
        }
        out.flush();
        return 0;
    }

    /** The ratio rows as a booktabs tabular: claim, attained lower end, certified upper end. */
    static String latex(List<List<String>> rows) {
        StringBuilder sb = new StringBuilder("\\begin{tabular}{lll}\n\\toprule\n"
                + "Claim & sharp ratio $\\ge$ (attained) & $\\le$ (certified) \\\\\n\\midrule\n");
        for (List<String> r : rows) {
            if (!r.get(1).equals(SharpConstants.Kind.RATIO.label())) {
                continue;
            }
            sb.append(org.bonlab.symbolic.TexDocument.prose(r.get(0))).append(" & $").append(r.get(2))
                    .append("$ & ").append(r.get(3).isEmpty() ? "--" : "$" + r.get(3) + "$").append(" \\\\\n");
        }
        return sb.append("\\bottomrule\n\\end{tabular}\n").toString();
    }
}
