package org.bonlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BonlabFrontierTest {

    @Test
    @DisplayName("frontier on the coin: the header exactly, best-of-2 at KL 0.1308, reward 3/4, win 5/8; deficits 0; "
            + "a figure")
    void coin(@TempDir Path dir) throws Exception {
        Path deficits = dir.resolve("d.csv");
        Path fig = dir.resolve("f.png");
        BonlabEvalTest.Run r = BonlabEvalTest.run("frontier", "--policy", "coin", "--n", "1,2,8",
                "--methods", "bon,tilted,rewind,poisson,bonbon", "--deficits", deficits.toString(), "--figure",
                fig.toString());
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals("method,parameter,kl,expected_reward,win_rate", lines.get(0));
        // coin,n=2 of the 60-digit reference table
        String[] bon2 = lines.get(2).split(",");
        assertEquals(List.of("bon", "2"), List.of(bon2[0], bon2[1]));
        assertEquals(0.13081203594113695913, Double.parseDouble(bon2[2]), 1e-15);
        assertEquals(0.75, Double.parseDouble(bon2[3]), 1e-15);
        assertEquals(0.625, Double.parseDouble(bon2[4]), 1e-15);
        assertEquals(3 + 26 + 10 + 9 + 21, lines.size() - 1, r.out()); // n, beta, t, mu and c grids
        // rewind-and-repeat on the coin at t = 1/2 keeps the top outcome: KL log 2, reward 1, win rate 3/4
        String half = lines.stream().filter(l -> l.startsWith("rewind,0.5,")).findFirst().orElseThrow();
        String[] rewind = half.split(",");
        assertEquals(Math.log(2), Double.parseDouble(rewind[2]), 1e-15);
        assertEquals(1.0, Double.parseDouble(rewind[3]), 1e-15);
        assertEquals(0.75, Double.parseDouble(rewind[4]), 1e-15);
        List<String> d = Files.readAllLines(deficits);
        assertEquals("n,kl,reward_deficit,beta,win_rate_deficit,c", d.get(0));
        for (String row : d.subList(1, d.size())) {
            String[] f = row.split(",", -1);
            assertTrue(Math.abs(Double.parseDouble(f[2])) < 1e-9 && Math.abs(Double.parseDouble(f[4])) < 1e-9, row);
        }
        assertTrue(Files.size(fig) > 10_000);
        assertTrue(r.err().contains("largest reward deficit"), r.err());
    }

    @Test
    @DisplayName("frontier: an unknown method, a repeated one or a bad n is one line on stderr, exit 2, nothing on stdout")
    void badInput() {
        for (String[] args : List.of(new String[] {"--methods", "bon,rewinds"}, new String[] {"--methods", "bon,bon"},
                new String[] {"--n", "0"}, new String[] {"--soft-n", "0"})) {
            String[] all = new String[args.length + 3];
            all[0] = "frontier";
            all[1] = "--policy";
            all[2] = "coin";
            System.arraycopy(args, 0, all, 3, args.length);
            BonlabEvalTest.Run r = BonlabEvalTest.run(all);
            assertEquals(2, r.code(), String.join(" ", all));
            assertEquals("", r.out());
            assertEquals(1, r.err().strip().split("\n").length, r.err());
        }
    }
}
