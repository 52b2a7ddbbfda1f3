package org.bonlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BonlabBatchTest {

    @Test
    @DisplayName("batch: commands of a file in one process, quoted arguments, comments skipped, each output headed")
    void commandsInOneProcess(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("cmds.txt");
        Files.writeString(f, "# the coin, then uniform(3)\n\neval --policy coin --n 1,2 --columns kl\n"
                + "eval --policy 'uniform(L=3)' --n 2 --columns kl_analytic\n");
        BonlabEvalTest.Run r = BonlabEvalTest.run("batch", f.toString());
        assertEquals(0, r.code(), r.err());
        // coin,n=2 of the 60-digit reference table: 0.13081203594113695913
        assertEquals(List.of("# bonlab eval --policy coin --n 1,2 --columns kl", "n,kl", "1,0.0",
                "2,0.13081203594113697", "# bonlab eval --policy 'uniform(L=3)' --n 2 --columns kl_analytic",
                "n,kl_analytic", "2,0.1931471805599453"), r.out().lines().toList());
        assertTrue(r.err().contains("# bonlab eval --policy coin --n 1,2 --columns kl: exit 0, "), r.err());
    }

    @Test
    @DisplayName("batch: a failing command, an unclosed quote and a nested batch give the largest exit code, the rest runs")
    void failures(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("cmds.txt");
        Files.writeString(f, "eval --policy coin --n 0\neval --policy 'coin --n 1\nbatch other.txt\n"
                + "eval --policy coin --n 1 --columns kl\n");
        BonlabEvalTest.Run r = BonlabEvalTest.run("batch", f.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("line 2 must close its quote ', but does not"), r.err());
        assertTrue(r.err().contains("line 3 must not be another batch"), r.err());
        assertTrue(r.out().endsWith("n,kl\n1,0.0\n"), r.out());
        assertEquals(List.of("eval", "--policy", "uniform(L=3)", "--n", "a b"),
                BatchCommand.split("eval --policy \"uniform(L=3)\" --n 'a b'"));
    }
}
