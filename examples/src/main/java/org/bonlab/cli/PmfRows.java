package org.bonlab.cli;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.bonlab.expr.Rational;
import org.bonlab.policy.Explicit;
import org.bonlab.policy.OutcomeNames;
import org.bonlab.policy.Reward;

/**
 * The fast reader of {@link PmfFile}: well-formed ASCII rows {@code outcome,probability,reward} read straight from
 * the file's bytes (mapped, not copied: copying 40 MB into a fresh array cost 0.3 s), in parallel chunks split at line ends, without a string or an object per row: the names go into
 * one byte array ({@link OutcomeNames}), the probabilities into an unscaled long and a number of places each
 * ({@link Explicit#ofDecimals}). It takes only what the line reader takes and reads it to the same values: the same
 * header rule, fields stripped of the same white space, probabilities as plain decimals read exactly
 * ({@link Rational.DecimalReader}, the reader of {@link Rational#parse(CharSequence)}), rewards by the same reader,
 * correctly rounded ({@link Rational#nearestDouble}; other text by {@link Double#parseDouble}). Anything else (a
 * malformed row, a probability such as 1/3, a byte above 127, a CR not followed by LF, no header) leaves the file to
 * the line reader, which reads it or says what is wrong and where.
 */
final class PmfRows {

    /** Bytes per chunk below which one thread reads the whole file. */
    static final int CHUNK_BYTES = 1 << 22;

    /** The largest file mapped (a buffer's index is an int); larger files go to the line reader. */
    static final long MAX_MAPPED = Integer.MAX_VALUE - 8;

    private PmfRows() {
    }

    /** What was read: complete (every row taken) or not (then the line reader takes the file). */
    record Rows(boolean complete, OutcomeNames names, long[] unscaled, int[] places, double[] rewards) {
        static final Rows INCOMPLETE = new Rows(false, new OutcomeNames(new byte[0], new int[0]), new long[0],
                new int[0], new double[0]);

        /** The policy of these rows. */
        Explicit policy() {
            return Explicit.ofDecimals(names, unscaled, places, Reward.of(rewards));
        }
    }

