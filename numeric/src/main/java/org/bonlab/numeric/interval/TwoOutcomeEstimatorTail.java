package org.bonlab.numeric.interval;

import java.util.Locale;

/**
 * Conjecture 4.4 of Beirami et al. (v3) on two outcomes for every n >= {@link #FROM} at once: the argument uniform in
 * n that the per-n bisection of {@link TwoOutcomeEstimatorCertifier} lacks. Its steps are inequalities proved below;
 * the few numeric facts they rest on (constants at one n, and a function of one variable on a bounded interval) are
 * checked by {@link #check} in outward-rounded {@link Interval} arithmetic every time the argument is used.
 *
 * <p>Notation of {@link TwoOutcomeEstimatorCertifier}: a is the lower outcome's probability, b = 1 - a,
 * \( L_n = \log n - 1 + 1/n \ge 0 \), \( S_a = (1-a^n)/b \), \( S_b = (1-b^n)/a \), and the margin
 * \( \mathbb{E}[\widehat{\mathrm{KL}}] - \mathrm{KL} = a^n G \) with \( G = T_1 + T_2 + T_3 + T_4 \),
 * \( T_1 = b^n(L_n + (n-1)\log b) \), \( T_2 = (1-b^n)\log S_b \), \( T_3 = (1-a^n)(L_n - \log S_a) \),
 * \( T_4 = -(n-1)a^n\log a \).
 *
 * <p><b>Lemma A</b> (a in [0, 1/2], n >= 10): \( G \ge (1 - 2^{-n})L_n - 1 - 1/e > 0 \). T_2 >= 0 (S_b >= 1) and
 * T_4 >= 0. log b >= -a/b and \( b^{n-1} \le e^{-a(n-1)} \), with \( t e^{-t} \le 1/e \), give
 * \( T_1 \ge -(n-1) a b^{n-1} \ge -1/e \). \( \log S_a \le -\log(1-a) \le a/(1-a) \le 2a \le 1 \) gives
 * \( T_3 \ge (1-a^n)L_n - 2a \ge (1-2^{-n})L_n - 1 \). The bound increases with n (L_n does, 2^-n decreases), so
 * its value at the first n suffices: condition (A).
 *
 * <p><b>Lemma B</b> (a in [1/2, 1), n >= 5): \( G/b \ge 1/2 - 2^{-(n-1)}(n\log 2 + 1) > 0 \). Let
 * \( \lambda = -\log a \in (0, \log 2] \) (so \( \lambda \ge b \)), \( c = n\lambda \), so that \( a^n = e^{-c} \),
 * \( u = (1-e^{-c})/c \in (0, 1) \), \( w = 1/u \) and \( \psi(c) = w + \log w - 1 - c \).
 * <ol>
 * <li>G = M + E with \( M = \lambda + T_3 + T_4 \) and \( E = T_1 + T_2 - \lambda \). Since L_n >= 0 and
 * \( b^{n-1}\log(1/b) \) increases on (0, 1/2] for n >= 3, \( T_1/b \ge -(n-1)2^{-(n-1)}\log 2 \); and
 * \( T_2 - \lambda = -b^n\lambda + (1-b^n)\log(1-b^n) \ge -b^n(\log 2 + 1) \) (as \( (1-y)\log(1-y) \ge -y \)).
 * So \( E/b \ge -2^{-(n-1)}(n\log 2 + 1) \).</li>
 * <li>With \( \log b = \log(1 - e^{-\lambda}) = \log c - \log n + \log\varphi(\lambda) \),
 * \( \varphi(\lambda) = (1-e^{-\lambda})/\lambda \), and \( (1-a^n)/\lambda = nu \), the identity
 * \( M/\lambda = n u \psi(c) + 1 - e^{-c} + u + n u \log\varphi(\lambda) \) holds (expand: \( u\psi = e^{-c} -
 * u(1 + \log u) \)).</li>
 * <li>\( \varphi(\lambda) \ge e^{-\lambda/2} \) (it is \( 2\sinh(\lambda/2) \ge \lambda \)), so
 * \( n u \log\varphi(\lambda) \ge -uc/2 = -(1-e^{-c})/2 \).</li>
 * <li>\( \psi \ge 0 \) on (0, infinity) (Lemma C), so \( M/\lambda \ge (1-e^{-c})(1/2 + 1/c) \ge 1/2 \): the last
 * step is \( 2 \ge e^{-c}(c+2) \), i.e. \( e^c \ge 1 + c/2 \). Hence \( M \ge \lambda/2 \ge b/2 \).</li>
 * </ol>
 * The bound increases with n for n >= 2 (each step halves 2^-(n-1) and multiplies n log 2 + 1 by less than 2), so
 * its value at the first n suffices: condition (B).
 *
 * <p><b>Lemma C</b> (\( \psi(c) \ge 0 \) for c > 0; \( \psi \sim c^2/24 \) at 0). With x = c/2,
 * \( w = x\coth x + x = 1 + x + q \), \( q = x\coth x - 1 \), and \( \psi = q + \log(1+x+q) - x \).
 * <ul>
 * <li>c in (0, 1], x in (0, 1/2]: \( \log(1+x+q) \ge \log(1+x) + q/(1+x+q) \) and \( \log(1+x) - x \ge -x^2/2 \),
 * so \( \psi \ge q(1 + 1/(1+x+q)) - x^2/2 \), increasing in q. \( q = (x\cosh x - \sinh x)/\sinh x \) and the
 * numerator's series has positive terms from \( x^3/3 \), so \( q \ge x^2/(3s) \) with \( s = \sinh x/x \le 1 +
 * x^2(1/6 + (x^2/120)/(1 - x^2/42)) \le 1 + x^2/5 \) (a geometric tail; condition (S) at x = 1/2). Hence
 * \( \psi/x^2 \ge \frac{1}{3(1+x^2/5)}(1 + \frac{1}{1 + x + q_0}) - 1/2 \) with \( q_0 = x^2/(3(1+x^2/5)) \),
 * decreasing in x: condition (C) at x = 1/2.</li>
 * <li>c in [1, {@link #C_END}]: w increases with c, so on [c_1, c_2] \( \psi \ge w(c_1) + \log w(c_1) - 1 - c_2 \):
 * condition (D), a bisection of [1, C_END].</li>
 * <li>c >= C_END > e: w >= c, so \( \psi \ge \log c - 1 > 0 \): condition (E).</li>
 * </ul>
 */
