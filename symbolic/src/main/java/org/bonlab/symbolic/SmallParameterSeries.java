package org.bonlab.symbolic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.expression.S;
import org.matheclipse.core.interfaces.IAST;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.ISymbol;

/**
 * Expansion in a small parameter x at 0 with symbolic coefficients, by arithmetic on truncated series
 * (the way a computer-algebra system's series code works, applied node by node): sums, products, inverses,
 * powers with a symbolic exponent by the binomial series \( (1+u)^e = \sum_k \binom{e}{k} u^k \), logarithms by
 * \( \log(1+u) = \sum_k (-1)^{k+1} u^k / k \) and exponentials by \( \sum_k u^k/k! \). Symja 3.0.0's own
 * {@code Series} gives up on the papers' forms because they raise \( 1 - p \) to the symbolic power n.
 *
 * <p>A series is \( x^v (c_0 + c_1 x + \dots + c_{m-1} x^{m-1}) + O(x^{v+m}) \). The logarithm of a series
 * with \( v \ne 0 \) brings in \( v \log x \), carried as a symbol inside the coefficients (so a coefficient may
 * hold \( \log x \), and the error term may carry a power of it). A leading coefficient is dropped only when
 * Symja simplifies it to 0; one that vanishes only at special values of the other symbols (e.g. n = 1) is
 * kept, so the result is the generic expansion, and the caller checks it numerically.
 */
final class SmallParameterSeries {

    /** Why an expression has no expansion by these rules; the message names the sub-expression. */
    static final class NoSeries extends RuntimeException {
        NoSeries(String message) {
            super(message);
        }
    }

    private final SymjaSession symja;
    private final ISymbol x;
    private final ISymbol logX;
    /** The absolute order to which every series is carried: terms up to x^(cap-1). */
    private final int cap;
    /** Whether a sum was expanded by the moments of the binomial law ({@link #binomialSum}). */
    private boolean binomialSums;

    SmallParameterSeries(SymjaSession symja, ISymbol x, ISymbol logX, int cap) {
        this.symja = symja;
        this.x = x;
        this.logX = logX;
        this.cap = cap;
    }

    /** Whether an expansion so far summed a sum over k = 0..n by the binomial law's moments. */
    boolean binomialSums() {
        return binomialSums;
    }

    /** x^v times c[0] + c[1] x + ..., known up to O(x^(v + c.length)). */
    record Ser(int v, IExpr[] c) {
        int precision() {
            return v + c.length;
        }

        IExpr at(int power) {
            int i = power - v;
            return i >= 0 && i < c.length ? c[i] : F.C0;
        }
    }

    /** Expansions already made: the papers' forms repeat sub-expressions (soft best-of-n's sum four times). */
    private final java.util.Map<IExpr, Ser> expanded = new java.util.HashMap<>();

    Ser expand(IExpr e) {
        Ser known = expanded.get(e);
        if (known == null) {
            known = expandNode(e);
            expanded.put(e, known);
        }
        return known;
    }

    private Ser expandNode(IExpr e) {
        if (e.isFree(x)) {
            return constant(e);
        }
        if (e.equals(x)) {
            return new Ser(1, fill(cap - 1, F.C1, F.C0));
        }
        if (e.isPlus()) {
            Ser s = expand(((IAST) e).arg1());
            for (int i = 2; i < ((IAST) e).size(); i++) {
                s = add(s, expand(((IAST) e).get(i)));
            }
            return s;
        }
        if (e.isTimes()) {
            Ser s = expand(((IAST) e).arg1());
            for (int i = 2; i < ((IAST) e).size(); i++) {
                s = multiply(s, expand(((IAST) e).get(i)));
            }
            return s;
        }
        if (e.isPower()) {
            IExpr base = e.base();
            IExpr exponent = e.exponent();
            if (base.equals(S.E)) {
                return exp(expand(exponent));
            }
            if (!exponent.isFree(x)) {
                return exp(multiply(expand(exponent), log(expand(base))));
            }
            return power(expand(base), exponent);
        }
        if (e.isLog() && ((IAST) e).argSize() == 1) {
            return log(expand(((IAST) e).arg1()));
        }
        if (e.isAST(S.Sum, 3)) {
            return binomialSum((IAST) e);
        }
        throw new NoSeries("no series rule for " + e.head() + " in " + e);
    }

