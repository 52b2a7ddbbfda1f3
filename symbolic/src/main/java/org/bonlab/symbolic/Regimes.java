package org.bonlab.symbolic;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bonlab.expr.Expr;
import org.bonlab.expr.Quantity;
import org.bonlab.expr.Rational;
import org.bonlab.numeric.DoubleEvaluator;
import org.bonlab.numeric.precise.HighPrecisionEvaluator;
import org.bonlab.policy.BasePolicy;
import org.bonlab.policy.Uniform;

/**
 * The leading behaviour of \( \mathrm{KL}(\pi_n \| p) \) in the two regimes of Beirami et al. (Section 1.11 of
 * the theory notes: the gap to Eq. (5) is small when \( n\varepsilon \ll 1 \), large when \( n\varepsilon \gg 1 \)).
 *
 * <p><b>Large \( n\varepsilon_\infty \).</b> Write \( \varepsilon = \varepsilon_\infty \) (Eq. (20)), \( p_2 \) for the
 * probability of the runner-up and \( q = (1-\varepsilon)^n \). The top outcome has \( \pi_n = 1 - q \); the
 * runner-up has \( \pi_n = q(1 - \rho^n) \) with \( \rho = F_{L-2}/F_{L-1} < 1 \); the rest together have
 * \( \pi_n = (F_{L-2})^n = q\rho^n \). Expanding \( (1-q)\log\frac{1-q}{\varepsilon} + q\log\frac{q}{p_2} \) gives
 * \[ \mathrm{KL} = \log\frac{1}{\varepsilon} - q\left(n\log\frac{1}{1-\varepsilon} + 1 + \log\frac{p_2}{\varepsilon}\right)
 *    + o(q), \]
 * whose leading correction is \( n(1-\varepsilon)^n\log(1-\varepsilon) \); for the fair coin this is the expansion
 * of \( \log 2 - h(2^{-n}) \).
 *
 * <p><b>Small \( n \max_y p(y) \).</b> \( \pi_i = F_i^n - F_{i-1}^n = p_i\,\varphi(\xi_i) \) with
 * \( \varphi(u) = n u^{n-1} \), so the KL is a Riemann sum of \( \int_0^1 \varphi\log\varphi = \log n - \frac{n-1}{n} \)
 * (the analytical formula). The midpoint rule's error terms (Euler–Maclaurin) leave
 * \[ \mathrm{KL} = \widetilde{\mathrm{KL}}_n - G_n, \quad
 *    G_n = \frac{n(n-1)^2}{24}\sum_i p_i^3 m_i^{n-3} (1 + o(1)), \quad m_i = F_{i-1} + p_i/2, \]
 * for fixed \( n \ge 3 \) as \( \max_y p(y) \to 0 \); \( G_n \le \frac{n(n-1)^2}{24} e^{-2H_3(p)} \), and for
 * uniform(L) \( G_n \approx \frac{n(n-1)^2}{24(n-2)L^2} \), far below Thm 2's \( 2n(n-1)/L \). This is bonlab's
 * derivation, not a result of the papers: it is printed with the measured agreement, and Thm 1 and Thm 2
 * (\( 0 \le G_n \le 2n(n-1)e^{-H_2(p)} \)) are what holds rigorously.
 */
final class Regimes {

    /** Multiples of \( 1/\varepsilon_{\mathrm{eff}} \) at which the large regime is checked. */
    static final List<Double> LARGE_STEPS = List.of(10.0, 20.0, 40.0, 80.0);

    /** The scaled remainder \( (\mathrm{KL} - \text{form})/q \) must fall below this at the last step. */
    static final double LARGE_REMAINDER_TOLERANCE = 1e-6;

    /** Beyond this many digits the large-regime check is not attempted. */
    static final int MAX_DIGITS = 4000;

    /** The small regime is checked at the n of {@link #SMALL_POINTS} with \( n \max_y p(y) \) at most this. */
    static final double SMALL_EDGE = 0.1;

    /** Relative agreement required between the predicted and the exact gap in the small regime. */
    static final double SMALL_TOLERANCE = 1e-2;

    static final List<Long> SMALL_POINTS = List.of(3L, 5L, 10L, 30L, 100L, 300L, 1_000L, 3_000L, 10_000L,
            100_000L, 1_000_000L);

    private static final int SMALL_DIGITS = 40;
    private static final int SLACK_DIGITS = 30;

    private Regimes() {
    }

