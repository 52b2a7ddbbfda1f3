package org.bonlab.symbolic;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.expression.S;
import org.matheclipse.core.interfaces.IAST;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.IRational;
import org.matheclipse.core.interfaces.ISymbol;

/**
 * bonlab's own rewriting of expressions with powers of rational numbers to a symbolic exponent, such as the
 * {@code 2^(1-n)}, {@code (1/2)^n} and {@code 6^n} of best-of-n on uniform and spike policies: each prime p and symbol
 * s get a variable z = p^s, so that {@code q^(a + b s)} with q = prod p^e_p becomes the monomial
 * {@code q^a prod z^(b e_p)}, and the expression a rational function of the z, the symbols and opaque atoms (logs,
 * other powers, functions). Symja's Together and Factor work fast on that (its Simplify and Factor take seconds on
 * the same expressions written with exponentials, and often give up), and the variables are put back at the end.
 *
 * <p>Where only a 0 is concluded (identities, simplification), exponentials e^(k X) with k an integer are variables too
 * (w = e^X), as the tilted policy's normaliser 1 + e^(1/beta), and so are powers x^(a + b s) of a symbolic base with b
 * an integer (w = x^s), as the (1 - p)^n of bernoulli(p).
 *
 * <p>Zero test: the functions p^s for distinct primes p are algebraically independent over the rational functions of
 * the symbols (their logarithms s log p are linearly independent over the rationals), so an expression with no opaque
 * atom is identically 0 exactly when its rational function in the variables is 0 ({@link #isZero}).
 * The rewriting is an identity for real symbols (q^(a+bs) = q^a prod (p^s)^(b e_p) for q &gt; 0), and so are
 * Together, Factor and the grouping of terms; whatever uses the result checks it numerically as well.
 */
final class PowersAsVariables {

    /**
     * Whether the rewriting may pay on {@code e}, by a look without Symja (the logs' arguments not entered): some power
     * of a rational to a symbolic exponent outside the logs, at most {@link #MAX_VARIABLES} primes among them and at
     * most {@link #MAX_ATOMS} opaque parts (each log's argument costs Symja calls of its own).
     */
    private static boolean worthTrying(SymjaSession symja, IExpr e) {
        return worthTrying(symja, e, false);
    }

    /**
     * As above; with {@code insideLogs}, powers met only inside the logs' arguments count too (a Renyi divergence's
     * log of a sum of powers): an identity puts every log's argument in canonical form, so two logs of equal
     * arguments become one atom.
     */
    private static boolean worthTrying(SymjaSession symja, IExpr e, boolean insideLogs) {
        PowersAsVariables probe = new PowersAsVariables(symja, false, true);
        probe.map(e);
        if (insideLogs && probe.variables.isEmpty()) {
            for (IExpr atom : java.util.List.copyOf(probe.atoms.keySet())) {
                if (atom.isLog() && ((IAST) atom).argSize() == 1) {
                    probe.map(((IAST) atom).arg1());
                }
            }
        }
        return !probe.variables.isEmpty() && probe.variables.size() <= MAX_VARIABLES
                && probe.atoms.size() <= MAX_ATOMS;
    }

    /** The most opaque parts (logs and the like) {@link #worthTrying} lets through: an identity holds both forms' logs. */
    private static final int MAX_ATOMS = 24;

    /**
     * The most primes (variables) {@link #simplified} and {@link #isIdentity} take on: with more, as in the KL of
     * uniform(40) (the twelve primes to 37) or of spike(L=5, tops=[1e-4]) (9999/40000 has five), Symja's Together
     * runs into its time limit and the derivation only waits longer for the same form.
     */
    private static final int MAX_VARIABLES = 4;

    /** The largest rational base (numerator and denominator) factored into primes by trial division. */
    private static final long MAX_FACTORED = 1_000_000L;

    private final SymjaSession symja;
    /** p^s (the power itself, p prime, s a symbol) to its variable. */
    private final Map<IExpr, ISymbol> variables = new LinkedHashMap<>();
    /** Opaque subexpressions (logs, other powers, functions) to their stand-ins. */
    private final Map<IExpr, ISymbol> atoms = new LinkedHashMap<>();
    /** The symbols met outside the powers (n, parameters). */
    private final java.util.Set<ISymbol> symbols = new java.util.LinkedHashSet<>();