    /**
     * \( \sum_{k=0}^{n} W(k)\, g(k, x) \) with n free of x and the weight \( W(k) = \binom{n}{k} w(k) \),
     * \( w(k+1)/w(k) = r \) free of k (so \( W(k) = w(0) \binom{n}{k} r^k \), a binomial law up to the factor
     * \( w(0)(1+r)^n \)): g is expanded in x with k a symbol, each coefficient must be a polynomial in k, and
     * \( \sum_k W(k) k^m = w(0)(1+r)^n\, E[K^m] \) for K binomial(n, r/(1+r)), with
     * \( E[K^m] = \sum_j S(m, j)\, n (n-1) \cdots (n-j+1)\, q^j \) (Stirling numbers of the second kind, falling
     * factorials). This is soft best-of-n's form (Eq. (6) of Amini et al.: the share of the better outcome among n
     * draws). The expansion of g holds for every k of the sum where no leading coefficient met on the way vanishes;
     * the caller's numeric check of the whole sum at several n covers the rest.
     */
    private Ser binomialSum(IAST sum) {
        IExpr iterator = sum.arg2();
        if (!iterator.isList() || ((IAST) iterator).argSize() != 3 || !((IAST) iterator).arg1().isSymbol()
                || !((IAST) iterator).arg2().isZero()) {
            throw new NoSeries("a sum is expanded only over k = 0..n, but this one runs over " + iterator);
        }
        ISymbol k = (ISymbol) ((IAST) iterator).arg1();
        IExpr n = ((IAST) iterator).arg3();
        if (!n.isFree(x) || !n.isFree(k)) {
            throw new NoSeries("the upper end " + n + " of a sum depends on " + x);
        }
        IExpr body = sum.arg1();
        List<IExpr> factors = new ArrayList<>();
        if (body.isTimes()) {
            for (int i = 1; i < ((IAST) body).size(); i++) {
                factors.add(((IAST) body).get(i));
            }
        } else {
            factors.add(body);
        }
        boolean binomial = false;
        List<IExpr> weight = new ArrayList<>();
        List<IExpr> rest = new ArrayList<>();
        for (IExpr f : factors) {
            if (!binomial && f.isAST(S.Binomial, 3) && ((IAST) f).arg1().equals(n) && ((IAST) f).arg2().equals(k)) {
                binomial = true;
            } else if (f.isFree(x)) {
                weight.add(f);
            } else {
                rest.add(f);
            }
        }
        if (!binomial || rest.isEmpty()) {
            throw new NoSeries("a sum over " + k + " = 0.." + n + " is expanded only with the weight Binomial(" + n
                    + ", " + k + ") a^" + k + " b^(" + n + " - " + k + "), but its terms are " + body);
        }
        IExpr w = weight.isEmpty() ? F.C1 : weight.size() == 1 ? weight.get(0) : F.Times(weight.toArray(new IExpr[0]));
        IExpr ratio = eval(F.Simplify(F.PowerExpand(F.Times(F.subst(w, k, F.Plus(k, F.C1)), F.Power(w, F.CN1)))));
        if (!ratio.isFree(k)) {
            throw new NoSeries("the weight " + w + " of a sum over " + k + " is not a^" + k + " b^(n - " + k
                    + "): the ratio of consecutive terms, " + ratio + ", depends on " + k);
        }
        IExpr q = eval(F.Together(F.Times(ratio, F.Power(F.Plus(F.C1, ratio), F.CN1))));
        // w(0) (1 + r)^n: for the weight p^k (1-p)^(n-k), (1-p)^n (1/(1-p))^n = 1 (a and b are positive)
        IExpr onePlus = eval(F.Together(F.Plus(F.C1, ratio)));
        IExpr scale = eval(F.Simplify(F.PowerExpand(F.Times(F.subst(w, k, F.C0), F.Power(onePlus, n)))));
        Ser g = expand(rest.size() == 1 ? rest.get(0) : F.Times(rest.toArray(new IExpr[0])));
        binomialSums = true;
        boolean[] polynomial = new boolean[g.c().length];
        boolean all = true;
        for (int i = 0; i < polynomial.length; i++) {
            IExpr c = g.c()[i];
            polynomial[i] = c.isFree(k) || eval(F.binaryAST2(S.PolynomialQ, c, k)).isTrue();
            all &= polynomial[i];
        }
        if (!all) {
            return byTermsFromOne(sum, g, polynomial, k, n, q, scale, w);
        }
        IExpr[] c = new IExpr[g.c().length];
        for (int i = 0; i < c.length; i++) {
            c[i] = F.Times(scale, binomialMean(g.c()[i], k, n, q));
        }
        return normalise(g.v(), c);
    }

