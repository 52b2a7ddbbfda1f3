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
@Command(name = "check", description = "Compile a spec script (a Java class implementing org.bonlab.claim.Spec) and "
        + "check its claims: one row per claim with verdict, evidence, evaluations and time.")
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

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(file) || !file.toString().endsWith(".java")) {
            throw new BadInputException(String.format(Locale.ROOT,
                    "SPEC must be an existing .java file, but '%s' is not", file));
        }
        if (evaluations < 10) {
            throw new BadInputException("--evaluations must be at least 10, but was " + evaluations);
        }
        Spec s = load(file);
        List<Claim> claims = s.claims();
        // every claim is checked before anything is printed: a mistake in one (a claim undefined everywhere) is
        // exit 2 with nothing on stdout
        List<String> rows = new java.util.ArrayList<>();
        boolean ok = true;
        for (Claim c : claims) {
            long t0 = System.nanoTime();
            Verdict v = org.bonlab.symbolic.SymbolicProver.check(c, new ConjectureSearch(seed, evaluations,
                    new java.io.PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.err), true)));
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
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%-50s %-10s %-13s %12s %9s  %s%n", "claim", "verdict", "expected", "evaluations",
                "seconds", "evidence");
        rows.forEach(out::print);
        out.printf(Locale.ROOT, "%d claims, seed %d: %s%n", claims.size(), seed,
                ok ? "every claim got its expected verdict" : "some claims did NOT get their expected verdict");
        out.flush();
        return ok ? 0 : 1;
    }

    /** Compiles the spec into a temporary folder and instantiates its class. */
    static Spec load(Path file) throws IOException {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new BadInputException("SPEC can only be compiled with a JDK, but this Java runtime has no compiler");
        }
        Path classes = Files.createTempDirectory("bonlab-spec");
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
                    "SPEC must declare a public class %s with a public no-argument constructor (%s)", className,
                    e.getClass().getSimpleName()), e);
        } catch (InvocationTargetException e) {
            throw new BadInputException("SPEC constructor failed: " + e.getCause(), e);
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
}