    /** Whether the arguments of logs are rewritten too ({@link #simplified}, not {@link #isZero}). */
    private final boolean tidyLogs;

    /**
     * Whether functions (logs and the like) and powers not rewritten keep their place with their arguments rewritten,
     * rather than become opaque atoms ({@link #simplifiedBySymja}, where Symja still sees the logs).
     */
    private boolean transparent;

    /** Whether every log's argument is replaced by its rewriting, shorter or not ({@link #isIdentity}). */
    private boolean canonicalLogs;

    /**
     * Whether e^(k X) (X symbolic, k an integer) is w_X^k with a variable w_X of its own, as the normaliser
     * 1 + e^(1/beta) of the tilted policy, and x^(a + b s) is x^a w^b with w = x^s ({@link #symbolicBase}): sound
     * wherever only a 0 is concluded (a rational function that is 0 stays 0 whatever its variables stand for).
     */
    private final boolean expVariables;

    private PowersAsVariables(SymjaSession symja, boolean tidyLogs, boolean expVariables) {
        this.symja = symja;
        this.tidyLogs = tidyLogs;
        this.expVariables = expVariables;
    }

    /**
     * Whether {@code difference} (of two forms of one quantity) is identically 0 by the rewriting: with the powers as
     * variables and every log's argument put together and factored (so that logs of equal arguments become one atom),
     * the coefficient of each product of atoms must be 0 as a rational function. Each step replaces an expression by
     * an equal one where it is defined (no log is split, so no sign condition is needed), so true is a proof; false
     * only means the rewriting does not show it.
     */
    static boolean isIdentity(SymjaSession symja, IExpr difference) {
        if (!worthTrying(symja, difference, true)) {
            return false; // nothing of its kind, or too much of it: left to Symja's own identities
        }
        PowersAsVariables v = new PowersAsVariables(symja, true, true);
        v.canonicalLogs = true;
        IExpr mapped = v.map(difference);
        IExpr collected = v.atoms.isEmpty() ? F.Together(mapped)
                : F.ternaryAST3(S.Collect, F.Expand(mapped), F.List(v.atoms.values().toArray(new IExpr[0])),
                        F.Function(F.Together(F.Slot1)));
        return symja.eval(collected, LIMIT) instanceof SymjaSession.Outcome.Value r && r.expr().isZero();
    }

    /**
     * {@code e} with its powers of rationals to symbolic exponents as variables, put over a common denominator and
     * factored (each coefficient of the opaque atoms apart: {@code Collect} with Together and Factor), the variables
     * then put back; empty where {@code e} has no such power or Symja gives no result.
     */
    static Optional<IExpr> simplified(SymjaSession symja, IExpr e) {
        return simplified(symja, e, true);
    }

    private static Optional<IExpr> simplified(SymjaSession symja, IExpr e, boolean tidyLogs) {
        if (!worthTrying(symja, e)) {
            return Optional.empty();
        }
        PowersAsVariables v = new PowersAsVariables(symja, tidyLogs, true);
        IExpr mapped = v.map(e); // its variables are the probe's (the logs' arguments have rewritings of their own)
        IExpr rational;
        if (v.atoms.isEmpty()) {
            rational = F.Factor(F.Together(mapped));
        } else {
            IAST list = F.List(v.atoms.values().toArray(new IExpr[0]));
            rational = F.ternaryAST3(S.Collect, F.Expand(mapped), list, F.Function(F.Factor(F.Together(F.Slot1))));
        }
        if (!(symja.eval(rational, LIMIT) instanceof SymjaSession.Outcome.Value r)) {
            return Optional.empty();
        }
        return v.back(v.atoms.isEmpty() ? r.expr() : v.grouped(r.expr()));
    }