    /** The sums kept whole inside coefficients ({@link #byTermsFromOne}): a dummy symbol for each, and the sum. */
    private final java.util.Map<ISymbol, IExpr> keptSums = new java.util.LinkedHashMap<>();

    /** Each dummy symbol standing in a coefficient for a sum over k = 1..n with no closed form, and that sum. */
    java.util.Map<ISymbol, IExpr> keptSums() {
        return java.util.Collections.unmodifiableMap(keptSums);
    }

    /**
     * The sum when the terms' expansion divides by powers of k (as soft best-of-n's as lambda -> 0, where the
     * better outcome's share k/(k + (n - k) q) expands as 1 - ((n - k)/k) q + ...): that expansion holds for
     * k >= 1 only, so the term k = 0 is expanded on its own, and each coefficient of the rest is summed over
     * k = 1..n: a polynomial in k ({@code polynomial[i]}) by the moments less its k = 0 term, any other c(k) whose
     * denominator is a power of k (never 0 on 1..n) kept as the sum itself, a dummy symbol in the series arithmetic
     * ({@link #keptSums}).
     */
    private Ser byTermsFromOne(IAST sum, Ser g, boolean[] polynomial, ISymbol k, IExpr n, IExpr q, IExpr scale,
            IExpr w) {
        IExpr w0 = eval(F.subst(w, k, F.C0));
        Ser first = expand(eval(F.subst(sum.arg1(), k, F.C0)));
        IExpr[] c = new IExpr[g.c().length];
        for (int i = 0; i < c.length; i++) {
            IExpr ci = g.c()[i];
            if (polynomial[i]) {
                c[i] = F.Plus(F.Times(scale, binomialMean(ci, k, n, q)), F.Times(F.CN1, w0, F.subst(ci, k, F.C0)));
                continue;
            }
            IExpr together = eval(F.Together(ci));
            IExpr denominator = eval(F.Denominator(together));
            IExpr list = eval(F.binaryAST2(S.CoefficientList, denominator, k));
            boolean monomial = list.isList() && ((IAST) list).argSize() >= 2;
            for (int j = 1; monomial && j < ((IAST) list).argSize(); j++) {
                monomial = ((IAST) list).get(j).isZero() && ((IAST) list).get(j + 1).isFree(k);
            }
            if (!monomial) {
                throw new NoSeries("a coefficient of the terms of a sum, " + ci + ", is not a polynomial in " + k
                        + " and divides by " + denominator + ", which is not a power of " + k + " (it may vanish "
                        + "inside 1.." + n + ")");
            }
            ISymbol dummy = F.Dummy("kept_sum_" + keptSums.size());
            // the terms simplified (the weight's powers combined: the probabilities are positive), and the factors
            // free of k taken out of the sum
            IExpr terms = eval(F.Simplify(F.PowerExpand(F.Times(F.Binomial(n, k), w, together))));
            List<IExpr> outside = new ArrayList<>();
            List<IExpr> inside = new ArrayList<>();
            int count = terms.isTimes() ? ((IAST) terms).argSize() : 1;
            for (int j = 1; j <= count; j++) {
                IExpr factor = terms.isTimes() ? ((IAST) terms).get(j) : terms;
                (factor.isFree(k) ? outside : inside).add(factor);
            }
            IExpr summed = F.Sum(inside.isEmpty() ? F.C1 : inside.size() == 1 ? inside.get(0)
                    : F.Times(inside.toArray(new IExpr[0])), F.list(k, F.C1, n));
            outside.add(summed);
            keptSums.put(dummy, outside.size() == 1 ? summed : F.Times(outside.toArray(new IExpr[0])));
            c[i] = dummy;
        }
        return add(normalise(g.v(), c), first);
    }

