package org.bonlab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.bonlab.numeric.interval.Covering;
import java.util.concurrent.Callable;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.bonlab.claim.Claim;
import org.bonlab.claim.Spec;
import org.bonlab.numeric.claim.ConjectureSearch;
import org.bonlab.numeric.claim.Verdict;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bonlab check SPEC.java}: compiles a user's spec script (a public class implementing
 * {@link org.bonlab.claim.Spec}, bonlab on its class path), checks each claim, and prints one row per claim.
 * Exit code 0 when every claim got its expected verdict, 1 otherwise, 2 on bad input (a spec that does not
 * compile gets the compiler's message).
 */
@Command(name = "check", mixinStandardHelpOptions = true, version = "bonlab 0.1.0",
        description = "Compile a spec script (a Java class implementing org.bonlab.claim.Spec) and "
        + "check its claims: one row per claim with verdict, evidence, evaluations and time.",
        footer = {"", "Verdicts: PROVED (a sound argument, stated), FALSIFIED (a counterexample confirmed at 50 digits),",
                "UNDECIDED (the evidence). Exit codes: 0 every claim got its expected verdict, 1 otherwise,",
                "2 a mistake in the spec (it does not compile, throws, has no claims, a claim undefined everywhere,",
                "the time limit) with one line on stderr and nothing on stdout.",
                "", "Example:", "  bonlab check examples/specs/UserQuantities.java --seed 1"})
final class CheckCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SPEC.java", description = "The spec script.")
    Path file;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed of the search (default 1).")
    long seed;

    @Option(names = "--evaluations", paramLabel = "K", defaultValue = "4000",
            description = "Evaluations per claim (default 4000).")
    int evaluations;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table (default, for people), csv or json (one record per claim, for pipelines).")
    String format;

    /** The fields of a machine-readable verdict, in order (the CSV header). */
    static final List<String> FIELDS = List.of("claim", "verdict", "expected", "met", "evaluations", "seconds",
            "counterexample", "lhs", "rhs", "seed", "evidence");

    /** The default limit on a whole check, spec included: a spec that loops forever is stopped. */
    static final int DEFAULT_TIMEOUT_SECONDS = SpecLimits.DEFAULT_TIMEOUT_SECONDS;

    @picocli.CommandLine.Mixin
    SpecLimits limits;

    @Option(names = "--certificate", paramLabel = "DIR",
            description = "Write a certificate of each claim PROVED by interval arithmetic into DIR (created if "
                    + "missing): the claim, the spec, the covering of its domain and the margin on each piece; "
                    + "re-check one with 'bonlab verify CERT'.")
    Path certificates;

    @Option(names = "--budget-boxes", paramLabel = "B", defaultValue = "2000000",
            description = "Boxes each certification by branch-and-bound may evaluate (over the simplex, or over "
                    + "the p of bernoulli(p) at all n together; default 2000000); when they run out the claim stays "
                    + "UNDECIDED, its evidence saying where (over the simplex: the fraction of the domain certified "
                    + "and the boxes left open).")
    long budgetBoxes;

    @Option(names = "--budget-seconds", paramLabel = "S", defaultValue = "120",
            description = "Time each certification over the simplex may take (default 120 s), with the same "
                    + "outcome when it runs out.")
    long budgetSeconds;

    @Override
    public Integer call() throws Exception {
        SpecRunner.requireSpecFile(file);
        if (evaluations < 10) {
            throw new BadInputException("--evaluations must be at least 10, but was " + evaluations);
        }
        if (!List.of("table", "csv", "json").contains(format)) {
            throw new BadInputException("--format must be table, csv or json, but was '" + format + "'");
        }
        if (budgetBoxes < 1 || budgetBoxes > 1_000_000_000_000L) {
            throw new BadInputException("--budget-boxes must be from 1 to 10^12, but was " + budgetBoxes);
        }
        if (budgetSeconds < 1 || budgetSeconds > 86_400) {
            throw new BadInputException("--budget-seconds must be from 1 to 86400, but was " + budgetSeconds);
        }
        var before = org.bonlab.numeric.interval.SimplexCertifier.budget();
        org.bonlab.numeric.interval.SimplexCertifier.useThreads(limits.cores());
        if (certificates != null) {
            Outputs.requireDirectory(certificates, "--certificate");
            org.bonlab.numeric.interval.IntervalCertifier.recordCoverings(true);
        }
        var standard = org.bonlab.numeric.interval.SimplexCertifier.Budget.standard();
        org.bonlab.numeric.interval.SimplexCertifier.useBudget(budgetBoxes, java.time.Duration.ofSeconds(budgetSeconds));
        try {
            return SpecRunner.run("check", file, limits.timeout, this::checkAll);
        } finally {
            // the budget, the threads and the recording are this run's: a later run in the same process starts
            // from the standard budget, the threads it had and no recording
            org.bonlab.numeric.interval.SimplexCertifier.useBudget(standard.maxBoxes(), standard.time());
            org.bonlab.numeric.interval.SimplexCertifier.useThreads(before.threads());
            org.bonlab.numeric.interval.IntervalCertifier.recordCoverings(false);
        }
    }

    /** One certificate per claim PROVED by interval arithmetic, named by its place and its name. */
    private void writeCertificates(List<Claim> claims) {
        PrintWriter err = spec.commandLine().getErr();
        String source;
        try {
            source = Files.readString(file);
        } catch (IOException e) {
            throw new BadInputException("SPEC " + file + " cannot be read again for its certificates: "
                    + Outputs.reason(e), e);
        }
        for (int i = 0; i < claims.size(); i++) {
            Claim c = claims.get(i);
            var r = org.bonlab.numeric.interval.IntervalCertifier.certify(c);
            if (!(r instanceof org.bonlab.numeric.interval.IntervalCertifier.Result.Certified proof)) {
                continue;
            }
            if (proof.covering().isEmpty()) {
                err.printf(Locale.ROOT, "no certificate for '%s': its proof has no recorded covering (a proof over "
                        + "more than %d points of the integer ranges after the first: %s)%n", c.name(),
                        org.bonlab.numeric.interval.IntervalCertifier.MAX_CERTIFIED_PARTS, proof.argument());
                continue;
            }
            String slug = c.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
            Path target = certificates.resolve(String.format(Locale.ROOT, "%02d-%s.cert", i + 1,
                    slug.length() > 60 ? slug.substring(0, 60) : slug));
            try {
                new Certificate(c.name(), c.statement(), proof.covering().get(), file.getFileName().toString(),
                        source).write(target);
            } catch (IOException e) {
                throw new BadInputException("--certificate " + certificates + ": " + target + " cannot be written: "
                        + Outputs.reason(e), e);
            }
            Covering covering = proof.covering().get();
            err.printf(Locale.ROOT, "certificate of '%s': %s (%s)%n", c.name(), target,
                    covering.kind() == Covering.Kind.ARGUMENT
                            ? "the argument " + covering.argument() + ", with no numeric step"
                            : covering.argument().isEmpty() ? pieces(covering.pieces().size())
                            : covering.kind() == Covering.Kind.GAP_BOUND ? "the argument " + covering.argument()
                                    + ", whose lemma a re-check runs again, over " + pieces(covering.pieces().size())
                            : "the bound of the argument " + covering.argument() + ", then "
                                    + pieces(covering.pieces().size()));
        }
        err.flush();
    }

    /** CSV: the header, then one line per record, a field quoted where it holds a comma, a quote or a newline. */
    static String csv(String header, List<List<String>> records) {
        StringBuilder sb = new StringBuilder(header).append('\n');
        for (List<String> r : records) {
            for (int i = 0; i < r.size(); i++) {
                String v = r.get(i);
                boolean quote = v.contains(",") || v.contains("\"") || v.contains("\n");
                sb.append(i > 0 ? "," : "").append(quote ? "\"" + v.replace("\"", "\"\"") + "\"" : v);
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    static String json(List<List<String>> records) {
        StringBuilder sb = new StringBuilder("[\n");
        for (int k = 0; k < records.size(); k++) {
            List<String> r = records.get(k);
            sb.append("  {");
            for (int i = 0; i < r.size(); i++) {
                String name = FIELDS.get(i);
                String v = r.get(i);
                boolean number = name.equals("evaluations") || name.equals("seconds") || name.equals("seed")
                        || (name.equals("lhs") || name.equals("rhs")) && !v.isEmpty();
                String value = name.equals("met") ? v : number ? v : jsonString(v);
                sb.append(i > 0 ? ", " : "").append(jsonString(name)).append(": ").append(value);
            }
            sb.append(k + 1 < records.size() ? "},\n" : "}\n");
        }
        return sb.append("]\n").toString();
    }

    private static String jsonString(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (ch < 0x20) {
                        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
                    } else {
                        sb.append(ch);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    /** An exception as a person reads it: its message, with the type only where there is no message. */
    static String describe(Throwable t) {
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }

    private int checkAll(Spec s) {
        List<Claim> claims = SpecRunner.claims(s, file);
        // every claim is checked before anything is printed: a mistake in one (a claim undefined everywhere) is
        // exit 2 with nothing on stdout
        List<String> rows = new java.util.ArrayList<>();
        List<List<String>> records = new java.util.ArrayList<>();
        boolean ok = true;
        for (Claim c : claims) {
            long t0 = System.nanoTime();
            Verdict v;
            try {
                v = org.bonlab.symbolic.SymbolicProver.check(c, new ConjectureSearch(seed, evaluations,
                        new java.io.PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.err), true),
                        limits.cores()));
            } catch (IllegalArgumentException | IllegalStateException | UnsupportedOperationException e) {
                throw new BadInputException(String.format(Locale.ROOT, "claim '%s' in %s cannot be checked: %s",
                        c.name(), file, describe(e)), e);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (org.bonlab.numeric.claim.ClaimAssertions.isVacuous(v)) {
                throw new BadInputException(String.format(Locale.ROOT, "claim '%s' in %s must be defined at some point "
                        + "of its domain, but it is %s", c.name(), file, v.evidence()));
            }
            boolean met = c.expected().isMetBy(v.label());
            ok &= met;
            String evidence = v.evidence();
            if (v instanceof Verdict.Falsified) {
                evidence += String.format(Locale.ROOT, "; re-run: ./bonlab check %s --seed %d --evaluations %d", file,
                        seed, evaluations);
            }
            rows.add(String.format(Locale.ROOT, "%-50s %-10s %-13s %12d %9.2f  %s%n", c.name(), v.label(),
                    c.expected().name().toLowerCase(Locale.ROOT).replace('_', ' ') + (met ? "" : " (NOT MET)"),
                    v.evaluations(), seconds, evidence));
            Verdict.Point x = v instanceof Verdict.Falsified f ? f.counterexample() : null;
            records.add(List.of(c.name(), v.label(), c.expected().name(), Boolean.toString(met),
                    Long.toString(v.evaluations()), String.format(Locale.ROOT, "%.3f", seconds),
                    x == null ? "" : x.describe(), x == null ? "" : Double.toString(x.lhs()),
                    x == null ? "" : Double.toString(x.rhs()), Long.toString(seed), evidence));
        }
        if (certificates != null) {
            writeCertificates(claims);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (!format.equals("table")) {
            out.print(format.equals("csv") ? csv(String.join(",", FIELDS), records) : json(records));
            out.flush();
            return ok ? 0 : 1;
        }
        out.printf(Locale.ROOT, "%-50s %-10s %-13s %12s %9s  %s%n", "claim", "verdict", "expected", "evaluations",
                "seconds", "evidence");
        rows.forEach(out::print);
        out.printf(Locale.ROOT, "%d claims, seed %d: %s%n", claims.size(), seed,
                ok ? "every claim got its expected verdict" : "some claims did NOT get their expected verdict");
        out.flush();
        return ok ? 0 : 1;
    }

    /**
     * Adds the quantities of the spec in {@code file} ({@code Spec.quantities()}) to {@code available}, as
     * expressions of the base policy p and the evaluated policy pi; names must not hide a built-in one.
     */
    static void addQuantities(Path file, java.util.Map<String, org.bonlab.expr.Expr> available,
            org.bonlab.policy.Policy p, org.bonlab.policy.Policy pi) {
        if (!Files.isRegularFile(file) || !file.toString().endsWith(".java")) {
            throw new BadInputException(String.format(Locale.ROOT,
                    "--spec must be an existing .java file, but '%s' is not", file));
        }
        Spec user;
        try {
            user = load(file);
        } catch (IOException e) {
            throw new BadInputException("--spec " + file + " cannot be read: " + Outputs.reason(e), e);
        }
        for (var q : user.quantities().entrySet()) {
            if (!q.getKey().matches("[A-Za-z][A-Za-z0-9_]*") || available.containsKey(q.getKey())) {
                throw new BadInputException(String.format(Locale.ROOT, "quantity names of --spec must be letters, "
                        + "digits and '_' and differ from the built-in ones, but '%s' is not", q.getKey()));
            }
            try {
                available.put(q.getKey(), q.getValue().of(p, pi, org.bonlab.Bon.n));
            } catch (RuntimeException e) {
                throw new BadInputException(String.format(Locale.ROOT, "quantity '%s' of --spec %s cannot be built: %s",
                        q.getKey(), file, describe(e)), e);
            }
        }
    }

    /** Compiles the spec into a temporary folder and instantiates its class. */
    static Spec load(Path file) throws IOException {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new BadInputException("SPEC can only be compiled with a JDK, but this Java runtime has no compiler");
        }
        Path classes = Files.createTempDirectory("bonlab-spec");
        // removed when the JVM exits (the class loader may still read from it until then)
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteRecursively(classes)));
        StringWriter diagnostics = new StringWriter();
        String classPath = System.getProperty("java.class.path");
        int rc = compiler.run(null, null, new PrintWriterStream(diagnostics), "-d", classes.toString(), "-cp",
                classPath, "-proc:none", file.toString());
        if (rc != 0) {
            throw new BadInputException("SPEC " + file + " does not compile:\n" + diagnostics.toString().strip());
        }
        String name = file.getFileName().toString().replaceFirst("\\.java$", "");
        String pkg = packageOf(file);
        String className = pkg.isEmpty() ? name : pkg + "." + name;
        try {
            URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                    CheckCommand.class.getClassLoader());
            Class<?> c = loader.loadClass(className);
            if (!Spec.class.isAssignableFrom(c)) {
                throw new BadInputException(String.format(Locale.ROOT,
                        "SPEC class %s must implement org.bonlab.claim.Spec, but does not", className));
            }
            return (Spec) c.getDeclaredConstructor().newInstance();
        } catch (ClassNotFoundException | NoSuchMethodException | InstantiationException | IllegalAccessException e) {
            throw new BadInputException(String.format(Locale.ROOT,
                    "SPEC must declare a public class %s with a public no-argument constructor, but %s", className,
                    e instanceof ClassNotFoundException ? "there is no such class (the class must be named after the file)"
                            : e instanceof NoSuchMethodException ? "it has no such constructor"
                            : "it cannot be instantiated (abstract, or not public)"), e);
        } catch (InvocationTargetException e) {
            throw new BadInputException("SPEC constructor failed: " + describe(e.getCause()), e);
        } catch (LinkageError e) {
            throw new BadInputException("SPEC class " + className + " cannot be loaded: " + describe(e), e);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException | RuntimeException e) {
            // best effort at exit: a temporary folder left behind is harmless
        }
    }

    private static String packageOf(Path file) throws IOException {
        for (String line : Files.readAllLines(file)) {
            String t = line.strip();
            if (t.startsWith("package ")) {
                return t.substring("package ".length()).replace(";", "").strip();
            }
        }
        return "";
    }

    /** A PrintStream-free adapter: the compiler's Writer output collected as text. */
    private static final class PrintWriterStream extends java.io.OutputStream {
        private final StringWriter target;

        PrintWriterStream(StringWriter target) {
            this.target = target;
        }

        @Override
        public void write(int b) {
            target.write(b);
        }
    }

    private static String pieces(int count) {
        return count == 1 ? "1 piece" : count + " pieces";
    }
}