    /**
     * Symja's Simplify of {@code e} with its powers of rationals to symbolic exponents as variables (z = p^s for each
     * prime p and symbol s; logs and other functions kept, their arguments rewritten the same way), the variables put
     * back after, where such a power sits in a log's argument: Symja's Log looks at the real part of every factor of
     * its argument, and its Simplify of vBoN's J on the coin, written with 2^n, takes 0.3 s cold, half that on the
     * rational form. The rewriting is an identity for real symbols. Empty where no log holds such a power (the caller
     * then asks Symja's Simplify of {@code e} itself: on square roots of powers, as in a Hellinger distance, it finds
     * shorter forms than on the variables); {@code e} itself where Symja gives no result within {@code limit}
     * (Simplify is not asked twice).
     */
    static Optional<IExpr> simplifiedBySymja(SymjaSession symja, IExpr e, java.time.Duration limit) {
        if (!e.has(x -> x.isLog() && ((IAST) x).argSize() == 1 && ((IAST) x).arg1().has(
                y -> y.isPower() && y.base().isRational() && !y.exponent().isNumber(), true), true)) {
            return Optional.empty();
        }
        PowersAsVariables v = new PowersAsVariables(symja, false, false);
        v.transparent = true;
        IExpr mapped = v.map(e);
        if (v.variables.isEmpty()) {
            return Optional.empty();
        }
        if (!(symja.eval(F.Simplify(mapped), limit) instanceof SymjaSession.Outcome.Value r)) {
            return Optional.of(e);
        }
        return Optional.of(v.back(r.expr()).orElse(e));
    }

    /** How long {@link #simplified} lets Symja put the rewritten expression together. */
    private static final java.time.Duration LIMIT = java.time.Duration.ofSeconds(3);

    /**
     * The collected sum with the terms c_j A_j (A_j one opaque atom) whose coefficients are rational multiples of
     * each other written c (A_i + r_j A_j + ...), so that {@code log(2 - 2^(1-n)) - log(2^(1-n))} can then be
     * combined into one log (the caller's {@code combinedLogs}); terms of any other shape are left as they are.
     */
    private IExpr grouped(IExpr collected) {
        if (!collected.isPlus()) {
            return collected;
        }
        java.util.List<IExpr> coefficients = new java.util.ArrayList<>();
        java.util.List<java.util.List<IExpr>> groups = new java.util.ArrayList<>(); // r_j A_j of each coefficient
        java.util.List<IExpr> rest = new java.util.ArrayList<>();
        java.util.Set<IExpr> stand = new java.util.HashSet<>(atoms.values());
        for (IExpr term : (IAST) collected) {
            IExpr atom = null;
            IExpr coefficient = F.C1;
            if (stand.contains(term)) {
                atom = term;
            } else if (term.isTimes()) {
                java.util.List<IExpr> others = new java.util.ArrayList<>();
                for (IExpr f : (IAST) term) {
                    if (atom == null && stand.contains(f)) {
                        atom = f;
                    } else {
                        others.add(f);
                    }
                }
                coefficient = others.size() == 1 ? others.get(0) : F.Times(others.toArray(new IExpr[0]));
                if (atom != null && !coefficient.isFree(x -> stand.contains(x), true)) {
                    atom = null; // a product of atoms: left as it is
                }
            }
            if (atom == null) {
                rest.add(term);
                continue;
            }
            boolean placed = false;
            for (int g = 0; g < coefficients.size() && !placed; g++) {
                if (symja.eval(F.Together(F.Times(coefficient, F.Power(coefficients.get(g), F.CN1))), RATIO_LIMIT)
                        instanceof SymjaSession.Outcome.Value ratio && ratio.expr().isRational()) {
                    groups.get(g).add(ratio.expr().isOne() ? atom : F.Times(ratio.expr(), atom));
                    placed = true;
                }
            }
            if (!placed) {
                coefficients.add(coefficient);
                groups.add(new java.util.ArrayList<>(java.util.List.of(atom)));
            }
        }
        for (int g = 0; g < coefficients.size(); g++) {
            java.util.List<IExpr> members = groups.get(g);
            IExpr sum = members.size() == 1 ? members.get(0) : F.Plus(members.toArray(new IExpr[0]));
            rest.add(F.Times(coefficients.get(g), sum));
        }
        return rest.size() == 1 ? rest.get(0) : F.Plus(rest.toArray(new IExpr[0]));
    }