    /** \( E[c(K)] \) for K binomial(n, q) and c a polynomial in k, by the moments of K. */
    private IExpr binomialMean(IExpr c, ISymbol k, IExpr n, IExpr q) {
        if (c.isFree(k)) {
            return c;
        }
        if (!eval(F.binaryAST2(S.PolynomialQ, c, k)).isTrue()) {
            throw new NoSeries("a coefficient of the terms of a sum, " + c + ", is not a polynomial in " + k);
        }
        IExpr list = eval(F.binaryAST2(S.CoefficientList, c, k));
        if (!list.isList()) {
            throw new NoSeries("Symja gave no coefficients of " + c + " in " + k);
        }
        List<IExpr> terms = new ArrayList<>();
        for (int m = 0; m < ((IAST) list).argSize(); m++) {
            IExpr coefficient = ((IAST) list).get(m + 1);
            if (!coefficient.isZero()) {
                terms.add(F.Times(coefficient, binomialMoment(m, n, q)));
            }
        }
        return terms.isEmpty() ? F.C0 : F.Plus(terms.toArray(new IExpr[0]));
    }

    /** \( E[K^m] = \sum_{j=0}^{m} S(m, j)\, n (n-1) \cdots (n-j+1)\, q^j \) for K binomial(n, q). */
    private static IExpr binomialMoment(int m, IExpr n, IExpr q) {
        if (m == 0) {
            return F.C1;
        }
        // Stirling numbers of the second kind by S(i, j) = j S(i-1, j) + S(i-1, j-1)
        java.math.BigInteger[] row = {java.math.BigInteger.ONE};
        for (int i = 1; i <= m; i++) {
            java.math.BigInteger[] next = new java.math.BigInteger[i + 1];
            for (int j = 0; j <= i; j++) {
                java.math.BigInteger left = j < row.length ? row[j].multiply(java.math.BigInteger.valueOf(j))
                        : java.math.BigInteger.ZERO;
                java.math.BigInteger down = j >= 1 && j - 1 < row.length ? row[j - 1] : java.math.BigInteger.ZERO;
                next[j] = left.add(down);
            }
            row = next;
        }
        List<IExpr> terms = new ArrayList<>();
        IExpr falling = F.C1;
        for (int j = 1; j <= m; j++) {
            falling = F.Times(falling, F.Plus(n, F.ZZ(-(j - 1))));
            if (row[j].signum() != 0) {
                terms.add(F.Times(F.ZZ(row[j]), falling, F.Power(q, F.ZZ(j))));
            }
        }
        return F.Plus(terms.toArray(new IExpr[0]));
    }

    private Ser constant(IExpr e) {
        return new Ser(0, fill(cap, e, F.C0));
    }

    private static IExpr[] fill(int length, IExpr first, IExpr rest) {
        IExpr[] c = new IExpr[Math.max(length, 0)];
        Arrays.fill(c, rest);
        if (c.length > 0) {
            c[0] = first;
        }
        return c;
    }

    /** Expanded coefficients, leading zeros (as Symja simplifies them) dropped, the length kept within cap. */
    private Ser normalise(int v, IExpr[] raw) {
        IExpr[] c = new IExpr[Math.max(0, Math.min(raw.length, cap - v))];
        if (c.length > 0) { // one call for all the coefficients: each call to Symja crosses to its thread
            IExpr[] expand = new IExpr[c.length];
            for (int i = 0; i < c.length; i++) {
                expand[i] = F.Expand(raw[i]);
            }
            // Identity: a list back is a value, not "unevaluated"; small work, so no TimeConstrained thread
            IExpr all = evalSmall(F.Identity(F.List(expand)));
            if (!all.isList() || ((IAST) all).argSize() != c.length) {
                throw new NoSeries("Symja returned " + all + " for a list of " + c.length + " coefficients");
            }
            for (int i = 0; i < c.length; i++) {
                c[i] = ((IAST) all).get(i + 1);
            }
        }
        int drop = 0;
        while (drop < c.length && isZero(c[drop])) {
            drop++;
        }
        return new Ser(v + drop, Arrays.copyOfRange(c, drop, c.length));
    }

