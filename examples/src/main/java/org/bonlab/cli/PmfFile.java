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
        // one pass over the lines, nothing kept but what the policy holds: keeping every line (and splitting it
        // with a regex) made the collector copy hundreds of megabytes for a file of 10^6 rows
        List<String> names = new ArrayList<>();
        List<Scalar> probabilities = new ArrayList<>();
        double[] r = new double[1024];
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
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
        } catch (NoSuchFileException e) {
            throw new BadInputException(String.format(Locale.ROOT, "--pmf file must exist, but '%s' does not", file));
        } catch (IOException | UncheckedIOException e) {
            throw new BadInputException(String.format(Locale.ROOT,
                    "--pmf file must be readable UTF-8 text, but '%s' is not: %s", file, Outputs.reason(e)));
        }
        if (names.isEmpty()) {
            throw new BadInputException(String.format(Locale.ROOT,
                    "--pmf file must list at least one outcome, but %s lists none", file));
        }
        try {
            return Explicit.of(names, probabilities, Reward.of(Arrays.copyOf(r, names.size())))
                    .named(file.getFileName().toString());
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--pmf " + file + ": " + e.getMessage(), e);
        }
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
