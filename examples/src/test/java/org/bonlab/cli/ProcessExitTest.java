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
        Result r = bonlab(dir, "reproduce", "--out", dir.resolve("figures").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("log(2) - h(2^(-n))"), r.out());
        assertTrue(r.out().contains("\\log 2 - h\\left(2^{-n}\\right)"), r.out());
        assertTrue(r.out().contains("limit as n -> inf:     log(2) = 0.69314718055994530"), r.out());
        assertTrue(r.out().contains("verdict:     FALSIFIED"), r.out());
        assertTrue(r.out().contains("counterexample n = 2"), r.out());
        assertTrue(r.out().contains("Example 1 in Kotlin"), r.out());
        assertTrue(r.out().contains("Theorem catalogue (seed 1"), r.out());
        assertTrue(!r.out().contains("FAIL "), r.out());
        // stderr carries only the searches' progress lines
        assertTrue(r.err().lines().allMatch(l -> l.startsWith("searching ")), r.err());
        assertTrue(Files.exists(dir.resolve("figures").resolve("figure3_right.png")));
    }

    @Test
    @DisplayName("bad input in a real process: exit 2, one line on stderr, empty stdout")
    void badInputExitsWithTwo(@TempDir Path dir) throws Exception {
        Result r = bonlab(dir, "eval", "--pmf", dir.resolve("missing.csv").toString(), "--n", "1");
        assertEquals(2, r.code());
        assertEquals("", r.out());
        assertEquals(1, r.err().lines().count(), r.err());
    }
}
