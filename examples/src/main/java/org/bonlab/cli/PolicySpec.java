package org.bonlab.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.bonlab.expr.Expr;
import org.bonlab.expr.Rational;
import org.bonlab.expr.Scalar;
import org.bonlab.policy.BasePolicy;
import org.bonlab.policy.Dirichlet;
import org.bonlab.policy.Geometric;
import org.bonlab.policy.Policy;
import org.bonlab.policy.Spike;
import org.bonlab.policy.Zipf;

/**
 * The text syntax for policy families, parsed only here at the command line's edge:
 * {@code coin}, {@code bernoulli(p=0.3)}, {@code uniform(L=1000)}, {@code spike(L=200, tops=[1e-5,1e-3,1e-1])},
 * {@code zipf(L=1000000, s=1.1)} (option {@code best=common}), {@code geometric(L=60, r=0.5)},
 * {@code dirichlet(L=100, alpha=0.5, seed=1)}. Numbers are read exactly.
 */
final class PolicySpec {

    static final String SYNTAX = "coin, bernoulli(p=P), uniform(L=N), spike(L=N, tops=[P,...]), "
            + "zipf(L=N, s=S[, best=common]), geometric(L=N, r=R), dirichlet(L=N, alpha=A, seed=K)";

    private PolicySpec() {
    }

    static BasePolicy parse(String text) {
        return parse(text, false);
    }

    /**
     * As {@link #parse(String)}, and with {@code symbols} a parameter may be a symbol, for derivations: the p of
     * bernoulli ({@code bernoulli(p=p)}), the tops of spike ({@code spike(L=5, tops=[eps])}) and the r of geometric
     * ({@code geometric(L=4, r=r)}).
     */
    static BasePolicy parse(String text, boolean symbols) {
        String t = text.strip();
        int open = t.indexOf('(');
        String name = (open < 0 ? t : t.substring(0, open)).strip();
        Map<String, String> args = new LinkedHashMap<>();
        if (open >= 0) {
            if (!t.endsWith(")")) {
                throw bad(text, "it has '(' without a closing ')'");
            }
            args = arguments(text, t.substring(open + 1, t.length() - 1));
        }
        try {
            switch (name) {
                case "coin":
                    allow(text, args, Set.of());
                    return Policy.coin();
                case "bernoulli":
                    allow(text, args, Set.of("p"));
                    return Policy.bernoulli(parameter(text, "p", required(text, args, "p"), symbols));
                case "uniform":
                    allow(text, args, Set.of("L"));
                    return Policy.uniform(size(text, args));
                case "spike": {
                    allow(text, args, Set.of("L", "tops"));
                    List<Expr> tops = new ArrayList<>();
                    for (String x : list(text, args, "tops")) {
                        tops.add(parameter(text, "tops", x, symbols));
                    }
                    return new Spike(size(text, args), tops);
                }
                case "zipf": {
                    allow(text, args, Set.of("L", "s", "best"));
                    String best = args.getOrDefault("best", "rare");
                    if (!best.equals("rare") && !best.equals("common")) {
                        throw bad(text, "best must be 'rare' or 'common', but was '" + best + "'");
                    }
                    return new Zipf(size(text, args), number(text, args, "s"), best.equals("common"));
                }
                case "geometric":
                    allow(text, args, Set.of("L", "r"));
                    return new Geometric(size(text, args), parameter(text, "r", required(text, args, "r"), symbols));
                case "dirichlet":
                    allow(text, args, Set.of("L", "alpha", "seed"));
                    return new Dirichlet(size(text, args), number(text, args, "alpha").toDouble(),
                            integer(text, args, "seed"));
                default:
                    throw bad(text, "'" + name + "' is not a known family");
            }
        } catch (IllegalArgumentException e) {
            if (e instanceof NumberFormatException) {
                throw e;
            }
            throw new BadInputException("--policy " + text + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, String> arguments(String text, String inner) {
        Map<String, String> out = new LinkedHashMap<>();
        int depth = 0;
        StringBuilder cur = new StringBuilder();
        List<String> parts = new ArrayList<>();
        for (char c : inner.toCharArray()) {
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
            }
            if (c == ',' && depth == 0) {
                parts.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (!cur.toString().isBlank()) {
            parts.add(cur.toString());
        }
        for (String part : parts) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                throw bad(text, "argument '" + part.strip() + "' is not of the form key=value");
            }
            String key = part.substring(0, eq).strip();
            if (out.put(key, part.substring(eq + 1).strip()) != null) {
                throw bad(text, "argument '" + key + "' is given twice");
            }
        }
        return out;
    }

    private static void allow(String text, Map<String, String> args, Set<String> keys) {
        for (String k : args.keySet()) {
            if (!keys.contains(k)) {
                throw bad(text, "argument '" + k + "' is not one of " + keys);
            }
        }
    }

    private static String required(String text, Map<String, String> args, String key) {
        String v = args.get(key);
        if (v == null) {
            throw bad(text, "argument '" + key + "' is missing");
        }
        return v;
    }

    private static Scalar number(String text, Map<String, String> args, String key) {
        return parseNumber(text, key, required(text, args, key));
    }

    /** A number, or with {@code symbols} also a symbol's name (a letter, then letters, digits or _; not n). */
    private static Expr parameter(String text, String key, String value, boolean symbols) {
        boolean name = value.matches("[A-Za-z][A-Za-z0-9_]*") && !value.matches("(?i)nan|inf|infinity");
        if (symbols && name) {
            if (value.equals("n")) {
                throw bad(text, key + " must not be n, the number of samples of best-of-n");
            }
            return org.bonlab.Bon.symbol(value);
        }
        if (name) {
            throw bad(text, key + " must be a number, but was '" + value + "' (a symbol is allowed by derive only)");
        }
        return Expr.constant(parseNumber(text, key, value));
    }

    private static Rational parseNumber(String text, String key, String value) {
        try {
            return Rational.parse(value);
        } catch (NumberFormatException e) {
            throw bad(text, key + " must be a number, but was '" + value + "'");
        }
    }

    private static long integer(String text, Map<String, String> args, String key) {
        Rational r = parseNumber(text, key, required(text, args, key));
        if (!r.isInteger() || r.numerator().bitLength() > 62) {
            throw bad(text, key + " must be an integer, but was " + args.get(key));
        }
        return r.numerator().longValueExact();
    }

    private static int size(String text, Map<String, String> args) {
        long l = integer(text, args, "L");
        if (l < 1 || l > Integer.MAX_VALUE - 8) {
            throw bad(text, "L must be an integer from 1 to " + (Integer.MAX_VALUE - 8) + ", but was " + l);
        }
        return (int) l;
    }

    private static List<String> list(String text, Map<String, String> args, String key) {
        String v = required(text, args, key);
        if (!v.startsWith("[") || !v.endsWith("]")) {
            throw bad(text, key + " must be a list such as [1e-5,1e-3], but was '" + v + "'");
        }
        List<String> out = new ArrayList<>();
        for (String x : v.substring(1, v.length() - 1).split(",")) {
            if (!x.isBlank()) {
                out.add(x.strip());
            }
        }
        return out;
    }

    private static BadInputException bad(String text, String why) {
        return new BadInputException(String.format(Locale.ROOT, "--policy must be one of %s, but '%s' is not: %s",
                SYNTAX, text, why));
    }
}
