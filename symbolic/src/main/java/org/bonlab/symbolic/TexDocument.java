package org.bonlab.symbolic;

import java.util.List;
import java.util.Locale;

/**
 * A standalone LaTeX document (amsmath, amssymb) for derivations: each quantity, its closed form, the form in
 * the papers' notation, its limit, and how each statement was verified.
 */
public final class TexDocument {

    /** Closed forms longer than this (in LaTeX characters) are left out; the presented form is always shown. */
    static final int MAX_FORM_LENGTH = 4000;

    private TexDocument() {
    }

    public static String of(String title, List<Derivation> derivations) {
        return of(title, derivations, List.of());
    }

    /** As {@link #of(String, List)}, followed by the leading behaviour of KL in each regime. */
    public static String of(String title, List<Derivation> derivations, List<Asymptotics> asymptotics) {
        StringBuilder sb = new StringBuilder();
        sb.append("\\documentclass{article}\n\\usepackage{amsmath,amssymb}\n\\usepackage[margin=2cm]{geometry}\n")
                .append("\\allowdisplaybreaks\n\\begin{document}\n\\section*{").append(text(title)).append("}\n");
        for (Derivation d : derivations) {
            String q = Latex.render(d.quantity());
            String n = Latex.render(d.variable());
            sb.append("\\subsection*{\\(").append(q).append("\\)}\n");
            sb.append("Quantity as written: \\texttt{").append(text(d.quantity().show())).append("}.\n");
            String closed = Latex.render(d.closedForm());
            String presented = Latex.render(d.presented());
            sb.append("\\begin{align*}\n").append(q);
            if (closed.length() <= MAX_FORM_LENGTH && !closed.equals(presented)) {
                sb.append(" &= ").append(broken(closed)).append(" \\\\\n  ");
            }
            sb.append(" &= ").append(broken(presented)).append("\n\\end{align*}\n");
            sb.append("Equality: ").append(text(d.equality().describe())).append(".\n\n");
            LimitResult limit = d.limit();
            if (limit instanceof LimitResult.Found f) {
                sb.append("\\[ \\lim_{").append(n).append(" \\to \\infty} ").append(q).append(" = ")
                        .append(Latex.render(f.value())).append(" \\]\n");
                sb.append("Limit: ").append(text(f.method())).append("; ")
                        .append(text(f.confirmation().describe())).append(".\n\n");
            } else if (limit instanceof LimitResult.Diverges v && v.rate().isPresent()) {
                sb.append("\\[ \\lim_{").append(n).append(" \\to \\infty} \\frac{").append(q).append("}{").append(n)
                        .append("} = ").append(Latex.render(v.rate().get())).append(" \\]\n");
                sb.append("Limit: ").append(text(v.method())).append("; ")
                        .append(text(v.confirmation().describe())).append(".\n\n");
            } else if (limit instanceof LimitResult.Diverges v) {
                sb.append("\\[ \\lim_{").append(n).append(" \\to \\infty} ").append(q).append(" = \\infty \\]\n");
                sb.append("Limit: ").append(text(v.method())).append("; ")
                        .append(text(v.confirmation().describe())).append(".\n\n");
            } else {
                sb.append("Limit: not reported (").append(text(((LimitResult.NotFound) limit).reason()))
                        .append(").\n\n");
            }
            sb.append("Cross-check: ").append(text(d.crossCheck().describe())).append(".\n");
        }
        for (Asymptotics a : asymptotics) {
            String q = Latex.render(a.quantity());
            sb.append("\\subsection*{Regimes of \\(").append(q).append("\\)}\n");
            for (Regime r : a.regimes()) {
                sb.append("For ").append(prose(r.name())).append(":\n\\[ ").append(q).append(" = ").append(r.latex())
                        .append(" \\]\n");
                sb.append("Argument: ").append(prose(r.argument())).append(".\n\n");
                sb.append("Check: ").append(prose(r.check().describe())).append(".\n\n");
            }
            for (String u : a.unavailable()) {
                sb.append("Not derived: ").append(prose(u)).append(".\n\n");
            }
        }
        if (sb.indexOf("\\widetilde{\\mathrm{KL}}") >= 0) {
            sb.append("\n\\noindent Notation: \\(\\widetilde{\\mathrm{KL}}_{n} = \\log n - \\frac{n - 1}{n}\\) is the "
                    + "analytical formula, Eq.~(5) of Beirami et al.; \\(H_{\\alpha}\\) is the R\\'enyi entropy of "
                    + "order \\(\\alpha\\), Eq.~(18).\n");
        }
        sb.append("\\end{document}\n");
        return sb.toString();
    }

    /** Lines of a displayed formula are broken to about this many LaTeX characters. */
    static final int LINE_LENGTH = 90;

