package org.bonlab.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code bonlab batch [FILE]}: many commands in one warm process, one command line per line of FILE (or of standard
 * input): the JVM, Symja and the engines start once, so each derivation after the first costs only its own work.
 */
@Command(name = "batch", mixinStandardHelpOptions = true, version = "bonlab 0.1.0",
        description = "Run bonlab commands in one warm process: each line of FILE (default: standard input) is a "
                + "command line without the leading 'bonlab', with single or double quotes around arguments that "
                + "hold spaces; blank lines and lines starting with # are skipped. Each command's output follows a "
                + "line '# bonlab ARGS'; its errors, then a line with its exit code and time, go to stderr.",
        footer = {"", "Exit code: 0 when every command exited 0, else the largest exit code of a command (2 also for "
                + "a malformed line, which is reported and skipped).", "", "Example:",
                "  printf 'derive --policy coin --quantity kl\\nderive --policy \"uniform(L=3)\" --quantity kl\\n' "
                        + "| bonlab batch"})
final class BatchCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "Commands, one per line.")
    Path file;

    @Override
    public Integer call() throws IOException {
        List<String> lines;
        if (file == null) {
            lines = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).lines().toList();
        } else {
            if (!Files.isRegularFile(file)) {
                throw new BadInputException(String.format(Locale.ROOT, "FILE must be an existing file, but '%s' is %s",
                        file, Files.isDirectory(file) ? "a folder" : "missing"));
            }
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int worst = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            List<String> args;
            try {
                args = split(line);
            } catch (IllegalArgumentException e) {
                err.printf(Locale.ROOT, "bonlab batch: line %d %s%n", i + 1, e.getMessage());
                worst = Math.max(worst, Bonlab.BAD_INPUT);
                continue;
            }
            if (!args.isEmpty() && args.get(0).equals("batch")) {
                err.printf(Locale.ROOT, "bonlab batch: line %d must not be another batch, but is '%s'%n", i + 1, line);
                worst = Math.max(worst, Bonlab.BAD_INPUT);
                continue;
            }
            out.println("# bonlab " + line);
            out.flush();
            long t0 = System.nanoTime();
            int code = Bonlab.run(args.toArray(String[]::new), out, err);
            out.flush();
            err.printf(Locale.ROOT, "# bonlab %s: exit %d, %.3f s%n", line, code, (System.nanoTime() - t0) / 1e9);
            err.flush();
            worst = Math.max(worst, code);
        }
        return worst;
    }

    /** A command line split into arguments: spaces separate them, quotes (single or double) group them. */
    static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inToken = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    current.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inToken = true;
            } else if (Character.isWhitespace(c)) {
                if (inToken) {
                    out.add(current.toString());
                    current.setLength(0);
                    inToken = false;
                }
            } else {
                current.append(c);
                inToken = true;
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("must close its quote " + quote + ", but does not");
        }
        if (inToken) {
            out.add(current.toString());
        }
        return out;
    }
}
