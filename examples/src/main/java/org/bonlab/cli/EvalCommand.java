package org.bonlab.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.bonlab.Bon;
import org.bonlab.expr.Expr;
import org.bonlab.numeric.DoubleEvaluator;
import org.bonlab.numeric.quantity.UndefinedQuantityException;
import org.bonlab.policy.Policy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code bonlab eval}: quantities of best-of-n for a policy at several n, as CSV. */
@Command(name = "eval", description = "Evaluate best-of-n quantities of a policy at the given n, as CSV on stdout.")
final class EvalCommand implements Callable<Integer> {

    /** The columns, named as in the reference file, each the quantity of p.bestOf(n) against p. */
    static Map<String, Expr> columns(Policy p) {
        Policy bon = p.bestOf(Bon.n);
        Map<String, Expr> c = new LinkedHashMap<>();
        c.put("kl", Bon.kl(bon, p));
        c.put("kl_analytic", Bon.analyticalKl(Bon.n));
        c.put("win_strict", Bon.winRateStrict(bon, p));
        c.put("win_half", Bon.winRateHalf(bon, p));
        return c;
    }

    static final List<String> DEFAULT_COLUMNS = List.of("kl", "kl_analytic", "win_strict", "win_half");

    @Spec
    CommandSpec spec;

    @Option(names = "--pmf", required = true, paramLabel = "FILE",
            description = "CSV with the header outcome,probability,reward.")
    Path pmf;

    @Option(names = "--n", required = true, paramLabel = "LIST", description = "Comma-separated n, e.g. 1,2,10,1e6.")
    String n;

    @Option(names = "--columns", paramLabel = "LIST",
            description = "Comma-separated columns among kl, kl_analytic, win_strict, win_half (default: all).")
    String columns;

    @Override
    public Integer call() {
        Policy p = PmfFile.read(pmf);
        List<Double> ns = SampleCounts.parse(n);
        Map<String, Expr> available = columns(p);
        List<String> chosen = columns == null ? DEFAULT_COLUMNS : parseColumns(columns, available);
        StringBuilder csv = new StringBuilder("n");
        chosen.forEach(c -> csv.append(',').append(c));
        csv.append('\n');
        DoubleEvaluator ev = new DoubleEvaluator();
        List<String> warnings = new ArrayList<>();
        for (double k : ns) {
            csv.append(SampleCounts.format(k));
            for (String c : chosen) {
                csv.append(',');
                try {
                    csv.append(ev.evaluate(available.get(c), Map.of(Bon.n, k)));
                } catch (UndefinedQuantityException e) {
                    csv.append("undefined");
                    warnings.add(String.format(Locale.ROOT, "%s at n = %s is undefined: %s", c,
                            SampleCounts.format(k), e.getMessage()));
                }
            }
            csv.append('\n');
        }
        spec.commandLine().getOut().print(csv);
        spec.commandLine().getOut().flush();
        warnings.forEach(w -> spec.commandLine().getErr().println("bonlab eval: " + w));
        return 0;
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
