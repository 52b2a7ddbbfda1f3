package org.bonlab.numeric.tradeoff;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bonlab.Bon;
import org.bonlab.expr.Expr;
import org.bonlab.numeric.DoubleEvaluator;
import org.bonlab.policy.Policy;

/**
 * The points that alignment papers plot, each a policy of the open vocabulary evaluated by the double engine: KL
 * to the base policy p, expected reward and win rate against p (ties counting half).
 * <ul>
 * <li>{@code bon}: best-of-n (Lemma 1 of Beirami et al.), over n;</li>
 * <li>{@code soft}: soft best-of-n at a fixed n, over its temperature lambda;</li>
 * <li>{@code tilted}: the KL-regularised optimum \( p e^{r/\beta}/Z \) (Eq. 2 of Amini et al.), over beta: the exact
 * reward-vs-KL Pareto frontier, since it maximises \( E_\pi r - \beta\,\mathrm{KL}(\pi\|p) \);</li>
 * <li>{@code rewind}: rewind-and-repeat (Beirami et al. v3, Section 6; {@link Policy#rewindAndRepeat}), over its
 * quantile threshold t;</li>
 * <li>{@code poisson}: best-of-n' with n' = 1 + Poisson(mu) (Khalaf et al. 2025), over mu;</li>
 * <li>{@code bonbon}: the win-rate-optimal tilting \( p\, e^{c\,W(y)}/Z \), with \( W(y) = (G(y) + G_-(y))/2 \) the
 * win rate of outcome y against p (ties half), over c: the exact win-rate-vs-KL frontier, since the win rate
 * \( E_\pi W \) is linear in pi (the family of Gui et al. 2024's BoNBoN analysis).</li>
 * </ul>
 */
public final class Tradeoffs {

    private Tradeoffs() {
    }

    /** A method and the name of its parameter. */
    public enum Method {
        BON("n"), SOFT("lambda"), TILTED("beta"), REWIND("t"), POISSON("mu"), BONBON("c");

        private final String parameter;

        Method(String parameter) {
            this.parameter = parameter;
        }

        /** The name on the command line and in the CSV: bon, soft, tilted, rewind, poisson, bonbon. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        public String parameterName() {
            return parameter;
        }
    }

    /** One point of a curve. */
    public record Point(Method method, double parameter, double kl, double expectedReward, double winRate) {
    }

    /** The policy of {@code method} at {@code parameter} ({@code softN}: the n of soft best-of-n). */
    public static Policy policy(Policy p, Method method, double parameter, long softN) {
        return switch (method) {
            case BON -> p.bestOf(Math.round(parameter));
            case SOFT -> p.softBestOf(softN, parameter);
            case TILTED -> p.tilted(parameter);
            case REWIND -> p.rewindAndRepeat(parameter);
            case POISSON -> p.bestOfPoisson(parameter);
            case BONBON -> p.reweighted(winRateOfOutcome(p).times(Expr.constant(parameter)));
        };
    }

    /** \( W(y) = (G(y) + G_-(y))/2 \): the win rate of outcome y against a draw of p, ties counting half. */
    static Expr winRateOfOutcome(Policy p) {
        return Bon.rewardCdf(p).plus(Bon.rewardCdfBelow(p)).div(2L);
    }

    public static Point point(Policy p, Method method, double parameter, long softN) {
        Policy pi = policy(p, method, parameter, softN);
        DoubleEvaluator ev = new DoubleEvaluator();
        Map<Expr.Sym, Double> none = Map.of();
        return new Point(method, parameter, Math.max(0, ev.evaluate(Bon.kl(pi, p), none)),
                ev.evaluate(Bon.expectedReward(pi), none), ev.evaluate(Bon.winRateHalf(pi, p), none));
    }

    public static List<Point> curve(Policy p, Method method, double[] parameters, long softN) {
        List<Point> out = new ArrayList<>(parameters.length);
        for (double x : parameters) {
            out.add(point(p, method, x, softN));
        }
        return out;
    }

    /**
     * How far best-of-n is from the frontiers at its own KL: the tilted policy and the win-rate-optimal tilting
     * with the same KL (found by bisection on the log of their parameter, both KLs being monotone in it), and the
     * reward and win rate they gain over best-of-n (never negative: they are the optima at that KL).
     */
    public record Deficit(long n, double kl, double rewardDeficit, double beta, double winRateDeficit, double c) {
    }

    /** Iterations of the bisections (on log parameter over [-40, 40]). */
    static final int BISECTIONS = 200;

    public static Deficit deficit(Policy p, long n) {
        Point bon = point(p, Method.BON, n, 0);
        if (bon.kl() == 0) {
            return new Deficit(n, 0, 0, Double.POSITIVE_INFINITY, 0, 0);
        }
        double beta = betaForKl(p, bon.kl());
        double c = cForKl(p, bon.kl());
        Point tilted = point(p, Method.TILTED, beta, 0);
        Point bonbon = point(p, Method.BONBON, c, 0);
        return new Deficit(n, bon.kl(), Math.max(0, tilted.expectedReward() - bon.expectedReward()), beta,
                Math.max(0, bonbon.winRate() - bon.winRate()), c);
    }

    /**
     * The beta of \( \varphi_\Delta \), the KL-constrained optimum of Yang et al. (2024): the tilted policy
     * \( p e^{r/\beta}/Z \) whose KL to p equals the budget \( \Delta \) (the KL falls as beta grows), by bisection
     * on log beta; \( \varphi_\Delta \) is {@code p.tilted(betaForKl(p, delta))}. A budget at or beyond the largest
     * KL of the family (that of p restricted to its top rewards) gives the smallest beta searched, e^-40.
     */
    public static double betaForKl(Policy p, double delta) {
        requireBudget(delta);
        return Math.exp(solve(x -> point(p, Method.TILTED, Math.exp(x), 0).kl(), delta, false));
    }

    /** The c of the win-rate-optimal tilting \( p e^{c W}/Z \) with KL {@code delta} to p (the KL grows with c). */
    public static double cForKl(Policy p, double delta) {
        requireBudget(delta);
        return Math.exp(solve(x -> point(p, Method.BONBON, Math.exp(x), 0).kl(), delta, true));
    }

    private static void requireBudget(double delta) {
        if (!(delta > 0) || Double.isInfinite(delta)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "a KL budget must be positive and finite, but was %s", delta));
        }
    }

    /** The x in [-40, 40] where f(x) = target, f monotone (increasing when {@code increasing}). */
    private static double solve(java.util.function.DoubleUnaryOperator f, double target, boolean increasing) {
        double lo = -40;
        double hi = 40;
        for (int i = 0; i < BISECTIONS && hi - lo > 1e-13; i++) {
            double mid = 0.5 * (lo + hi);
            double v = f.applyAsDouble(mid);
            if ((v < target) == increasing) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }
}
