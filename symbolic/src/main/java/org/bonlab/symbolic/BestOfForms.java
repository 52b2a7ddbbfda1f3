package org.bonlab.symbolic;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bonlab.expr.Expr;
import org.bonlab.expr.Rational;
import org.bonlab.policy.BasePolicy;
import org.bonlab.policy.Bernoulli;
import org.bonlab.policy.BestOf;
import org.bonlab.policy.Explicit;
import org.bonlab.policy.Policy;
import org.bonlab.policy.Uniform;
import org.bonlab.policy.WorstOf;
import org.bonlab.policy.Dirichlet;
import org.bonlab.policy.Geometric;
import org.bonlab.policy.SoftBestOf;
import org.bonlab.policy.Spike;
import org.bonlab.policy.Tilted;
import org.bonlab.policy.Zipf;

/**
 * Closed forms of best-of-n quantities for a base policy with exact (or symbolic) probabilities and a symbolic
 * n, built as dsl expressions: the PMF of Lemma 1 (Eq. (7) of Beirami et al.), its KL divergence to the base
 * policy, and the same KL in the papers' vocabulary.
 */
public final class BestOfForms {

    /** Symbolic sums are written out term by term; beyond this many outcomes they stop being readable. */
    public static final int MAX_OUTCOMES = 200;

    private final List<Expr> probabilities; // rank order
    private final List<Expr> cdf;           // F_i, rank order
    private final Expr n;

    private BestOfForms(List<Expr> probabilities, Expr n) {
        this.probabilities = probabilities;
        this.n = n;
        List<Expr> f = new ArrayList<>();
        Expr acc = null;
        int run = 0; // how many equal symbolic probabilities open the list (a spike's rest: (1 - eps)/(L - 1) each)
        for (Expr p : probabilities) {
            if (run == f.size() && exact(p) == null && (acc == null || p.equals(probabilities.get(0)))) {
                run++;
                acc = copies(run, p); // 3 (1 - eps)/4, not (1 - eps)/4 + (1 - eps)/4 + (1 - eps)/4
            } else {
                acc = acc == null ? p : add(acc, p);
            }
            f.add(acc);
        }
        f.set(f.size() - 1, Expr.constant(1)); // F of the top outcome is 1
        // with symbolic probabilities (which sum to 1 by construction: a spike's rest is 1 minus its tops), F below
        // the top may be shorter as 1 minus the probabilities above it: 1 - a, not 1 - (a + b) + b
        if (probabilities.stream().anyMatch(p -> exact(p) == null)) {
            Expr above = null;
            for (int i = f.size() - 2; i >= 0; i--) {
                Expr p = probabilities.get(i + 1);
                above = above == null ? p : add(above, p);
                Expr complement = add(Expr.constant(1), negate(above));
                if (complement.show().length() < f.get(i).show().length()) {
                    f.set(i, complement);
                }
            }
        }
        this.cdf = f;
    }

    /** The forms of {@code bestOf(base, n)}. */
    public static BestOfForms of(BasePolicy base, Expr n) {
        return new BestOfForms(rankedProbabilities(base), n);
    }

