package org.bonlab.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bonlab.numeric.interval.Covering;

/**
 * A certificate of a PROVED claim, as a text file: the claim's name and statement, the spec script that states
 * it (its file name and whole source, so the certificate is self-contained), and the covering of its domain with
 * the certified lower bound of the margin on each piece. Numbers are written as Java prints doubles, which read
 * back exactly; an unbounded end of n is {@code inf}.
 *
 * <pre>
 * bonlab-certificate 1
 * claim NAME
 * statement STATEMENT
 * kind SIMPLEX | N_BOXES | PARAMETER | GAP_BOUND | ESTIMATOR_TWO_OUTCOMES | TWO_OUTCOME_KL | ARGUMENT
 * argument NAME                              (kind ARGUMENT, with 0 pieces; or another kind, whose pieces then
 *                                            cover the claim that the argument's bound is at most the big side)
 * pieces K
 * PART N_LO N_HI [LO_1 HI_1 ...] MARGIN      (K lines)
 * spec-file FILE.java
 * spec-source L
 * ...                                        (L lines of the spec's source)
 * </pre>
 */
record Certificate(String claim, String statement, Covering covering, String specFile, String specSource) {

    static final String MAGIC = "bonlab-certificate 1";

    void write(Path file) throws IOException {
        StringBuilder sb = new StringBuilder(MAGIC).append('\n');
        sb.append("claim ").append(oneLine(claim)).append('\n');
        sb.append("statement ").append(oneLine(statement)).append('\n');
        sb.append("kind ").append(covering.kind().name()).append('\n');
        if (!covering.argument().isEmpty()) {
            sb.append("argument ").append(covering.argument()).append('\n');
        }
        sb.append("pieces ").append(covering.pieces().size()).append('\n');
        for (Covering.Piece p : covering.pieces()) {
            sb.append(p.part()).append(' ').append(number(p.nLo())).append(' ').append(number(p.nHi()));
            for (int k = 0; k < p.lo().length; k++) {
                sb.append(' ').append(number(p.lo()[k])).append(' ').append(number(p.hi()[k]));
            }
            sb.append(' ').append(number(p.margin())).append('\n');
        }
        sb.append("spec-file ").append(specFile).append('\n');
        List<String> source = specSource.lines().toList();
        sb.append("spec-source ").append(source.size()).append('\n');
        source.forEach(l -> sb.append(l).append('\n'));
        Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
    }

    private static String oneLine(String s) {
        return s.replace('\n', ' ').replace('\r', ' ');
    }

    private static String number(double x) {
        return x == Double.POSITIVE_INFINITY ? "inf" : Double.toString(x);
    }

    /** Reads a certificate; a malformed one is a {@link BadInputException} naming the line and the rule. */
    static Certificate read(Path file) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new BadInputException("CERT " + file + " must be UTF-8 text, but is not");
        }
        Reader r = new Reader(file, lines);
        r.expect(MAGIC);
        String claim = r.field("claim");
        String statement = r.field("statement");
        String kindText = r.field("kind");
        Covering.Kind kind;
        try {
            kind = Covering.Kind.valueOf(kindText);
        } catch (IllegalArgumentException e) {
            throw r.bad("kind must be SIMPLEX, N_BOXES, PARAMETER, GAP_BOUND, ESTIMATOR_TWO_OUTCOMES, "
                    + "TWO_OUTCOME_KL or ARGUMENT, but was '" + kindText + "'");
        }
        String argument = kind == Covering.Kind.ARGUMENT || r.peekStartsWith("argument ") ? r.field("argument") : "";
        if (!argument.isEmpty() && !argument.matches("[a-z0-9-]+") || kind == Covering.Kind.ARGUMENT
                && argument.isEmpty()) {
            throw r.bad("argument must be the name of an argument such as quantile-coupling, but was '" + argument
                    + "'");
        }
        int count = r.count("pieces");
        if (kind == Covering.Kind.ARGUMENT && count != 0) {
            throw r.bad("a certificate of kind ARGUMENT has 0 pieces, but this one has " + count);
        }
        List<Covering.Piece> pieces = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String[] f = r.next().trim().split(" +");
            if (f.length < 4 || f.length % 2 != 0) {
                throw r.bad("a piece must be: part, n from, n to, pairs of coordinate ends, margin; but has "
                        + f.length + " fields");
            }
            int dims = (f.length - 4) / 2;
            double[] lo = new double[dims];
            double[] hi = new double[dims];
            for (int k = 0; k < dims; k++) {
                lo[k] = r.number(f[3 + 2 * k]);
                hi[k] = r.number(f[4 + 2 * k]);
            }
            int part;
            try {
                part = Integer.parseInt(f[0]);
            } catch (NumberFormatException e) {
                throw r.bad("a piece's part must be an integer, but was '" + f[0] + "'");
            }
            pieces.add(new Covering.Piece(part, r.number(f[1]), r.number(f[2]), lo, hi, r.number(f[f.length - 1])));
        }
        String specFile = r.field("spec-file");
        int sourceLines = r.count("spec-source");
        StringBuilder source = new StringBuilder();
        for (int i = 0; i < sourceLines; i++) {
            source.append(r.next()).append('\n');
        }
        if (!specFile.matches("[A-Za-z_$][A-Za-z0-9_$]*\\.java")) {
            throw r.bad("spec-file must be a Java file name, but was '" + specFile + "'");
        }
        return new Certificate(claim, statement, new Covering(kind, pieces, argument), specFile, source.toString());
    }

    /** Reads lines in order, with messages naming the certificate and the line. */
    private static final class Reader {
        private final Path file;
        private final List<String> lines;
        private int at;

        Reader(Path file, List<String> lines) {
            this.file = file;
            this.lines = lines;
        }

        String next() {
            if (at >= lines.size()) {
                throw new BadInputException(String.format(Locale.ROOT, "CERT %s must be a whole certificate, but it "
                        + "ends at line %d", file, lines.size()));
            }
            return lines.get(at++);
        }

        void expect(String text) {
            String l = next();
            if (!l.equals(text)) {
                throw bad("the first line must be '" + text + "', but was '" + l + "'");
            }
        }

        boolean peekStartsWith(String prefix) {
            return at < lines.size() && lines.get(at).startsWith(prefix);
        }

        String field(String name) {
            String l = next();
            if (!l.startsWith(name + " ")) {
                throw bad("expected '" + name + " ...', but found '" + l + "'");
            }
            return l.substring(name.length() + 1);
        }

        int count(String name) {
            String v = field(name);
            try {
                int c = Integer.parseInt(v);
                if (c < 0) {
                    throw new NumberFormatException();
                }
                return c;
            } catch (NumberFormatException e) {
                throw bad(name + " must be a count, but was '" + v + "'");
            }
        }

        double number(String s) {
            if (s.equals("inf")) {
                return Double.POSITIVE_INFINITY;
            }
            try {
                double d = Double.parseDouble(s);
                if (!Double.isFinite(d)) {
                    throw new NumberFormatException();
                }
                return d;
            } catch (NumberFormatException e) {
                throw bad("'" + s + "' must be a finite number or inf");
            }
        }

        BadInputException bad(String rule) {
            return new BadInputException(String.format(Locale.ROOT, "CERT %s, line %d: %s", file, at, rule));
        }
    }
}