    private boolean isZero(IExpr c) {
        if (c.isZero()) {
            return true;
        }
        if (expandedPolynomial(c)) {
            return false; // Expand's sum of monomials (like terms combined) of a polynomial is 0 only when it is 0
        }
        Optional<Boolean> decided = PowersAsVariables.isZero(symja, c); // 2^(1-n) and the like as variables
        if (decided.isPresent()) {
            return decided.get();
        }
        IExpr s = eval(F.Simplify(c));
        return s.isZero();
    }

    /**
     * Whether {@code c} is built from rational numbers and symbols by sums, products and powers with positive integer
     * exponents: a polynomial, which {@link #normalise}'s Expand leaves as a sum of distinct monomials.
     */
    private static boolean expandedPolynomial(IExpr c) {
        if (c.isRational() || c.isSymbol() && !c.isBuiltInSymbol()) {
            return true;
        }
        if (c.isPlus() || c.isTimes()) {
            for (int i = 1; i < ((IAST) c).size(); i++) {
                if (!expandedPolynomial(((IAST) c).get(i))) {
                    return false;
                }
            }
            return true;
        }
        return c.isPower() && c.exponent().isInteger() && c.exponent().isPositive() && expandedPolynomial(c.base());
    }

    private IExpr eval(IExpr e) {
        return value(symja.eval(e));
    }

    /** As {@link #eval} for the small expansions of series arithmetic ({@link SymjaSession#evalSmall}). */
    private IExpr evalSmall(IExpr e) {
        return value(symja.evalSmall(e));
    }

    private static IExpr value(SymjaSession.Outcome o) {
        if (o instanceof SymjaSession.Outcome.Value v) {
            return v.expr();
        }
        throw new NoSeries(((SymjaSession.Outcome.Failed) o).reason());
    }

    Ser add(Ser a, Ser b) {
        int v = Math.min(a.v(), b.v());
        int precision = Math.min(a.precision(), b.precision());
        IExpr[] c = new IExpr[Math.max(0, precision - v)];
        for (int i = 0; i < c.length; i++) {
            c[i] = F.Plus(a.at(v + i), b.at(v + i));
        }
        return normalise(v, c);
    }

    Ser multiply(Ser a, Ser b) {
        int m = Math.min(a.c().length, b.c().length);
        IExpr[] c = new IExpr[m];
        for (int k = 0; k < m; k++) {
            List<IExpr> terms = new ArrayList<>();
            for (int i = 0; i <= k; i++) {
                terms.add(F.Times(a.c()[i], b.c()[k - i]));
            }
            c[k] = F.Plus(terms.toArray(new IExpr[0]));
        }
        return normalise(a.v() + b.v(), c);
    }

    private Ser scale(Ser a, IExpr factor) {
        IExpr[] c = new IExpr[a.c().length];
        for (int i = 0; i < c.length; i++) {
            c[i] = F.Times(factor, a.c()[i]);
        }
        return normalise(a.v(), c);
    }

    /** 1/a: x^(-v) (1/c0) (1 - u + u^2 - ...), by the recursion d_k = -(sum_{j=1..k} c_j d_{k-j}) / c_0. */
    Ser inverse(Ser a) {
        requireLeading(a, "a divisor");
        IExpr[] c = a.c();
        IExpr[] d = new IExpr[c.length];
        d[0] = evalSmall(F.Identity(F.Power(c[0], F.CN1))); // Identity: a power back (1/n) is a value
        for (int k = 1; k < c.length; k++) {
            List<IExpr> terms = new ArrayList<>();
            for (int j = 1; j <= k; j++) {
                terms.add(F.Times(c[j], d[k - j]));
            }
            d[k] = evalSmall(F.Expand(F.Times(F.CN1, d[0], F.Plus(terms.toArray(new IExpr[0])))));
        }
        return normalise(-a.v(), d);
    }