    /** How long the ratio of two coefficients may take in {@link #grouped}. */
    private static final java.time.Duration RATIO_LIMIT = java.time.Duration.ofMillis(500);

    /**
     * Whether {@code e} is identically 0, where the rewriting decides it, for an expression with no opaque atom (a
     * rational function of the variables and symbols; algebraic independence, above): false as soon as the rational
     * function is not 0 at one of {@link #POINTS} (exact rational arithmetic, so that the answer is certain); true
     * when Symja's Together makes it 0 within {@link #TOGETHER_LIMIT}. Empty otherwise: an opaque atom, no power with a
     * symbolic exponent, or no decision (the caller then asks Symja's Simplify as before).
     */
    static Optional<Boolean> isZero(SymjaSession symja, IExpr e) {
        // no exponentials as variables here: e^a, e^b and e^(a + b) are not independent, and a non-zero claim needs
        // independence (the other two uses only ever conclude 0, which holds whatever the variables stand for)
        PowersAsVariables v = new PowersAsVariables(symja, false, false);
        IExpr mapped = v.map(e);
        if (v.variables.isEmpty() || !v.atoms.isEmpty()) {
            return Optional.empty();
        }
        java.util.List<ISymbol> unknowns = new java.util.ArrayList<>(v.symbols);
        unknowns.addAll(v.variables.values());
        for (long[][] point : POINTS) {
            org.matheclipse.core.interfaces.IASTAppendable rules = F.ListAlloc(unknowns.size());
            for (int i = 0; i < unknowns.size(); i++) {
                long[] q = point[i % point.length];
                rules.append(F.Rule(unknowns.get(i), F.QQ(q[0] + 2L * (i / point.length), q[1])));
            }
            if (symja.evalSmall(F.subst(mapped, rules)) instanceof SymjaSession.Outcome.Value value
                    && value.expr().isRational()) {
                if (!value.expr().isZero()) {
                    return Optional.of(false); // a rational function with a non-zero value is not 0
                }
            }
        }
        // zero at every point (or undefined there): only Symja's exact Together can say it is 0
        if (symja.eval(F.Together(mapped), TOGETHER_LIMIT) instanceof SymjaSession.Outcome.Value r && r.expr().isZero()) {
            return Optional.of(true);
        }
        return Optional.empty();
    }

    /**
     * The points at which {@link #isZero} evaluates the rational function: each unknown gets one of these fractions
     * (shifted by 2 for every pass through the list), chosen away from the small integers and simple fractions where
     * the factors of these expressions (z - 1, 2 - 2/z, n - 1) vanish.
     */
    private static final long[][][] POINTS = {
        {{37, 11}, {53, 17}, {71, 29}, {89, 13}, {103, 19}},
        {{59, 23}, {97, 41}, {113, 31}, {131, 37}, {151, 43}},
    };

    /** How long {@link #isZero} lets Symja's Together try to confirm a zero (it takes seconds on some of these). */
    private static final java.time.Duration TOGETHER_LIMIT = java.time.Duration.ofSeconds(2);

    private Optional<IExpr> back(IExpr r) {
        IExpr out = r;
        for (Map.Entry<IExpr, ISymbol> a : atoms.entrySet()) {
            out = F.subst(out, a.getValue(), a.getKey());
        }
        for (Map.Entry<IExpr, ISymbol> z : variables.entrySet()) {
            out = F.subst(out, z.getValue(), z.getKey());
        }
        if (!(symja.evalSmall(F.Identity(out)) instanceof SymjaSession.Outcome.Value v)) {
            return Optional.empty();
        }
        return Optional.of(v.expr());
    }

