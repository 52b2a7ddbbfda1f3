package org.bonlab.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.bonlab.numeric.sampling.LoggedPrompt;

/**
 * Reads logged best-of-n samples, streamed row by row: CSV with the header {@code prompt,logprob,reward} and
 * optionally {@code gold_reward} (any order; prompts may be quoted and contain commas), or JSON Lines with the same
 * fields. Rows of one prompt need not be adjacent. Every mistake is a {@link BadInputException} naming the file, the
 * line, the field and the rule.
 */
final class SampleLog {

    static final List<String> REQUIRED = List.of("prompt", "logprob", "reward");
    static final String GOLD = "gold_reward";

    private SampleLog() {
    }

    /** Growing columns of one prompt. */
    private static final class Columns {
        double[] logprob = new double[8];
        double[] reward = new double[8];
        double[] gold = new double[8];
        int size;

        void add(double l, double r, double g) {
            if (size == reward.length) {
                logprob = Arrays.copyOf(logprob, size * 2);
                reward = Arrays.copyOf(reward, size * 2);
                gold = Arrays.copyOf(gold, size * 2);
            }
            logprob[size] = l;
            reward[size] = r;
            gold[size] = g;
            size++;
        }
    }

    /** The prompts of {@code file}, in order of first appearance; {@code jsonLines} picks the format. */
    static List<LoggedPrompt> read(Path file, boolean jsonLines) {
        Map<String, Columns> prompts = new LinkedHashMap<>();
        boolean[] gold = new boolean[1];
        try (Reader in = new BufferedReader(new java.io.InputStreamReader(Files.newInputStream(file),
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)), 1 << 16)) {
            if (jsonLines) {
                readJsonLines(file, (BufferedReader) in, prompts, gold);
            } else {
                readCsv(file, in, prompts, gold);
            }
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new BadInputException("--samples " + file + " must be UTF-8 text, but is not");
        } catch (IOException | java.io.UncheckedIOException e) {
            Exception cause = e instanceof java.io.UncheckedIOException u ? u.getCause() : e;
            if (cause instanceof java.nio.charset.CharacterCodingException) {
                throw new BadInputException("--samples " + file + " must be UTF-8 text, but is not");
            }
            throw new BadInputException("--samples " + file + " cannot be read: " + Outputs.reason(cause), e);
        }
        if (prompts.isEmpty()) {
            throw new BadInputException("--samples " + file + " must hold at least one row of samples, but has none");
        }
        List<LoggedPrompt> out = new ArrayList<>(prompts.size());
        for (var e : prompts.entrySet()) {
            Columns c = e.getValue();
            if (c.size < 2) {
                throw new BadInputException(String.format(Locale.ROOT, "--samples %s: prompt '%s' must have at least 2 "
                        + "responses (best-of-n selects among several), but has 1", file, e.getKey()));
            }
            out.add(new LoggedPrompt(e.getKey(), Arrays.copyOf(c.logprob, c.size), Arrays.copyOf(c.reward, c.size),
                    gold[0] ? Arrays.copyOf(c.gold, c.size) : new double[0]));
        }
        return out;
    }

    private static void readCsv(Path file, Reader in, Map<String, Columns> prompts, boolean[] gold) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                .setIgnoreSurroundingSpaces(true).build();
        CSVParser parser;
        try {
            parser = format.parse(in);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--samples " + file + " must start with a header of distinct column names, "
                    + "but " + e.getMessage());
        } catch (java.io.UncheckedIOException e) {
            throw e;
        }
        List<String> header = parser.getHeaderNames();
        if (header.isEmpty()) {
            throw new BadInputException("--samples " + file + " must start with the header prompt,logprob,reward, but "
                    + "is empty");
        }
        checkFields(file, "the header", header);
        gold[0] = header.contains(GOLD);
        int columns = header.size();
        try {
            for (CSVRecord r : parser) {
                long line = r.getRecordNumber() + 1;
                if (r.size() != columns) {
                    throw new BadInputException(String.format(Locale.ROOT, "--samples %s, line %d: a row must have %d "
                            + "fields like the header, but has %d", file, line, columns, r.size()));
                }
                add(file, line, prompts, r.get("prompt"), number(file, line, "logprob", r.get("logprob")),
                        number(file, line, "reward", r.get("reward")),
                        gold[0] ? number(file, line, GOLD, r.get(GOLD)) : 0);
            }
        } catch (java.io.UncheckedIOException e) {
            if (e.getCause() instanceof java.nio.charset.CharacterCodingException) {
                throw e;
            }
            throw new BadInputException("--samples " + file + " is not valid CSV: " + e.getCause().getMessage());
        }
    }

    private static void checkFields(Path file, String where, List<String> names) {
        for (String c : REQUIRED) {
            if (!names.contains(c)) {
                throw new BadInputException(String.format(Locale.ROOT, "--samples %s: %s must have the fields "
                        + "prompt, logprob, reward (and optionally gold_reward), but lacks '%s'", file, where, c));
            }
        }
        for (String c : names) {
            if (!REQUIRED.contains(c) && !c.equals(GOLD)) {
                throw new BadInputException(String.format(Locale.ROOT, "--samples %s: %s must have only the fields "
                        + "prompt, logprob, reward and gold_reward, but has '%s'", file, where, c));
            }
        }
    }

    private static double number(Path file, long line, String field, String text) {
        double v;
        try {
            v = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new BadInputException(String.format(Locale.ROOT, "--samples %s, line %d: %s must be a number, but "
                    + "was '%s'", file, line, field, text));
        }
        return checkNumber(file, line, field, v);
    }

    private static double checkNumber(Path file, long line, String field, double v) {
        if (!Double.isFinite(v)) {
            throw new BadInputException(String.format(Locale.ROOT, "--samples %s, line %d: %s must be finite, but was "
                    + "%s", file, line, field, Double.isNaN(v) ? "NaN" : v > 0 ? "infinite" : "-infinite"));
        }
        if (field.equals("logprob") && v > 0) {
            throw new BadInputException(String.format(Locale.ROOT, "--samples %s, line %d: logprob must be at most 0 "
                    + "(the natural log of a probability), but was %s", file, line, v));
        }
        return v;
    }

    private static void add(Path file, long line, Map<String, Columns> prompts, String prompt, double logprob,
            double reward, double gold) {
        if (prompt.isEmpty()) {
            throw new BadInputException(String.format(Locale.ROOT, "--samples %s, line %d: prompt must not be empty",
                    file, line));
        }
        prompts.computeIfAbsent(prompt, k -> new Columns()).add(logprob, reward, gold);
    }

    private static void readJsonLines(Path file, BufferedReader in, Map<String, Columns> prompts, boolean[] gold)
            throws IOException {
        JsonFactory factory = new JsonFactory();
        String text;
        long line = 0;
        Boolean hasGold = null;
        while ((text = in.readLine()) != null) {
            line++;
            if (text.isBlank()) {
                continue;
            }
            String prompt = null;
            double logprob = Double.NaN;
            double reward = Double.NaN;
            double g = Double.NaN;
            List<String> seen = new ArrayList<>(4);
            try (JsonParser p = factory.createParser(text)) {
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    throw new BadInputException(String.format(Locale.ROOT, "--samples %s, line %d: each line must be a "
                            + "JSON object, but is not", file, line));
                }
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.getCurrentName();
                    JsonToken t = p.nextToken();
                    if (seen.contains(name)) {
                        throw new BadInputException(String.format(Locale.ROOT, "--samples %s, line %d: field '%s' "
                                + "must appear once, but appears twice", file, line, name));
                    }
                    seen.add(name);
                    if (name.equals("prompt")) {
                        if (t != JsonToken.VALUE_STRING && t != JsonToken.VALUE_NUMBER_INT) {
                            throw new BadInputException(String.format(Locale.ROOT, "--samples %s, line %d: prompt must "
                                    + "be a string, but is %s", file, line, p.getText()));
                        }
                        prompt = p.getText();
                    } else if (REQUIRED.contains(name) || name.equals(GOLD)) {
                        if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
                            throw new BadInputException(String.format(Locale.ROOT, "--samples %s, line %d: %s must be "
                                    + "a number, but is %s", file, line, name, p.getText()));
                        }
                        double v = checkNumber(file, line, name, p.getDoubleValue());
                        switch (name) {
                            case "logprob" -> logprob = v;
                            case "reward" -> reward = v;
                            default -> g = v;
                        }
                    } else {
                        checkFields(file, "line " + line, List.of(name));
                    }
                }
                if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
                    throw new BadInputException(String.format(Locale.ROOT, "--samples %s, line %d: a line must hold "
                            + "one JSON object, but holds more", file, line));
                }
            } catch (JsonProcessingException e) {
                throw new BadInputException(String.format(Locale.ROOT, "--samples %s, line %d: not valid JSON (%s)",
                        file, line, e.getOriginalMessage()));
            }
            checkFields(file, "line " + line, seen);
            boolean lineGold = seen.contains(GOLD);
            if (hasGold == null) {
                hasGold = lineGold;
            } else if (hasGold != lineGold) {
                throw new BadInputException(String.format(Locale.ROOT, "--samples %s, line %d: gold_reward must be on "
                        + "every line or on none, but %s here", file, line, lineGold ? "appears" : "is missing"));
            }
            add(file, line, prompts, prompt, logprob, reward, lineGold ? g : 0);
        }
        gold[0] = Boolean.TRUE.equals(hasGold);
    }
}
