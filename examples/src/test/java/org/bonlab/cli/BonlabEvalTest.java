package org.bonlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BonlabEvalTest {

    /** What a command line printed, and its exit code. */
    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Bonlab.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @TempDir
    Path dir;

    Path file(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    Path coin() throws IOException {
        return file("coin.csv", "outcome,probability,reward\ntails,0.5,0\nheads,0.5,1\n");
    }

    @Test
    @DisplayName("Example 1: bonlab eval on the coin matches the 60-digit reference to 1e-12 relative")
    void coinMatchesReference() throws IOException {
        List<String> ref;
        try (InputStream in = getClass().getResourceAsStream("/reference/bon_reference_public.csv")) {
            ref = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().skip(1)
                    .filter(l -> l.startsWith("coin,")).toList();
        }
        StringBuilder ns = new StringBuilder();
        for (String line : ref) {
            ns.append(ns.length() == 0 ? "" : ",").append(line.split(",")[1]);
        }
        Run r = run("eval", "--pmf", coin().toString(), "--n", ns.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals("n,kl,kl_analytic,win_strict,win_half", lines.get(0));
        assertEquals(ref.size() + 1, lines.size());
        String[] refHeader = "case,n,kl,kl_analytic,kl_hat_mean,kl_hat1_mean,win_strict,win_half,gap".split(",");
        for (int i = 0; i < ref.size(); i++) {
            String[] expected = ref.get(i).split(",");
            String[] actual = lines.get(i + 1).split(",");
            assertEquals(expected[1], actual[0]);
            int[] refColumn = {2, 3, 6, 7};
            for (int c = 0; c < 4; c++) {
                double e = new BigDecimal(expected[refColumn[c]]).doubleValue();
                double a = Double.parseDouble(actual[c + 1]);
                double tol = Math.abs(e) < 1e-3 ? 1e-15 : 1e-12 * Math.abs(e);
                assertTrue(Math.abs(a - e) <= tol,
                        "n=" + expected[1] + " " + refHeader[refColumn[c]] + ": expected " + e + " got " + a);
            }
        }
    }

    /** The --policy spec of each reference case. */
    static final Map<String, String> SPECS = Map.ofEntries(
            Map.entry("coin", "coin"),
            Map.entry("uniform10", "uniform(L=10)"), Map.entry("uniform100", "uniform(L=100)"),
            Map.entry("uniform1000", "uniform(L=1000)"), Map.entry("uniform10000", "uniform(L=10000)"),
            Map.entry("fig3left", "spike(L=5, tops=[1e-4])"),
            Map.entry("fig3right", "spike(L=200, tops=[1e-5,1e-3,1e-1])"),
            Map.entry("near_degenerate", "spike(L=2, tops=[1e-15])"),
            Map.entry("tiny_top", "spike(L=3, tops=[1e-300])"),
            Map.entry("spike1000_top1e-15", "spike(L=1000, tops=[1e-15])"),
            Map.entry("geometric60_half", "geometric(L=60, r=0.5)"),
            Map.entry("zipf1000_s1.1", "zipf(L=1000, s=1.1)"),
            Map.entry("zipf1000_s1.1_common", "zipf(L=1000, s=1.1, best=common)"));

    static final String ALL_REFERENCE_COLUMNS =
            "kl,kl_analytic,kl_hat_mean,kl_hat1_mean,win_strict,win_half,gap_bound_thm2";

    static List<String> referenceLines(String resource) throws IOException {
        try (InputStream in = BonlabEvalTest.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    @Test
    @DisplayName("bonlab eval --policy reproduces every reference column for every family case, to 1e-12 relative")
    void everyReferenceCaseThroughTheCommandLine() throws IOException {
        for (String resource : List.of("/reference/bon_reference_public.csv", "/reference/bon_reference_harsh.csv")) {
            List<String> lines = referenceLines(resource);
            Map<String, List<String[]>> byCase = new java.util.LinkedHashMap<>();
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split(",");
                if (SPECS.containsKey(f[0])) {
                    byCase.computeIfAbsent(f[0], k -> new java.util.ArrayList<>()).add(f);
                }
            }
            for (var entry : byCase.entrySet()) {
                StringBuilder ns = new StringBuilder();
                for (String[] f : entry.getValue()) {
                    ns.append(ns.length() == 0 ? "" : ",").append(f[1]);
                }
                Run r = run("eval", "--policy", SPECS.get(entry.getKey()), "--n", ns.toString(), "--columns",
                        ALL_REFERENCE_COLUMNS);
                assertEquals(0, r.code(), r.err());
                List<String> out = r.out().lines().toList();
                for (int i = 0; i < entry.getValue().size(); i++) {
                    String[] expected = entry.getValue().get(i);
                    String[] actual = out.get(i + 1).split(",");
                    for (int c = 0; c < 7; c++) {
                        double e = new BigDecimal(expected[c + 2]).doubleValue();
                        double a = Double.parseDouble(actual[c + 1]);
                        double tol = Math.abs(e) < 1e-3 ? 1e-15 : 1e-12 * Math.abs(e);
                        assertTrue(Math.abs(a - e) <= tol, entry.getKey() + " n=" + expected[1] + " column " + c
                                + ": expected " + e + " got " + a);
                    }
                }
            }
        }
    }

    @Test
    @DisplayName("--precision high prints 50 digits that agree with the 60-digit reference to its 20 printed digits")
    void highPrecision() {
        Run r = run("eval", "--policy", "spike(L=200, tops=[1e-5,1e-3,1e-1])", "--n", "1000", "--precision", "high",
                "--columns", "kl");
        assertEquals(0, r.code(), r.err());
        String kl = r.out().lines().toList().get(1).split(",")[1];
        // Reference fig3right,n=1000: 4.5701992096846741146 (20 digits printed)
        assertTrue(kl.startsWith("4.570199209684674114"), kl);
        assertTrue(kl.length() >= 50, kl);
    }

    @Test
    @DisplayName("--soft evaluates soft best-of-n; --samples adds seeded, reproducible Monte Carlo columns")
    void softAndSamples() {
        Run soft = run("eval", "--policy", "coin", "--n", "1,4", "--soft", "0.5", "--columns", "kl");
        assertEquals(0, soft.code(), soft.err());
        assertEquals("1,0.0", soft.out().lines().toList().get(1));
        Run a = run("eval", "--policy", "uniform(L=100)", "--n", "50", "--columns", "kl", "--samples", "500", "--seed",
                "3");
        Run b = run("eval", "--policy", "uniform(L=100)", "--n", "50", "--columns", "kl", "--samples", "500", "--seed",
                "3");
        assertEquals(0, a.code(), a.err());
        assertEquals(a.out(), b.out());
        assertTrue(a.out().lines().toList().get(0).endsWith("mc_kl_hat1_q95,mc_seed"));
        // uniform: eps = 1/L always, so the estimator has no variance
        String[] f = a.out().lines().toList().get(1).split(",");
        assertEquals(0.0, Double.parseDouble(f[3]), 1e-12);
    }

    @Test
    @DisplayName("a quantity undefined at a point prints 'undefined' and the reason on stderr, never NaN")
    void undefinedQuantity() throws IOException {
        // the top outcome has probability 0: Thm 3's bound needs eps_inf > 0
        Path p = file("topless.csv", "outcome,probability,reward\na,1,0\nb,0,1\n");
        Run r = run("eval", "--pmf", p.toString(), "--n", "2", "--columns", "kl,gap_lower_thm3");
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of("n,kl,gap_lower_thm3", "2,0.0,undefined"), r.out().lines().toList());
        assertTrue(r.err().contains("gap_lower_thm3 at n = 2 is undefined") && r.err().contains("probability 0"),
                r.err());
        assertTrue(!r.out().contains("NaN") && !r.out().contains("Infinity"));
    }

    @Test
    void chosenColumnsInOrder() throws IOException {
        Run r = run("eval", "--pmf", coin().toString(), "--n", "2,1e6", "--columns", "win_half,kl");
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of("n,win_half,kl", "2,0.625,0.13081203594113697", "1000000,0.75,0.6931471805599453"),
                r.out().lines().toList());
    }

    @Test
    @DisplayName("ties in reward: a tie is not a win for win_strict and half a win for win_half")
    void tiedRewards() throws IOException {
        Path p = file("tied.csv", "outcome,probability,reward\na,0.5,1\nb,0.5,1\n");
        Run r = run("eval", "--pmf", p.toString(), "--n", "3", "--columns", "win_strict,win_half,kl");
        assertEquals(0, r.code(), r.err());
        // Every comparison is a tie: strict 0, half 1/2; the tie-break (row order) makes pi_3 = (1/8, 7/8).
        String[] f = r.out().lines().toList().get(1).split(",");
        assertEquals(0.0, Double.parseDouble(f[1]));
        assertEquals(0.5, Double.parseDouble(f[2]));
        double kl = 0.125 * Math.log(0.25) + 0.875 * Math.log(1.75);
        assertEquals(kl, Double.parseDouble(f[3]), 1e-15);
    }

    @Nested
    @DisplayName("bad input: one line on stderr naming the problem and the value, exit 2, nothing on stdout")
    class BadInput {

        void assertRejected(Run r, String... mentions) {
            assertEquals(2, r.code(), r.err());
            assertEquals("", r.out());
            assertEquals(1, r.err().lines().count(), r.err());
            for (String m : mentions) {
                assertTrue(r.err().contains(m), () -> "'" + r.err().strip() + "' should mention '" + m + "'");
            }
        }

        @Test
        void missingFile() {
            assertRejected(run("eval", "--pmf", dir.resolve("nope.csv").toString(), "--n", "1"), "nope.csv",
                    "must exist");
        }

        @Test
        void unreadableFile() throws IOException {
            // a directory is named as one; a file that is not UTF-8 text is unreadable
            assertRejected(run("eval", "--pmf", dir.toString(), "--n", "1"), "must be a file", "is a directory");
            Path binary = Files.write(dir.resolve("binary.csv"), new byte[] {'o', 'u', 't', (byte) 0xC3, (byte) 0x28});
            assertRejected(run("eval", "--pmf", binary.toString(), "--n", "1"), "must be readable UTF-8 text");
        }

        @Test
        void malformedNumber() throws IOException {
            Path p = file("bad.csv", "outcome,probability,reward\na,0.5,0\nb,0.x5,1\n");
            assertRejected(run("eval", "--pmf", p.toString(), "--n", "1"), "'b'", "0.x5", "line 3");
        }

        @Test
        void negativeProbability() throws IOException {
            Path p = file("neg.csv", "outcome,probability,reward\na,1.5,0\nb,-0.5,1\n");
            assertRejected(run("eval", "--pmf", p.toString(), "--n", "1"), "non-negative", "-0.5");
        }

        @Test
        void nanProbability() throws IOException {
            Path p = file("nan.csv", "outcome,probability,reward\na,NaN,0\nb,0.5,1\n");
            assertRejected(run("eval", "--pmf", p.toString(), "--n", "1"), "probability of outcome 'a'", "NaN");
        }

        @Test
        void probabilitiesNotSummingToOne() throws IOException {
            Path p = file("sum.csv", "outcome,probability,reward\na,0.5,0\nb,0.47,1\n");
            assertRejected(run("eval", "--pmf", p.toString(), "--n", "1"), "sum to 1 within 1.0E-12", "0.97");
        }

        @Test
        void nanReward() throws IOException {
            Path p = file("nanr.csv", "outcome,probability,reward\na,0.5,NaN\nb,0.5,1\n");
            assertRejected(run("eval", "--pmf", p.toString(), "--n", "1"), "reward of outcome 'a'", "NaN");
        }

        @Test
        void duplicateOutcome() throws IOException {
            Path p = file("dup.csv", "outcome,probability,reward\na,0.5,0\na,0.5,1\n");
            assertRejected(run("eval", "--pmf", p.toString(), "--n", "1"), "distinct", "'a'");
        }

        @Test
        void nBelowOne() throws IOException {
            assertRejected(run("eval", "--pmf", coin().toString(), "--n", "1,0"), "--n", "0");
        }

        @Test
        void nNotAnInteger() throws IOException {
            assertRejected(run("eval", "--pmf", coin().toString(), "--n", "2.5"), "--n", "2.5");
        }

        @Test
        void nNotANumber() throws IOException {
            assertRejected(run("eval", "--pmf", coin().toString(), "--n", "ten"), "--n", "ten");
        }

        @Test
        void unknownColumn() throws IOException {
            assertRejected(run("eval", "--pmf", coin().toString(), "--n", "1", "--columns", "kl,klx"), "--columns",
                    "klx");
        }

        @Test
        void wrongHeader() throws IOException {
            Path p = file("hdr.csv", "name,p,r\na,1,0\n");
            assertRejected(run("eval", "--pmf", p.toString(), "--n", "1"), "header", "name,p,r");
        }

        @Test
        void unknownOption() throws IOException {
            assertRejected(run("eval", "--pmf", coin().toString(), "--n", "1", "--bogus"), "--bogus");
        }

        @Test
        void missingRequiredOption() {
            assertRejected(run("eval", "--n", "1"), "--pmf");
        }

        @Test
        void unknownFamily() {
            assertRejected(run("eval", "--policy", "gaussian(L=3)", "--n", "1"), "--policy", "gaussian");
        }

        @Test
        void malformedFamilyArgument() {
            assertRejected(run("eval", "--policy", "uniform(L=ten)", "--n", "1"), "--policy", "ten");
        }

        @Test
        void spikeTopsTooLarge() {
            assertRejected(run("eval", "--policy", "spike(L=3, tops=[0.7,0.5])", "--n", "1"), "--policy", "sum");
        }

        @Test
        void bothSources() throws IOException {
            assertRejected(run("eval", "--pmf", coin().toString(), "--policy", "coin", "--n", "1"), "mutually");
        }

        @Test
        void badPrecision() {
            assertRejected(run("eval", "--policy", "coin", "--n", "1", "--precision", "quad"), "--precision", "quad");
        }

        @Test
        void badSoft() {
            assertRejected(run("eval", "--policy", "coin", "--n", "1", "--soft", "-1"), "--soft", "-1");
        }

        @Test
        void tooFewSamples() {
            assertRejected(run("eval", "--policy", "coin", "--n", "1", "--samples", "1"), "--samples", "1");
        }
    }

    @Test
    @DisplayName("reproduce: bad --formats, --dpi and --sections are refused before any work, exit 2, nothing on stdout")
    void reproduceFormatsAndDpi(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        Run bad = run("reproduce", "--out", dir.toString(), "--formats", "png,gif");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--formats must list png, svg or pdf") && bad.out().isEmpty(), bad.err());
        Run dpi = run("reproduce", "--out", dir.toString(), "--dpi", "10");
        assertEquals(2, dpi.code());
        assertTrue(dpi.err().contains("--dpi must be from 72 to 600, but was 10"), dpi.err());
        Run sections = run("reproduce", "--out", dir.toString(), "--sections", "figures,tables");
        assertEquals(2, sections.code());
        assertTrue(sections.err().contains("--sections must list example1, kotlin, figures, tradeoffs, catalogue or all"
                + ", separated by commas, but has 'tables'") && sections.out().isEmpty(), sections.err());
    }

    @Test
    @DisplayName("the limit on n of high precision (2^63 - 1) is checked before any work and named with the reason")
    void highPrecisionLimitOnN() {
        Run r = run("eval", "--policy", "coin", "--n", "1,1e19", "--precision", "high");
        assertEquals(2, r.code());
        assertTrue(r.out().isEmpty(), r.out());
        assertTrue(r.err().contains("--n with --precision high must be at most 2^63 - 1") && r.err().contains("1e19")
                || r.err().contains("10000000000000000000"), r.err());
        Run d = run("eval", "--policy", "coin", "--n", "1e19", "--columns", "kl");
        assertEquals(0, d.code(), d.err());
    }
}
