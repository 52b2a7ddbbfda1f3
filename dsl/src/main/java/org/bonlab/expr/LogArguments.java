package org.bonlab.expr;

import java.util.Locale;

/**
 * Refuses, when a definition is written, a logarithm whose argument can be negative on its own terms: every
 * probability and CDF at an outcome lies in [0, 1], so {@code log(q(y) - p(y))} is a mistake whatever the
 * policies (the author meant a ratio). The argument's range is found by interval rules from the outcome terms and
 * constants; where it involves a symbol, a reward or a built-in quantity the range is unknown and the check
 * stays silent (the engines then refuse a negative argument where they meet it). A log of a term that can be 0
 * is allowed: an expectation over q skips the outcomes q does not charge.
 */
final class LogArguments extends Rewrite {

    private String problem;

    private LogArguments() {
    }

    /** Why {@code e} takes the log of a possibly negative term, or null if it does not. */
    static String firstProblem(Expr e) {
        LogArguments l = new LogArguments();
        l.apply(e);
        return l.problem;
    }

    @Override
    public Expr visitLog(Expr.Log e) {
        double[] r = range(e.operand());
        if (r != null && r[0] < 0 && problem == null) {
            problem = String.format(Locale.ROOT, "%s takes the log of a term that can be negative (%s ranges over "
                    + "[%s, %s] when probabilities and CDFs range over [0, 1]); write a ratio, or take abs(...)",
                    e.show(), e.operand().show(), text(r[0]), text(r[1]));
        }
        return super.visitLog(e);
    }

    @Override
    public Expr visitDefined(Expr.Defined e) {
        return e; // checked when it was built
    }

    private static String text(double x) {
        return Double.isInfinite(x) ? (x > 0 ? "infinity" : "-infinity")
                : x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x) : Double.toString(x);
    }

    /** An enclosure [lo, hi] of every value {@code e} can take, or null where it is unknown. */
    static double[] range(Expr e) {
        double[] r = rangeOrNull(e);
        return r == null || Double.isNaN(r[0]) || Double.isNaN(r[1]) ? null : r;
    }

    private static double[] rangeOrNull(Expr e) {
        if (e instanceof Expr.Num n) {
            double v = n.value().toDouble();
            return new double[] {v, v};
        }
        if (e instanceof Expr.AtOutcome a) {
            return a.term() == Expr.AtOutcome.Term.REWARD ? null : new double[] {0, 1};
        }
        if (e instanceof Expr.PolicyNumber p) {
            return p.stat() == Expr.PolicyNumber.Stat.OUTCOMES ? new double[] {1, Double.POSITIVE_INFINITY}
                    : new double[] {0, 1};
        }
        if (e instanceof Expr.Defined d) {
            return range(d.definition());
        }
        if (e instanceof Expr.Expectation x) {
            return range(x.body());
        }
        if (e instanceof Expr.BinaryEntropy) {
            return new double[] {0, Math.log(2)};
        }
        if (e instanceof Expr.Neg n) {
            double[] a = range(n.operand());
            return a == null ? null : new double[] {-a[1], -a[0]};
        }
        if (e instanceof Expr.Exp x) {
            double[] a = range(x.operand());
            return a == null ? new double[] {0, Double.POSITIVE_INFINITY} : new double[] {Math.exp(a[0]), Math.exp(a[1])};
        }
        if (e instanceof Expr.Abs x) {
            double[] a = range(x.operand());
            return a == null ? new double[] {0, Double.POSITIVE_INFINITY}
                    : new double[] {a[0] <= 0 && a[1] >= 0 ? 0 : Math.min(Math.abs(a[0]), Math.abs(a[1])),
                            Math.max(Math.abs(a[0]), Math.abs(a[1]))};
        }
        if (e instanceof Expr.OutcomeSum s) {
            double[] a = range(s.body());
            return a != null && a[0] >= 0 ? new double[] {0, Double.POSITIVE_INFINITY} : null;
        }
        if (e instanceof Expr.Pow p) {
            double[] b = range(p.base());
            double[] x = range(p.exponent());
            if (x != null && x[0] == x[1] && x[0] % 2 == 0) {
                return new double[] {0, Double.POSITIVE_INFINITY}; // an even power
            }
            if (b == null || x == null || b[0] < 0) {
                return null; // an unknown exponent (such as n) leaves even the sign of 1 - (1 - p)^n unknown
            }
            // b^x is monotone in b >= 0 and in x: its range lies between the corners
            double[] c = {Math.pow(b[0], x[0]), Math.pow(b[0], x[1]), Math.pow(b[1], x[0]), Math.pow(b[1], x[1])};
            return new double[] {Math.min(Math.min(c[0], c[1]), Math.min(c[2], c[3])),
                    Math.max(Math.max(c[0], c[1]), Math.max(c[2], c[3]))};
        }
        if (e instanceof Expr.Add s) {
            double[] a = range(s.left());
            double[] b = range(s.right());
            return a == null || b == null ? null : new double[] {a[0] + b[0], a[1] + b[1]};
        }
        if (e instanceof Expr.Sub s) {
            double[] a = range(s.left());
            double[] b = range(s.right());
            return a == null || b == null ? null : new double[] {a[0] - b[1], a[1] - b[0]};
        }
        if (e instanceof Expr.Mul m) {
            double[] a = range(m.left());
            double[] b = range(m.right());
            if (a == null || b == null) {
                return null;
            }
            double[] c = {a[0] * b[0], a[0] * b[1], a[1] * b[0], a[1] * b[1]};
            return new double[] {Math.min(Math.min(c[0], c[1]), Math.min(c[2], c[3])),
                    Math.max(Math.max(c[0], c[1]), Math.max(c[2], c[3]))};
        }
        if (e instanceof Expr.Div d) {
            double[] a = range(d.numerator());
            double[] b = range(d.denominator());
            if (a == null || b == null) {
                return null;
            }
            if (b[0] > 0 || b[1] < 0) {
                double[] c = {a[0] / b[0], a[0] / b[1], a[1] / b[0], a[1] / b[1]};
                return new double[] {Math.min(Math.min(c[0], c[1]), Math.min(c[2], c[3])),
                        Math.max(Math.max(c[0], c[1]), Math.max(c[2], c[3]))};
            }
            return a[0] >= 0 && b[0] >= 0 ? new double[] {0, Double.POSITIVE_INFINITY} : null;
        }
        return null;
    }
}
