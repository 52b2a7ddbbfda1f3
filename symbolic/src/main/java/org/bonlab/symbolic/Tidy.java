package org.bonlab.symbolic;

import java.util.ArrayList;
import java.util.List;
import org.bonlab.expr.Expr;
import org.bonlab.expr.Rational;
import org.bonlab.expr.Rewrite;

/**
 * Presents a derived form as a reader writes it, by exact rewrites that hold for every value of the symbols:
 * rational constants folded (2 n (n - 1) (1/2) becomes n (n - 1)), division by a rational turned into
 * multiplication (x/(1/2) becomes 2 x), log of 1/q written -log q, equal terms of a sum collected with rational
 * coefficients (2^-n + 1 - 2^-n becomes 1), and a factor common to every term of a sum taken out when that
 * shortens the form (a X + b X becomes (a + b) X). Every result is still checked equal to the closed form and
 * against the numeric engine by the caller, as any presented form is.
 */
final class Tidy extends Rewrite {

    private Tidy() {
    }

    static Expr tidy(Expr e) {
        return new Tidy().apply(e);
    }

    @Override
    protected Expr after(Expr e) {
        if (e instanceof Expr.Add || e instanceof Expr.Sub || e instanceof Expr.Neg) {
            return sum(e);
        }
        if (e instanceof Expr.Mul || e instanceof Expr.Div) {
            return product(e);
        }
        Rational r = e instanceof Expr.Log l ? rational(l.operand()) : null;
        if (r != null && r.signum() > 0) {
            if (r.equals(Rational.ONE)) {
                return Expr.constant(0);
            }
            if (r.numerator().equals(java.math.BigInteger.ONE)) {
                return Expr.log(Expr.constant(new Rational(r.denominator(), java.math.BigInteger.ONE))).unaryMinus();
            }
        }
        if (e instanceof Expr.Pow p && Rational.ONE.equals(rational(p.exponent()))) {
            return p.base();
        }
        return e;
    }

    /** The exact rational value of a constant node, or null. */
    private static Rational rational(Expr e) {
        if (e instanceof Expr.Num n && n.value() instanceof Rational r) {
            return r;
        }
        if (e instanceof Expr.Neg m) {
            Rational r = rational(m.operand());
            return r == null ? null : r.negate();
        }
        return null;
    }

    private record Term(Rational coefficient, Expr body) {
    }

    /** A sum flattened into rational multiples of distinct bodies (null body: the constant term). */
    private static void terms(Expr e, Rational sign, List<Term> out) {
        if (e instanceof Expr.Add a) {
            terms(a.left(), sign, out);
            terms(a.right(), sign, out);
        } else if (e instanceof Expr.Sub s) {
            terms(s.left(), sign, out);
            terms(s.right(), sign.negate(), out);
        } else if (e instanceof Expr.Neg n) {
            terms(n.operand(), sign.negate(), out);
        } else if (rational(e) != null) {
            out.add(new Term(sign.times(rational(e)), null));
        } else if (e instanceof Expr.Mul m && rational(m.left()) != null) {
            out.add(new Term(sign.times(rational(m.left())), m.right()));
        } else {
            out.add(new Term(sign, e));
        }
    }

    private static Expr sum(Expr e) {
        List<Term> raw = new ArrayList<>();
        terms(e, Rational.ONE, raw);
        List<Term> collected = new ArrayList<>();
        for (Term t : raw) {
            int at = -1;
            for (int k = 0; k < collected.size(); k++) {
                Expr b = collected.get(k).body();
                if (b == null ? t.body() == null : b.equals(t.body())) {
                    at = k;
                    break;
                }
            }
            if (at < 0) {
                collected.add(t);
            } else {
                collected.set(at, new Term(collected.get(at).coefficient().plus(t.coefficient()), t.body()));
            }
        }
        collected.removeIf(t -> t.coefficient().signum() == 0);
        Expr rebuilt = rebuild(collected);
        Expr factored = commonFactor(collected);
        return factored != null && leaves(factored) < leaves(rebuilt) ? factored : rebuilt;
    }

