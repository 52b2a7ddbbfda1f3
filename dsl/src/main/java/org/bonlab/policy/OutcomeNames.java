package org.bonlab.policy;

import java.nio.charset.StandardCharsets;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.Locale;
import java.util.RandomAccess;

/**
 * An immutable list of ASCII outcome names held as one byte array and the end of each name, for policies with
 * millions of named outcomes (a PMF file): 4 bytes per name beside its characters, instead of a string and its
 * array each. {@link #get} makes the string when it is asked for.
 */
public final class OutcomeNames extends AbstractList<String> implements RandomAccess {

    private final byte[] ascii;
    private final int[] ends;

    /**
     * The names {@code ascii[ends[i-1], ends[i])} (from 0 for the first), copied.
     *
     * @throws IllegalArgumentException when a byte is not ASCII or the ends do not increase within the array
     */
    public OutcomeNames(byte[] ascii, int[] ends) {
        this(ends.clone(), ascii.clone());
    }

    /** Takes the arrays (already copied by the caller). */
    private OutcomeNames(int[] ends, byte[] ascii) {
        for (byte b : ascii) {
            if (b < 0) {
                throw new IllegalArgumentException("outcome names must be ASCII here, but a byte is " + (b & 0xff));
            }
        }
        int before = 0;
        for (int i = 0; i < ends.length; i++) {
            if (ends[i] < before || ends[i] > ascii.length) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "name ends must increase within the %d bytes, but end %d is %d after %d", ascii.length, i,
                        ends[i], before));
            }
            before = ends[i];
        }
        this.ascii = ascii;
        this.ends = ends;
    }

    /** The names {@code ascii[ends[i-1], ends[i])} for the first {@code count} ends, taking the arrays' prefixes. */
    public static OutcomeNames of(byte[] ascii, int asciiLength, int[] ends, int count) {
        return new OutcomeNames(Arrays.copyOf(ends, count), Arrays.copyOf(ascii, asciiLength));
    }

    @Override
    public String get(int index) {
        int from = index == 0 ? 0 : ends[index - 1];
        return new String(ascii, from, ends[index] - from, StandardCharsets.ISO_8859_1);
    }

    /** {@code get(index).hashCode()}, from the bytes (no string made). */
    int hash(int index) {
        int from = index == 0 ? 0 : ends[index - 1];
        int h = 0;
        for (int k = from; k < ends[index]; k++) {
            h = 31 * h + ascii[k];
        }
        return h;
    }

    /** {@code get(i).equals(get(j))}, from the bytes. */
    boolean same(int i, int j) {
        int fi = i == 0 ? 0 : ends[i - 1];
        int fj = j == 0 ? 0 : ends[j - 1];
        return Arrays.equals(ascii, fi, ends[i], ascii, fj, ends[j]);
    }

    @Override
    public int size() {
        return ends.length;
    }
}
