package org.bonlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real command line in its own JVM: exit codes, clean stdout on errors, and no lingering Symja threads
 * (the process must end by itself; the limit below is a hang detector, not a speed target).
 */
class ProcessExitTest {

    private static final long HANG_LIMIT_SECONDS = 120;

    record Result(int code, String out, String err) {
    }

    static Result bonlab(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Bonlab.class.getName()));
        cmd.addAll(List.of(args));
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        boolean ended = p.waitFor(HANG_LIMIT_SECONDS, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly();
        }
        assertTrue(ended, "bonlab " + String.join(" ", args) + " did not exit within " + HANG_LIMIT_SECONDS + " s");
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("bonlab reproduce runs Example 1, prints the closed form, LaTeX, limit and verdicts, and exits")
    void reproduceExits(@TempDir Path dir) throws Exception {
        // every section but the catalogue, whose printed section TheoremCatalogueTest checks in process (its proofs
        // are the costliest part of reproduce, and that test does them anyway)
        Result r = bonlab(dir, "reproduce", "--out", dir.resolve("figures").toString(), "--sections",
                "example1,kotlin,figures,tradeoffs");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("log(2) - h(2^(-n))"), r.out());
        assertTrue(r.out().contains("\\log 2 - h\\left(2^{-n}\\right)"), r.out());
        assertTrue(r.out().contains("limit as n -> inf:     log(2) = 0.69314718055994530"), r.out());
        assertTrue(r.out().contains("verdict:     FALSIFIED"), r.out());
        assertTrue(r.out().contains("counterexample n = 2"), r.out());
        assertTrue(r.out().contains("Example 1 in Kotlin"), r.out());
        assertTrue(r.out().contains("Figures 1-3 of Beirami et al.") && r.out().contains("Tradeoffs: "), r.out());
        assertTrue(!r.out().contains("Theorem catalogue") && !r.out().contains("FAIL "), r.out());
        // stderr carries only the searches' progress lines
        assertTrue(r.err().lines().allMatch(l -> l.startsWith("searching ")), r.err());
        assertTrue(Files.exists(dir.resolve("figures").resolve("figure3_right.png")));
        // the tradeoff figures: best-of-2 on the coin at KL 0.1308 (coin,n=2 of the 60-digit table), reward 3/4
        assertTrue(Files.exists(dir.resolve("figures").resolve("tradeoff_coin.png")));
        assertTrue(Files.readAllLines(dir.resolve("figures").resolve("tradeoff_coin.csv"))
                .contains("bon,2,0.13081203594113697,0.75,0.625"));
        assertTrue(Files.exists(dir.resolve("figures").resolve("soft_best_of_n_kl.png")));
    }

    @Test
    @DisplayName("bad input in a real process: exit 2, one line on stderr, empty stdout")
    void badInputExitsWithTwo(@TempDir Path dir) throws Exception {
        Result r = bonlab(dir, "eval", "--pmf", dir.resolve("missing.csv").toString(), "--n", "1");
        assertEquals(2, r.code());
        assertEquals("", r.out());
        assertEquals(1, r.err().lines().count(), r.err());
    }

    @Test
    @DisplayName("a spec that calls System.exit(0) while being checked is not a pass: exit 2, one line, empty stdout")
    void specCallingSystemExit(@TempDir Path dir) throws Exception {
        Path spec = dir.resolve("Quits.java");
        Files.writeString(spec, String.join("\n",
                "import java.util.List;",
                "import org.bonlab.claim.Claim;",
                "import org.bonlab.claim.Spec;",
                "public class Quits implements Spec {",
                "    public List<Claim> claims() {",
                "        System.exit(0);",
                "        return List.of();",
                "    }",
                "}", ""), StandardCharsets.UTF_8);
        Result r = bonlab(dir, "check", spec.toString());
        assertEquals(2, r.code(), r.err());
        assertEquals("", r.out());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("ended the process (System.exit)"), r.err());
    }

    @Test
    @DisplayName("JShell with 'bonlab classpath': the coin's best-of-2 KL in three lines")
    void jshell(@TempDir Path dir) throws Exception {
        java.io.StringWriter cp = new java.io.StringWriter();
        assertEquals(0, Bonlab.run(new String[] {"classpath"}, new java.io.PrintWriter(cp),
                new java.io.PrintWriter(new java.io.StringWriter())));
        String classPath = cp.toString().strip();
        assertTrue(!classPath.contains("*") && classPath.contains("dsl"), classPath);
        Path script = dir.resolve("kl.jsh");
        Files.writeString(script, String.join("\n",
                "import org.bonlab.Bon;",
                "import org.bonlab.policy.Policy;",
                "import org.bonlab.numeric.DoubleEvaluator;",
                "var coin = Policy.coin();",
                "System.out.println(new DoubleEvaluator().evaluate(Bon.kl(coin.bestOf(Bon.constant(2)), coin)));",
                "/exit", ""), StandardCharsets.UTF_8);
        Path jshell = Path.of(System.getProperty("java.home"), "bin", "jshell");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(jshell), "no jshell in this JDK");
        Path out = dir.resolve("out.txt");
        Process p = new ProcessBuilder(jshell.toString(), "--class-path", classPath, script.toString())
                .redirectOutput(out.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        boolean ended = p.waitFor(HANG_LIMIT_SECONDS, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly();
        }
        assertTrue(ended, "jshell did not exit");
        String text = Files.readString(out, StandardCharsets.UTF_8);
        assertTrue(text.contains("0.130812035941136"), text); // KL of best-of-2 on the coin (Example 1)
    }
}
