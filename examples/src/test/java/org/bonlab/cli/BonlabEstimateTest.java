package org.bonlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bonlab estimate on the shipped log, in both formats, and its refusals. */
class BonlabEstimateTest {

    /** The shipped example: 200 prompts of 16 responses, rewards 1..5 (many ties), a 0/1 gold reward. */
    static final Path EXAMPLE = Path.of("data/logged-samples.csv");

    @Test
    @DisplayName("the shipped log: the header exactly; at n = 1 the mean reward and gold, win rate 1/2, kl_hat 0; "
            + "win_rate empty at n = 16 (needs 17 responses)")
    void shippedExample(@TempDir Path dir) throws Exception {
        BonlabEvalTest.Run r = BonlabEvalTest.run("estimate", "--samples", EXAMPLE.toString());
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().split("\n");
        assertEquals(EstimateCommand.HEADER, lines[0]);
        assertEquals(6, lines.length, r.out()); // n = 1, 2, 4, 8, 16
        // n = 1: best-of-1 is a response of the reference policy: the mean over prompts of each prompt's mean
        Map<String, double[]> sums = new LinkedHashMap<>();
        for (String l : Files.readAllLines(EXAMPLE).subList(1, 3201)) {
            String[] f = l.split(",");
            double[] s = sums.computeIfAbsent(f[0], k -> new double[3]);
            s[0] += Double.parseDouble(f[2]);
            s[1] += Double.parseDouble(f[3]);
            s[2]++;
        }
        double reward = sums.values().stream().mapToDouble(s -> s[0] / s[2]).average().orElseThrow();
        double gold = sums.values().stream().mapToDouble(s -> s[1] / s[2]).average().orElseThrow();
        String[] n1 = lines[1].split(",", -1);
        assertEquals("1", n1[0]);
        assertEquals(reward, Double.parseDouble(n1[1]), 1e-12);
        assertEquals(gold, Double.parseDouble(n1[4]), 1e-12);
        assertEquals(List.of("0.5", "0.5", "0.5"), List.of(n1[7], n1[8], n1[9])); // exactly 1/2 at n = 1
        assertEquals(List.of("0.0", "0.0", "0.0", "0.0"), List.of(n1[10], n1[11], n1[12], n1[13]));
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split(",", -1);
            int n = Integer.parseInt(f[0]);
            assertEquals(Math.log(n) - (n - 1.0) / n, Double.parseDouble(f[13]), 1e-15);
            for (int c : new int[] {1, 4, 10}) { // each estimate inside its interval
                assertTrue(Double.parseDouble(f[c + 1]) <= Double.parseDouble(f[c])
                        && Double.parseDouble(f[c]) <= Double.parseDouble(f[c + 2]), lines[i]);
            }
            if (n > 1) {
                assertTrue(Double.parseDouble(f[10]) < Double.parseDouble(f[13]), "kl_hat below the bound: " + lines[i]);
            }
        }
        String[] n16 = lines[5].split(",", -1);
        assertEquals(List.of("", "", ""), List.of(n16[7], n16[8], n16[9]));
        assertTrue(r.err().contains("win_rate at n = 16 is left empty"), r.err());
        // the same log as JSON Lines, rows of the prompts interleaved (reversed): the same output
        List<String> csv = Files.readAllLines(EXAMPLE);
        List<String> json = new ArrayList<>();
        for (int i = csv.size() - 1; i >= 1; i--) {
            String[] f = csv.get(i).split(",");
            json.add(String.format(Locale.ROOT, "{\"prompt\": \"%s\", \"logprob\": %s, \"reward\": %s, "
                    + "\"gold_reward\": %s}", f[0], f[1], f[2], f[3]));
        }
        // reversing changes the first appearance order of prompts only, which the estimates do not depend on
        // except through the bootstrap's resamples: compare the point estimates
        Path jsonl = dir.resolve("log.jsonl");
        Files.write(jsonl, json);
        BonlabEvalTest.Run j = BonlabEvalTest.run("estimate", "--samples", jsonl.toString());
        assertEquals(0, j.code(), j.err());
        String[] jl = j.out().split("\n");
        for (int i = 1; i < lines.length; i++) {
            String[] a = lines[i].split(",", -1);
            String[] b = jl[i].split(",", -1);
            for (int c : new int[] {1, 4, 7, 10}) {
                if (!a[c].isEmpty()) {
                    assertEquals(Double.parseDouble(a[c]), Double.parseDouble(b[c]), 1e-12, "n = " + a[0]);
                }
            }
        }
    }

    @Test
    @DisplayName("the README's worked example is the command's output, as shown")
    void readmeExample() throws Exception {
        String readme = Files.readString(Path.of("../README.md"));
        String command = "$ ./bonlab estimate --samples examples/data/logged-samples.csv --n 1,4,16\n";
        int at = readme.indexOf(command);
        assertTrue(at > 0, "the README shows the command");
        String shown = readme.substring(at + command.length(), readme.indexOf("```", at));
        BonlabEvalTest.Run r = BonlabEvalTest.run("estimate", "--samples", EXAMPLE.toString(), "--n", "1,4,16");
        assertEquals(shown, r.out());
    }

    @Test
    @DisplayName("--per-prompt and --figure write their files; a seed gives the same intervals again")
    void perPromptAndFigure(@TempDir Path dir) throws Exception {
        Path pp = dir.resolve("pp.csv");
        Path fig = dir.resolve("fig.png");
        BonlabEvalTest.Run r = BonlabEvalTest.run("estimate", "--samples", EXAMPLE.toString(), "--n", "1,4",
                "--per-prompt", pp.toString(), "--figure", fig.toString(), "--seed", "3", "--bootstrap", "500");
        assertEquals(0, r.code(), r.err());
        List<String> rows = Files.readAllLines(pp);
        assertEquals("prompt,n,reward,gold_reward,win_rate,kl_hat", rows.get(0));
        assertEquals(1 + 200 * 2, rows.size());
        assertTrue(rows.get(1).startsWith("\"q001\",1,"), rows.get(1));
        assertTrue(Files.size(fig) > 10_000);
        BonlabEvalTest.Run again = BonlabEvalTest.run("estimate", "--samples", EXAMPLE.toString(), "--n", "1,4",
                "--seed", "3", "--bootstrap", "500");
        assertEquals(r.out(), again.out());
    }

    private static void assertRefused(Path dir, String content, String message, String... more) throws Exception {
        Path f = dir.resolve(content.startsWith("{") ? "bad.jsonl" : "bad.csv");
        Files.writeString(f, content);
        List<String> args = new ArrayList<>(List.of("estimate", "--samples", f.toString()));
        args.addAll(List.of(more));
        BonlabEvalTest.Run r = BonlabEvalTest.run(args.toArray(String[]::new));
        assertEquals(2, r.code(), r.out() + r.err());
        assertEquals("", r.out());
        assertEquals(1, r.err().strip().split("\n").length, r.err());
        assertTrue(r.err().contains(message), r.err());
    }

    @Test
    @DisplayName("bad logs: missing or extra columns, non-finite values, logprob > 0, one response, n too large, "
            + "bad JSON: one line on stderr, exit 2, nothing on stdout")
    void badInput(@TempDir Path dir) throws Exception {
        String ok = "q1,-1,1\nq1,-2,2\nq2,-1,3\nq2,-0.5,1\n";
        assertRefused(dir, "prompt,logprob\nq1,-1\n", "lacks 'reward'");
        assertRefused(dir, "prompt,logprob,reward,extra\nq1,-1,1,0\n", "must have only the fields prompt, logprob, "
                + "reward and gold_reward, but has 'extra'");
        assertRefused(dir, "prompt,logprob,reward\nq1,-1,NaN\nq1,-1,1\n", "line 2: reward must be finite, but was NaN");
        assertRefused(dir, "prompt,logprob,reward\nq1,-1,1\nq1,-1,Infinity\n", "reward must be finite, but was "
                + "infinite");
        assertRefused(dir, "prompt,logprob,reward\nq1,0.5,1\nq1,-1,1\n", "line 2: logprob must be at most 0");
        assertRefused(dir, "prompt,logprob,reward\n" + ok + "q3,-1,1\n", "prompt 'q3' must have at least 2 responses");
        assertRefused(dir, "prompt,logprob,reward\nq1,-1,1\nq1,-2,x\n", "line 3: reward must be a number, but was 'x'");
        assertRefused(dir, "prompt,logprob,reward\n" + ok, "--n must be from 1 to the smallest number of responses of "
                + "any prompt, 2 (prompts 'q1', 'q2'), but has 3", "--n", "1,3");
        assertRefused(dir, "prompt,logprob,reward\nq1,-1,1\nq1,-2,2\n", "must hold at least 2 prompts");
        assertRefused(dir, "prompt,logprob,reward\n", "must hold at least one row");
        assertRefused(dir, "{\"prompt\": \"a\", \"logprob\": -1, \"reward\": 1}\n{\"prompt\": \"a\", \"logprob\": -1",
                "line 2: not valid JSON");
        assertRefused(dir, "{\"prompt\": \"a\", \"logprob\": -1, \"reward\": 1, \"gold_reward\": 1}\n"
                + "{\"prompt\": \"a\", \"logprob\": -1, \"reward\": 1}\n", "gold_reward must be on every line or on none");
        assertRefused(dir, "{\"prompt\": \"a\", \"logprob\": -1}\n", "line 1 must have the fields prompt, logprob, "
                + "reward (and optionally gold_reward), but lacks 'reward'");
        assertRefused(dir, "prompt,logprob,reward\n" + ok, "--bootstrap must be from 100", "--bootstrap", "5");
        // interleaved prompts and quoted prompts with commas are accepted
        Path f = dir.resolve("fine.csv");
        Files.writeString(f, "reward,prompt,logprob\n1,\"a, b\",-1\n3,q2,-1\n2,\"a, b\",-2\n1,q2,-0.5\n");
        BonlabEvalTest.Run r = BonlabEvalTest.run("estimate", "--samples", f.toString(), "--n", "1,2");
        assertEquals(0, r.code(), r.err());
        // n = 2: each prompt's best of its two responses: 2 and 3, mean 2.5
        assertTrue(r.out().split("\n")[2].startsWith("2,2.5,"), r.out());
    }
}
