package org.bonlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bonlab.Bon;
import org.bonlab.claim.Family;
import org.bonlab.policy.Policy;
import org.bonlab.policy.PolicyVar;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** check --certificate writes certificates; verify confirms them and rejects edited ones. */
class BonlabVerifyTest {

    private static final String CLAIMS = "Bon.claim(Bon.kl(p.bestOf(Bon.n), p)).atMost(Bon.analyticalKl(Bon.n))"
            + ".forAll(p, new Family.Named(Policy.coin())).forAll(Bon.n, 1, Range.INFINITY).named(\"coin\"), "
            + "Bon.claim(Bon.kl(p.bestOf(Bon.n), p)).atMost(Bon.analyticalKl(Bon.n))"
            + ".forAll(p, new Family.Bernoulli()).forAll(Bon.n, 1, 20).named(\"bernoulli\")";

    private static Path[] certify(Path dir) throws Exception {
        Path spec = dir.resolve("Proofs.java");
        Files.writeString(spec, BonlabCheckTest.spec("Proofs", CLAIMS));
        Path certs = dir.resolve("certs");
        var before = org.bonlab.numeric.interval.SimplexCertifier.budget();
        BonlabEvalTest.Run r = BonlabEvalTest.run("check", spec.toString(), "--evaluations", "200", "--certificate",
                certs.toString(), "--threads", "1", "--budget-boxes", "1000000");
        assertEquals(0, r.code(), r.err());
        // the run's threads and budget were its own: the process is left as it was
        assertEquals(before, org.bonlab.numeric.interval.SimplexCertifier.budget());
        assertTrue(r.err().contains("certificate of 'coin'") && r.err().contains("certificate of 'bernoulli'"), r.err());
        return new Path[] {certs.resolve("01-coin.cert"), certs.resolve("02-bernoulli.cert")};
    }

    @Test
    @DisplayName("certificates of Thm 1 on the coin (every n) and on bernoulli(p) are CONFIRMED in exact arithmetic")
    void confirmed(@TempDir Path dir) throws Exception {
        for (Path cert : certify(dir)) {
            assertTrue(Files.readString(cert).startsWith("bonlab-certificate 1\nclaim "), cert.toString());
            BonlabEvalTest.Run v = BonlabEvalTest.run("verify", cert.toString());
            assertEquals(0, v.code(), v.out() + v.err());
            assertTrue(v.out().startsWith("CONFIRMED ") && v.out().contains("exact rational arithmetic"), v.out());
        }
    }