    /** Probabilities of a base policy in ascending reward order, exact or symbolic. */
    static List<Expr> rankedProbabilities(BasePolicy base) {
        if (base.size() > MAX_OUTCOMES) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "policy for a symbolic derivation must have at most %d outcomes, but %s has %d",
                    MAX_OUTCOMES, base.describe(), base.size()));
        }
        return base.accept(new Policy.Visitor<List<Expr>>() {
            @Override
            public List<Expr> visitExplicit(Explicit p) {
                if (!p.isExact()) {
                    throw new IllegalArgumentException(String.format(Locale.ROOT,
                            "probabilities for a symbolic derivation must be exact (e.g. \"1/3\" or \"0.25\"), "
                                    + "but %s has double probabilities", p.describe()));
                }
                int[] order = p.reward().ranking();
                List<Expr> out = new ArrayList<>();
                for (int o : order) {
                    out.add(Expr.constant(p.probability(o)));
                }
                return out;
            }

            @Override
            public List<Expr> visitBernoulli(Bernoulli p) {
                return List.of(add(Expr.constant(1), negate(p.p())), p.p());
            }

            @Override
            public List<Expr> visitUniform(Uniform p) {
                List<Expr> out = new ArrayList<>();
                for (int i = 0; i < p.size(); i++) {
                    out.add(Expr.rational(1, p.size()));
                }
                return out;
            }

            @Override
            public List<Expr> visitSpike(Spike p) {
                if (p.isNumeric() && !p.isExact()) {
                    throw inexact(p);
                }
                List<Expr> out = new ArrayList<>();
                for (int i = 0; i < p.size(); i++) {
                    out.add(p.probabilityExpr(i)); // a number, or (1 - eps)/(L - 1) and eps
                }
                return out;
            }

            @Override
            public List<Expr> visitGeometric(Geometric p) {
                if (p.ratio() instanceof Expr.Sym r) {
                    // r^k / (1 + r + ... + r^(L-1)): a polynomial normaliser, defined at r = 1 too
                    List<Expr> powers = new ArrayList<>(); // 1, r, r^2, ...
                    Expr total = Expr.constant(1);
                    for (int k = 0; k < p.size(); k++) {
                        powers.add(k == 0 ? Expr.constant(1) : k == 1 ? r : power(r, Expr.constant(k)));
                        total = k == 0 ? total : add(total, powers.get(k));
                    }
                    List<Expr> out = new ArrayList<>();
                    for (Expr w : powers) {
                        out.add(w.div(total));
                    }
                    return out;
                }
                if (!p.ratioValue().isExact()) {
                    throw inexact(p);
                }
                Rational r = p.ratioValue().toRational();
                List<Rational> w = new ArrayList<>();
                Rational x = Rational.ONE;
                Rational total = Rational.ZERO;
                for (int k = 0; k < p.size(); k++) {
                    w.add(x);
                    total = total.plus(x);
                    x = x.times(r);
                }
                List<Expr> out = new ArrayList<>();
                for (Rational v : w) {
                    out.add(Expr.constant(v.div(total)));
                }
                return out;
            }

            @Override
            public List<Expr> visitZipf(Zipf p) {
                Rational s = p.exponent().isExact() ? p.exponent().toRational() : null;
                if (s == null || !s.isInteger()) {
                    throw new IllegalArgumentException(String.format(Locale.ROOT,
                            "zipf s for a symbolic derivation must be an exact integer, but %s has s = %s",
                            p.describe(), p.exponent()));
                }
                int e = s.numerator().intValueExact();
                List<Rational> w = new ArrayList<>();
                Rational total = Rational.ZERO;
                for (int k = 1; k <= p.size(); k++) {
                    Rational v = new Rational(BigInteger.ONE, BigInteger.valueOf(k).pow(e));
                    w.add(v);
                    total = total.plus(v);
                }
                List<Expr> out = new ArrayList<>();
                int[] order = p.reward().ranking();
                for (int o : order) {
                    out.add(Expr.constant(w.get(o).div(total)));
                }
                return out;
            }

            @Override
            public List<Expr> visitDirichlet(Dirichlet p) {
                throw inexact(p);
            }

            @Override
            public List<Expr> visitSoftBestOf(SoftBestOf p) {
                throw new IllegalStateException("not a base policy");
            }

            @Override
            public List<Expr> visitPolicyVar(org.bonlab.policy.PolicyVar p) {
                throw new IllegalStateException("policy variable " + p.name()
                        + " must be bound to a policy before it is derived");
            }

            @Override
            public List<Expr> visitTilted(Tilted p) {
                throw new IllegalStateException("not a base policy");
            }

            @Override
            public List<Expr> visitMixture(org.bonlab.policy.Mixture p) {
                throw new IllegalStateException("not a base policy");
            }

            @Override
            public List<Expr> visitReweighted(org.bonlab.policy.Reweighted p) {
                throw new IllegalStateException("not a base policy");
            }

            @Override
            public List<Expr> visitWeighted(org.bonlab.policy.Weighted p) {
                throw new IllegalStateException("not a base policy");
            }

            @Override
            public List<Expr> visitBestOf(BestOf p) {
                throw new IllegalStateException("not a base policy");
            }

            @Override
            public List<Expr> visitWorstOf(WorstOf p) {
                throw new IllegalStateException("not a base policy");
            }
        });
    }

    private static IllegalArgumentException inexact(Policy p) {
        return new IllegalArgumentException(String.format(Locale.ROOT,
                "probabilities for a symbolic derivation must be exact (e.g. \"1/3\" or \"0.25\"), but %s has "
                        + "double probabilities", p.describe()));
    }

    /** The probabilities in ascending reward order. */
    public List<Expr> probabilities() {
        return List.copyOf(probabilities);
    }

    public int size() {
        return probabilities.size();
    }

    public Expr probability(int rank) {
        return probabilities.get(rank);
    }

    /** \( F_i \), the CDF at rank i (1 at the top). */
    public Expr cdf(int rank) {
        return cdf.get(rank);
    }

    /** \( F_i^n \), the CDF of best-of-n at rank i. */
    public Expr bestOfCdf(int rank) {
        return power(cdf.get(rank), n);
    }

    /** \( \pi_n(\tilde y_i) = F_i^n - F_{i-1}^n \), Lemma 1, Eq. (13) of Beirami et al. */
    public Expr bestOfProbability(int rank) {
        Expr upper = power(cdf.get(rank), n);
        if (rank == 0) {
            return upper;
        }
        return add(upper, negate(power(cdf.get(rank - 1), n)));
    }

    /** \( \sum_i \pi_i \log(\pi_i / p_i) \), summed over outcomes of positive probability. */
    public Expr klDirect() {
        Expr sum = null;
        for (int i = 0; i < size(); i++) {
            if (isZero(probabilities.get(i))) {
                continue;
            }
            Expr pi = bestOfProbability(i);
            Expr term = pi.times(Expr.log(pi.div(probabilities.get(i))));
            sum = sum == null ? term : sum.plus(term);
        }
        return sum;
    }

    /**
     * The KL in the papers' vocabulary, \( \mathrm{KL}(\pi_n \| p) = -\sum_i \pi_i \log p_i - H(\pi_n) \): for two
     * outcomes \( H(\pi_n) = h(\pi_n(\tilde y_1)) \), and for equal probabilities \( 1/L \) the cross term is
     * \( \log L \). The fair coin gives \( \log 2 - h(2^{-n}) \), Eq. (6) of Beirami et al.
     * Returns the direct sum where no such form applies.
     */
    public Expr klPresented() {
        if (size() != 2 || isZero(probabilities.get(0)) || isZero(probabilities.get(1))) {
            return klDirect();
        }
        Expr cross;
        if (probabilities.get(0).equals(probabilities.get(1))) {
            cross = Expr.log(Expr.constant(2));
        } else {
            cross = negate(bestOfProbability(0).times(Expr.log(probabilities.get(0)))
                    .plus(bestOfProbability(1).times(Expr.log(probabilities.get(1)))));
        }
        return cross.minus(Expr.binaryEntropy(bestOfProbability(0)));
    }

    /** \( \mathbb{E}_{\pi_n}[r] = \sum_i \pi_i r_i \) given the rewards in rank order. */
    public Expr expectedReward(double[] rewardsInRankOrder) {
        Expr sum = null;
        for (int i = 0; i < size(); i++) {
            Expr term = bestOfProbability(i).times(Expr.constant(Rational.of(new java.math.BigDecimal(
                    rewardsInRankOrder[i]))));
            sum = sum == null ? term : sum.plus(term);
        }
        return sum;
    }

    /**
     * The win rate of \( \pi_n \) against p, \( \sum_i \pi_i (F_{i-1} + c\,p_i) \) with \( c = 0 \) (strict) or
     * \( c = 1/2 \) (ties count half), for distinct rewards.
     */
    public Expr winRate(boolean halfTies) {
        Expr sum = null;
        for (int i = 0; i < size(); i++) {
            Expr below = i == 0 ? Expr.constant(0) : cdf.get(i - 1);
            Expr beats = halfTies ? add(below, probabilities.get(i).times(Expr.rational(1, 2))) : below;
            if (isZero(beats)) {
                continue;
            }
            Expr term = bestOfProbability(i).times(beats);
            sum = sum == null ? term : sum.plus(term);
        }
        return sum == null ? Expr.constant(0) : sum;
    }

    /**
     * \( \mathbb{E}_{y \sim \pi_n}[\widehat{\mathrm{KL}}(p(y))] \) (Eq. (28)) or of \( \widehat{\mathrm{KL}}_1 \) (Eq. (26)),
     * with \( q_i = (1 - p_i)^n \).
     */
    public Expr estimatorMean(boolean eq28) {
        Expr sum = null;
        Expr one = Expr.constant(1);
        for (int i = 0; i < size(); i++) {
            Expr p = probabilities.get(i);
            if (isZero(p)) {
                continue;
            }
            Expr q = power(add(one, negate(p)), n);
            Expr oneMinusQ = add(one, negate(q));
            Expr second = Expr.log(oneMinusQ.div(p));
            Expr value;
            if (!eq28) {
                value = second;
            } else {
                Expr nMinusOne = add(n, Expr.constant(-1));
                Expr first = q.times(Expr.log(n).plus(nMinusOne.times(Expr.log(add(one, negate(p)))))
                        .minus(nMinusOne.div(n)));
                value = isZero(q) ? oneMinusQ.times(second) : first.plus(oneMinusQ.times(second));
            }
            Expr term = bestOfProbability(i).times(value);
            sum = sum == null ? term : sum.plus(term);
        }
        return sum;
    }

    /** \( \sum_i p_i^\alpha \), written out term by term (a number for exact probabilities). */
    public Expr powerSum(int alpha) {
        Expr sum = null;
        for (Expr p : probabilities) {
            if (isZero(p)) {
                continue;
            }
            Expr term = power(p, Expr.constant(alpha));
            sum = sum == null ? term : add(sum, term);
        }
        return sum == null ? Expr.constant(0) : sum;
    }

    /**
     * The right-hand side of a bound of Beirami et al. as a closed form in n; the analytical formula and Renyi
     * entropies are written out (see {@link Vocabulary} for the papers' form).
     *
     * @throws IllegalArgumentException for Cor. 2 with a symbolic parameter (its \( \max_y p(y) \) is piecewise)
     */
    public Expr bound(org.bonlab.expr.Quantity.BoundKind kind) {
        Expr one = Expr.constant(1);
        Expr nMinusOne = add(n, Expr.constant(-1));
        Expr twoNN1 = Expr.constant(2).times(n).times(nMinusOne);
        Expr eps = topProbability();
        Expr q = power(add(one, negate(eps)), n);
        Expr oneMinusQ = add(one, negate(q));
        Expr analytic = Expr.log(n).minus(nMinusOne.div(n));
        switch (kind) {
            case THM2_GAP_UPPER:
                return twoNN1.times(powerSum(2));
            case COR2_GAP_UPPER: {
                Rational max = Rational.ZERO;
                for (Expr p : probabilities) {
                    Rational r = exact(p);
                    if (r == null) {
                        throw new IllegalArgumentException("Cor. 2 bound for a symbolic derivation needs exact "
                                + "probabilities (max_y p(y) of a symbolic family is piecewise), but got " + p.show());
                    }
                    max = r.compareTo(max) > 0 ? r : max;
                }
                return twoNN1.times(Expr.constant(max));
            }
            case THM3_GAP_LOWER:
                // (1 - q)(log n + log(eps / (1 - q)) - (n-1)/n) - (n-1) q log(1 - eps), Eq. (21)
                return oneMinusQ.times(Expr.log(n).plus(Expr.log(eps.div(oneMinusQ))).minus(nMinusOne.div(n)))
                        .minus(nMinusOne.times(q).times(Expr.log(add(one, negate(eps)))));
            case COR3_GAP_LOWER:
                return add(one, negate(Expr.exp(negate(scaled(n, eps))))).times(Expr.log(scaled(n, eps))).minus(one);
            case LEMMA2_KL_UPPER:
                return estimatorMean(false);
            case THM4_KL_UPPER:
                // q (log n + (n-1) log(1 - eps) - (n-1)/n) + (1 - q) log((1 - q)/eps), Eq. (27)
                return q.times(Expr.log(n).plus(nMinusOne.times(Expr.log(add(one, negate(eps)))))
                        .minus(nMinusOne.div(n))).plus(oneMinusQ.times(Expr.log(oneMinusQ.div(eps))));
            default:
                throw new IllegalStateException("unknown bound " + kind);
        }
    }

    /**
     * The predicted gap \( G_n = \frac{n(n-1)^2}{24} \sum_i p_i^3 m_i^{n-3} \), \( m_i = F_{i-1} + p_i/2 \), of
     * {@link Regimes}: the leading term of \( \widetilde{\mathrm{KL}}_n - \mathrm{KL}(\pi_n \| p) \) when every
     * probability is small, written out term by term.
     */
    public Expr smallProbabilityGap() {
        Expr exponent = add(n, Expr.constant(-3));
        Expr sum = null;
        Expr below = Expr.constant(0);
        for (Expr p : probabilities) {
            if (!isZero(p)) {
                Expr m = add(below, exactTimes(p, Rational.of(1, 2)));
                Expr term = power(p, Expr.constant(3)).times(power(m, exponent));
                sum = sum == null ? term : add(sum, term);
            }
            below = add(below, p);
        }
        return gapScale(n).times(sum);
    }

    /** {@link #smallProbabilityGap()} for uniform(L), as a sum over \( i = 1..L \) (any L). */
    static Expr uniformSmallProbabilityGap(long size, Expr n) {
        Expr.Sym i = Expr.symbol("i");
        Expr mid = Expr.constant(2).times(i).minus(Expr.constant(1)).div(Expr.constant(2 * size));
        Expr body = Expr.constant(new Rational(BigInteger.ONE, BigInteger.valueOf(size).pow(3)))
                .times(mid.pow(add(n, Expr.constant(-3))));
        return gapScale(n).times(new Expr.Sum(i, Expr.constant(1), Expr.constant(size), body));
    }

    /**
     * The rate at which the KL of best-of-n of uniform(L) reaches Eq. (5) as L grows, from
     * {@link #uniformSmallProbabilityGap}: \( L^2 G_n = \frac{n(n-1)^2}{24}\cdot\frac1L\sum_{i=1}^L
     * \left(\frac{2i-1}{2L}\right)^{n-3} \) is a midpoint Riemann sum of \( \frac{n(n-1)^2}{24}\int_0^1 u^{n-3}\,du
     * \), so \( \log n - \frac{n-1}{n} - \mathrm{KL} = \frac{n(n-1)^2}{24(n-2)} L^{-2} + o(L^{-2}) \) for n &gt;= 3;
     * at n = 2 the integral diverges at 0 and the sum is \( \frac{1}{12}\sum_{i \le L} \frac{2}{2i-1} =
     * \frac{\log L}{12} + O(1) \), so the leading term is \( \frac{\log L}{12 L^2} \). The coefficient of
     * \( L^{-2} \) (n &gt;= 3) or of \( \log(L)/L^2 \) (n = 2).
     */
    static Rational uniformGapRateCoefficient(long n) {
        if (n < 2) {
            throw new IllegalArgumentException("the rate in L is defined for n >= 2, but n was " + n);
        }
        Rational scale = exact(gapScale(Expr.constant(n)));
        return n == 2 ? scale : scale.div(Rational.of(n - 2));
    }

    /** \( n(n-1)^2/24 \), exact for a number n. */
    private static Expr gapScale(Expr n) {
        Rational r = exact(n);
        if (r != null) {
            return Expr.constant(r.times(r.minus(Rational.ONE)).times(r.minus(Rational.ONE)).div(Rational.of(24)));
        }
        return n.times(power(add(n, Expr.constant(-1)), Expr.constant(2))).div(Expr.constant(24));
    }

    private static Expr exactTimes(Expr e, Rational r) {
        Rational x = exact(e);
        return x != null ? Expr.constant(x.times(r)) : e.times(Expr.constant(r));
    }

    /** The probability of the highest-ranked outcome, \( \varepsilon_\infty \) of Eq. (20). */
    public Expr topProbability() {
        return probabilities.get(size() - 1);
    }

    // ---- small exact simplifications, so that forms read as the papers write them ----

    static boolean isZero(Expr e) {
        return e instanceof Expr.Num num && num.value() instanceof Rational r && r.signum() == 0;
    }

    private static Rational exact(Expr e) {
        return e instanceof Expr.Num num && num.value() instanceof Rational r ? r : null;
    }

    /** m copies of q added up: (m/k) a for q = a/k (so k copies of a/k are a), else m q. */
    static Expr copies(int m, Expr q) {
        if (m == 1) {
            return q;
        }
        if (q instanceof Expr.Div d && exact(d.denominator()) != null) {
            Rational r = Rational.of(m).div(exact(d.denominator()));
            Expr a = d.numerator();
            Expr top = r.numerator().equals(BigInteger.ONE) ? a
                    : Expr.constant(new Rational(r.numerator(), BigInteger.ONE)).times(a);
            return r.denominator().equals(BigInteger.ONE) ? top
                    : top.div(Expr.constant(new Rational(r.denominator(), BigInteger.ONE)));
        }
        return Expr.constant(m).times(q);
    }

    static Expr add(Expr a, Expr b) {
        Rational x = exact(a);
        Rational y = exact(b);
        if (x != null && y != null) {
            return Expr.constant(x.plus(y));
        }
        if (y != null && y.signum() < 0) {
            return a.minus(Expr.constant(y.negate()));
        }
        if (b instanceof Expr.Neg neg) {
            if (neg.operand() instanceof Expr.Sub s && s.left().equals(a)) {
                return s.right(); // a - (a - x) = x, e.g. 1 - (1 - p) = p
            }
            return a.minus(neg.operand());
        }
        return a.plus(b);
    }

    /** \( n\varepsilon \) written \( n/k \) for \( \varepsilon = 1/k \). */
    static Expr scaled(Expr n, Expr eps) {
        Rational r = exact(eps);
        if (r == null) {
            return n.times(eps);
        }
        Expr num = r.numerator().equals(BigInteger.ONE) ? n
                : Expr.constant(new Rational(r.numerator(), BigInteger.ONE)).times(n);
        return r.isInteger() ? num : num.div(Expr.constant(new Rational(r.denominator(), BigInteger.ONE)));
    }

    static Expr negate(Expr a) {
        Rational x = exact(a);
        return x != null ? Expr.constant(x.negate()) : a.unaryMinus();
    }

    /** \( x^n \) with \( (1/b)^n \) written \( b^{-n} \) and \( (a/b)^n \) as \( a^n / b^n \), as the papers do. */
    static Expr power(Expr base, Expr exponent) {
        Rational r = exact(base);
        if (r != null) {
            if (r.equals(Rational.ONE)) {
                return Expr.constant(1);
            }
            if (!r.isInteger() && !(exponent instanceof Expr.Num)) {
                Expr den = Expr.constant(new Rational(r.denominator(), BigInteger.ONE));
                if (r.numerator().equals(BigInteger.ONE)) {
                    return den.pow(exponent.unaryMinus());
                }
                Expr num = Expr.constant(new Rational(r.numerator(), BigInteger.ONE));
                return num.pow(exponent).div(den.pow(exponent));
            }
        }
        return base.pow(exponent);
    }
}
