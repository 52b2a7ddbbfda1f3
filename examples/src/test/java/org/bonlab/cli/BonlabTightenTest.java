package org.bonlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BonlabTightenTest {

    /** Thm 1 on the coin, n = 1..50: the ratio sup KL/(log n - (n-1)/n) is attained at n = 3 (0.7324464080...). */
    private static final String COIN = "Bon.claim(Bon.kl(p.bestOf(Bon.n), p)).atMost(Bon.analyticalKl(Bon.n))"
            + ".forAll(p, new Family.Named(Policy.coin())).forAll(Bon.n, 1, 50).named(\"Thm 1 on the coin\")";

    @Test
    @DisplayName("tighten --csv: the header exactly, a ratio and a difference row per claim, certified upper ends")
    void csvRows(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("Coin.java");
        Files.writeString(f, BonlabCheckTest.spec("Coin", COIN));
        BonlabEvalTest.Run r = BonlabEvalTest.run("tighten", f.toString(), "--csv", "--evaluations", "400",
                "--certify-seconds", "30");
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().split("\n");
        assertEquals("claim,kind,lower,upper,witness", lines[0]);
        assertEquals(3, lines.length, r.out());
        // (log 2 - h(1/8)) / (log 3 - 2/3) = 0.73244640803987957737 (mpmath): rounded down at 10 digits (trailing zeros dropped)
        assertTrue(lines[1].startsWith("Thm 1 on the coin,ratio,0.732446408,0.73244641"), lines[1]);
        assertTrue(lines[1].endsWith("n = 3\""), lines[1]);
        assertTrue(lines[2].startsWith("Thm 1 on the coin,difference,0,0,"), lines[2]);
    }

    @Test
    @DisplayName("tighten --latex: a tabular of the ratios, the claim names typeset")
    void latexTable(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("Coin.java");
        Files.writeString(f, BonlabCheckTest.spec("Coin", COIN));
        BonlabEvalTest.Run r = BonlabEvalTest.run("tighten", f.toString(), "--latex", "--evaluations", "400",
                "--certify-seconds", "0");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("\\begin{tabular}{lll}"), r.out());
        assertTrue(r.out().contains("Thm 1 on the coin & $0.732446408$ & -- \\\\"), r.out());
        assertTrue(r.out().strip().endsWith("\\end{tabular}"), r.out());
    }

    @Test
    @DisplayName("tighten: bad options and an equality claim are one line on stderr, exit 2, nothing on stdout")
    void badInput(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("Coin.java");
        Files.writeString(f, BonlabCheckTest.spec("Coin", COIN));
        BonlabEvalTest.Run r = BonlabEvalTest.run("tighten", f.toString(), "--csv", "--latex");
        assertEquals(2, r.code());
        assertEquals("", r.out());
        assertTrue(r.err().contains("--csv and --latex must not be given together"), r.err());
        r = BonlabEvalTest.run("tighten", f.toString(), "--evaluations", "10");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--evaluations must be at least 100, but was 10"), r.err());
        Path eq = dir.resolve("Eq.java");
        Files.writeString(eq, BonlabCheckTest.spec("Eq", "Bon.claim(Bon.n).isEqualTo(Bon.n).forAll(Bon.n, 1, 5)"
                + ".named(\"n is n\")"));
        r = BonlabEvalTest.run("tighten", eq.toString());
        assertEquals(2, r.code());
        assertEquals("", r.out());
        assertTrue(r.err().contains("claim 'n is n'") && r.err().contains("must be an inequality"), r.err());
        assertEquals(1, r.err().strip().split("\n").length, r.err());
    }
}