    static Asymptotics of(BasePolicy base, Expr.Sym n) {
        Expr kl = new Quantity.Kl(base.bestOf(n), base);
        List<Expr.Sym> parameters = SymbolicEngine.parameters(base);
        List<Expr> positives = new ArrayList<>();
        Expr smallGap;
        if (base instanceof Uniform u) {
            for (int i = 0; i < Math.min(u.size(), 2); i++) {
                positives.add(Expr.rational(1, u.size()));
            }
            smallGap = BestOfForms.uniformSmallProbabilityGap(u.size(), n);
        } else {
            BestOfForms f;
            try {
                f = BestOfForms.of(base, n);
            } catch (IllegalArgumentException e) {
                return new Asymptotics(kl, List.of(), List.of("no regime is derived: " + e.getMessage()));
            }
            f.probabilities().stream().filter(p -> !BestOfForms.isZero(p)).forEach(positives::add);
            smallGap = f.smallProbabilityGap();
        }
        List<Regime> regimes = new ArrayList<>();
        List<String> unavailable = new ArrayList<>();
        if (positives.size() < 2) {
            unavailable.add("one outcome has all the probability: KL = 0 for every n");
            return new Asymptotics(kl, regimes, unavailable);
        }
        Expr eps = positives.get(positives.size() - 1);
        Expr runnerUp = positives.get(positives.size() - 2);
        regimes.add(large(kl, eps, runnerUp, n, base.parameterBounds(), parameters));
        double maxP = maxProbability(base, positives);
        if (!parameters.isEmpty()) {
            unavailable.add("n max p << 1: " + base.describe() + " has max p >= 1/2, so n max p >= 1/2 for every n");
        } else if (3 * maxP > SMALL_EDGE) {
            unavailable.add(String.format(Locale.ROOT, "n max p << 1: max p = %.3g, so n max p > %.1f already at "
                    + "n = 3 (the form holds as max p -> 0 at fixed n >= 3)", maxP, SMALL_EDGE));
        } else {
            regimes.add(small(kl, base, smallGap, maxP, n));
        }
        return new Asymptotics(kl, regimes, unavailable);
    }

    private static double maxProbability(BasePolicy base, List<Expr> positives) {
        if (base instanceof Uniform u) {
            return 1.0 / u.size();
        }
        double max = 0;
        DoubleEvaluator ev = new DoubleEvaluator();
        for (Expr p : positives) {
            if (p instanceof Expr.Num) {
                max = Math.max(max, ev.evaluate(p));
            } else {
                return 1; // symbolic: treated as not small
            }
        }
        return max;
    }

    // ---- large n eps ----

    private static Regime large(Expr kl, Expr eps, Expr runnerUp, Expr.Sym n, Map<Expr.Sym, Double> bounds,
            List<Expr.Sym> parameters) {
        Expr one = Expr.constant(1);
        Expr oneMinusEps = BestOfForms.add(one, BestOfForms.negate(eps));
        Expr q = BestOfForms.power(oneMinusEps, n);
        Expr bracket = n.times(Expr.log(reciprocal(oneMinusEps))).plus(one);
        Expr ratio = quotient(runnerUp, eps);
        if (!(ratio instanceof Expr.Num num && num.value() instanceof Rational r && r.equals(Rational.ONE))) {
            bracket = bracket.plus(Expr.log(ratio));
        }
        Expr leading = Expr.log(reciprocal(eps));
        Expr form = leading.minus(q.times(bracket));
        String argument = "dominance of the top two outcomes: pi_n(top) = 1 - q, pi_n(runner-up) = q (1 - rho^n), "
                + "the rest q rho^n, with q = (1 - eps_inf)^n and rho = F_{L-2}/F_{L-1} < 1; expanding the KL's two "
                + "leading terms in q";
        return new Regime("n eps_inf >> 1", form, q, argument, checkLarge(kl, form, leading, q, eps, runnerUp, n,
                bounds, parameters));
    }

