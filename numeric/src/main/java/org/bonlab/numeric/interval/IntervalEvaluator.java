package org.bonlab.numeric.interval;

import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bonlab.expr.Expr;
import org.bonlab.expr.Floating;
import org.bonlab.expr.Quantity;
import org.bonlab.expr.Rational;
import org.bonlab.expr.Scalar;
import org.bonlab.numeric.policy.Ranking;
import org.bonlab.policy.BasePolicy;
import org.bonlab.policy.Bernoulli;
import org.bonlab.policy.BestOf;
import org.bonlab.policy.Explicit;
import org.bonlab.policy.Policy;
import org.bonlab.policy.Spike;
import org.bonlab.policy.Uniform;

/**
 * Evaluates expressions in interval arithmetic with outward rounding, for certification: the result encloses
 * the exact value. Supports arithmetic, log, exp, binary entropy, the analytical formula, and the KL, win rates,
 * expected reward, estimators (Eq. 26 and 28) and bounds (Thm 2 to Thm 4) of best-of-n of a base policy with given
 * probabilities (explicit, coin/bernoulli, uniform, spike). Anything else is {@link UnsupportedOperationException}: certification then does not apply.
 */
public final class IntervalEvaluator implements Expr.Visitor<Interval> {

    private final Map<Expr.Sym, Interval> bindings;
    private final Outcome outcome; // null outside an expectation or sum over outcomes
    /** Base policies whose probabilities are given as enclosures: a box of a simplex. */
    private final Map<BasePolicy, Given> given;

    /**
     * Enclosures of a base policy's probabilities in outcome order and, optionally (else null), of its CDF in rank
     * order: F_1, ..., F_L with F_L = 1.
     */
    private record Given(Interval[] inOutcomeOrder, Interval[] rankedCdf) {
    }
    /** Set when a result used reward values, not only their order and ties (shared with nested evaluators). */
    private final boolean[] rewardValuesRead;

    public IntervalEvaluator(Map<Expr.Sym, Double> bindings) {
        this.bindings = new java.util.HashMap<>();
        this.outcome = null;
        this.given = new java.util.HashMap<>();
        this.rewardValuesRead = new boolean[1];
        bindings.forEach((k, v) -> this.bindings.put(k, Interval.point(v)));
    }

    private IntervalEvaluator(Map<Expr.Sym, Interval> bindings, Outcome outcome, Map<BasePolicy, Given> given,
            boolean[] rewardValuesRead) {
        this.bindings = bindings;
        this.outcome = outcome;
        this.given = given;
        this.rewardValuesRead = rewardValuesRead;
    }

    /**
     * Whether a result so far used the values of a reward (an expected reward, r(y)), not only the order and ties
     * of outcomes: a claim certified for one reward then says nothing of another with the same order.
     */
    public boolean readRewardValues() {
        return rewardValuesRead[0];
    }

