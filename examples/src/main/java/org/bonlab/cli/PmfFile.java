package org.bonlab.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.bonlab.expr.Rational;
import org.bonlab.expr.Scalar;
import org.bonlab.policy.Explicit;
import org.bonlab.policy.Reward;

/**
 * Reads a policy from CSV with the header {@code outcome,probability,reward}. Probabilities are read exactly
 * (decimal text is a rational), rewards as doubles; ties in reward are broken by the order of the rows.
 */
final class PmfFile {

    static final String HEADER = "outcome,probability,reward";

    private PmfFile() {
    }

    static Explicit read(Path file) {
        if (Files.isDirectory(file)) {
            throw new BadInputException(String.format(Locale.ROOT, "--pmf file must be a file, but '%s' is a directory",
                    file));
        }
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file)) {
            long size = channel.size();
            if (size <= PmfRows.MAX_MAPPED) {
                PmfRows.Rows rows = PmfRows.parse(channel.map(java.nio.channels.FileChannel.MapMode.READ_ONLY, 0,
                        size));
                if (rows.complete()) {
                    return policy(file, rows.names().size(), rows::policy);
                }
            }
        } catch (NoSuchFileException e) {
            throw new BadInputException(String.format(Locale.ROOT, "--pmf file must exist, but '%s' does not", file));
        } catch (IOException | UncheckedIOException e) {
            throw new BadInputException(String.format(Locale.ROOT,
                    "--pmf file must be readable UTF-8 text, but '%s' is not: %s", file, Outputs.reason(e)));
        }
        // anything the fast reader does not take (a malformed row, non-ASCII text, a byte-order mark, a lone CR, a
        // file over 2 GB): the reader below, line by line, which also says what is wrong and where
        try {
            return readLines(file, Files.newInputStream(file));
        } catch (IOException e) {
            throw new BadInputException(String.format(Locale.ROOT,
                    "--pmf file must be readable UTF-8 text, but '%s' is not: %s", file, Outputs.reason(e)));
        }
    }

    /** The policy {@code make} builds from the file's {@code rows} rows, its errors said as the file's. */
    private static Explicit policy(Path file, int rows, java.util.function.Supplier<Explicit> make) {
        if (rows == 0) {
            throw new BadInputException(String.format(Locale.ROOT,
                    "--pmf file must list at least one outcome, but %s lists none", file));
        }
        try {
            return make.get().named(file.getFileName().toString());
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--pmf " + file + ": " + e.getMessage(), e);
        }
    }

    /** The line reader: every row, or the first thing wrong, its line and why. */
    static Explicit readLines(Path file, java.io.InputStream bytes) {
        // one pass over the lines, nothing kept but what the policy holds: keeping every line (and splitting it
        // with a regex) made the collector copy hundreds of megabytes for a file of 10^6 rows
        List<String> names = new ArrayList<>();
        List<Scalar> probabilities = new ArrayList<>();
        double[] r = new double[1024];
        try (BufferedReader in = new BufferedReader(new java.io.InputStreamReader(bytes,
                StandardCharsets.UTF_8.newDecoder()))) {
            int lineNo = 0;
            String line;
            String header = null;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                if (header == null) {
                    header = line;
                    if (!stripBom(line).strip().replace(" ", "").equals(HEADER)) {
                        throw new BadInputException(String.format(Locale.ROOT,
                                "--pmf file must start with the header '%s', but %s starts with '%s'", HEADER, file,
                                line.strip()));
                    }
                    continue;
                }
                String[] f = fields(line);
                if (f.length != 3) {
                    throw new BadInputException(String.format(Locale.ROOT,
                            "--pmf row must have 3 fields (outcome,probability,reward), but line %d of %s has %d: '%s'",
                            lineNo, file, f.length, line.strip()));
                }
                String outcome = f[0].strip();
                if (outcome.isEmpty()) {
                    throw new BadInputException(String.format(Locale.ROOT,
                            "--pmf outcome must be non-empty, but line %d of %s has an empty outcome", lineNo, file));
                }
                if (names.size() == r.length) {
                    r = Arrays.copyOf(r, 2 * r.length);
                }
                r[names.size()] = reward(f[2].strip(), outcome, lineNo, file);
                probabilities.add(probability(f[1].strip(), outcome, lineNo, file));
                names.add(outcome);
            }
            if (header == null) {
                throw new BadInputException(String.format(Locale.ROOT,
                        "--pmf file must start with the header '%s', but '%s' is empty", HEADER, file));
            }
        } catch (IOException | UncheckedIOException e) {
            throw new BadInputException(String.format(Locale.ROOT,
                    "--pmf file must be readable UTF-8 text, but '%s' is not: %s", file, Outputs.reason(e)));
        }
        double[] rewards = Arrays.copyOf(r, names.size());
        return policy(file, names.size(), () -> Explicit.of(names, probabilities, Reward.of(rewards)));
    }

    private static Scalar probability(String text, String outcome, int lineNo, Path file) {
        Rational p;
        try {
            p = Rational.parse(text);
        } catch (NumberFormatException e) {
            throw new BadInputException(String.format(Locale.ROOT,
                    "probability of outcome '%s' must be a finite non-negative number, but was '%s' (line %d of %s)",
                    outcome, text, lineNo, file));
        }
        if (p.signum() < 0) {
            throw new BadInputException(String.format(Locale.ROOT,
                    "probability of outcome '%s' must be non-negative, but was %s (line %d of %s)",
                    outcome, text, lineNo, file));
        }
        return p;
    }

    private static double reward(String text, String outcome, int lineNo, Path file) {
        double r;
        try {
            r = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new BadInputException(String.format(Locale.ROOT,
                    "reward of outcome '%s' must be a finite number, but was '%s' (line %d of %s)",
                    outcome, text, lineNo, file));
        }
        if (!Double.isFinite(r)) {
            throw new BadInputException(String.format(Locale.ROOT,
                    "reward of outcome '%s' must be a finite number, but was %s (line %d of %s)",
                    outcome, text, lineNo, file));
        }
        return r;
    }

    /** The comma-separated fields of a row, empty ones included (as {@code split(",", -1)}, without a regex). */
    private static String[] fields(String line) {
        int first = line.indexOf(',');
        int second = first < 0 ? -1 : line.indexOf(',', first + 1);
        if (first < 0 || second < 0 || line.indexOf(',', second + 1) >= 0) {
            return line.split(",", -1);
        }
        return new String[] {line.substring(0, first), line.substring(first + 1, second), line.substring(second + 1)};
    }

    private static String stripBom(String s) {
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }
}
