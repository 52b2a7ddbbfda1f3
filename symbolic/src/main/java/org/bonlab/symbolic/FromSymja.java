package org.bonlab.symbolic;

import java.math.BigInteger;
import java.util.Map;
import java.util.Optional;
import org.bonlab.expr.Expr;
import org.bonlab.expr.Rational;
import org.matheclipse.core.expression.S;
import org.matheclipse.core.interfaces.IAST;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.IFraction;
import org.matheclipse.core.interfaces.IInteger;
import org.matheclipse.core.interfaces.ISymbol;

/**
 * Translates a Symja result back into a dsl expression, for the arithmetic bonlab renders: integers, fractions,
 * symbols, {@code Plus}, {@code Times}, {@code Power}, {@code Log}, {@code Exp}. Anything else is reported as
 * untranslatable rather than guessed.
 */
final class FromSymja {

    private final Map<ISymbol, Expr.Sym> symbols;

    FromSymja(Map<ISymbol, Expr.Sym> symbols) {
        this.symbols = symbols;
    }

    Optional<Expr> translate(IExpr e) {
        try {
            return Optional.of(go(e));
        } catch (IllegalArgumentException ex) {
            return Optional.empty();
        }
    }

    private Expr go(IExpr e) {
        if (e instanceof IInteger i) {
            return Expr.constant(new Rational(i.toBigNumerator(), BigInteger.ONE));
        }
        if (e instanceof IFraction f) {
            return Expr.constant(new Rational(f.toBigNumerator(), f.toBigDenominator()));
        }
        if (e instanceof ISymbol s) {
            Expr.Sym sym = symbols.get(s);
            if (sym != null) {
                return sym;
            }
            if (s.equals(S.E)) {
                return Expr.exp(Expr.constant(1));
            }
            throw new IllegalArgumentException("unknown symbol " + s);
        }
        if (e instanceof IAST ast) {
            IExpr head = ast.head();
            if (head.equals(S.Plus)) {
                // a sum opens with a positive term where it has one: Symja's -1 + 2^n reads 2^n - 1
                int lead = 1;
                if (negative(ast.arg1())) {
                    for (int i = 2; i < ast.size(); i++) {
                        if (!negative(ast.get(i))) {
                            lead = i;
                            break;
                        }
                    }
                }
                Expr acc = go(ast.get(lead));
                for (int k = 1; k < ast.size(); k++) {
                    if (k == lead) {
                        continue;
                    }
                    IExpr t = ast.get(k);
                    if (t.isRational() && t.isNegative()) { // a + -1 reads a - 1
                        acc = acc.minus(go(t.negate()));
                        continue;
                    }
                    if (t.isTimes() && ((IAST) t).arg1().isRational() && ((IAST) t).arg1().isNegative()) {
                        // a + -3*x reads a - 3*x
                        IAST positive = ((IAST) t).setAtCopy(1, ((IAST) t).arg1().negate());
                        acc = acc.minus(go(!positive.arg1().isOne() ? positive
                                : positive.size() == 3 ? positive.arg2() : positive.removeAtClone(1)));
                        continue;
                    }
                    Expr term = go(t);
                    acc = term instanceof Expr.Neg neg ? acc.minus(neg.operand()) : acc.plus(term);
                }
                return acc;
            }
            if (head.equals(S.Times)) {
                if (ast.arg1().isMinusOne() && ast.size() > 2) {
                    Expr rest = go(ast.size() == 3 ? ast.arg2() : ast.removeAtClone(1));
                    return rest.unaryMinus();
                }
                Expr acc = go(ast.arg1());
                for (int i = 2; i < ast.size(); i++) {
                    acc = acc.times(go(ast.get(i)));
                }
                return acc;
            }
            if (head.equals(S.Power) && ast.size() == 3 && ast.arg1().equals(S.E)) {
                return Expr.exp(go(ast.arg2())); // E^x reads exp(x)
            }
            if (head.equals(S.Power) && ast.size() == 3) {
                return go(ast.arg1()).pow(go(ast.arg2()));
            }
            if (head.equals(S.Log) && ast.size() == 2) {
                return Expr.log(go(ast.arg1()));
            }
            if (head.equals(S.Exp) && ast.size() == 2) {
                return Expr.exp(go(ast.arg1()));
            }
            if (head.equals(S.Binomial) && ast.size() == 3) {
                return new Expr.Binomial(go(ast.arg1()), go(ast.arg2()));
            }
            if (head.equals(S.Sum) && ast.size() == 3 && ast.arg2().isList() && ((IAST) ast.arg2()).argSize() == 3
                    && go(((IAST) ast.arg2()).arg1()) instanceof Expr.Sym index) {
                // sum(body, {k, lower, upper}): a sum kept whole (a series coefficient with no closed form)
                IAST iterator = (IAST) ast.arg2();
                return new Expr.Sum(index, go(iterator.arg2()), go(iterator.arg3()), go(ast.arg1()));
            }
        }
        throw new IllegalArgumentException("cannot translate " + e);
    }

    /** Whether a term of a sum reads with a minus sign: a negative number, or a product led by one. */
    private static boolean negative(IExpr t) {
        return t.isNumber() && t.isNegative()
                || t.isTimes() && ((IAST) t).arg1().isNumber() && ((IAST) t).arg1().isNegative();
    }
}