final class TwoOutcomeEstimatorTail {

    /** The first n the argument covers (Lemma A needs n >= 10; Lemma B needs n >= 5). */
    static final long FROM = 10;

    /** Where Lemma C's bisection ends; above it, psi >= log c - 1 > 0. */
    static final double C_END = 2.72;

    /** The width of Lemma C's bisection boxes on [1, C_END] (psi is about 0.04 at c = 1 and grows). */
    static final double C_STEP = 1.0 / 128;

    private TwoOutcomeEstimatorTail() {
    }

    /**
     * Checks the numeric conditions of the argument for every n >= {@code from} (which must be >= {@link #FROM}):
     * the boxes evaluated, and the failure ("" when every condition holds).
     */
    static TwoOutcomeEstimatorCertifier.Outcome check(long from) {
        if (from < FROM) {
            throw new IllegalArgumentException("from = " + from + ": the uniform argument starts at n = " + FROM);
        }
        Interval one = Interval.ONE;
        Interval two = Interval.point(2);
        Interval half = one.div(two);
        Interval n = Interval.point(from);
        Interval ln = n.log().minus(one).plus(one.div(n));
        Interval twoToMinusN = one.div(two.pow(from));
        // (A): (1 - 2^-n) L_n - 1 - 1/e > 0 at the first n
        Interval a = one.minus(twoToMinusN).times(ln).minus(one).minus(one.negate().exp());
        if (!(a.lo() > 0)) {
            return new TwoOutcomeEstimatorCertifier.Outcome(0, "Lemma A's bound " + a + " is not positive at n = "
                    + from);
        }
        // (B): 1/2 - 2^-(n-1) (n log 2 + 1) > 0 at the first n
        Interval b = half.minus(twoToMinusN.times(two).times(n.times(two.log()).plus(one)));
        if (!(b.lo() > 0)) {
            return new TwoOutcomeEstimatorCertifier.Outcome(0, "Lemma B's bound " + b + " is not positive at n = "
                    + from);
        }
        // (S): 1/6 + (x^2/120)/(1 - x^2/42) <= 1/5 at x = 1/2 (the sinh x / x bound)
        Interval x = half;
        Interval x2 = x.times(x);
        Interval s = one.div(Interval.point(6)).plus(x2.div(Interval.point(120))
                .div(one.minus(x2.div(Interval.point(42)))));
        if (!(s.hi() <= one.div(Interval.point(5)).lo())) {
            return new TwoOutcomeEstimatorCertifier.Outcome(0, "the bound on sinh(x)/x fails: " + s);
        }
        // (C): psi / x^2 >= (1/(3(1 + x^2/5))) (1 + 1/(1 + x + q0)) - 1/2 > 0 at x = 1/2
        Interval k = one.div(Interval.point(3).times(one.plus(x2.div(Interval.point(5)))));
        Interval q0 = x2.times(k);
        Interval c = k.times(one.plus(one.div(one.plus(x).plus(q0)))).minus(half);
        if (!(c.lo() > 0)) {
            return new TwoOutcomeEstimatorCertifier.Outcome(0, "Lemma C's bound near 0 is not positive: " + c);
        }
        // (D): psi >= w(c1) + log w(c1) - 1 - c2 >= 0 on [c1, c2], bisection steps of [1, C_END]
        long boxes = 0;
        for (double c1 = 1; c1 < C_END; c1 += C_STEP) {
            double c2 = Math.min(c1 + C_STEP, C_END);
            boxes++;
            Interval at = Interval.point(c1);
            Interval w = at.div(at.negate().expm1().negate());
            Interval psi = w.plus(w.log()).minus(one).minus(Interval.point(c2));
            if (!(psi.lo() >= 0)) {
                return new TwoOutcomeEstimatorCertifier.Outcome(boxes, String.format(Locale.ROOT,
                        "Lemma C's enclosure of psi on [%s, %s] is %s", c1, c2, psi));
            }
        }
        // (E): log C_END > 1
        if (!(Interval.point(C_END).log().lo() > 1)) {
            return new TwoOutcomeEstimatorCertifier.Outcome(boxes, "log " + C_END + " is not above 1");
        }
        return new TwoOutcomeEstimatorCertifier.Outcome(boxes, "");
    }
}