    /**
     * A long formula of an {@code align*} row broken at its top-level + and - signs (never inside braces or a
     * {@code \left ... \right} pair), each further line indented, so that it does not run off the page.
     */
    static String broken(String latex) {
        if (latex.length() <= LINE_LENGTH) {
            return latex;
        }
        StringBuilder out = new StringBuilder();
        int depth = 0;
        int lineStart = 0;
        for (int i = 0; i < latex.length(); i++) {
            char c = latex.charAt(i);
            if (c == '{' || latex.startsWith("\\left", i)) {
                depth++;
            } else if (c == '}' || latex.startsWith("\\right", i)) {
                depth--;
            }
            boolean sign = depth == 0 && i > 0 && latex.charAt(i - 1) == ' ' && (c == '+' || c == '-')
                    && i + 1 < latex.length() && latex.charAt(i + 1) == ' ';
            if (sign && i - lineStart >= LINE_LENGTH) {
                out.append(latex, lineStart, i).append("\\\\\n  &\\quad ");
                lineStart = i;
            }
        }
        return out.append(latex.substring(lineStart)).toString();
    }

    /**
     * Prose with its ASCII mathematics typeset: names with subscripts or powers (eps_inf, pi_n(top), rho^n,
     * F_{L-2}), a parenthesised power ((1 - eps_inf)^n), a power of numbers (10^6), Greek names standing alone (rho, eps) and the relations
     * >>, <<, >=, <= and -> become inline math; the rest is escaped text.
     */
    public static String prose(String s) {
        java.util.regex.Matcher m = MATH.matcher(s);
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (m.find()) {
            out.append(text(s.substring(at, m.start())));
            String t = m.group();
            String math;
            if (m.group("rel") != null) {
                math = switch (t) {
                    case ">>" -> "\\gg";
                    case "<<" -> "\\ll";
                    case ">=" -> "\\geq";
                    case "<=" -> "\\leq";
                    default -> "\\to";
                };
            } else if (m.group("base") != null) {
                math = m.group("base") + "^{" + m.group("nexp") + "}";
            } else if (m.group("group") != null) {
                math = "(" + mathTokens(m.group("inner")) + ")^{" + name(m.group("gexp")) + "}";
            } else {
                math = mathTokens(t);
            }
            out.append("\\(").append(math).append("\\)");
            at = m.end();
        }
        return out.append(text(s.substring(at))).toString();
    }

    private static final String WORD = "[A-Za-z][A-Za-z0-9]*";
    private static final String SUB = "_(?:\\{[^}]*\\}|[A-Za-z0-9]+)";
    private static final String SUP = "\\^(?:\\{[^}]*\\}|[A-Za-z0-9]+)";
    private static final java.util.regex.Pattern MATH = java.util.regex.Pattern.compile(
            "(?<rel>>>|<<|>=|<=|->)"
            + "|(?<![A-Za-z0-9.\\\\])(?<base>[0-9]+)\\^(?<nexp>[0-9]+)(?![A-Za-z0-9.])"
            + "|(?<group>\\((?<inner>[^()]*)\\)\\^(?<gexp>[A-Za-z0-9]+))"
            + "|(?<![A-Za-z0-9\\\\])" + WORD + "(?:" + SUB + "(?:" + SUP + ")?|" + SUP + ")"
            + "|(?<![A-Za-z0-9\\\\])(?:rho|eps|lambda|beta|alpha)(?![A-Za-z0-9_^])");

    private static final java.util.regex.Pattern TOKEN = java.util.regex.Pattern.compile(
            WORD + "(?:" + SUB + ")?(?:" + SUP + ")?");

    /** The tokens of a short formula in TeX: names translated, the rest kept. */
    private static String mathTokens(String s) {
        java.util.regex.Matcher m = TOKEN.matcher(s);
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (m.find()) {
            out.append(s, at, m.start());
            String t = m.group();
            int sub = t.indexOf('_');
            int sup = t.indexOf('^');
            int end = sub >= 0 ? sub : sup >= 0 ? sup : t.length();
            out.append(name(t.substring(0, end)));
            if (sub >= 0) {
                out.append("_{").append(name(strip(t.substring(sub + 1, sup > sub ? sup : t.length())))).append('}');
            }
            if (sup >= 0) {
                out.append("^{").append(name(strip(t.substring(sup + 1)))).append('}');
            }
            at = m.end();
        }
        return out.append(s.substring(at)).toString();
    }

    private static String strip(String braced) {
        return braced.startsWith("{") && braced.endsWith("}") ? braced.substring(1, braced.length() - 1) : braced;
    }

    private static String name(String w) {
        return switch (w) {
            case "eps" -> "\\varepsilon";
            case "rho" -> "\\rho";
            case "pi" -> "\\pi";
            case "lambda" -> "\\lambda";
            case "beta" -> "\\beta";
            case "alpha" -> "\\alpha";
            case "inf" -> "\\infty";
            case "eff" -> "\\mathrm{eff}";
            case "max" -> "\\max";
            default -> w;
        };
    }

    /** Escapes text for LaTeX's text mode. */
    static String text(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\\' -> out.append("\\textbackslash{}");
                case '{', '}', '_', '%', '&', '#', '$' -> out.append('\\').append(c);
                case '^' -> out.append("\\^{}");
                case '~' -> out.append("\\~{}");
                case '<' -> out.append("\\textless{}");
                case '>' -> out.append("\\textgreater{}");
                case '|' -> out.append("\\textbar{}");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "TexDocument");
    }
}