    static Rows parse(ByteBuffer data) {
        // the header: the first line that is not blank
        int start = 0;
        int headerEnd = -1;
        while (start < data.limit()) {
            int end = lineEnd(data, start);
            if (end == ANOMALY) {
                return Rows.INCOMPLETE;
            }
            if (!blank(data, start, end)) {
                headerEnd = end;
                break;
            }
            start = end + 1;
        }
        if (headerEnd < 0) {
            return Rows.INCOMPLETE;
        }
        String header = string(data, start, headerEnd);
        if (!header.strip().replace(" ", "").equals(PmfFile.HEADER)) {
            return Rows.INCOMPLETE;
        }
        int from = Math.min(headerEnd + 1, data.limit());
        int chunks = (int) Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(),
                (data.limit() - from) / (long) CHUNK_BYTES));
        int[] cuts = new int[chunks + 1];
        cuts[0] = from;
        for (int c = 1; c < chunks; c++) {
            int at = Math.max(cuts[c - 1], from + (int) ((long) (data.limit() - from) * c / chunks));
            int end = lineEnd(data, at);
            if (end == ANOMALY) {
                return Rows.INCOMPLETE;
            }
            cuts[c] = Math.min(data.limit(), end + 1);
        }
        cuts[chunks] = data.limit();
        List<Chunk> read = IntStream.range(0, chunks).parallel()
                .mapToObj(c -> Chunk.read(data, cuts[c], cuts[c + 1])).toList();
        int total = 0;
        int bytes = 0;
        for (Chunk c : read) {
            if (!c.complete) {
                return Rows.INCOMPLETE;
            }
            total += c.count;
            bytes += c.nameBytes;
        }
        byte[] ascii = new byte[bytes];
        int[] ends = new int[total];
        long[] unscaled = new long[total];
        int[] places = new int[total];
        double[] rewards = new double[total];
        int at = 0;
        int offset = 0;
        for (Chunk c : read) {
            System.arraycopy(c.ascii, 0, ascii, offset, c.nameBytes);
            for (int i = 0; i < c.count; i++) {
                ends[at + i] = c.ends[i] + offset;
            }
            System.arraycopy(c.unscaled, 0, unscaled, at, c.count);
            System.arraycopy(c.places, 0, places, at, c.count);
            System.arraycopy(c.rewards, 0, rewards, at, c.count);
            at += c.count;
            offset += c.nameBytes;
        }
        return new Rows(true, OutcomeNames.of(ascii, bytes, ends, total), unscaled, places, rewards);
    }

    /** The rows of data[from, to), which starts at a line's start and ends at a line's end. */
    private static final class Chunk {
        byte[] ascii = new byte[1 << 14];
        int nameBytes;
        int[] ends = new int[1024];
        long[] unscaled = new long[1024];
        int[] places = new int[1024];
        double[] rewards = new double[1024];
        int count;
        boolean complete;

        static Chunk read(ByteBuffer data, int from, int to) {
            Chunk c = new Chunk();
            c.complete = c.readRows(data, from, to);
            return c;
        }

        private boolean readRows(ByteBuffer data, int from, int to) {
            Ascii view = new Ascii(data);
            Rational.DecimalReader decimals = new Rational.DecimalReader();
            int start = from;
            while (start < to) {
                int end = lineEnd(data, start);
                if (end == ANOMALY) {
                    return false;
                }
                end = Math.min(end, to);
                if (!blank(data, start, end)) {
                    int first = indexOf(data, start, end, (byte) ',');
                    int second = first < 0 ? -1 : indexOf(data, first + 1, end, (byte) ',');
                    if (second < 0 || indexOf(data, second + 1, end, (byte) ',') >= 0) {
                        return false; // not three fields
                    }
                    int[] name = strip(data, start, first);
                    int[] probability = strip(data, first + 1, second);
                    int[] reward = strip(data, second + 1, end);
                    if (name[0] == name[1] || probability[0] == probability[1] || reward[0] == reward[1]) {
                        return false;
                    }
                    if (!decimals.read(view.of(probability[0], probability[1])) || decimals.unscaled() < 0) {
                        return false; // 1/3, a negative or malformed probability: the line reader's
                    }
                    long u = decimals.unscaled();
                    int k = decimals.places();
                    double r = reward(view, decimals, reward[0], reward[1]); // the reader moves on to the reward
                    if (!Double.isFinite(r)) {
                        return false;
                    }
                    if (count == ends.length) {
                        ends = Arrays.copyOf(ends, 2 * count);
                        unscaled = Arrays.copyOf(unscaled, 2 * count);
                        places = Arrays.copyOf(places, 2 * count);
                        rewards = Arrays.copyOf(rewards, 2 * count);
                    }
                    int length = name[1] - name[0];
                    if (nameBytes + length > ascii.length) {
                        ascii = Arrays.copyOf(ascii, Math.max(2 * ascii.length, nameBytes + length));
                    }
                    data.get(name[0], ascii, nameBytes, length);
                    nameBytes += length;
                    ends[count] = nameBytes;
                    unscaled[count] = u;
                    places[count] = k;
                    rewards[count] = r;
                    count++;
                }
                start = end + 1;
            }
            return true;
        }
    }

    /**
     * The double nearest the number in data[from, to): plain decimals through the {@link Rational.DecimalReader}
     * ({@link Rational#nearestDouble}: one correctly rounded division, or the exact rational's rounding), anything
     * else by {@link Double#parseDouble}; NaN when it is not a number.
     */
    private static double reward(Ascii view, Rational.DecimalReader decimals, int from, int to) {
        if (decimals.read(view.of(from, to))) {
            return decimals.toDouble();
        }
        try {
            return Double.parseDouble(view.toString());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** A view of ASCII bytes as characters, moved from field to field instead of made anew. */
    private static final class Ascii implements CharSequence {
        private final ByteBuffer data;
        private int from;
        private int to;

        Ascii(ByteBuffer data) {
            this.data = data;
        }

        Ascii of(int start, int end) {
            from = start;
            to = end;
            return this;
        }

        @Override
        public int length() {
            return to - from;
        }

        @Override
        public char charAt(int index) {
            return (char) data.get(from + index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return toString().substring(start, end);
        }

        @Override
        public String toString() {
            return string(data, from, to);
        }
    }

    /** The ASCII text of data[from, to). */
    private static String string(ByteBuffer data, int from, int to) {
        byte[] bytes = new byte[to - from];
        data.get(from, bytes);
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /** What {@link #lineEnd} gives for a byte the fast reader leaves to the line reader. */
    private static final int ANOMALY = -1;

    /**
     * The index of the line's LF at or after {@code from}, or data.limit(); {@link #ANOMALY} at a byte above 127
     * (UTF-8 text, a byte-order mark) or a CR not followed by LF, both the line reader's.
     */
    private static int lineEnd(ByteBuffer data, int from) {
        int limit = data.limit();
        for (int i = from; i < limit; i++) {
            byte b = data.get(i);
            if (b == '\n') {
                return i;
            }
            if (b < 0 || b == '\r' && (i + 1 == limit || data.get(i + 1) != '\n')) {
                return ANOMALY;
            }
        }
        return limit;
    }

    private static int indexOf(ByteBuffer data, int from, int to, byte b) {
        for (int i = from; i < to; i++) {
            if (data.get(i) == b) {
                return i;
            }
        }
        return -1;
    }

    /** ASCII white space as {@link Character#isWhitespace}: tab, LF, VT, FF, CR, the separators 28-31, space. */
    private static boolean space(byte b) {
        return b == ' ' || b >= 9 && b <= 13 || b >= 28 && b <= 31;
    }

    private static boolean blank(ByteBuffer data, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!space(data.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** [start, end) of data[from, to) without white space at either end, as {@link String#strip}. */
    private static int[] strip(ByteBuffer data, int from, int to) {
        while (from < to && space(data.get(from))) {
            from++;
        }
        while (to > from && space(data.get(to - 1))) {
            to--;
        }
        return new int[] {from, to};
    }
}