    private static Expr rebuild(List<Term> terms) {
        if (terms.isEmpty()) {
            return Expr.constant(0);
        }
        Expr out = null;
        for (Term t : terms) {
            Rational c = t.coefficient();
            Expr magnitude = t.body() == null ? Expr.constant(c.abs())
                    : c.abs().equals(Rational.ONE) ? t.body() : Expr.constant(c.abs()).times(t.body());
            if (out == null) {
                out = c.signum() < 0 ? magnitude.unaryMinus() : magnitude;
            } else {
                out = c.signum() < 0 ? out.minus(magnitude) : out.plus(magnitude);
            }
        }
        return out;
    }

    /** (sum of the rest) times F, when every term (two or more) is a product with the factor F; else null. */
    private static Expr commonFactor(List<Term> terms) {
        if (terms.size() < 2 || terms.stream().anyMatch(t -> t.body() == null)) {
            return null;
        }
        List<Expr> first = factors(terms.get(0).body());
        for (Expr f : first) {
            if (rational(f) != null) {
                continue;
            }
            List<Expr> rests = new ArrayList<>();
            for (Term t : terms) {
                List<Expr> fs = factors(t.body());
                if (!fs.remove(f)) {
                    rests = null;
                    break;
                }
                Expr rest = fs.isEmpty() ? Expr.constant(1) : fs.get(0);
                for (int k = 1; k < fs.size(); k++) {
                    rest = rest.times(fs.get(k));
                }
                rests.add(Expr.constant(t.coefficient()).times(rest));
            }
            if (rests != null) {
                Expr inner = rests.get(0);
                for (int k = 1; k < rests.size(); k++) {
                    inner = inner.plus(rests.get(k));
                }
                return product(sum(tidy(inner)).times(f));
            }
        }
        return null;
    }

    private static List<Expr> factors(Expr e) {
        List<Expr> out = new ArrayList<>();
        if (e instanceof Expr.Mul m) {
            out.addAll(factors(m.left()));
            out.addAll(factors(m.right()));
        } else {
            out.add(e);
        }
        return out;
    }

    /** A product or quotient with its rational factors multiplied into one leading coefficient. */
    private static Expr product(Expr e) {
        Rational[] coefficient = {Rational.ONE};
        List<Expr> up = new ArrayList<>();
        List<Expr> down = new ArrayList<>();
        split(e, true, coefficient, up, down);
        Rational c = coefficient[0];
        if (c.signum() == 0) {
            return Expr.constant(0);
        }
        Expr out = null;
        for (Expr f : up) {
            out = out == null ? f : out.times(f);
        }
        Expr den = null;
        for (Expr f : down) {
            den = den == null ? f : den.times(f);
        }
        if (out == null) {
            out = Expr.constant(c.abs());
        } else if (!c.abs().equals(Rational.ONE)) {
            out = Expr.constant(c.abs()).times(out);
        }
        if (den != null) {
            out = out.div(den);
        }
        return c.signum() < 0 ? out.unaryMinus() : out;
    }

    private static void split(Expr e, boolean numerator, Rational[] c, List<Expr> up, List<Expr> down) {
        if (e instanceof Expr.Mul m) {
            split(m.left(), numerator, c, up, down);
            split(m.right(), numerator, c, up, down);
        } else if (e instanceof Expr.Div d) {
            split(d.numerator(), numerator, c, up, down);
            split(d.denominator(), !numerator, c, up, down);
        } else if (e instanceof Expr.Neg n) {
            c[0] = c[0].negate();
            split(n.operand(), numerator, c, up, down);
        } else if (rational(e) != null && (numerator || rational(e).signum() != 0)) {
            c[0] = numerator ? c[0].times(rational(e)) : c[0].div(rational(e));
        } else {
            (numerator ? up : down).add(e);
        }
    }

    /** The number of nodes of an expression, as a measure of length. */
    static int leaves(Expr e) {
        int[] count = {0};
        new Rewrite() {
            @Override
            protected Expr after(Expr x) {
                count[0]++;
                return x;
            }
        }.apply(e);
        return count[0];
    }
}
