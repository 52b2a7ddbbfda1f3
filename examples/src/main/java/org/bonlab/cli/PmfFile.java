package org.bonlab.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
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
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new BadInputException(String.format(Locale.ROOT, "--pmf file must exist, but '%s' does not", file));
        } catch (IOException e) {
            throw new BadInputException(String.format(Locale.ROOT,
                    "--pmf file must be readable UTF-8 text, but '%s' is not: %s", file, Outputs.reason(e)));
        }
        int first = 0;
        while (first < lines.size() && lines.get(first).isBlank()) {
            first++;
        }
        if (first == lines.size()) {
            throw new BadInputException(String.format(Locale.ROOT,
                    "--pmf file must start with the header '%s', but '%s' is empty", HEADER, file));
        }
        String header = stripBom(lines.get(first)).strip().replace(" ", "");
        if (!header.equals(HEADER)) {
            throw new BadInputException(String.format(Locale.ROOT,
                    "--pmf file must start with the header '%s', but %s starts with '%s'", HEADER, file,
                    lines.get(first).strip()));
        }
        // rows are parsed in parallel (exact rationals are the cost), then checked in order, so the first bad row
        // is the one reported
        List<Integer> rows = new ArrayList<>();
        for (int i = first + 1; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                rows.add(i);
            }
        }
        int count = rows.size();
        String[] names = new String[count];
        Scalar[] parsed = new Scalar[count];
        double[] r = new double[count];
        RuntimeException[] errors = new RuntimeException[count];
        java.util.stream.IntStream.range(0, count).parallel().forEach(k -> {
            int i = rows.get(k);
            try {
                String line = lines.get(i);
                int lineNo = i + 1;
                String[] f = line.split(",", -1);
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
                names[k] = outcome;
                parsed[k] = probability(f[1].strip(), outcome, lineNo, file);
                r[k] = reward(f[2].strip(), outcome, lineNo, file);
            } catch (RuntimeException e) {
                errors[k] = e;
            }
        });
        for (RuntimeException e : errors) {
            if (e != null) {
                throw e;
            }
        }
        List<String> outcomes = java.util.Arrays.asList(names);
        List<Scalar> probabilities = java.util.Arrays.asList(parsed);
        if (outcomes.isEmpty()) {
            throw new BadInputException(String.format(Locale.ROOT,
                    "--pmf file must list at least one outcome, but %s lists none", file));
        }
        try {
            return Explicit.of(outcomes, probabilities, Reward.of(r)).named(file.getFileName().toString());
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

    private static String stripBom(String s) {
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }
}