    private void requireLeading(Ser a, String what) {
        if (a.c().length == 0) {
            throw new NoSeries(what + " vanishes to the order carried (O(" + x + "^" + a.precision() + "))");
        }
    }

    /** u = a / (c0 x^v) - 1, a series with no constant term (relative precision kept). */
    private Ser unitPart(Ser a) {
        IExpr[] u = new IExpr[a.c().length];
        u[0] = F.C0;
        for (int i = 1; i < u.length; i++) {
            u[i] = F.Times(a.c()[i], F.Power(a.c()[0], F.CN1));
        }
        return normalise(0, u);
    }

    /** sum_k coefficient(k) u^k for k = 0..terms-1, u without a constant term, to precision m. */
    private Ser compose(Ser u, int m, java.util.function.IntFunction<IExpr> coefficient) {
        Ser total = new Ser(0, fill(m, coefficient.apply(0), F.C0));
        Ser uk = new Ser(0, fill(m, F.C1, F.C0));
        for (int k = 1; k < m; k++) {
            uk = multiply(uk, u);
            if (uk.v() >= m) {
                break;
            }
            total = add(total, scale(uk, coefficient.apply(k)));
        }
        return total;
    }

    /** a^e with e free of x: c0^e x^(v e) (1 + u)^e; a symbolic e needs v = 0. */
    Ser power(Ser a, IExpr e) {
        if (e.isInteger() && e.isNegative()) {
            return power(inverse(a), F.ZZ(-e.toIntDefault()));
        }
        requireLeading(a, "a base");
        int shift;
        if (a.v() == 0) {
            shift = 0;
        } else if (e.isInteger()) {
            shift = a.v() * e.toIntDefault();
        } else {
            throw new NoSeries("a base vanishing like " + x + "^" + a.v() + " is raised to " + e
                    + ", which is not an integer: no power series in " + x);
        }
        int m = a.c().length;
        Ser u = unitPart(a);
        Ser binomial = compose(u, m, k -> {
            IExpr coefficient = F.C1;
            for (int j = 0; j < k; j++) {
                coefficient = F.Times(coefficient, F.Plus(e, F.ZZ(-j)));
            }
            return F.Times(coefficient, F.Power(F.Factorial(F.ZZ(k)), F.CN1));
        });
        Ser lead = new Ser(shift, fill(m, F.Power(a.c()[0], e), F.C0));
        return multiply(lead, binomial);
    }

    /** log a = v log x + log c0 + log(1 + u). */
    Ser log(Ser a) {
        requireLeading(a, "the argument of a logarithm");
        int m = a.c().length;
        Ser u = unitPart(a);
        IExpr constant = F.Plus(F.Times(F.ZZ(a.v()), logX), F.Log(a.c()[0]));
        return compose(u, m, k -> k == 0 ? constant
                : F.Times(F.ZZ(k % 2 == 1 ? 1 : -1), F.Power(F.ZZ(k), F.CN1)));
    }

    /** exp a = exp(c0) (1 + u + u^2/2 + ...) for v = 0; for v > 0 the series in a itself. */
    Ser exp(Ser a) {
        if (a.c().length == 0) {
            if (a.precision() <= 0) {
                throw new NoSeries("exp of a series known only to O(" + x + "^" + a.precision() + ")");
            }
            return new Ser(0, fill(a.precision(), F.C1, F.C0));
        }
        if (a.v() < 0) {
            throw new NoSeries("exp of a series that grows like " + x + "^" + a.v());
        }
        if (a.v() > 0) {
            return compose(a, a.precision(), k -> F.Power(F.Factorial(F.ZZ(k)), F.CN1));
        }
        IExpr c0 = a.c()[0];
        IExpr[] rest = a.c().clone();
        rest[0] = F.C0;
        Ser u = normalise(0, rest);
        Ser e = compose(u, a.c().length, k -> F.Power(F.Factorial(F.ZZ(k)), F.CN1));
        return multiply(new Ser(0, fill(a.c().length, F.Exp(c0), F.C0)), e);
    }
}