    /** The rewriting of {@code e}: sums, products and integer powers kept, the rest variables or atoms. */
    private IExpr map(IExpr e) {
        if (e.isSymbol() && !e.isBuiltInSymbol()) {
            symbols.add((ISymbol) e);
            return e;
        }
        if (e.isNumber()) {
            return e;
        }
        if (e.isPlus() || e.isTimes()) {
            return mapArguments((IAST) e);
        }
        if (e.isPower()) {
            IExpr base = e.base();
            IExpr exponent = e.exponent();
            if (exponent.isInteger()) {
                return F.Power(map(base), exponent);
            }
            if (base.isRational() && base.isPositive() && !exponent.isNumber()) {
                Optional<IExpr> monomial = monomial((IRational) base, exponent);
                if (monomial.isPresent()) {
                    return monomial.get();
                }
            }
            if (expVariables && !base.isNumber() && !base.equals(S.E) && !exponent.isNumber()) {
                Optional<IExpr> power = symbolicBase(base, exponent);
                if (power.isPresent()) {
                    return power.get();
                }
            }
            if (expVariables && base.equals(S.E) && !exponent.isNumber()) {
                // e^(k X) with k an integer: w_X^k (X without a rational factor, so e^(2/beta) is w^2 with w = e^(1/beta))
                IExpr k = F.C1;
                IExpr x = exponent;
                if (exponent.isTimes() && ((IAST) exponent).arg1().isRational()) {
                    k = ((IAST) exponent).arg1();
                    x = ((IAST) exponent).rest().oneIdentity1();
                }
                if (k.isInteger() && !x.isNumber()) {
                    ISymbol w = variables.computeIfAbsent(F.Power(S.E, x), z -> F.Dummy("z" + variables.size()));
                    return F.Power(w, k);
                }
            }
            return transparent ? F.Power(map(base), map(exponent)) : atom(e);
        }
        if (transparent && e instanceof IAST ast && !ast.isEmpty()) {
            return mapArguments(ast);
        }
        if (tidyLogs && e.isLog() && ((IAST) e).argSize() == 1) {
            // a log's argument put together and factored the same way (the log itself kept whole: no sign question)
            Optional<IExpr> argument = simplified(symja, ((IAST) e).arg1(), false); // exponentials as variables too
            if (argument.isPresent() && (canonicalLogs
                    || argument.get().leafCount() < ((IAST) e).arg1().leafCount())) {
                return atom(F.Log(argument.get()));
            }
        }
        return atom(e);
    }

    /** {@code ast} with each argument rewritten by {@link #map} (the same object where none changes). */
    private IAST mapArguments(IAST ast) {
        IAST copy = ast;
        for (int i = 1; i < ast.size(); i++) {
            IExpr inner = map(ast.get(i));
            if (inner != ast.get(i)) {
                copy = copy.setAtCopy(i, inner);
            }
        }
        return copy;
    }

    /**
     * x^(a + b s) with x free of the symbol s and b an integer, as x^a w^b with a variable w = x^s of its own (so
     * (1 - p)^(2n - 1) and ((1 - p)^n)^2/(1 - p) are one rational function of w); a positive rational factor q of x
     * apart, as q^(a + b s) by {@link #monomial} (q^s r^s = (q r)^s for q &gt; 0). Valid for principal powers of any
     * x other than 0 (x^u x^v = x^(u+v), (x^s)^b = x^(b s) for an integer b); empty for any other form.
     */
    private Optional<IExpr> symbolicBase(IExpr base, IExpr exponent) {
        Optional<IExpr[]> ab = affine(exponent);
        if (ab.isEmpty() || ab.get()[2] == null) {
            return Optional.empty();
        }
        IRational a = (IRational) ab.get()[0];
        IRational b = (IRational) ab.get()[1];
        ISymbol s = (ISymbol) ab.get()[2];
        if (!b.isInteger() || b.isZero() || !base.isFree(s)) {
            return Optional.empty();
        }
        IExpr rest = base;
        IExpr factor = F.C1;
        if (base.isTimes() && ((IAST) base).arg1().isRational() && ((IAST) base).arg1().isPositive()) {
            Optional<IExpr> q = monomial((IRational) ((IAST) base).arg1(), exponent);
            if (q.isEmpty()) {
                return Optional.empty();
            }
            factor = q.get();
            rest = ((IAST) base).rest().oneIdentity1();
        }
        ISymbol w = variables.computeIfAbsent(F.Power(rest, s), k -> F.Dummy("z" + variables.size()));
        IExpr out = F.Times(factor, F.Power(w, b));
        return Optional.of(a.isZero() ? out : F.Times(map(F.Power(rest, a)), out));
    }

    private ISymbol atom(IExpr e) {
        return atoms.computeIfAbsent(e, k -> F.Dummy("atom" + atoms.size()));
    }

