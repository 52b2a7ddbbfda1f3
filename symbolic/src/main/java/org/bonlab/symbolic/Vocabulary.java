package org.bonlab.symbolic;

import java.util.ArrayList;
import java.util.List;
import org.bonlab.expr.Expr;
import org.bonlab.expr.Quantity;
import org.bonlab.expr.Rational;
import org.bonlab.expr.Rewrite;
import org.bonlab.policy.BasePolicy;

/**
 * Rewrites derived forms into the papers' vocabulary: the analytical formula
 * \( \widetilde{\mathrm{KL}}_n = \log n - \frac{n-1}{n} \) (Eq. (5) of Beirami et al.) wherever \( \log n \) and
 * \( -\frac{n-1}{n} \) are terms of one sum, and \( \sum_y p(y)^\alpha = e^{(1-\alpha) H_\alpha(p)} \) (Eq. (18))
 * wherever a sum runs over the \( \alpha \)-th powers of every probability of the base policy. The binary entropy
 * is recognised where the forms are built ({@link BestOfForms#klPresented()}).
 *
 * <p>Every rewrite is an identity: the result is checked against the closed form like any presented form.
 */
final class Vocabulary extends Rewrite {

    private final Expr.Sym n;
    private final BasePolicy base;
    private final List<Expr> probabilities;

    private Vocabulary(Expr.Sym n, BasePolicy base, List<Expr> probabilities) {
        this.n = n;
        this.base = base;
        this.probabilities = probabilities;
    }

    /** {@code e} in the papers' vocabulary, for quantities of best-of-n on {@code base} with variable n. */
    static Expr recognise(Expr e, Expr.Sym n, BasePolicy base) {
        List<Expr> probabilities = new ArrayList<>();
        for (Expr p : BestOfForms.rankedProbabilities(base)) {
            if (!BestOfForms.isZero(p)) {
                probabilities.add(p);
            }
        }
        return new Vocabulary(n, base, probabilities).apply(e);
    }

    /** Only the analytical formula (no base policy at hand). */
    static Expr recogniseAnalyticalKl(Expr e, Expr.Sym n) {
        return new Vocabulary(n, null, List.of()).apply(e);
    }

    /** The Renyi form \( e^{(1-\alpha)H_\alpha(p)} \) of \( \sum_y p(y)^\alpha \). */
    static Expr powerSumAsRenyi(BasePolicy base, int alpha) {
        Expr h = new Quantity.RenyiEntropy(base, Expr.constant(alpha));
        return Expr.exp(alpha == 2 ? h.unaryMinus() : Expr.constant(1 - alpha).times(h));
    }

    /**
     * The inverse rewrite: every analytical formula and every Renyi form made by this class written out again.
     * Used to show a presented form equal to its closed form term by term.
     */
    static Expr expand(Expr e) {
        return new Rewrite() {
            @Override
            protected Expr quantity(Quantity q) {
                return q instanceof Quantity.AnalyticalKl a ? a.definition() : q;
            }

            @Override
            protected Expr after(Expr x) {
                if (x instanceof Expr.Exp exp) {
                    Expr arg = exp.operand();
                    Quantity.RenyiEntropy h = null;
                    if (arg instanceof Expr.Neg neg && neg.operand() instanceof Quantity.RenyiEntropy r
                            && r.alpha().equals(Expr.constant(2))) {
                        h = r;
                    } else if (arg instanceof Expr.Mul m && m.right() instanceof Quantity.RenyiEntropy r
                            && r.alpha() instanceof Expr.Num a && a.value() instanceof Rational alpha
                            && alpha.isInteger() && m.left().equals(Expr.constant(Rational.ONE.minus(alpha)))) {
                        h = r;
                    }
                    if (h != null && h.q() instanceof BasePolicy base) {
                        int alpha = ((Rational) ((Expr.Num) h.alpha()).value()).numerator().intValueExact();
                        return BestOfForms.of(base, Expr.symbol("n")).powerSum(alpha);
                    }
                }
                return x;
            }
        }.apply(e);
    }

    /**
     * Whether two forms are equal as sums: every additive chain is compared as a multiset of signed terms, so
     * forms that differ only in the order of their terms (as a rewrite by this class leaves them) are equal.
     */
    static boolean sameTerms(Expr a, Expr b) {
        return canonical(a).equals(canonical(b));
    }

    /** Every additive chain rebuilt with its signed terms in one fixed order. */
    private static Expr canonical(Expr e) {
        return new Rewrite() {
            @Override
            protected Expr after(Expr x) {
                if (!(x instanceof Expr.Add || x instanceof Expr.Sub)) {
                    return x;
                }
                List<Term> terms = new ArrayList<>();
                flatten(x, false, terms);
                terms.sort(java.util.Comparator.comparing(t -> (t.negative() ? "-" : "+") + t.value()));
                return rebuild(terms);
            }
        }.apply(e);
    }