    @Test
    @DisplayName("Cor 2 over every policy on up to 12 outcomes, every n, PROVED by the gap-bound argument: its "
            + "certificate (5 pieces of n) is CONFIRMED, and REJECTED with the run from n = 5 on started at n = 4")
    void gapBoundArgument(@TempDir Path dir) throws Exception {
        Path spec = dir.resolve("GapBound.java");
        Files.writeString(spec, BonlabCheckTest.spec("GapBound", "Bon.claim(Bon.analyticalKl(Bon.n).minus(Bon.kl("
                + "p.bestOf(Bon.n), p))).atMost(Bon.bound(org.bonlab.expr.Quantity.BoundKind.COR2_GAP_UPPER, p, "
                + "Bon.n)).forAll(p, new Family.Simplex(1, 12, Family.Rewards.TIED)).forAll(Bon.n, 1, "
                + "Range.INFINITY).named(\"Cor 2, every n\")"));
        Path certs = dir.resolve("certs");
        BonlabEvalTest.Run r = BonlabEvalTest.run("check", spec.toString(), "--evaluations", "200", "--certificate",
                certs.toString(), "--threads", "1");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("certificate of 'Cor 2, every n'") && r.err().contains("(5 pieces)"), r.err());
        Path cert = certs.resolve("01-cor-2-every-n.cert");
        assertTrue(Files.readString(cert).contains("\nkind GAP_BOUND\npieces 5\n0 1.0 1.0 0.0\n"), cert.toString());
        BonlabEvalTest.Run v = BonlabEvalTest.run("verify", cert.toString());
        assertEquals(0, v.code(), v.out() + v.err());
        assertTrue(v.out().startsWith("CONFIRMED ") && v.out().contains("gap-bound argument"), v.out());
        // the run settled by integers moved to start at n = 4, where 2n^2 = 32 < 36 = 12(n - 1)
        Files.writeString(cert, Files.readString(cert).replace("\n0 5.0 inf 0.0\n", "\n0 4.0 inf 0.0\n"));
        BonlabEvalTest.Run w = BonlabEvalTest.run("verify", cert.toString());
        assertEquals(1, w.code(), w.out() + w.err());
        assertTrue(w.out().startsWith("REJECTED ") && w.out().contains("piece 5 (n in [4, infinity]) is not settled"),
                w.out());
    }

    @Test
    @DisplayName("Cor 2 with its sharp constant on 40 outcomes, every n: PROVED by the quantile cells, a certificate "
            + "naming the argument over one piece, CONFIRMED by running the lemma again; the same file with the "
            + "constant lowered below (log 2 - 1/2)/4 in its spec REJECTED")
    void quantileCellsArgument(@TempDir Path dir) throws Exception {
        Path spec = dir.resolve("Sharp.java");
        String claim = "Bon.claim(Bon.analyticalKl(Bon.n).minus(Bon.kl(p.bestOf(Bon.n), p))).atMost(Bon.bound("
                + "org.bonlab.expr.Quantity.BoundKind.COR2_GAP_UPPER, p, Bon.n).times(org.bonlab.expr.Expr.constant("
                + "org.bonlab.expr.Rational.parse(\"0.0483\")))).forAll(p, new Family.Simplex(1, 40, "
                + "Family.Rewards.TIED)).forAll(Bon.n, 1, Range.INFINITY).named(\"Cor 2 sharp\")";
        Files.writeString(spec, BonlabCheckTest.spec("Sharp", claim));
        Path certs = dir.resolve("certs");
        BonlabEvalTest.Run r = BonlabEvalTest.run("check", spec.toString(), "--evaluations", "200", "--certificate",
                certs.toString(), "--threads", "1");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("by the quantile cells") && r.err().contains("(the argument quantile-cells, whose "
                + "lemma a re-check runs again, over 1 piece)"), r.out() + r.err());
        Path cert = certs.resolve("01-cor-2-sharp.cert");
        assertTrue(Files.readString(cert).contains("\nkind GAP_BOUND\nargument quantile-cells\npieces 1\n0 1.0 inf 0.0\n"),
                Files.readString(cert));
        BonlabEvalTest.Run v = BonlabEvalTest.run("verify", cert.toString());
        assertEquals(0, v.code(), v.out() + v.err());
        assertTrue(v.out().startsWith("CONFIRMED ") && v.out().contains("exact rational arithmetic"), v.out());
        // the spec the certificate carries, with the constant lowered: the claim is false near a point mass at n = 2
        Files.writeString(cert, Files.readString(cert).replace("0.0483", "0.0482").replace("483/10000", "241/5000"));
        BonlabEvalTest.Run w = BonlabEvalTest.run("verify", cert.toString());
        assertEquals(1, w.code(), w.out() + w.err());
        assertTrue(w.out().startsWith("REJECTED ") && w.out().contains("below (log 2 - 1/2)/4"), w.out());
    }

    @Test
    @DisplayName("Thm 1 and Lemma 2 over every policy on up to 12 outcomes, PROVED by arguments with no numeric step: "
            + "certificates of kind ARGUMENT naming them, CONFIRMED; another argument's name or an unknown one REJECTED")
    void argumentWithNoNumericStep(@TempDir Path dir) throws Exception {
        Path spec = dir.resolve("Arguments.java");
        Files.writeString(spec, BonlabCheckTest.spec("Arguments", "Bon.claim(Bon.kl(p.bestOf(Bon.n), p)).atMost("
                + "Bon.analyticalKl(Bon.n)).forAll(p, new Family.Simplex(1, 12, Family.Rewards.TIED)).forAll(Bon.n, 1, "
                + "Range.INFINITY).named(\"Thm 1, 12 outcomes\"), Bon.claim(Bon.kl(p.bestOf(Bon.n), p)).atMost("
                + "Bon.bound(org.bonlab.expr.Quantity.BoundKind.LEMMA2_KL_UPPER, p, Bon.n)).forAll(p, new Family.Simplex(1, 12, Family.Rewards.ARBITRARY))"
                + ".forAll(Bon.n, 1, 1000).named(\"Lemma 2, 12 outcomes\")"));
        Path certs = dir.resolve("certs");
        BonlabEvalTest.Run r = BonlabEvalTest.run("check", spec.toString(), "--evaluations", "200", "--certificate",
                certs.toString(), "--threads", "1");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("certificate of 'Thm 1, 12 outcomes'") && r.err().contains("(the argument "
                + "quantile-coupling, with no numeric step)") && r.err().contains("(the argument lemma-2, with no "
                + "numeric step)"), r.err());
        Path thm1 = certs.resolve("01-thm-1-12-outcomes.cert");
        assertTrue(Files.readString(thm1).contains("\nkind ARGUMENT\nargument quantile-coupling\npieces 0\n"),
                Files.readString(thm1));
        for (Path cert : new Path[] {thm1, certs.resolve("02-lemma-2-12-outcomes.cert")}) {
            BonlabEvalTest.Run v = BonlabEvalTest.run("verify", cert.toString());
            assertEquals(0, v.code(), v.out() + v.err());
            assertTrue(v.out().startsWith("CONFIRMED ") && v.out().contains("what is re-checked is the form"), v.out());
        }
        // the Thm 1 certificate naming Lemma 2's argument: the claim is not of that form
        Files.writeString(thm1, Files.readString(thm1).replace("argument quantile-coupling", "argument lemma-2"));
        BonlabEvalTest.Run w = BonlabEvalTest.run("verify", thm1.toString());
        assertEquals(1, w.code(), w.out() + w.err());
        assertTrue(w.out().startsWith("REJECTED ") && w.out().contains("names the argument 'lemma-2', but the claim "
                + "has the form the argument 'quantile-coupling' takes"), w.out());
        // pieces under an argument: malformed, exit 2
        Files.writeString(thm1, Files.readString(thm1).replace("pieces 0\n", "pieces 1\n0 1.0 1.0 0.0\n"));
        BonlabEvalTest.Run m = BonlabEvalTest.run("verify", thm1.toString());
        assertEquals(2, m.code(), m.out() + m.err());
        assertTrue(m.err().contains("a certificate of kind ARGUMENT has 0 pieces, but this one has 1"), m.err());
    }

    @Test
    @DisplayName("a claim weaker than the quantile coupling's bound (KL <= log n for every n): the argument's name and "
            + "the pieces of n for the rest; CONFIRMED, and REJECTED with a piece removed or another argument named")
    void weakeningThroughTheCoupling(@TempDir Path dir) throws Exception {
        Path spec = dir.resolve("Weaker.java");
        Files.writeString(spec, BonlabCheckTest.spec("Weaker", "Bon.claim(Bon.kl(p.bestOf(Bon.n), p)).atMost("
                + "Bon.log(Bon.n)).forAll(p, new Family.Simplex(1, 12, Family.Rewards.TIED)).forAll(Bon.n, 1, "
                + "Range.INFINITY).named(\"KL <= log n\")"));
        Path certs = dir.resolve("certs");
        BonlabEvalTest.Run r = BonlabEvalTest.run("check", spec.toString(), "--evaluations", "200", "--certificate",
                certs.toString(), "--threads", "1");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("PROVED") && r.out().contains("by transitivity through log(n) - (n - 1)/n"),
                r.out());
        assertTrue(r.err().contains("(the bound of the argument quantile-coupling, then "), r.err());
        Path cert = certs.resolve("01-kl-log-n.cert");
        String text = Files.readString(cert);
        assertTrue(text.contains("\nargument quantile-coupling\n") && text.contains("\nkind N_BOXES\n"), text);
        BonlabEvalTest.Run v = BonlabEvalTest.run("verify", cert.toString());
        assertEquals(0, v.code(), v.out() + v.err());
        assertTrue(v.out().startsWith("CONFIRMED "), v.out());
        // another argument named: Lemma 2's bound is not what the claim's small side is bounded by
        Files.writeString(cert, text.replace("argument quantile-coupling", "argument lemma-2"));
        BonlabEvalTest.Run w = BonlabEvalTest.run("verify", cert.toString());
        assertEquals(1, w.code(), w.out() + w.err());
        assertTrue(w.out().startsWith("REJECTED "), w.out());
        // the first piece of n removed: n = 1 is no longer covered
        String[] lines = text.split("\n", -1);
        int at = java.util.Arrays.asList(lines).indexOf(java.util.Arrays.stream(lines).filter(l -> l.startsWith(
                "pieces ")).findFirst().orElseThrow());
        int count = Integer.parseInt(lines[at].substring("pieces ".length()));
        StringBuilder cut = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            if (i == at) {
                cut.append("pieces ").append(count - 1).append('\n');
            } else if (i != at + 1) {
                cut.append(lines[i]).append(i < lines.length - 1 ? "\n" : "");
            }
        }
        Files.writeString(cert, cut.toString());
        BonlabEvalTest.Run x = BonlabEvalTest.run("verify", cert.toString());
        assertEquals(1, x.code(), x.out() + x.err());
        assertTrue(x.out().startsWith("REJECTED ") && x.out().contains("n = 1"), x.out());
    }

    @Test
    @DisplayName("claims over two integer ranges (n and m) have certificates, a part per m: CONFIRMED, and REJECTED "
            + "with one piece of one part removed")
    void severalIntegerRanges(@TempDir Path dir) throws Exception {
        Path spec = dir.resolve("TwoRanges.java");
        Files.writeString(spec, BonlabCheckTest.spec("TwoRanges", "Bon.claim(Bon.kl(p.bestOf(Bon.n), p)).atMost("
                + "Bon.kl(p.bestOf(Bon.n.plus(Bon.symbol(\"m\"))), p)).forAll(p, new Family.Named(Policy.coin()))"
                + ".forAll(Bon.n, 1, 30).forAll(Bon.symbol(\"m\"), 1, 3).named(\"KL grows with n\"), "
                + "Bon.claim(Bon.kl(p.bestOf(Bon.n), p)).atMost(Bon.analyticalKl(Bon.n).plus(Bon.symbol(\"m\")"
                + ".div(org.bonlab.expr.Expr.constant(100)))).forAll(p, new Family.Bernoulli()).forAll(Bon.n, 1, 10)"
                + ".forAll(Bon.symbol(\"m\"), 0, 2).named(\"Thm 1 loosened by m/100\")"));
        Path certs = dir.resolve("certs");
        BonlabEvalTest.Run r = BonlabEvalTest.run("check", spec.toString(), "--evaluations", "200", "--certificate",
                certs.toString(), "--threads", "1");
        assertEquals(0, r.code(), r.out() + r.err());
        Path grows = certs.resolve("01-kl-grows-with-n.cert");
        // 30 n times 3 m, one piece each; the first: m = 1, n = 1, KL(pi_2 || coin) - 0 = log 2 - h(1/4)
        assertTrue(r.err().contains("(90 pieces)"), r.err());
        assertTrue(Files.readString(grows).contains("\nkind N_BOXES\npieces 90\n0 1.0 1.0 0.1308120359411"),
                Files.readString(grows));
        for (Path cert : new Path[] {grows, certs.resolve("02-thm-1-loosened-by-m-100.cert")}) {
            BonlabEvalTest.Run v = BonlabEvalTest.run("verify", cert.toString());
            assertEquals(0, v.code(), v.out() + v.err());
            assertTrue(v.out().startsWith("CONFIRMED "), v.out());
        }
        // the piece of m = 2 (part 1) at n = 7 removed
        String text = Files.readString(grows);
        Files.writeString(grows, text.replace("\n1 7.0 7.0 ", "\nX").replaceAll("\nX[^\n]*", "")
                .replace("pieces 90", "pieces 89"));
        BonlabEvalTest.Run w = BonlabEvalTest.run("verify", grows.toString());
        assertEquals(1, w.code(), w.out() + w.err());
        assertTrue(w.out().contains("the pieces do not cover the domain: m = 2, no piece covers n = 7"), w.out());
    }

    @Test
    @DisplayName("an edited certificate is REJECTED: a piece removed (not covered), a claim made false (margin)")
    void rejected(@TempDir Path dir) throws Exception {
        Path[] certs = certify(dir);
        // 1. remove the second piece of the bernoulli certificate (n = 2, p in [0, 1/8]) and fix the count
        List<String> lines = new ArrayList<>(Files.readAllLines(certs[1]));
        int at = lines.indexOf(lines.stream().filter(l -> l.startsWith("pieces ")).findFirst().orElseThrow());
        int count = Integer.parseInt(lines.get(at).substring("pieces ".length()));
        lines.set(at, "pieces " + (count - 1));
        lines.remove(at + 2);
        Path gap = dir.resolve("gap.cert");
        Files.write(gap, lines);
        BonlabEvalTest.Run v = BonlabEvalTest.run("verify", gap.toString());
        assertEquals(1, v.code(), v.out() + v.err());
        assertTrue(v.out().startsWith("REJECTED bernoulli: the pieces do not cover the domain"), v.out());
        // 2. the coin's claim halved in the spec source and in the recorded statement, consistently: the covering
        //    no longer proves it (KL/(log n - (n-1)/n) is 0.73 at n = 3)
        PolicyVar p = Policy.variable("p");
        String halved = Bon.claim(Bon.kl(p.bestOf(Bon.n), p)).atMost(Bon.analyticalKl(Bon.n).div(2L))
                .forAll(p, new Family.Named(Policy.coin())).forAll(Bon.n, 1, org.bonlab.claim.Range.INFINITY)
                .statement();
        String text = Files.readString(certs[0]).replace(
                "atMost(Bon.analyticalKl(Bon.n)).forAll(p, new Family.Named(Policy.coin()))",
                "atMost(Bon.analyticalKl(Bon.n).div(2L)).forAll(p, new Family.Named(Policy.coin()))")
                .replaceFirst("\nstatement [^\n]*\n", "\nstatement " + java.util.regex.Matcher.quoteReplacement(halved)
                        + "\n");
        Path forged = dir.resolve("forged.cert");
        Files.writeString(forged, text);
        v = BonlabEvalTest.run("verify", forged.toString());
        assertEquals(1, v.code(), v.out() + v.err());
        assertTrue(v.out().startsWith("REJECTED coin: the margin on piece") && v.out().contains("is not confirmed"),
                v.out());
        // 3. the spec source edited without the statement: the claim is not the one certified
        Files.writeString(forged, Files.readString(certs[0]).replace("Bon.n, 1, Range.INFINITY", "Bon.n, 2, "
                + "Range.INFINITY"));
        v = BonlabEvalTest.run("verify", forged.toString());
        assertEquals(1, v.code());
        assertTrue(v.out().contains("but the certificate records"), v.out());
    }

    @Test
    @DisplayName("verify: a malformed certificate or a missing file is one line on stderr, exit 2, nothing on stdout")
    void malformed(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.cert");
        Files.writeString(bad, "bonlab-certificate 1\nclaim x\nstatement y\nkind SIMPLEX\npieces 1\n0 1.0 nope 0.5\n");
        BonlabEvalTest.Run v = BonlabEvalTest.run("verify", bad.toString());
        assertEquals(2, v.code());
        assertEquals("", v.out());
        assertTrue(v.err().contains("line 6: 'nope' must be a finite number or inf"), v.err());
        v = BonlabEvalTest.run("verify", dir.resolve("missing.cert").toString());
        assertEquals(2, v.code());
        assertTrue(v.err().contains("CERT must be an existing file, but") && v.err().contains("is missing"), v.err());
        Path file = dir.resolve("afile");
        Files.writeString(file, "x");
        Path spec = dir.resolve("Proofs.java");
        Files.writeString(spec, BonlabCheckTest.spec("Proofs", CLAIMS));
        v = BonlabEvalTest.run("check", spec.toString(), "--certificate", file.toString());
        assertEquals(2, v.code());
        assertTrue(v.err().contains("--certificate must be a folder, but"), v.err());
    }
}