    /** q^(a + b s) as q^a prod z_p^(b e_p), where every b e_p is an integer; empty otherwise. */
    private Optional<IExpr> monomial(IRational q, IExpr exponent) {
        Optional<IExpr[]> ab = affine(exponent);
        if (ab.isEmpty()) {
            return Optional.empty();
        }
        IRational a = (IRational) ab.get()[0];
        IRational b = (IRational) ab.get()[1];
        if (ab.get()[2] == null || b.isZero()) {
            return Optional.empty(); // no symbol left in the exponent: a number, for Symja
        }
        ISymbol s = (ISymbol) ab.get()[2];
        Optional<Map<BigInteger, Integer>> primes = primes(q);
        if (primes.isEmpty()) {
            return Optional.empty();
        }
        IExpr out = a.isZero() ? F.C1 : F.Power(q, a);
        for (Map.Entry<BigInteger, Integer> p : primes.get().entrySet()) {
            IRational power = b.multiply(F.ZZ(p.getValue()));
            if (!power.isInteger()) {
                return Optional.empty();
            }
            ISymbol z = variables.computeIfAbsent(F.Power(F.ZZ(p.getKey()), s), k -> F.Dummy("z" + variables.size()));
            out = F.Times(out, F.Power(z, power));
        }
        return Optional.of(out);
    }

    /**
     * {a, b, s} with exponent = a + b s, a and b rational, s a symbol (read through sums, rational multiples and a
     * single symbol, as Symja leaves 1 + 2(1 - n) unexpanded); empty for any other form or a second symbol.
     */
    private static Optional<IExpr[]> affine(IExpr exponent) {
        if (exponent.isRational()) {
            return Optional.of(new IExpr[] {exponent, F.C0, null});
        }
        if (exponent.isSymbol() && !exponent.isBuiltInSymbol()) {
            return Optional.of(new IExpr[] {F.C0, F.C1, exponent});
        }
        if (exponent.isTimes() && ((IAST) exponent).argSize() == 2 && ((IAST) exponent).arg1().isRational()) {
            Optional<IExpr[]> inner = affine(((IAST) exponent).arg2());
            if (inner.isEmpty()) {
                return inner;
            }
            IRational k = (IRational) ((IAST) exponent).arg1();
            return Optional.of(new IExpr[] {k.multiply((IRational) inner.get()[0]),
                k.multiply((IRational) inner.get()[1]), inner.get()[2]});
        }
        if (exponent.isPlus()) {
            IRational a = F.C0;
            IRational b = F.C0;
            IExpr s = null;
            for (int i = 1; i < ((IAST) exponent).size(); i++) {
                Optional<IExpr[]> term = affine(((IAST) exponent).get(i));
                if (term.isEmpty() || term.get()[2] != null && s != null && !term.get()[2].equals(s)) {
                    return Optional.empty();
                }
                a = a.add((IRational) term.get()[0]);
                b = b.add((IRational) term.get()[1]);
                s = term.get()[2] == null ? s : term.get()[2];
            }
            return Optional.of(new IExpr[] {a, b, s});
        }
        return Optional.empty();
    }

    /** The prime factorisation of a positive rational (negative exponents for the denominator), if small enough. */
    private static Optional<Map<BigInteger, Integer>> primes(IRational q) {
        Map<BigInteger, Integer> out = new LinkedHashMap<>();
        BigInteger[] parts = {q.toBigNumerator(), q.toBigDenominator()};
        for (int side = 0; side < 2; side++) {
            BigInteger m = parts[side];
            if (m.signum() <= 0 || m.compareTo(BigInteger.valueOf(MAX_FACTORED)) > 0) {
                return Optional.empty();
            }
            long r = m.longValue();
            for (long p = 2; p * p <= r; p++) {
                while (r % p == 0) {
                    out.merge(BigInteger.valueOf(p), side == 0 ? 1 : -1, Integer::sum);
                    r /= p;
                }
            }
            if (r > 1) {
                out.merge(BigInteger.valueOf(r), side == 0 ? 1 : -1, Integer::sum);
            }
        }
        out.values().removeIf(k -> k == 0);
        return Optional.of(out);
    }
}