    @Override
    protected Expr after(Expr e) {
        if (!(e instanceof Expr.Add || e instanceof Expr.Sub)) {
            return e;
        }
        List<Term> terms = new ArrayList<>();
        flatten(e, false, terms);
        boolean changed = analyticalKl(terms);
        changed |= renyi(terms);
        return changed ? rebuild(terms) : e;
    }

    /** One signed term of a sum. */
    record Term(boolean negative, Expr value) {
    }

    /** The signed terms of a sum (one term when {@code e} is not a sum). */
    static List<Term> terms(Expr e) {
        List<Term> out = new ArrayList<>();
        flatten(e, false, out);
        return out;
    }

    private static void flatten(Expr e, boolean negative, List<Term> out) {
        if (e instanceof Expr.Add a) {
            flatten(a.left(), negative, out);
            flatten(a.right(), negative, out);
        } else if (e instanceof Expr.Sub s) {
            flatten(s.left(), negative, out);
            flatten(s.right(), !negative, out);
        } else if (e instanceof Expr.Neg g) {
            flatten(g.operand(), !negative, out);
        } else {
            out.add(new Term(negative, e));
        }
    }

    private static Expr rebuild(List<Term> terms) {
        Expr out = null;
        for (Term t : terms) {
            if (out == null) {
                out = t.negative() ? t.value().unaryMinus() : t.value();
            } else {
                out = t.negative() ? out.minus(t.value()) : out.plus(t.value());
            }
        }
        return out == null ? Expr.constant(0) : out;
    }

    /** \( +\log n \) and \( -\frac{n-1}{n} \) become \( +\widetilde{\mathrm{KL}}_n \). */
    private boolean analyticalKl(List<Term> terms) {
        int log = -1;
        int frac = -1;
        for (int i = 0; i < terms.size(); i++) {
            Term t = terms.get(i);
            if (!t.negative() && t.value() instanceof Expr.Log l && l.operand().equals(n)) {
                log = log < 0 ? i : log;
            } else if (t.negative() && isNMinusOneOverN(t.value())) {
                frac = frac < 0 ? i : frac;
            }
        }
        if (log < 0 || frac < 0) {
            return false;
        }
        terms.set(log, new Term(false, new Quantity.AnalyticalKl(n)));
        terms.remove(frac);
        return true;
    }

    private boolean isNMinusOneOverN(Expr e) {
        if (!(e instanceof Expr.Div d) || !d.denominator().equals(n)) {
            return false;
        }
        Expr num = d.numerator();
        return num instanceof Expr.Sub s && s.left().equals(n) && isNumber(s.right(), Rational.ONE)
                || num instanceof Expr.Add a && a.left().equals(n) && isNumber(a.right(), Rational.of(-1));
    }

    private static boolean isNumber(Expr e, Rational value) {
        return e instanceof Expr.Num num && num.value() instanceof Rational r && r.equals(value);
    }

    /** \( \sum_y p(y)^\alpha \), every probability once with the same integer \( \alpha \ge 2 \), becomes Renyi. */
    private boolean renyi(List<Term> terms) {
        if (base == null || probabilities.size() < 2) {
            return false;
        }
        for (int i = 0; i < terms.size(); i++) {
            Term t = terms.get(i);
            if (t.negative() || !(t.value() instanceof Expr.Pow pow) || !(pow.exponent() instanceof Expr.Num num)
                    || !(num.value() instanceof Rational r) || !r.isInteger() || r.compareTo(Rational.of(2)) < 0
                    || !probabilities.contains(pow.base())) {
                continue;
            }
            List<Integer> used = new ArrayList<>();
            for (Expr p : probabilities) {
                int at = -1;
                for (int j = 0; j < terms.size() && at < 0; j++) {
                    Term u = terms.get(j);
                    if (!u.negative() && !used.contains(j) && u.value().equals(new Expr.Pow(p, pow.exponent()))) {
                        at = j;
                    }
                }
                if (at < 0) {
                    break;
                }
                used.add(at);
            }
            if (used.size() == probabilities.size()) {
                int first = used.stream().min(Integer::compare).orElseThrow();
                used.sort((a, b) -> Integer.compare(b, a));
                for (int j : used) {
                    terms.remove(j);
                }
                terms.add(first, new Term(false, powerSumAsRenyi(base, r.numerator().intValueExact())));
                return true;
            }
        }
        return false;
    }
}
