package org.bonlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bonlab.expr.Rational;
import org.bonlab.policy.Explicit;
import org.bonlab.policy.OutcomeNames;
import org.bonlab.policy.Reward;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fast reader of PMF files against the line reader: the same policy from the same text (names, exact
 * probabilities, rewards to the bit), and the line reader for whatever the fast one leaves.
 */
class PmfRowsTest {

    /** The line reader's policy of {@code text}, named test.csv. */
    private static Explicit lineReader(String text) {
        return PmfFile.readLines(Path.of("test.csv"),
                new java.io.ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static void assertSamePolicy(Explicit expected, Explicit actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.outcome(i), actual.outcome(i));
            assertEquals(expected.probability(i), actual.probability(i), "probability " + i);
            assertEquals(expected.probabilityAsDouble(i), actual.probabilityAsDouble(i), 0.0);
            assertEquals(Double.doubleToLongBits(expected.reward().value(i)),
                    Double.doubleToLongBits(actual.reward().value(i)), "reward " + i);
        }
        assertEquals(expected, actual);
        assertEquals(expected.hashCode(), actual.hashCode());
    }

    @Test
    @DisplayName("CRLF, blank lines, spaces, exponents, 18 digits, signs and -0: the fast reader reads what the line reader reads")
    void sameAsTheLineReader() {
        String text = "\n  outcome, probability ,reward\r\n"
                + "a,0.125,1\r\n"
                + "\r\n"
                + "  b , 1.25e-1 , -2.5e3 \r\n"
                + "c,0.123456789012345678,0.1\n"
                + "d,+0.5e-0,-0\n"
                + "e,.006543210987654322,123456789.123456789\n"
                + "f,5E-1,1e-300\n"
                + "g,0,0.30000000000000004";
        // probabilities here sum to 1.25 + ... > 1: the rows are compared, not made into a policy
        PmfRows.Rows rows = PmfRows.parse(ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII)));
        assertTrue(rows.complete());
        assertEquals(List.of("a", "b", "c", "d", "e", "f", "g"), List.copyOf(rows.names()));
        String[] probabilities = {"0.125", "1.25e-1", "0.123456789012345678", "0.5", ".006543210987654322", "0.5", "0"};
        String[] rewards = {"1", "-2.5e3", "0.1", "-0", "123456789.123456789", "1e-300", "0.30000000000000004"};
        for (int i = 0; i < probabilities.length; i++) {
            assertEquals(Rational.parse(probabilities[i]),
                    Rational.decimal(rows.unscaled()[i], rows.places()[i]), "probability " + i);
            assertEquals(Double.doubleToLongBits(Double.parseDouble(rewards[i])),
                    Double.doubleToLongBits(rows.rewards()[i]), "reward " + i);
        }
        // a valid file, both ways
        String pmf = "outcome,probability,reward\r\nx,0.25,3\n\ny, 0.749999999999999999e0 ,-1.5\nz,1e-18,2.25\n";
        Explicit fast = PmfRows.parse(ByteBuffer.wrap(pmf.getBytes(StandardCharsets.US_ASCII))).policy()
                .named("test.csv");
        assertSamePolicy(lineReader(pmf), fast);
        assertEquals(Rational.parse("0.749999999999999999"), fast.probability(1));
    }

    @Test
    @DisplayName("the fast reader leaves to the line reader: UTF-8 names, a BOM, 1/3, a lone CR, bad rows, no header; "
            + "a directory is refused by name")
    void leavesTheRestToTheLineReader(@TempDir Path dir) throws Exception {
        String[] others = {
            "outcome,probability,reward\nñ,0.5,0\nb,0.5,1\n",
            "\uFEFFoutcome,probability,reward\na,0.5,0\nb,0.5,1\n",
            "outcome,probability,reward\na,1/3,0\nb,2/3,1\n",
            "outcome,probability,reward\ra,0.5,0\nb,0.5,1\n",
            "outcome,probability,reward\na,0.5,0,7\nb,0.5,1\n",
            "outcome,probability,reward\na,-0.5,0\nb,1.5,1\n",
            "outcome,probability,reward\na,0.5,NaN\nb,0.5,1\n",
            "outcome,probability,reward\n,0.5,0\nb,0.5,1\n",
            "outcome,probability\na,0.5\nb,0.5\n",
            "",
        };
        for (String text : others) {
            assertFalse(PmfRows.parse(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8))).complete(), text);
        }
        // read all the same (those that are valid), through PmfFile
        Path utf8 = Files.writeString(dir.resolve("utf8.csv"), others[0]);
        assertEquals("ñ", PmfFile.read(utf8).outcome(0));
        Path thirds = Files.writeString(dir.resolve("thirds.csv"), others[2]);
        assertEquals(Rational.of(1, 3), PmfFile.read(thirds).probability(0));
        Path extra = Files.writeString(dir.resolve("extra.csv"), others[4]);
        BadInputException e = assertThrows(BadInputException.class, () -> PmfFile.read(extra));
        assertTrue(e.getMessage().contains("line 2 of"), e.getMessage());
        e = assertThrows(BadInputException.class, () -> PmfFile.read(dir));
        assertTrue(e.getMessage().endsWith("is a directory"), e.getMessage());
    }

    @Test
    @DisplayName("big files are read in chunks on every core and give the line reader's policy; duplicates are named")
    void chunksAndDuplicates(@TempDir Path dir) throws Exception {
        StringBuilder text = new StringBuilder("outcome,probability,reward\n");
        int rows = 300_000; // above one chunk of 4 MB: split at line ends
        for (int i = 0; i < rows; i++) {
            text.append("outcome").append(i).append(',').append(i == 0 ? "0.700001" : "0.000001").append(',')
                    .append((i * 7919) % 1000 / 8.0).append('\n');
        }
        assertTrue(text.length() > PmfRows.CHUNK_BYTES, "two chunks at least");
        Path file = Files.writeString(dir.resolve("big.csv"), text);
        Explicit fast = PmfFile.read(file);
        assertSamePolicy(lineReader(text.toString()), fast.named("test.csv"));

        Path twice = Files.writeString(dir.resolve("twice.csv"), text + "outcome5,0,1\n");
        BadInputException e = assertThrows(BadInputException.class, () -> PmfFile.read(twice));
        assertTrue(e.getMessage().contains("outcome names must be distinct, but 'outcome5' appears at positions 5 "
                + "and 300000"), e.getMessage());
    }

    @Test
    @DisplayName("Explicit.ofDecimals: the policy of the same rationals, validated like Explicit.of")
    void decimals() {
        OutcomeNames names = new OutcomeNames("abc".getBytes(StandardCharsets.US_ASCII), new int[] {1, 2, 3});
        Explicit d = Explicit.ofDecimals(names, new long[] {25, 5, 250}, new int[] {2, 1, 3}, Reward.of(0, 1, 2));
        Explicit r = Explicit.of(List.of("a", "b", "c"), List.of(Rational.of(1, 4), Rational.of(1, 2),
                Rational.of(1, 4)), Reward.of(0, 1, 2));
        assertSamePolicy(r, d);
        assertTrue(d.isExact());
        IllegalArgumentException sum = assertThrows(IllegalArgumentException.class, () -> Explicit.ofDecimals(names,
                new long[] {25, 5, 251}, new int[] {2, 1, 3}, Reward.of(0, 1, 2)));
        assertTrue(sum.getMessage().startsWith("probabilities must sum to 1"), sum.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Explicit.ofDecimals(names, new long[] {-25, 5, 250},
                new int[] {2, 1, 3}, Reward.of(0, 1, 2)));
        assertThrows(IllegalArgumentException.class, () -> new OutcomeNames(new byte[] {'a', (byte) 0xC3},
                new int[] {1, 2}));
    }
}