    private static Verification checkLarge(Expr kl, Expr form, Expr leading, Expr q, Expr eps, Expr runnerUp,
            Expr.Sym n, Map<Expr.Sym, Double> bounds, List<Expr.Sym> parameters) {
        DoubleEvaluator ev = new DoubleEvaluator();
        Expr remainder = kl.minus(form); // the only part that needs the exact KL, evaluated once per point
        Expr correction = form.minus(leading);
        int points = 0;
        double worst = 0;
        List<String> trail = new ArrayList<>();
        for (Map<Expr.Sym, Double> at : SymbolicEngine.checkPoints(n, parameters, List.of(1), bounds)) {
            at.remove(n);
            double e = ev.evaluate(eps, at);
            double p2 = ev.evaluate(runnerUp, at);
            double rest = 1 - e - p2;
            double effective = rest <= 1e-300 ? e : Math.min(e, p2 / (1 - e));
            double previous = Double.POSITIVE_INFINITY;
            double last = Double.NaN;
            double lastRelative = Double.NaN;
            for (double step : LARGE_STEPS) {
                double nk = Math.ceil(step / effective);
                double decimalsOfQ = -nk * Math.log10(1 - e);
                if (!(decimalsOfQ + SLACK_DIGITS < MAX_DIGITS) || nk > 1e15) {
                    return new Verification.Unverified(String.format(Locale.ROOT, "the regime begins near n = %.3g "
                            + "at %s, where (1 - eps)^n has %.0f zero digits: beyond the %d-digit check", nk, at,
                            decimalsOfQ, MAX_DIGITS));
                }
                Map<Expr.Sym, BigDecimal> b = new HashMap<>();
                at.forEach((k, v) -> b.put(k, new BigDecimal(v)));
                b.put(n, BigDecimal.valueOf((long) nk));
                HighPrecisionEvaluator hp = new HighPrecisionEvaluator((int) Math.ceil(decimalsOfQ) + SLACK_DIGITS);
                BigDecimal d = hp.evaluate(remainder, b);
                java.math.MathContext mc = new java.math.MathContext(20);
                double r = d.divide(hp.evaluate(q, b), mc).abs().doubleValue();
                trail.add(String.format(Locale.ROOT, "%.1e", r));
                if (r > previous * (1 + 1e-9)) {
                    return new Verification.Unverified(String.format(Locale.ROOT, "the scaled remainder (KL - form)/q "
                            + "grows along n = k/eps: %s at %s", String.join(", ", trail), at));
                }
                previous = r;
                last = r;
                // error of the form relative to KL's distance to its limit, (KL - form)/(KL - log(1/eps))
                lastRelative = d.divide(d.add(hp.evaluate(correction, b)), mc).abs().doubleValue();
                points++;
            }
            if (!(last <= LARGE_REMAINDER_TOLERANCE)) {
                return new Verification.Unverified(String.format(Locale.ROOT, "the scaled remainder (KL - form)/q "
                        + "is still %.3g at n = %.0f/eps at %s", last, LARGE_STEPS.get(LARGE_STEPS.size() - 1), at));
            }
            worst = Math.max(worst, lastRelative);
        }
        return new Verification.CheckedNumerically(points, worst, "error relative to KL - log(1/eps_inf) at the "
                + "largest n; the scaled remainder (KL - form)/(1 - eps)^n, "
                + "from the exact KL at enough digits, falls towards 0 at n eps_eff = 10, 20, 40, 80 ("
                + String.join(", ", trail.subList(Math.max(0, trail.size() - LARGE_STEPS.size()), trail.size()))
                + (parameters.isEmpty() ? "" : " at the last parameter value") + ")");
    }

    // ---- small n max p ----

    private static Regime small(Expr kl, BasePolicy base, Expr gap, double maxP, Expr.Sym n) {
        Expr form = new Quantity.AnalyticalKl(n).minus(gap);
        Expr scale = n.times(BestOfForms.power(BestOfForms.add(n, Expr.constant(-1)), Expr.constant(2)))
                .times(Vocabulary.powerSumAsRenyi(base, 3));
        String argument = "bonlab's derivation: the midpoint rule (Euler-Maclaurin) on KL = sum_i p_i phi(xi_i) "
                + "log phi(xi_i), phi(u) = n u^(n-1), whose integral is log n - (n-1)/n; for fixed n >= 3 as max p -> 0. "
                + "Rigorously, 0 <= KL~_n - KL <= 2n(n-1)e^(-H_2(p)) for every n (Thm 1 and Thm 2 of Beirami et al.)";
        return new Regime("n max p << 1", form, scale, argument, checkSmall(kl, gap, maxP, n));
    }

    private static Verification checkSmall(Expr kl, Expr gap, double maxP, Expr.Sym n) {
        HighPrecisionEvaluator hp = new HighPrecisionEvaluator(SMALL_DIGITS);
        Expr exact = new Quantity.AnalyticalKl(n).minus(kl);
        double worst = 0;
        int points = 0;
        long last = 0;
        for (long k : SMALL_POINTS) {
            if (k * maxP > SMALL_EDGE) {
                break;
            }
            Map<Expr.Sym, BigDecimal> at = Map.of(n, BigDecimal.valueOf(k));
            BigDecimal g = hp.evaluate(exact, at);
            BigDecimal predicted = hp.evaluate(gap, at);
            double rel = g.subtract(predicted).abs().doubleValue() / g.doubleValue();
            if (!(rel <= SMALL_TOLERANCE)) {
                return new Verification.Unverified(String.format(Locale.ROOT, "at n = %d the predicted gap is %.6g "
                        + "but the exact gap is %.6g (relative error %.2g)", k, predicted.doubleValue(),
                        g.doubleValue(), rel));
            }
            worst = Math.max(worst, rel);
            points++;
            last = k;
        }
        return new Verification.CheckedNumerically(points, worst, String.format(Locale.ROOT,
                "predicted gap G_n against the exact gap KL~_n - KL (%d digits) at n = 3..%d, where n max p <= %.1f",
                SMALL_DIGITS, last, SMALL_EDGE));
    }

    // ---- exact where possible ----

    private static Expr reciprocal(Expr x) {
        Rational r = exact(x);
        return r != null ? Expr.constant(Rational.ONE.div(r)) : Expr.constant(1).div(x);
    }

    private static Expr quotient(Expr a, Expr b) {
        Rational x = exact(a);
        Rational y = exact(b);
        return x != null && y != null ? Expr.constant(x.div(y)) : a.div(b);
    }

    private static Rational exact(Expr e) {
        return e instanceof Expr.Num num && num.value() instanceof Rational r ? r : null;
    }
}
