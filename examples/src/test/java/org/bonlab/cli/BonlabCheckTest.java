package org.bonlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BonlabCheckTest {

    static String spec(String className, String claims) {
        return """
                import java.util.List;
                import org.bonlab.Bon;
                import org.bonlab.claim.Claim;
                import org.bonlab.claim.Expectation;
                import org.bonlab.claim.Family;
                import org.bonlab.claim.Range;
                import org.bonlab.claim.Spec;
                import org.bonlab.expr.Expr;
                import org.bonlab.policy.Policy;
                import org.bonlab.policy.PolicyVar;

                public class %s implements Spec {
                    @Override
                    public List<Claim> claims() {
                        PolicyVar p = Policy.variable("p");
                        return List.of(%s);
                    }
                }
                """.formatted(className, claims);
    }

    static final String THEOREM_1 = "Bon.claim(Bon.kl(p.bestOf(Bon.n), p)).atMost(Bon.analyticalKl(Bon.n))"
            + ".forAll(p, Family.simplex(8)).forAll(Bon.n, 1, 10000).named(\"Theorem 1\")";

    @Test
    @DisplayName("a spec written outside the project compiles, runs, and exits 0 when verdicts are as expected")
    void expectedVerdicts(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("Mine.java");
        Files.writeString(f, spec("Mine", THEOREM_1 + ".expecting(Expectation.NOT_FALSIFIED), "
                + "Bon.claim(Bon.kl(p.bestOf(Bon.n), p)).atMost(Bon.constant(0)).forAll(p, Family.simplex(8))"
                + ".forAll(Bon.n, 1, 100).named(\"KL is zero\").expecting(Expectation.FALSIFIED)"));
        BonlabEvalTest.Run r = BonlabEvalTest.run("check", f.toString(), "--evaluations", "500");
        assertEquals(0, r.code(), r.out() + r.err());
        // Theorem 1 over every policy on up to 8 outcomes: PROVED by data processing, which meets NOT_FALSIFIED
        assertTrue(r.out().contains("Theorem 1") && r.out().contains("PROVED") && r.out().contains("data processing"),
                r.out());
        assertTrue(r.out().contains("KL is zero") && r.out().contains("FALSIFIED"), r.out());
        assertTrue(r.out().contains("every claim got its expected verdict"), r.out());
    }

    @Test
    @DisplayName("PROVED from a spec: Thm 1 on uniform(10) for every n >= 1 (boxes of n), and Example 1 as an "
            + "identity (symbolic)")
    void provedFromASpec(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("Proofs.java");
        Files.writeString(f, spec("Proofs", "Bon.claim(Bon.kl(p.bestOf(Bon.n), p)).atMost(Bon.analyticalKl(Bon.n))"
                + ".forAll(p, new Family.Named(Policy.uniform(10))).forAll(Bon.n, 1, Range.INFINITY)"
                + ".named(\"Theorem 1, uniform(10), every n\").expecting(Expectation.PROVED), "
                + "Bon.claim(Bon.kl(p.bestOf(Bon.n), p)).isEqualTo(Bon.log(Bon.constant(2))"
                + ".minus(Expr.binaryEntropy(Bon.constant(2).pow(Bon.n.unaryMinus()))))"
                + ".forAll(p, new Family.Named(Policy.coin())).forAll(Bon.n, 1, Range.INFINITY)"
                + ".named(\"Example 1\").expecting(Expectation.PROVED)"));
        BonlabEvalTest.Run r = BonlabEvalTest.run("check", f.toString(), "--evaluations", "300");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("split into 43 boxes") && r.out().contains("the last [85, infinity]"), r.out());
        assertTrue(r.out().contains("exact symbolic identity"), r.out());
    }

    @Test
    @DisplayName("--budget-boxes: a certification over the simplex that runs out stays UNDECIDED with the fraction "
            + "certified and the boxes left open; a bad budget is refused with exit 2")
    void certificationBudget(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("Budget.java");
        // Theorem 1 with 0.99 before its bound: true on 3 outcomes up to n = 100 (KL/bound is at most about 0.95
        // there), and no argument takes it (Theorem 1 itself, or raised, is PROVED by the quantile coupling once the
        // boxes give up), so the budget decides
        Files.writeString(f, spec("Budget", "Bon.claim(Bon.kl(p.bestOf(Bon.n), p)).atMost(Bon.analyticalKl(Bon.n)"
                + ".times(0.99)).forAll(p, Family.simplex(3)).forAll(Bon.n, 1, 100)"
                + ".named(\"Theorem 1, 3 outcomes\")"
                + ".expecting(Expectation.NOT_FALSIFIED)"));
        BonlabEvalTest.Run r = BonlabEvalTest.run("check", f.toString(), "--evaluations", "200", "--budget-boxes",
                "20000", "--threads", "1");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("UNDECIDED") && r.out().contains("not certified: the budget of 20000 boxes ran "
                + "out after") && r.out().contains("% of the domain certified") && r.out().contains("boxes left open"),
                r.out());
        for (String[] bad : new String[][] {{"--budget-boxes", "0"}, {"--budget-seconds", "-5"}}) {
            BonlabEvalTest.Run b = BonlabEvalTest.run("check", f.toString(), bad[0], bad[1]);
            assertEquals(2, b.code(), b.err());
            assertTrue(b.out().isEmpty() && b.err().contains(bad[0] + " must be from 1 to ") && b.err().contains(
                    "but was " + bad[1]), b.err());
        }
    }

    @Test
    @DisplayName("exit 1 when a claim does not get its expected verdict")
    void unexpectedVerdict(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("Wrong.java");
        Files.writeString(f, spec("Wrong", THEOREM_1 + ".expecting(Expectation.FALSIFIED)"));
        BonlabEvalTest.Run r = BonlabEvalTest.run("check", f.toString(), "--evaluations", "300");
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("NOT MET"), r.out());
    }

    @Test
    @DisplayName("exit 2 with the compiler's message when the spec does not compile; exit 2 for a missing file")
    void badSpec(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("Broken.java");
        Files.writeString(f, spec("Broken", "Bon.nonsense(p)"));
        BonlabEvalTest.Run r = BonlabEvalTest.run("check", f.toString());
        assertEquals(2, r.code());
        assertEquals("", r.out());
        assertTrue(r.err().contains("does not compile") && r.err().contains("nonsense"), r.err());
        BonlabEvalTest.Run missing = BonlabEvalTest.run("check", dir.resolve("Nope.java").toString());
        assertEquals(2, missing.code());
        assertEquals(1, missing.err().lines().count(), missing.err());
    }

    @Test
    @DisplayName("a claim undefined at every point is a mistake in the spec: exit 2, the reason, nothing on stdout")
    void vacuousClaim(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("Vacuous.java");
        Files.writeString(f, spec("Vacuous", "Bon.claim(Bon.kl(p.bestOf(Bon.n), p).div(Bon.constant(0)))"
                + ".atMost(Bon.constant(1)).forAll(p, Family.simplex(4)).forAll(Bon.n, 1, 100)"
                + ".named(\"divided by zero\").expecting(Expectation.NOT_FALSIFIED)"));
        BonlabEvalTest.Run r = BonlabEvalTest.run("check", f.toString(), "--evaluations", "100");
        assertEquals(2, r.code(), r.out() + r.err());
        assertEquals("", r.out());
        assertTrue(r.err().contains("'divided by zero'") && r.err().contains("must be defined at some point")
                && r.err().contains("undefined at every one of the 80 points"), r.err());
        // the same over n alone (a named policy inside the expression): the grid checker says the same
        Files.writeString(f, spec("Vacuous", "Bon.claim(Bon.kl(Policy.coin().bestOf(Bon.n), Policy.coin())"
                + ".div(Bon.constant(0))).atMost(Bon.constant(1)).forAll(Bon.n, 1, 50).named(\"over n\")"));
        BonlabEvalTest.Run grid = BonlabEvalTest.run("check", f.toString(), "--evaluations", "100");
        assertEquals(2, grid.code(), grid.out() + grid.err());
        assertEquals("", grid.out());
        assertTrue(grid.err().contains("'over n'") && grid.err().contains("divides by zero"), grid.err());
    }

    @Test
    @DisplayName("a counterexample carries what reproduces it: probabilities, rewards (even ascending), n, seed, re-run line")
    void counterexampleIsReproducible(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("Guess.java");
        Files.writeString(f, spec("Guess", "Bon.claim(Bon.kl(p.bestOf(Bon.n), p)).atMost(Bon.log(Bon.n).div(2L))"
                + ".forAll(p, Family.simplex(6)).forAll(Bon.n, 2, 100000).named(\"guess\")"
                + ".expecting(Expectation.FALSIFIED)"));
        BonlabEvalTest.Run r = BonlabEvalTest.run("check", f.toString(), "--evaluations", "500", "--seed", "3");
        assertEquals(0, r.code(), r.out() + r.err());
        String row = r.out().lines().filter(l -> l.startsWith("guess")).findFirst().orElseThrow();
        assertTrue(row.contains("FALSIFIED") && row.contains("counterexample p = [") && row.contains("with rewards [")
                && row.contains("n = ") && row.contains("re-checked at 50 digits") && row.contains("seed 3")
                && row.contains("re-run: ./bonlab check " + f + " --seed 3 --evaluations 500"), row);
    }

    @Test
    @DisplayName("eval --spec: a spec's quantities are columns (squared Hellinger of the coin at n = 2 = 0.03407..., mpmath)")
    void userQuantitiesAsColumns() throws Exception {
        BonlabEvalTest.Run r = BonlabEvalTest.run("eval", "--policy", "coin", "--n", "1,2", "--spec",
                Path.of("specs", "UserQuantities.java").toString(), "--columns", "hellinger2,h2,log_density");
        assertEquals(0, r.code(), r.out() + r.err());
        String[] lines = r.out().split("\n");
        assertEquals("n,hellinger2,h2,log_density", lines[0]);
        String[] two = lines[2].split(",");
        // 80-digit mpmath: 0.0340741737109317132502568 (numeric/src/test/resources/reference/divergences.csv)
        assertEquals(0.0340741737109317132502568, Double.parseDouble(two[1]), 1e-15);
        assertEquals(0.0340741737109317132502568, Double.parseDouble(two[2]), 1e-15);
        // E_{pi_2}[log 2 + log F(y)] on the coin: pi_2 = (1/4, 3/4), F = (1/2, 1): log 2 + (1/4) log(1/2)
        assertEquals(Math.log(2) - 0.25 * Math.log(2), Double.parseDouble(two[3]), 1e-15);
        BonlabEvalTest.Run clash = BonlabEvalTest.run("eval", "--policy", "coin", "--n", "1", "--spec",
                "missing/Nope.java");
        assertEquals(2, clash.code());
        assertEquals("", clash.out());
    }

    @Test
    @DisplayName("examples/specs/UserQuantities.java: user-defined quantities get each verdict (PROVED, UNDECIDED, FALSIFIED)")
    void userQuantitiesSpec() throws Exception {
        Path spec = Path.of("specs", "UserQuantities.java");
        assertTrue(Files.isRegularFile(spec), spec.toAbsolutePath().toString());
        BonlabEvalTest.Run r = BonlabEvalTest.run("check", spec.toString(), "--evaluations", "600");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("H^2 below the continuous value, uniform(4)") && r.out().contains("PROVED"), r.out());
        assertTrue(r.out().contains("estimator <= log n - (n-1)/n") && r.out().contains("FALSIFIED"), r.out());
        assertTrue(r.out().contains("UNDECIDED"), r.out());
    }

    @Test
    @DisplayName("examples/specs/ProxyReward.java: claims over a family with a proxy and a true reward")
    void proxyRewardSpec() throws Exception {
        Path spec = Path.of("specs", "ProxyReward.java");
        BonlabEvalTest.Run r = BonlabEvalTest.run("check", spec.toString(), "--evaluations", "600");
        assertEquals(0, r.code(), r.out() + r.err());
        List<String> rows = r.out().lines().toList();
        assertTrue(rows.get(1).startsWith("regret <= Thm 5.2 bound") && rows.get(1).contains("UNDECIDED"), r.out());
        assertTrue(rows.get(2).startsWith("regret <= bound without proxy error") && rows.get(2).contains("FALSIFIED")
                && rows.get(2).contains("truth = ["), r.out());
    }

    static String rawSpec(String className, String body) {
        return """
                import java.util.List;
                import org.bonlab.Bon;
                import org.bonlab.claim.Claim;
                import org.bonlab.claim.Family;
                import org.bonlab.claim.Spec;
                import org.bonlab.expr.Expr;
                import org.bonlab.policy.Policy;
                import org.bonlab.policy.PolicyVar;

                public class %s implements Spec {
                    @Override
                    public List<Claim> claims() {
                        PolicyVar p = Policy.variable("p");
                        %s
                    }
                }
                """.formatted(className, body);
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        "throws|throw new IllegalStateException(\"my bug\");|claims() must return the claims, but it threw: my bug",
        "null|return null;|must return at least one claim, but returned null",
        "empty|return List.of();|must return at least one claim, but returned an empty list",
        "reversed range|return List.of(Bon.claim(Bon.n).atMost(Bon.n).forAll(Bon.n, 5, 1));|claims() must return the claims, but it threw",
        "n from 0|return List.of(Bon.claim(Bon.kl(Policy.coin().bestOf(Bon.n), Policy.coin())).atMost(Bon.n).forAll(Bon.n, 0, 3));|cannot be checked",
        "no forAll|return List.of(Bon.claim(Bon.constant(1)).atMost(Bon.constant(2)).named(\"bare\"));|must range over n",
        "unbound policy variable|return List.of(Bon.claim(Bon.kl(p.bestOf(Bon.n), p)).atMost(Bon.n).forAll(Bon.n, 1, 3).named(\"unbound\"));|claim 'unbound'",
        "NaN constant|return List.of(Bon.claim(Expr.constant(Double.NaN)).atMost(Bon.n).forAll(Bon.n, 1, 3).named(\"nan\"));|constant must be finite, but was NaN",
        "probabilities not summing to 1|return List.of(Bon.claim(Bon.kl(Policy.probabilities(0.5, 0.6).bestOf(Bon.n), Policy.coin())).atMost(Bon.n).forAll(Bon.n, 1, 3));|sum to 1"})
    @DisplayName("a mistake in a spec is one line on stderr, exit 2, nothing on stdout, no stack trace")
    void specMistakes(String what, String body, String expected, @TempDir Path dir) throws Exception {
        Path f = dir.resolve("Mistake.java");
        Files.writeString(f, rawSpec("Mistake", body));
        BonlabEvalTest.Run r = BonlabEvalTest.run("check", f.toString(), "--evaluations", "50");
        assertEquals(2, r.code(), what + ": " + r.out() + r.err());
        assertEquals("", r.out(), what);
        assertTrue(r.err().contains(expected), what + ": " + r.err());
        assertTrue(!r.err().contains("\tat ") && !r.err().contains("Exception:"), what + ": " + r.err());
    }

    @Test
    @DisplayName("a spec that never finishes is stopped by --timeout (default 600 s): exit 2")
    void specTimeout(@TempDir Path dir) throws Exception {
        assertEquals(600, CheckCommand.DEFAULT_TIMEOUT_SECONDS);
        Path f = dir.resolve("Loop.java");
        Files.writeString(f, rawSpec("Loop", "while (true) { Thread.onSpinWait(); }"));
        BonlabEvalTest.Run r = BonlabEvalTest.run("check", f.toString(), "--timeout", "2");
        assertEquals(2, r.code(), r.out() + r.err());
        assertEquals("", r.out());
        assertTrue(r.err().contains("must finish within --timeout 2 s"), r.err());
    }

    @Test
    @DisplayName("help: every command answers --help and -h with its options and an example; --version; bonlab help")
    void help() {
        for (String[] args : new String[][] {{"--help"}, {"help"}, {"eval", "--help"}, {"eval", "-h"},
                {"derive", "--help"}, {"check", "--help"}, {"reproduce", "--help"}, {"classpath", "--help"},
                {"tighten", "--help"}, {"verify", "--help"}, {"estimate", "--help"}, {"frontier", "--help"},
                {"batch", "--help"}, {"help", "eval"}}) {
            BonlabEvalTest.Run r = BonlabEvalTest.run(args);
            assertEquals(0, r.code(), String.join(" ", args) + ": " + r.err());
            assertTrue(r.out().startsWith("Usage: bonlab"), String.join(" ", args) + ": " + r.out());
            assertEquals("", r.err(), String.join(" ", args));
        }
        assertTrue(BonlabEvalTest.run("eval", "--help").out().contains("kl_bound_lemma2    Lemma 2 (Eq. 23)"));
        for (String c : new String[] {"check", "tighten", "verify", "estimate", "frontier", "batch"}) {
            assertTrue(BonlabEvalTest.run(c, "--help").out().contains("Example:"), c);
        }
        BonlabEvalTest.Run v = BonlabEvalTest.run("--version");
        assertEquals(0, v.code());
        assertEquals("bonlab 0.1.0", v.out().strip());
    }

    @Test
    @DisplayName("--format csv|json: one record per claim with the verdict, the counterexample's fields and the seed")
    void machineReadable(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("Two.java");
        Files.writeString(f, spec("Two", THEOREM_1 + ".expecting(Expectation.NOT_FALSIFIED), "
                + "Bon.claim(Bon.kl(p.bestOf(Bon.n), p)).atMost(Bon.log(Bon.n).div(2L)).forAll(p, Family.simplex(4))"
                + ".forAll(Bon.n, 2, 1000).named(\"half, log\").expecting(Expectation.FALSIFIED)"));
        BonlabEvalTest.Run csv = BonlabEvalTest.run("check", f.toString(), "--evaluations", "300", "--format", "csv");
        assertEquals(0, csv.code(), csv.err());
        List<String> lines = csv.out().lines().toList();
        assertEquals("claim,verdict,expected,met,evaluations,seconds,counterexample,lhs,rhs,seed,evidence", lines.get(0));
        assertEquals(3, lines.size(), csv.out());
        assertTrue(lines.get(2).startsWith("\"half, log\",FALSIFIED,FALSIFIED,true,") && lines.get(2).contains(",1,\""),
                lines.get(2));
        BonlabEvalTest.Run json = BonlabEvalTest.run("check", f.toString(), "--evaluations", "300", "--format", "json");
        assertEquals(0, json.code(), json.err());
        assertTrue(json.out().startsWith("[\n  {\"claim\": \"Theorem 1\", \"verdict\": \"PROVED\"")
                && json.out().contains("\"claim\": \"half, log\", \"verdict\": \"FALSIFIED\"")
                && json.out().contains("\"seed\": 1") && json.out().strip().endsWith("]"), json.out());
        BonlabEvalTest.Run bad = BonlabEvalTest.run("check", f.toString(), "--format", "xml");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--format must be table, csv or json, but was 'xml'"), bad.err());
    }

    @Test
    @DisplayName("outputs are checked before any work: reproduce --out /dev/null or a file, derive --tex in a missing folder")
    void outputsCheckedFirst(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("taken"), "x");
        for (String[] args : new String[][] {{"reproduce", "--out", "/dev/null"}, {"reproduce", "--out", file.toString()},
                {"derive", "--policy", "coin", "--quantity", "kl", "--tex", dir.resolve("no/such/x.tex").toString()},
                {"derive", "--policy", "coin", "--quantity", "kl", "--tex", dir.toString()}}) {
            long t0 = System.nanoTime();
            BonlabEvalTest.Run r = BonlabEvalTest.run(args);
            assertEquals(2, r.code(), String.join(" ", args) + ": " + r.err());
            assertEquals("", r.out());
            assertEquals(1, r.err().lines().count(), r.err());
            assertTrue((System.nanoTime() - t0) / 1e9 < 5, "refused only after working: " + String.join(" ", args));
        }
    }

    @Test
    @DisplayName("eval --undefined TEXT fills undefined cells (reason on stderr); -0.0 is printed as 0.0")
    void undefinedCellsAndNegativeZero(@TempDir Path dir) throws Exception {
        Path pmf = Files.writeString(dir.resolve("p.csv"), "outcome,probability,reward\na,0.5,0\nb,0.5,1\nc,0,2\n");
        BonlabEvalTest.Run r = BonlabEvalTest.run("eval", "--pmf", pmf.toString(), "--n", "1,2", "--columns",
                "kl,gap_lower_cor3", "--undefined", "NA");
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of("n,kl,gap_lower_cor3", "1,0.0,NA", "2,0.13081203594113697,NA"), r.out().lines().toList());
        assertTrue(r.err().contains("gap_lower_cor3 at n = 1 is undefined"), r.err());
        assertEquals("0.0", EvalCommand.number(-0.0));
        BonlabEvalTest.Run bad = BonlabEvalTest.run("eval", "--policy", "coin", "--n", "1", "--undefined", "a,b");
        assertEquals(2, bad.code());
        assertEquals("", bad.out());
    }

    @Test
    @DisplayName("resource limits are refused with the limit and the reason: eval --samples 10^9, derive uniform(L=10^6)")
    void resourceLimits() {
        BonlabEvalTest.Run samples = BonlabEvalTest.run("eval", "--policy", "coin", "--n", "2", "--samples", "1000000000");
        assertEquals(2, samples.code());
        assertEquals("", samples.out());
        assertTrue(samples.err().contains("--samples must be at most 50000000"), samples.err());
        BonlabEvalTest.Run derive = BonlabEvalTest.run("derive", "--policy", "uniform(L=1000000)", "--quantity", "kl");
        assertEquals(2, derive.code());
        assertEquals("", derive.out());
        assertTrue(derive.err().contains("uniform(L) is derived for L up to 5000"), derive.err());
    }

    @Test
    @DisplayName("eval --progress: one line per n on stderr with the time left; stdout is the CSV alone")
    void progress() {
        BonlabEvalTest.Run r = BonlabEvalTest.run("eval", "--policy", "geometric(L=60, r=0.5)", "--n", "1,2,3",
                "--precision", "high", "--columns", "kl", "--progress");
        assertEquals(0, r.code(), r.err());
        assertEquals(4, r.out().lines().count(), r.out());
        assertEquals(3, r.err().lines().filter(l -> l.startsWith("bonlab eval: n = ") && l.contains("left")).count(),
                r.err());
    }
}
