package org.bonlab.expr;

import java.util.Locale;
import java.util.Objects;
import org.bonlab.policy.Policy;

/**
 * A real-valued expression over symbols (such as {@code n}) and quantities of policies.
 *
 * <p>Building an expression never evaluates it: engines ({@code numeric}, {@code symbolic}) interpret the
 * tree. Method names follow Kotlin's operator conventions, so Kotlin code can write {@code a + b},
 * {@code a - b}, {@code a * b}, {@code a / b} and {@code -a}.
 */
public sealed interface Expr permits Expr.Num, Expr.Sym, Expr.Add, Expr.Sub, Expr.Mul, Expr.Div, Expr.Neg,
        Expr.Pow, Expr.Log, Expr.Exp, Expr.Abs, Expr.BinaryEntropy, Expr.Binomial, Expr.Sum, Expr.Integral, Expr.Expectation,
        Expr.OutcomeSum, Expr.AtOutcome, Expr.PolicyNumber, Expr.Defined, Quantity {

    /** A constant. */
    record Num(Scalar value) implements Expr {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitNum(this);
        }

        public Num {
            Objects.requireNonNull(value, "value");
        }
    }

    /** A free symbol such as {@code n} or {@code lambda}. */
    record Sym(String name) implements Expr {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitSym(this);
        }

        public Sym {
            Objects.requireNonNull(name, "name");
            if (!name.matches("[A-Za-z][A-Za-z0-9_]*")) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "symbol name must be a letter followed by letters, digits or '_', but was '%s'", name));
            }
        }
    }

    record Add(Expr left, Expr right) implements Expr {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitAdd(this);
        }

        public Add {
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
        }
    }

    record Sub(Expr left, Expr right) implements Expr {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitSub(this);
        }

        public Sub {
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
        }
    }

    record Mul(Expr left, Expr right) implements Expr {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitMul(this);
        }

        public Mul {
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
        }
    }

    record Div(Expr numerator, Expr denominator) implements Expr {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitDiv(this);
        }

        public Div {
            Objects.requireNonNull(numerator, "numerator");
            Objects.requireNonNull(denominator, "denominator");
        }
    }

    record Neg(Expr operand) implements Expr {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitNeg(this);
        }

        public Neg {
            Objects.requireNonNull(operand, "operand");
        }
    }

    record Pow(Expr base, Expr exponent) implements Expr {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitPow(this);
        }

        public Pow {
            Objects.requireNonNull(base, "base");
            Objects.requireNonNull(exponent, "exponent");
        }
    }

    /** The natural logarithm (KL divergences are in nats). */
    record Log(Expr operand) implements Expr {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitLog(this);
        }

        public Log {
            Objects.requireNonNull(operand, "operand");
        }
    }

    record Exp(Expr operand) implements Expr {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitExp(this);
        }

        public Exp {
            Objects.requireNonNull(operand, "operand");
        }
    }

    /**
     * The binary entropy in nats, \( h(q) = -q \log q - (1-q) \log(1-q) \), as in Eq. (6) of Beirami et al.
     * (2024), with \( h(0) = h(1) = 0 \).
     */
    record BinaryEntropy(Expr operand) implements Expr {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitBinaryEntropy(this);
        }

        public BinaryEntropy {
            Objects.requireNonNull(operand, "operand");
        }
    }

    /** Dispatches on the kind of node; a new kind of node is a compile error in every visitor. */
    <R> R accept(Visitor<R> visitor);

    /** One method per kind of node, quantities included. */
    interface Visitor<R> {
        R visitNum(Num e);

        R visitSym(Sym e);

        R visitAdd(Add e);

        R visitSub(Sub e);

        R visitMul(Mul e);

        R visitDiv(Div e);

        R visitNeg(Neg e);

        R visitPow(Pow e);

        R visitLog(Log e);

        R visitExp(Exp e);

        R visitAbs(Abs e);

        R visitExpectation(Expectation e);

        R visitOutcomeSum(OutcomeSum e);

        R visitAtOutcome(AtOutcome e);

        R visitPolicyNumber(PolicyNumber e);

        R visitDefined(Defined e);

        R visitBinaryEntropy(BinaryEntropy e);

        R visitBinomial(Binomial e);

        R visitSum(Sum e);

        R visitIntegral(Integral e);

        R visitKl(Quantity.Kl e);

        R visitAnalyticalKl(Quantity.AnalyticalKl e);

        R visitExpectedReward(Quantity.ExpectedReward e);

        R visitWinRate(Quantity.WinRate e);

        R visitEntropy(Quantity.Entropy e);

        R visitRenyiEntropy(Quantity.RenyiEntropy e);

        R visitChiSquare(Quantity.ChiSquare e);

        R visitEstimatorAt(Quantity.EstimatorAt e);

        R visitEstimatorMean(Quantity.EstimatorMean e);

        R visitBound(Quantity.Bound e);

        R visitVbonObjective(Quantity.VbonObjective e);

        R visitVbonBound(Quantity.VbonBound e);
    }

    /** \( |x| \). */
    record Abs(Expr operand) implements Expr {
        public Abs {
            Objects.requireNonNull(operand, "operand");
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitAbs(this);
        }
    }

    /**
     * \( \mathbb{E}_{y \sim q}[\,\mathit{body}(y)\,] = \sum_y q(y)\, \mathit{body}(y) \): an expectation over the
     * outcomes of a policy of an expression in per-outcome terms ({@link AtOutcome}); outcomes with \( q(y) = 0 \)
     * contribute 0 (so \( 0 \log 0 = 0 \), as in Eq. (3) of Beirami et al.). The body's outcome terms refer to the
     * outcome y of the innermost enclosing expectation or sum.
     */
    record Expectation(Policy over, Expr body) implements Expr {
        public Expectation {
            Objects.requireNonNull(over, "over");
            Objects.requireNonNull(body, "body");
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitExpectation(this);
        }
    }

    /** \( \sum_y \mathit{body}(y) \) over every outcome of {@code of}'s base policy. */
    record OutcomeSum(Policy of, Expr body) implements Expr {
        public OutcomeSum {
            Objects.requireNonNull(of, "of");
            Objects.requireNonNull(body, "body");
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitOutcomeSum(this);
        }
    }

    /**
     * A term at the outcome y of the enclosing expectation or sum: the probability \( q(y) \) of a policy, its
     * CDF \( F(y) = \sum_{z \preceq y} q(z) \) and \( F_-(y) = \sum_{z \prec y} q(z) \) in reward order (Eq. (7) of
     * Beirami et al. writes best-of-n with those of the base policy), or the reward \( r(y) \). F and F_- follow
     * the ranking, whose ties are broken by outcome order (App. C of Amini et al.); the CDF of the reward value,
     * \( G(y) = P_{y' \sim q}[r(y') \le r(y)] \) and \( G_-(y) = P_{y' \sim q}[r(y') < r(y)] \), counts tied
     * outcomes together (they equal F and F_- when no rewards tie). The policy must live on the same outcomes as
     * the expectation's.
     */
    record AtOutcome(Term term, Policy policy) implements Expr {
        /** What is taken at the outcome. */
        public enum Term {
            PROBABILITY, CDF, CDF_BELOW, REWARD_CDF, REWARD_CDF_BELOW, REWARD
        }

        public AtOutcome {
            Objects.requireNonNull(term, "term");
            Objects.requireNonNull(policy, "policy");
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitAtOutcome(this);
        }
    }

    /**
     * A number of a whole policy: its number of outcomes L, the probability \( \varepsilon_\infty \) of its
     * highest-ranked outcome (Eq. (20) of Beirami et al.), or its largest probability \( \delta \) (Cor. 2).
     */
    record PolicyNumber(Stat stat, Policy policy) implements Expr {
        /** Which number. */
        public enum Stat {
            OUTCOMES, TOP_PROBABILITY, MAX_PROBABILITY
        }

        public PolicyNumber {
            Objects.requireNonNull(stat, "stat");
            Objects.requireNonNull(policy, "policy");
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitPolicyNumber(this);
        }
    }

    /**
     * A quantity defined by an expression: shown by its name, computed from its definition by every engine. The
     * citation says where the definition comes from ("Eq. (3) of Beirami et al.", or "user-defined").
     */
    record Defined(String name, String citation, Expr definition) implements Expr {
        public Defined {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(citation, "citation");
            Objects.requireNonNull(definition, "definition");
            if (name.isBlank()) {
                throw new IllegalArgumentException("a defined quantity's name must not be blank");
            }
            Expr unbound = OutcomeScope.firstUnbound(definition);
            if (unbound != null) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "definition %s: %s is a term at an "
                        + "outcome y and must stand inside an expectation or sum over outcomes (y is unbound)", name,
                        unbound.show()));
            }
            String log = LogArguments.firstProblem(definition);
            if (log != null) {
                throw new IllegalArgumentException("definition " + name + ": " + log);
            }
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitDefined(this);
        }
    }

    /** The binomial coefficient \( \binom{n}{k} \) for integers \( 0 \le k \le n \). */
    record Binomial(Expr n, Expr k) implements Expr {
        public Binomial {
            Objects.requireNonNull(n, "n");
            Objects.requireNonNull(k, "k");
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitBinomial(this);
        }
    }

    /** A finite sum \( \sum_{index = lower}^{upper} body \) over integers (upper may be symbolic, as n). */
    record Sum(Sym index, Expr lower, Expr upper, Expr body) implements Expr {
        public Sum {
            Objects.requireNonNull(index, "index");
            Objects.requireNonNull(lower, "lower");
            Objects.requireNonNull(upper, "upper");
            Objects.requireNonNull(body, "body");
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitSum(this);
        }
    }

    /**
     * A definite integral \( \int_{lower}^{upper} body \, d\,variable \) over reals with finite ends, such as
     * Mroueh (2024)'s \( \int_0^1 f(n u^{n-1})\,du \). The numeric engines use tanh-sinh quadrature (accurate for
     * integrands smooth inside the interval, singular at its ends or not; a kink inside slows it, and an integral
     * that does not settle to the tolerance is undefined, with the reason); interval arithmetic does not enclose it.
     */
    record Integral(Sym variable, Expr lower, Expr upper, Expr body) implements Expr {
        public Integral {
            Objects.requireNonNull(variable, "variable");
            Objects.requireNonNull(lower, "lower");
            Objects.requireNonNull(upper, "upper");
            Objects.requireNonNull(body, "body");
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitIntegral(this);
        }
    }

    // ---- construction ----

    static Expr constant(long value) {
        return new Num(Rational.of(value));
    }

    static Expr constant(double value) {
        return new Num(Scalar.of(value));
    }

    static Expr constant(Scalar value) {
        return new Num(value);
    }

    /** The exact rational {@code numerator / denominator}. */
    static Expr rational(long numerator, long denominator) {
        return new Num(Rational.of(numerator, denominator));
    }

    static Sym symbol(String name) {
        return new Sym(name);
    }

    static Expr log(Expr x) {
        return new Log(x);
    }

    static Expr exp(Expr x) {
        return new Exp(x);
    }

    /** The binary entropy \( h(q) \); see {@link BinaryEntropy}. */
    static Expr binaryEntropy(Expr q) {
        return new BinaryEntropy(q);
    }

    // ---- Kotlin operator conventions ----

    default Expr plus(Expr other) {
        return new Add(this, other);
    }

    default Expr plus(long other) {
        return new Add(this, constant(other));
    }

    default Expr plus(double other) {
        return new Add(this, constant(other));
    }

    default Expr minus(Expr other) {
        return new Sub(this, other);
    }

    default Expr minus(long other) {
        return new Sub(this, constant(other));
    }

    default Expr minus(double other) {
        return new Sub(this, constant(other));
    }

    default Expr times(Expr other) {
        return new Mul(this, other);
    }

    default Expr times(long other) {
        return new Mul(this, constant(other));
    }

    default Expr times(double other) {
        return new Mul(this, constant(other));
    }

    default Expr div(Expr other) {
        return new Div(this, other);
    }

    default Expr div(long other) {
        return new Div(this, constant(other));
    }

    default Expr div(double other) {
        return new Div(this, constant(other));
    }

    default Expr unaryMinus() {
        return new Neg(this);
    }

    default Expr pow(Expr exponent) {
        return new Pow(this, exponent);
    }

    default Expr pow(long exponent) {
        return new Pow(this, constant(exponent));
    }

    default Expr log() {
        return new Log(this);
    }

    default Expr exp() {
        return new Exp(this);
    }

    /** A plain-text rendering such as {@code log(n) - (n - 1)/n}; see {@link ExprPrinter}. */
    default String show() {
        return ExprPrinter.show(this);
    }
}