    /**
     * Reads the probabilities of {@code placeholder} as the given enclosures (in outcome order; they need not sum
     * to 1 exactly, each is clamped to [0, 1]): every result then encloses the value for every policy with the
     * placeholder's outcomes and reward whose probabilities lie in the enclosures and sum to 1.
     */
    public IntervalEvaluator withProbabilities(BasePolicy placeholder, Interval[] inOutcomeOrder) {
        if (inOutcomeOrder.length != placeholder.size()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%d enclosures given for %s, which has %d "
                    + "outcomes", inOutcomeOrder.length, placeholder.describe(), placeholder.size()));
        }
        given.put(placeholder, new Given(inOutcomeOrder.clone(), null));
        return this;
    }

    /**
     * As {@link #withProbabilities(BasePolicy, Interval[])}, with enclosures of the CDF in rank order as well
     * ({@code rankedCdf[i]} encloses F_{i+1}, the last is 1): every CDF and best-of-n probability is then enclosed
     * by these rather than by sums of the probabilities' enclosures, which lose the dependence between them (a box
     * of a simplex in CDF coordinates has F exact to its width, while p_i = F_i - F_{i-1} is twice as wide).
     */
    public IntervalEvaluator withProbabilities(BasePolicy placeholder, Interval[] inOutcomeOrder,
            Interval[] rankedCdf) {
        withProbabilities(placeholder, inOutcomeOrder);
        if (rankedCdf.length != placeholder.size()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%d CDF enclosures given for %s, which "
                    + "has %d outcomes", rankedCdf.length, placeholder.describe(), placeholder.size()));
        }
        given.put(placeholder, new Given(inOutcomeOrder.clone(), rankedCdf.clone()));
        return this;
    }

    /**
     * A policy's ranked probabilities and CDFs as enclosures: a base policy of the families enclosed here, or
     * its best-of-n (at one n or over a box of n).
     */
    private record Ranked(Ranking ranking, Interval[] p, Interval[] below, Interval[] cdf) {
    }

    /** The outcome y of an enclosing expectation or sum, with the enclosures of the policies its terms mention. */
    private static final class Outcome extends org.bonlab.numeric.policy.SharedOutcomes {
        final Map<org.bonlab.policy.Policy, Ranked> enclosures = new java.util.HashMap<>();

        Outcome(Ranked over, org.bonlab.policy.Policy policy) {
            super(policy, over.ranking());
            enclosures.put(policy, over);
        }
    }

    private Ranked ranked(org.bonlab.policy.Policy q) {
        if (q instanceof BasePolicy base) {
            Ranking ranking = Ranking.of(base.reward());
            Interval[] p = probabilities(base, ranking);
            Interval[][] cumulative = cumulative(base, p);
            return new Ranked(ranking, p, cumulative[0], cumulative[1]);
        }
        if (q instanceof BestOf b && b.policy() instanceof BasePolicy base) {
            BestOfIntervals bon = bestOf(q, base);
            Interval[] cdf = bon.cdfPower(); // F_i^n, computed with pi
            Interval[] below = new Interval[cdf.length];
            for (int i = 0; i < cdf.length; i++) {
                below[i] = i == 0 ? Interval.ZERO : cdf[i - 1];
            }
            return new Ranked(bon.ranking(), bon.pi(), below, cdf);
        }
        throw new UnsupportedOperationException("not available in interval arithmetic: outcome terms of "
                + q.describe() + " (base policies and their best-of-n are enclosed)");
    }

    private Ranked outcomeEnclosure(org.bonlab.policy.Policy q, Expr term) {
        Ranked r = outcome.enclosures.get(q);
        if (r == null) {
            r = ranked(q);
            outcome.admit(q, r.ranking(), term);
            outcome.enclosures.put(q, r);
        }
        return r;
    }

    /** Symbols bound to whole intervals: the result encloses the value at every point of the box. */
    public static IntervalEvaluator over(Map<Expr.Sym, Interval> box) {
        IntervalEvaluator ev = new IntervalEvaluator(new java.util.HashMap<>(), null, new java.util.HashMap<>(),
                new boolean[1]);
        ev.bindings.putAll(box);
        return ev;
    }

    /** {@link #over} the box {@code fixed} with {@code symbol} bound to {@code value} besides. */
    public static IntervalEvaluator over(Map<Expr.Sym, Interval> fixed, Expr.Sym symbol, Interval value) {
        IntervalEvaluator ev = over(fixed);
        ev.bindings.put(symbol, value);
        return ev;
    }

    public Interval evaluate(Expr e) {
        return e.accept(this);
    }

    static Interval of(Scalar s) {
        if (s instanceof Floating f) {
            return Interval.point(f.value());
        }
        Rational r = (Rational) s;
        if (r.isInteger() && r.numerator().bitLength() < 53) {
            return Interval.point(r.numerator().doubleValue());
        }
        Interval approx = Interval.of(r.toBigDecimal(new MathContext(40)));
        return new Interval(Math.nextDown(approx.lo()), Math.nextUp(approx.hi())); // the 40-digit rounding
    }

    private static UnsupportedOperationException unsupported(Expr e) {
        return new UnsupportedOperationException("not available in interval arithmetic: " + e.show());
    }

    @Override
    public Interval visitNum(Expr.Num e) {
        return of(e.value());
    }

    @Override
    public Interval visitSym(Expr.Sym e) {
        Interval v = bindings.get(e);
        if (v == null) {
            throw new IllegalArgumentException("symbol " + e.name() + " must have a value, but none was given");
        }
        return v;
    }

    @Override
    public Interval visitAdd(Expr.Add e) {
        return evaluate(e.left()).plus(evaluate(e.right()));
    }

    @Override
    public Interval visitSub(Expr.Sub e) {
        return evaluate(e.left()).minus(evaluate(e.right()));
    }

    @Override
    public Interval visitMul(Expr.Mul e) {
        return evaluate(e.left()).times(evaluate(e.right()));
    }

    /**
     * Division. Over a box, x / (x + c) and (x - c) / x are evaluated as 1 / (1 + c / x) and 1 - c / x, which hold
     * x once (so n / (n + 1) stays tight as n runs to infinity); the two forms are equal wherever x is not 0.
     */
    @Override
    public Interval visitDiv(Expr.Div e) {
        try {
            if (e.denominator() instanceof Expr.Add a && a.left().equals(e.numerator())) {
                Interval x = evaluate(e.numerator());
                if (x.lo() != x.hi() && (x.lo() > 0 || x.hi() < 0)) {
                    return Interval.ONE.div(Interval.ONE.plus(evaluate(a.right()).div(x)));
                }
            }
            if (e.numerator() instanceof Expr.Sub sub && sub.left().equals(e.denominator())) {
                Interval x = evaluate(e.denominator());
                if (x.lo() != x.hi() && (x.lo() > 0 || x.hi() < 0)) {
                    return Interval.ONE.minus(evaluate(sub.right()).div(x));
                }
            }
        } catch (ArithmeticException notThisWay) {
            // 1 + c/x may hold 0 over the box: the plain quotient below decides
        }
        return evaluate(e.numerator()).div(evaluate(e.denominator()));
    }

    @Override
    public Interval visitNeg(Expr.Neg e) {
        return evaluate(e.operand()).negate();
    }

    @Override
    public Interval visitPow(Expr.Pow e) {
        Interval b = evaluate(e.base());
        Interval x = evaluate(e.exponent());
        if (x.lo() == x.hi() && x.lo() == Math.rint(x.lo()) && Math.abs(x.lo()) < 0x1p62) {
            long n = (long) x.lo();
            Interval power = integerPower(b, Math.abs(n));
            return n >= 0 ? power : Interval.ONE.div(power);
        }
        return x.times(b.log()).exp();
    }

    /** \( b^k \), k &gt;= 0, for a base of any sign: from |b| and the parity of k. */
    private static Interval integerPower(Interval b, long k) {
        if (b.lo() >= 0) {
            return b.pow(k);
        }
        if (b.hi() <= 0) {
            Interval r = b.negate().pow(k);
            return k % 2 == 0 ? r : r.negate();
        }
        if (k % 2 == 0) { // a base that straddles 0: an even power lies in [0, max(|lo|, hi)^k]
            return new Interval(0, Interval.point(Math.max(-b.lo(), b.hi())).pow(k).hi());
        }
        return new Interval(-Interval.point(-b.lo()).pow(k).hi(), Interval.point(b.hi()).pow(k).hi());
    }

    @Override
    public Interval visitLog(Expr.Log e) {
        return evaluate(e.operand()).log();
    }

    @Override
    public Interval visitExp(Expr.Exp e) {
        return evaluate(e.operand()).exp();
    }

    @Override
    public Interval visitBinaryEntropy(Expr.BinaryEntropy e) {
        Interval x = evaluate(e.operand());
        return x.xLogX().plus(Interval.ONE.minus(x).xLogX()).negate();
    }

    @Override
    public Interval visitAbs(Expr.Abs e) {
        Interval x = evaluate(e.operand());
        if (x.lo() >= 0) {
            return x;
        }
        if (x.hi() <= 0) {
            return x.negate();
        }
        return new Interval(0, Math.max(-x.lo(), x.hi()));
    }

    @Override
    public Interval visitExpectation(Expr.Expectation e) {
        return overOutcomes(e.over(), e.body(), true);
    }

    @Override
    public Interval visitOutcomeSum(Expr.OutcomeSum e) {
        return overOutcomes(e.of(), e.body(), false);
    }

    /** As the double engine's: an expectation (w = q; q(y) = 0 exactly contributes 0) or a sum (w = 1). */
    private Interval overOutcomes(org.bonlab.policy.Policy q, Expr bodyExpr, boolean weighted) {
        Ranked ranked = ranked(q);
        Outcome y = new Outcome(ranked, q);
        IntervalEvaluator body = new IntervalEvaluator(bindings, y, given, rewardValuesRead);
        Interval s = Interval.ZERO;
        for (int i = 0; i < ranked.p().length; i++) {
            if (weighted && ranked.p()[i].hi() == 0) {
                continue;
            }
            y.index = i;
            Interval w = ranked.p()[i];
            Interval term = weighted ? weightedLog(q, w, bodyExpr, body) : null;
            if (term == null) {
                Interval b = body.evaluate(bodyExpr);
                term = weighted ? w.times(b) : b;
            }
            s = s.plus(term);
        }
        return s;
    }

    /**
     * \( q(y) \log(q(y)/v) \) (or \( q(y) \log q(y) \)) for the expectation's own q, as \( x \log x - x \log v \) with
     * {@link Interval#xLogX()}: finite where q(y)'s enclosure reaches 0, where the product of the two factors is
     * not. Null for any other body.
     */
    private static Interval weightedLog(org.bonlab.policy.Policy q, Interval w, Expr bodyExpr, IntervalEvaluator body) {
        if (!(bodyExpr instanceof Expr.Log log)) {
            return null;
        }
        Expr arg = log.operand();
        if (isProbabilityOf(arg, q)) {
            return w.xLogX();
        }
        if (arg instanceof Expr.Div d && isProbabilityOf(d.numerator(), q)) {
            return w.xLogX().minus(w.times(body.evaluate(d.denominator()).log()));
        }
        return null;
    }

    private static boolean isProbabilityOf(Expr e, org.bonlab.policy.Policy q) {
        return e instanceof Expr.AtOutcome a && a.term() == Expr.AtOutcome.Term.PROBABILITY && a.policy().equals(q);
    }

    @Override
    public Interval visitAtOutcome(Expr.AtOutcome e) {
        if (outcome == null) {
            throw org.bonlab.numeric.DoubleEvaluator.unboundOutcome(e);
        }
        if (e.term() == Expr.AtOutcome.Term.REWARD) {
            rewardValuesRead[0] = true;
        }
        Ranked q = outcomeEnclosure(e.policy(), e);
        int i = outcome.rankIn(q.ranking()); // y's rank in q's reward order
        return switch (e.term()) {
            case REWARD -> Interval.point(q.ranking().rewardAt(i));
            case PROBABILITY -> q.p()[i];
            case CDF -> q.cdf()[i];
            case CDF_BELOW -> q.below()[i];
            case REWARD_CDF -> q.cdf()[q.ranking().tieGroupLast(i)];
            case REWARD_CDF_BELOW -> q.below()[q.ranking().tieGroupFirst(i)];
        };
    }

    @Override
    public Interval visitPolicyNumber(Expr.PolicyNumber e) {
        Ranked q = ranked(e.policy());
        return switch (e.stat()) {
            case OUTCOMES -> Interval.point(q.p().length);
            case TOP_PROBABILITY -> q.p()[q.p().length - 1];
            case MAX_PROBABILITY -> {
                double lo = 0;
                double hi = 0;
                for (Interval x : q.p()) {
                    lo = Math.max(lo, x.lo());
                    hi = Math.max(hi, x.hi());
                }
                yield new Interval(lo, hi);
            }
        };
    }

    @Override
    public Interval visitDefined(Expr.Defined e) {
        return evaluate(e.definition());
    }

    @Override
    public Interval visitBinomial(Expr.Binomial e) {
        throw unsupported(e);
    }

    @Override
    public Interval visitSum(Expr.Sum e) {
        throw unsupported(e);
    }

    @Override
    public Interval visitIntegral(Expr.Integral e) {
        throw unsupported(e); // quadrature has no rigorous enclosure here
    }

    /** An enclosure of a probability, clipped to [0, 1] (the rounding of a sum can stray past either end). */
    private static Interval probability(Interval x) {
        return new Interval(Math.max(0, x.lo()), Math.min(1, x.hi()));
    }

    /** Probabilities of a base policy in rank order, as enclosing intervals. */
    private Interval[] probabilities(BasePolicy base, Ranking ranking) {
        Given g = given.get(base);
        if (g != null) {
            Interval[] box = g.inOutcomeOrder();
            Interval[] out = new Interval[box.length];
            for (int i = 0; i < out.length; i++) {
                Interval x = box[ranking.outcomeAt(i)];
                out[i] = new Interval(Math.max(0, x.lo()), Math.min(1, x.hi()));
            }
            return out;
        }
        if (base instanceof Bernoulli b && !(b.p() instanceof Expr.Num)) {
            Interval p = evaluate(b.p());
            p = new Interval(Math.max(0, p.lo()), Math.min(1, p.hi()));
            Interval q = Interval.ONE.minus(p);
            Interval[] byOutcome = {new Interval(Math.max(0, q.lo()), Math.min(1, q.hi())), p};
            return new Interval[] {byOutcome[ranking.outcomeAt(0)], byOutcome[ranking.outcomeAt(1)]};
        }
        if (base instanceof Spike sp && !sp.isNumeric()) {
            // the tops from their symbols' boxes; the rest share 1 - their sum (each clipped to [0, 1])
            int rest = sp.size() - sp.tops().size();
            Interval[] byOutcome = new Interval[sp.size()];
            Interval sum = Interval.ZERO;
            for (int k = 0; k < sp.tops().size(); k++) {
                Interval t = evaluate(sp.tops().get(k));
                if (!(t.lo() >= 0 && t.hi() <= 1)) {
                    throw new UnsupportedOperationException(String.format(Locale.ROOT, "spike top %s ranges over %s, "
                            + "beyond the probabilities [0, 1]", sp.tops().get(k).show(), t));
                }
                byOutcome[sp.size() - 1 - k] = t;
                sum = sum.plus(t);
            }
            Interval shared = probability(Interval.ONE.minus(sum).div(Interval.point(rest)));
            for (int i = 0; i < rest; i++) {
                byOutcome[i] = shared;
            }
            Interval[] out = new Interval[byOutcome.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = byOutcome[ranking.outcomeAt(i)];
            }
            return out;
        }
        if (base instanceof org.bonlab.policy.Geometric geometric && geometric.ratio() instanceof Expr.Sym) {
            // r^k / (1 + r + ... + r^(L-1)) from the ratio's box: each weight and the sum enclose their values
            Interval r = evaluate(geometric.ratio());
            if (!(r.lo() >= 0)) {
                throw new UnsupportedOperationException(String.format(Locale.ROOT, "geometric r = %s ranges over %s, "
                        + "beyond the positive numbers", geometric.ratio().show(), r));
            }
            Interval[] weights = new Interval[geometric.size()];
            Interval total = Interval.ZERO;
            for (int k = 0; k < weights.length; k++) {
                weights[k] = r.pow(k);
                total = total.plus(weights[k]);
            }
            Interval[] out = new Interval[weights.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = probability(weights[ranking.outcomeAt(i)].div(total));
            }
            return out;
        }
        Scalar[] s = new Scalar[base.size()];
        if (base instanceof Explicit ex) {
            for (int i = 0; i < s.length; i++) {
                s[i] = ex.probability(i);
            }
        } else if (base instanceof Bernoulli b && b.p() instanceof Expr.Num num) {
            Rational p = num.value().toRational();
            s[0] = Rational.ONE.minus(p);
            s[1] = p;
        } else if (base instanceof Uniform u) {
            java.util.Arrays.fill(s, Rational.of(1, u.size()));
        } else if (base instanceof Spike sp && sp.isNumeric()) {
            for (int i = 0; i < s.length; i++) {
                s[i] = sp.probability(i);
            }
        } else {
            throw new UnsupportedOperationException("not available in interval arithmetic: " + base.describe());
        }
        Interval[] out = new Interval[s.length];
        for (int i = 0; i < s.length; i++) {
            out[i] = of(s[ranking.outcomeAt(i)]);
        }
        return out;
    }

    /**
     * The base policy's ranked probabilities, CDF, and best-of-n probabilities \( F_i^n - F_{i-1}^n \): at one
     * integer n ({@code box} false), or enclosing every integer n of a box [a, b] of n, b possibly +infinity
     * ({@code box} true, with the ratios \( \pi_i / p_i \) enclosed in {@code ratio}).
     */
    private record BestOfIntervals(Ranking ranking, Interval n, boolean box, Interval[] p, Interval[] below,
            Interval[] cdf, Interval[] pi, Interval[] ratio, Interval[] cdfPower) {
    }

    /** The CDF \( F_i \) (index 1) and \( F_{i-1} \) (index 0) of ranked probabilities, clamped to [0, 1], F = 1 at the top. */
    private Interval[][] cumulative(BasePolicy base, Interval[] p) {
        Given g = given.get(base);
        Interval[] givenCdf = g == null ? null : g.rankedCdf();
        Interval[] below = new Interval[p.length];
        Interval[] cdf = new Interval[p.length];
        Interval f = Interval.ZERO;
        for (int i = 0; i < p.length; i++) {
            below[i] = f;
            f = i == p.length - 1 ? Interval.ONE : f.plus(p[i]);
            f = new Interval(Math.max(0, f.lo()), Math.min(1, f.hi()));
            if (givenCdf != null && i < p.length - 1) {
                Interval h = givenCdf[i];
                // both enclose F_i wherever the box holds a policy; where they do not meet it holds none, and any
                // enclosure will do
                f = f.lo() > h.hi() || h.lo() > f.hi() ? h : f.intersect(h);
            }
            cdf[i] = f;
        }
        return new Interval[][] {below, cdf};
    }

    private static boolean isBestOfAgainstBase(Policy q, Policy p) {
        return q instanceof BestOf b && b.policy() instanceof BasePolicy base && base.equals(p);
    }

    private BestOfIntervals bestOf(Policy q, Policy p) {
        if (!(q instanceof BestOf b) || !(b.policy() instanceof BasePolicy base) || !base.equals(p)) {
            throw new UnsupportedOperationException("interval arithmetic covers quantities of p.bestOf(n) against p");
        }
        Interval n = sampleCount(b.n());
        boolean box = n.lo() != n.hi();
        Ranking ranking = Ranking.of(base.reward());
        Interval[] probs = probabilities(base, ranking);
        Interval[][] cumulative = cumulative(base, probs);
        Interval[] below = cumulative[0];
        Interval[] cdf = cumulative[1];
        Interval[] pi = new Interval[probs.length];
        Interval[] ratio = box ? new Interval[probs.length] : null;
        Interval[] cdfPower = new Interval[probs.length];
        Interval previousPower = Interval.ZERO;
        for (int i = 0; i < probs.length; i++) {
            Interval power = box ? powerOver(cdf[i], n) : cdf[i].pow((long) n.lo());
            cdfPower[i] = power;
            Interval d = power.minus(previousPower);
            pi[i] = new Interval(Math.max(0, d.lo()), Math.min(1, d.hi()));
            if (box) {
                ratio[i] = ratioOver(below[i], cdf[i], probs[i], pi[i], n);
                pi[i] = pi[i].intersect(probs[i].times(ratio[i]));
            }
            previousPower = power;
        }
        return new BestOfIntervals(ranking, n, box, probs, below, cdf, pi, ratio, cdfPower);
    }

    /** n: one integer, or a box of integers [a, b] with 1 <= a, b < 2^62 or b = infinity. */
    private Interval sampleCount(Expr nExpr) {
        Interval n = evaluate(nExpr);
        if (n.lo() < 1 || n.lo() != Math.rint(n.lo()) || n.lo() >= 0x1p62
                || (n.hi() != Double.POSITIVE_INFINITY && (n.hi() != Math.rint(n.hi()) || n.hi() >= 0x1p62))) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "n must be an integer, or a box of integers [a, b] with 1 <= a, b < 2^62 or b = infinity, "
                            + "but was %s", n));
        }
        return n;
    }

    /** A base policy's probabilities in its own rank order. */
    private Interval[] rankedProbabilities(Policy policy) {
        if (!(policy instanceof BasePolicy base)) {
            throw new UnsupportedOperationException("interval arithmetic covers base policies, but got " + policy);
        }
        return probabilities(base, Ranking.of(base.reward()));
    }

    /** \( x^n \) for x in [0, 1] and every integer n of the box [a, b] (decreasing in n, increasing in x). */
    static Interval powerOver(Interval x, Interval n) {
        double lo = n.hi() == Double.POSITIVE_INFINITY ? (x.lo() == 1 ? 1 : 0)
                : Interval.point(x.lo()).pow((long) n.hi()).lo();
        return new Interval(lo, Interval.point(x.hi()).pow((long) n.lo()).hi());
    }

    /**
     * An enclosure of \( \pi_i / p_i = \sum_{k<n} F_i^k F_{i-1}^{n-1-k} \) over a box of n: by the mean value
     * theorem it lies between \( \max(n F_{i-1}^{n-1}, F_i^{n-1}) \) and \( n F_i^{n-1} \) (for the lowest
     * outcome it is \( F_0^{n-1} \)); where \( p_i > 0 \) it is also the enclosure of \( \pi_i \) over \( p_i \).
     */
    private static Interval ratioOver(Interval below, Interval cdf, Interval p, Interval pi, Interval n) {
        Interval nMinus1 = new Interval(n.lo() - 1, n.hi() == Double.POSITIVE_INFINITY ? n.hi() : n.hi() - 1);
        Interval r;
        if (below.hi() == 0) {
            r = powerOver(cdf, nMinus1);
        } else {
            double lo = Math.max(nPowerLow(below.lo(), n), powerOver(cdf, nMinus1).lo());
            r = new Interval(lo, Math.max(lo, nPowerHigh(cdf.hi(), n)));
        }
        if (p.lo() > 0) {
            r = r.intersect(pi.div(p));
        }
        return r;
    }

    /**
     * A lower bound of \( h(n) = n x^{n-1} \) over the integers n of the box [a, b], for x in [0, 1]: h is unimodal in
     * n, so its minimum is at an end of the box (and h tends to 0 as n grows when x < 1).
     */
    static double nPowerLow(double x, Interval n) {
        if (x == 1) {
            return n.lo();
        }
        double atA = Interval.point(n.lo()).times(Interval.point(x).pow((long) n.lo() - 1)).lo();
        if (n.hi() == Double.POSITIVE_INFINITY) {
            return 0;
        }
        double atB = Interval.point(n.hi()).times(Interval.point(x).pow((long) n.hi() - 1)).lo();
        return Math.max(0, Math.min(atA, atB));
    }

    /**
     * An upper bound of \( h(n) = n x^{n-1} \) over the integers n of the box [a, b], for x in [0, 1]: for x < 1 it
     * is the larger end value, or the peak \( 1/(e x \log(1/x)) \) at \( n = 1/\log(1/x) \) when that lies in the box.
     */
    static double nPowerHigh(double x, Interval n) {
        if (x == 1) {
            return n.hi();
        }
        if (x == 0) {
            return n.lo() == 1 ? 1 : 0;
        }
        double high = Interval.point(n.lo()).times(Interval.point(x).pow((long) n.lo() - 1)).hi();
        if (n.hi() != Double.POSITIVE_INFINITY) {
            high = Math.max(high, Interval.point(n.hi()).times(Interval.point(x).pow((long) n.hi() - 1)).hi());
        }
        double peakAt = -1 / Math.log(x);
        if (peakAt >= n.lo() - 1 && peakAt <= n.hi() + 1) {
            Interval e = new Interval(Math.nextDown(Math.E), Math.nextUp(Math.E));
            Interval logInverse = Interval.point(x).log().negate();
            high = Math.max(high, Interval.ONE.div(e.times(Interval.point(x)).times(logInverse)).hi());
        }
        return high;
    }

    @Override
    public Interval visitKl(Quantity.Kl e) {
        if (!isBestOfAgainstBase(e.q(), e.p())) {
            return byDefinition(e); // KL(p || pi_n), KL between base policies, ...
        }
        BestOfIntervals b = bestOf(e.q(), e.p());
        if (b.box) {
            // pi_i log(pi_i / p_i) = p_i r log r with r = pi_i / p_i: r occurs once, so the box does not widen it
            Interval sum = Interval.ZERO;
            for (int i = 0; i < b.pi.length; i++) {
                sum = sum.plus(b.p[i].times(b.ratio[i].xLogX()));
            }
            return sum;
        }
        long nn = (long) b.n.lo();
        if (nn == 1) {
            return Interval.ZERO; // best-of-1 is p itself
        }
        Interval sum = Interval.ZERO;
        Interval n = b.n;
        for (int i = 0; i < b.pi.length; i++) {
            if (b.p[i].hi() == 0) {
                continue;
            }
            // pi_i log(pi_i / p_i) with pi_i / p_i = sum_k F_i^k F_{i-1}^{n-1-k}, which lies between
            // max(n F_{i-1}^{n-1}, F_i^{n-1}) and n F_i^{n-1}: finite where p_i reaches 0 (a family's edge)
            Interval term;
            if (b.below[i].hi() == 0) {
                // lowest outcome: pi_0 log(pi_0/p_0) = F_0^n log F_0^{n-1} = ((n-1)/n) x log x with x = F_0^n
                term = n.minus(Interval.ONE).div(n).times(b.pi[i].xLogX());
            } else {
                Interval low = n.times(b.below[i].pow(nn - 1));
                Interval top = b.cdf[i].pow(nn - 1);
                Interval ratio = new Interval(Math.max(low.lo(), top.lo()), n.times(top).hi());
                // where the ratio's enclosure reaches 0 (a box at a corner), pi_i log r = p_i r log r is still
                // finite: r log r >= -1/e
                term = ratio.lo() > 0 ? b.pi[i].times(ratio.log()) : b.p[i].times(ratio.xLogX());
            }
            if (b.p[i].lo() > 0) {
                Interval direct = b.pi[i].xLogX().minus(b.pi[i].times(b.p[i].log())); // pi log pi - pi log p
                term = term == null ? direct : term.intersect(direct);
            }
            if (term == null) {
                throw new ArithmeticException("no finite enclosure of the KL term of outcome " + i
                        + " where its probability reaches 0 from above and below");
            }
            sum = sum.plus(term);
        }
        return sum;
    }

    @Override
    public Interval visitAnalyticalKl(Quantity.AnalyticalKl e) {
        Interval n = evaluate(e.n());
        if (n.lo() == n.hi()) {
            return n.log().minus(n.minus(Interval.ONE).div(n)); // exact 0 at n = 1
        }
        // log n - 1 + 1/n increases with n (its derivative is (n - 1)/n^2): its values at the box's ends
        Interval atA = Interval.point(n.lo()).log().minus(Interval.ONE.minus(Interval.ONE.div(Interval.point(n.lo()))));
        if (n.hi() == Double.POSITIVE_INFINITY) {
            return new Interval(atA.lo(), Double.POSITIVE_INFINITY);
        }
        Interval atB = Interval.point(n.hi()).log().minus(Interval.ONE.minus(Interval.ONE.div(Interval.point(n.hi()))));
        return new Interval(atA.lo(), atB.hi());
    }

    /**
     * A quantity without a specialised enclosure, enclosed through its outcome-level definition
     * ({@link org.bonlab.Definitions#of}): the generic path every quantity has.
     */
    private Interval byDefinition(Quantity q) {
        return evaluate(org.bonlab.Definitions.of(q).orElseThrow(() -> unsupported(q)));
    }

    @Override
    public Interval visitExpectedReward(Quantity.ExpectedReward e) {
        if (!(e.q() instanceof BestOf b)) {
            return byDefinition(e);
        }
        BestOfIntervals bi = bestOf(b, b.policy());
        rewardValuesRead[0] = true;
        Interval sum = Interval.ZERO;
        for (int i = 0; i < bi.pi.length; i++) {
            sum = sum.plus(bi.pi[i].times(Interval.point(bi.ranking.rewardAt(i))));
        }
        return sum;
    }

    @Override
    public Interval visitWinRate(Quantity.WinRate e) {
        if (!isBestOfAgainstBase(e.q(), e.p())) {
            return byDefinition(e);
        }
        BestOfIntervals b = bestOf(e.q(), e.p());
        if (e.ties() == Quantity.Ties.HALF && b.n.lo() == 1 && b.n.hi() == 1) {
            // best-of-1 is p: P[r(Y) > r(Y')] = P[r(Y) < r(Y')] by symmetry, so with ties half it is exactly 1/2
            return Interval.point(0.5);
        }
        Interval sum = Interval.ZERO;
        Interval half = Interval.point(0.5);
        for (int i = 0; i < b.pi.length; i++) {
            int first = b.ranking.tieGroupFirst(i);
            int last = b.ranking.tieGroupLast(i);
            Interval below = b.below[first];
            Interval win = below;
            if (e.ties() == Quantity.Ties.HALF) {
                Interval group = Interval.ZERO;
                for (int j = first; j <= last; j++) {
                    group = group.plus(b.p[j]);
                }
                win = below.plus(group.times(half));
            }
            sum = sum.plus(b.pi[i].times(win));
        }
        Interval abel = winRateBySummationByParts(b, e.ties() == Quantity.Ties.HALF);
        // two enclosures of the same value wherever the box holds a policy: keep their common part
        return sum.lo() > abel.hi() || abel.lo() > sum.hi() ? sum : sum.intersect(abel);
    }

    /**
     * The win rate of best-of-n against p summed by parts over the tie groups g (in rank order, with mass P_g and
     * CDF C_g at the group's top, C_G = 1): \( W_{strict} = \sum_g (C_g^n - C_{g-1}^n) C_{g-1} = 1 - \sum_g P_g
     * C_g^n \) and \( W_{half} = 1 - P_G/2 - \frac12 \sum_{g &lt; G} C_g^n (P_g + P_{g+1}) \). Each \( C_g^n \)
     * appears once, with a coefficient of one sign, where the sum of \( \pi_i \) times the win probability has each
     * twice with opposite signs: at a corner of the simplex where \( C_g^n \) is only known to lie in [0, 1] (n up
     * to infinity with C_g near 1) this form keeps that best-of-n's probabilities sum to 1.
     */
    private static Interval winRateBySummationByParts(BestOfIntervals b, boolean half) {
        int size = b.p.length;
        List<Interval> mass = new ArrayList<>();
        List<Interval> power = new ArrayList<>();
        for (int i = 0; i < size; i = b.ranking.tieGroupLast(i) + 1) {
            int last = b.ranking.tieGroupLast(i);
            Interval group = Interval.ZERO;
            for (int j = i; j <= last; j++) {
                group = group.plus(b.p[j]);
            }
            mass.add(group);
            power.add(last == size - 1 ? Interval.ONE : b.cdfPower[last]);
        }
        int groups = mass.size();
        Interval w = Interval.ONE;
        if (!half) {
            for (int g = 0; g < groups; g++) {
                w = w.minus(mass.get(g).times(power.get(g)));
            }
            return w;
        }
        Interval halfOne = Interval.point(0.5);
        w = w.minus(mass.get(groups - 1).times(halfOne));
        for (int g = 0; g < groups - 1; g++) {
            w = w.minus(power.get(g).times(mass.get(g).plus(mass.get(g + 1))).times(halfOne));
        }
        return w;
    }

    @Override
    public Interval visitEntropy(Quantity.Entropy e) {
        return byDefinition(e);
    }

    @Override
    public Interval visitRenyiEntropy(Quantity.RenyiEntropy e) {
        return byDefinition(e);
    }

    @Override
    public Interval visitChiSquare(Quantity.ChiSquare e) {
        return byDefinition(e);
    }

    @Override
    public Interval visitEstimatorAt(Quantity.EstimatorAt e) {
        Interval n = singleN(e.n(), e);
        Interval eps = evaluate(e.epsilon());
        return e.estimator() == Quantity.Estimator.KL_HAT ? klHat(eps, n) : klHat1(eps, n);
    }

    @Override
    public Interval visitEstimatorMean(Quantity.EstimatorMean e) {
        singleN(e.n(), e);
        return estimatorMean(e.base(), e.n(), e.estimator() == Quantity.Estimator.KL_HAT);
    }

    /**
     * The bounds of Beirami et al.: Thm 2 and Cor 2 (polynomials in n) for single n and boxes of n alike; Thm 3,
     * Cor 3, Lemma 2 and Thm 4 at single values of n.
     */
    @Override
    public Interval visitBound(Quantity.Bound e) {
        Interval[] p = rankedProbabilities(e.base());
        Interval n = sampleCount(e.n());
        Interval twoNnMinus1 = Interval.point(2).times(n).times(n.minus(Interval.ONE));
        switch (e.kind()) {
            case THM2_GAP_UPPER: {
                Interval collision = Interval.ZERO; // e^{-H_2(p)} = sum p^2
                for (Interval pi : p) {
                    collision = collision.plus(pi.pow(2));
                }
                return twoNnMinus1.times(collision);
            }
            case COR2_GAP_UPPER: {
                Interval max = p[0];
                for (Interval pi : p) {
                    max = new Interval(Math.max(max.lo(), pi.lo()), Math.max(max.hi(), pi.hi()));
                }
                return twoNnMinus1.times(max);
            }
            default:
                break;
        }
        single(n, e);
        Interval eps = p[p.length - 1]; // eps_inf, Eq. (20): the top-ranked outcome's probability
        switch (e.kind()) {
            case THM3_GAP_LOWER: {
                requirePositive(eps, "Thm 3 bound");
                Interval l1 = log1mEps(eps);
                Interval nl = n.times(l1);
                Interval q = nl.exp();
                Interval oneMinusQ = nl.expm1().negate();
                Interval second = q.hi() == 0 ? Interval.ZERO : n.minus(Interval.ONE).times(q).times(l1);
                return oneMinusQ.times(n.log().plus(eps.log()).minus(oneMinusQ.log())
                        .minus(n.minus(Interval.ONE).div(n))).minus(second);
            }
            case COR3_GAP_LOWER:
                requirePositive(eps, "Cor 3 bound");
                return n.negate().times(eps).expm1().negate().times(n.log().plus(eps.log())).minus(Interval.ONE);
            case LEMMA2_KL_UPPER:
                return estimatorMean(e.base(), e.n(), false);
            case THM4_KL_UPPER:
                return klHat(eps, n);
            default:
                throw new AssertionError(e.kind());
        }
    }

    /** \( \mathbb{E}_{y \sim \pi_n}[\widehat{\mathrm{KL}}(p(y))] \) over the outcomes best-of-n reaches. */
    private Interval estimatorMean(Policy base, Expr nExpr, boolean eq28) {
        BestOfIntervals b = bestOf(base.bestOf(nExpr), base);
        if (b.n.lo() == 1 && b.n.hi() == 1) {
            // at n = 1 both estimators vanish at every eps > 0: Eq. (26) is log(eps/eps), and Eq. (28) is
            // (1 - eps)(log 1 + 0 - 0) + eps log(eps/eps); so does their mean (exact, where the enclosures of eps
            // would not cancel)
            return Interval.ZERO;
        }
        Interval sum = Interval.ZERO;
        for (int i = 0; i < b.pi.length; i++) {
            if (b.pi[i].hi() == 0) {
                continue;
            }
            sum = sum.plus(b.pi[i].times(eq28 ? klHat(b.p[i], b.n) : klHat1(b.p[i], b.n)));
        }
        return sum;
    }

    /**
     * The estimator of Eq. (28) of Beirami et al.: with \( q = (1-\varepsilon)^n \),
     * \( q(\log n + (n-1)\log(1-\varepsilon) - \frac{n-1}{n}) + (1-q)(\log(1-q) - \log\varepsilon) \).
     */
    static Interval klHat(Interval eps, Interval n) {
        requirePositive(eps, "KLhat (Eq. 28)");
        Interval l1 = log1mEps(eps);
        Interval nl = n.times(l1);
        Interval q = nl.exp();
        Interval oneMinusQ = nl.expm1().negate();
        Interval first = q.hi() == 0 ? Interval.ZERO : q.times(n.log().plus(n.minus(Interval.ONE).times(l1))
                .minus(n.minus(Interval.ONE).div(n)));
        return first.plus(oneMinusQ.times(oneMinusQ.log().minus(eps.log())));
    }

    /** The estimator of Eq. (26) of Beirami et al.: \( \log\frac{1 - (1-\varepsilon)^n}{\varepsilon} \). */
    static Interval klHat1(Interval eps, Interval n) {
        requirePositive(eps, "KLhat1 (Eq. 26)");
        Interval l1 = log1mEps(eps);
        return n.times(l1).expm1().negate().log().minus(eps.log());
    }

    /** \( \log(1 - \varepsilon) \) for a probability \( \varepsilon \) (its enclosure clipped to 1). */
    private static Interval log1mEps(Interval eps) {
        return new Interval(eps.lo(), Math.min(1, eps.hi())).negate().log1p();
    }

    private static void requirePositive(Interval eps, String what) {
        if (!(eps.lo() > 0)) {
            throw new ArithmeticException(what + " needs eps > 0, but eps is enclosed by " + eps);
        }
    }

    /** n for the estimators and the bounds with exponentials in n: a single integer, not a box. */
    private Interval singleN(Expr nExpr, Expr where) {
        return single(sampleCount(nExpr), where);
    }

    private static Interval single(Interval n, Expr where) {
        if (n.lo() != n.hi()) {
            throw new UnsupportedOperationException("interval arithmetic encloses " + where.show()
                    + " at single values of n, not over a box of n");
        }
        return n;
    }

    /** vBoN's objective, Eq. (5a) of Amini et al.: \( J(\theta) = -\mathrm{KL}(\pi_\theta \| \pi_n) \), at single n. */
    @Override
    public Interval visitVbonObjective(Quantity.VbonObjective e) {
        singleN(e.n(), e);
        BestOfIntervals b = bestOf(e.base().bestOf(e.n()), e.base());
        return klAgainst(thetaProbabilities(e.theta(), e.base(), b.ranking), b.pi).negate();
    }

    /**
     * vBoN's lower bounds at single n: Thm 2, Eq. (8), \( L = (N-1)\mathbb{E}_{\pi_\theta}[\log F] -
     * \mathrm{KL}(\pi_\theta \| p) \), and Thm 3, Eq. (16), \( L_1 = \gamma\,\mathbb{E}[\log F] - \alpha H(\pi_\theta)
     * - \beta\,\mathrm{KL}(\pi_\theta \| p) \) with \( \alpha = (N+2)(N-1)/2 \), \( \beta = N(N+1)/2 \),
     * \( \gamma = N(N-1)/2 \); F is the strict CDF of p.
     */
    @Override
    public Interval visitVbonBound(Quantity.VbonBound e) {
        Interval n = singleN(e.n(), e);
        BestOfIntervals b = bestOf(e.base().bestOf(e.n()), e.base());
        Interval[] theta = thetaProbabilities(e.theta(), e.base(), b.ranking);
        Interval klToBase = klAgainst(theta, b.p);
        Interval nMinus1 = n.minus(Interval.ONE);
        Interval expectedLogF = nMinus1.lo() == 0 ? Interval.ZERO : expectedLogStrictCdf(theta, b.below);
        if (e.kind() == Quantity.VbonBoundKind.L) {
            return nMinus1.times(expectedLogF).minus(klToBase);
        }
        Interval half = Interval.point(0.5);
        Interval alpha = n.plus(Interval.point(2)).times(nMinus1).times(half);
        Interval beta = n.times(n.plus(Interval.ONE)).times(half);
        Interval gamma = n.times(nMinus1).times(half);
        Interval entropy = Interval.ZERO;
        for (Interval t : theta) {
            entropy = entropy.minus(t.xLogX());
        }
        return gamma.times(expectedLogF).minus(alpha.times(entropy)).minus(beta.times(klToBase));
    }

    /** pi_theta's probabilities in p's rank order; pi_theta must be a policy on p's outcomes. */
    private Interval[] thetaProbabilities(Policy theta, Policy base, Ranking ranking) {
        if (!(theta instanceof BasePolicy t) || t.size() != ((BasePolicy) base).size()) {
            throw new UnsupportedOperationException("interval arithmetic covers a pi_theta given by its probabilities "
                    + "on the base policy's outcomes, but pi_theta is " + theta);
        }
        return probabilities(t, ranking);
    }

    /** \( \mathrm{KL}(q \| r) = \sum_i q_i \log q_i - q_i \log r_i \), terms with q_i = 0 left out. */
    private static Interval klAgainst(Interval[] q, Interval[] r) {
        Interval sum = Interval.ZERO;
        for (int i = 0; i < q.length; i++) {
            if (q[i].hi() == 0) {
                continue;
            }
            if (!(r[i].lo() > 0)) {
                throw new ArithmeticException("KL(q || r) has no finite enclosure: r's probability of outcome " + i
                        + " is enclosed by " + r[i] + " where q's is " + q[i]);
            }
            sum = sum.plus(q[i].xLogX().minus(q[i].times(r[i].log())));
        }
        return sum;
    }

    /** \( \mathbb{E}_{\pi_\theta}[\log F_-] \) with \( F_-(y) \) the probability of outcomes ranked below y. */
    private static Interval expectedLogStrictCdf(Interval[] theta, Interval[] below) {
        Interval sum = Interval.ZERO;
        for (int i = 0; i < theta.length; i++) {
            if (theta[i].hi() == 0) {
                continue;
            }
            if (!(below[i].lo() > 0)) {
                throw new ArithmeticException("E[log F] has no finite enclosure: pi_theta charges outcome " + i
                        + ", whose strict CDF is enclosed by " + below[i]);
            }
            sum = sum.plus(theta[i].times(below[i].log()));
        }
        return sum;
    }
}
