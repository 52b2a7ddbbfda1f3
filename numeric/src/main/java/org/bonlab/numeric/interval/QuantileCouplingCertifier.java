package org.bonlab.numeric.interval;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.bonlab.Bon;
import org.bonlab.Definitions;
import org.bonlab.claim.Claim;
import org.bonlab.claim.Family;
import org.bonlab.claim.Range;
import org.bonlab.claim.Relation;
import org.bonlab.expr.Expr;
import org.bonlab.expr.Rational;
import org.bonlab.policy.Policy;
import org.bonlab.policy.PolicyVar;

/**
 * Bounds of best-of-n that hold for every policy and every n because best-of-n is the continuous best-of-n seen
 * through the quantile map: Thm 1 (Eq. 15) of Beirami et al., \( \mathrm{KL}(\pi_n \| p) \le \log n - (n-1)/n \),
 * Mroueh (2024)'s bounds for \( \chi^2 \) ((n-1)^2/(2n-1)), the squared Hellinger distance (1 - 2 sqrt(n)/(n+1))
 * and the total variation ((1 - 1/n) n^(-1/(n-1)), n >= 2), and the win rates of best-of-n against its base, strict
 * and with ties counting half, at most n/(n+1) (v3 Thm 5.3), and the win-rate gap n/(n+1) - W_half at most
 * ((n-1)/2) e^(-H_2(p)) for distinct rewards (v3 Thm 5.4), and the reverse KL(p || pi_n) at most n - 1 - log n
 * (Mroueh's integral bound with f(x) = -log x), and Gui et al. (2024)'s BoNBoN target (the best-vs-worst
 * log-ratio gap) at most its continuum value (n-1) H_(n-1); over a simplex family of any size, bernoulli(p) or a
 * named policy, and any range of n.
 *
 * <p><b>The coupling.</b> Let Q be the quantile map of p in the total order of its outcomes (reward, then the
 * tie-break order; App. C of Amini et al.): Q(u) is the outcome y with \( F_-(y) < u \le F(y) \). If U is uniform on
 * (0, 1), Q(U) has law p; if V has density \( n v^{n-1} \) (the largest of n uniforms), Q(V) has law \( \pi_n \),
 * since \( P(Q(V) = y) = F(y)^n - F_-(y)^n \) (Lemma 1, Eq. (7)).
 * <ul>
 * <li><b>Divergences</b> (data processing). No f-divergence with f convex increases under a map, so
 *     \( D_f(\pi_n \| p) \le \int_0^1 f(n v^{n-1})\,dv \): \( x\log x \) gives Eq. (5), \( (x-1)^2 \) gives
 *     (n-1)^2/(2n-1), \( (\sqrt x - 1)^2/2 \) gives 1 - 2 sqrt(n)/(n+1), \( -\log x \) (the reverse KL) gives
 *     n - 1 - log n, \( |x - 1|/2 \) gives (1 - 1/n) n^(-1/(n-1)) (the density crosses 1 at
 *     \( n^{-1/(n-1)} \)).</li>
 * <li><b>The BoNBoN target</b>. With w(v) = n(1-v)^(n-1) the density of the worst of n uniforms (worst-of-n is
 *     Q of it), \( \pi_n(y)/p(y) \) is the average of f over y's cell. The best-of-n term is the KL, at most
 *     \( \mathbb{E}_f[\log f] \) as above; on each cell w does not increase and log f does not decrease, so
 *     \( \int w \log f \le (\int w)\,\overline{\log f} \le (\int w) \log \bar f \) (Chebyshev's integral
 *     inequality, then Jensen), and summing, \( \mathbb{E}_w[\log f] \le \mathbb{E}_{\mathrm{worst}}[\log
 *     \pi_n/p] \). The difference is at most \( \mathbb{E}_f[\log f] - \mathbb{E}_w[\log f] = (n-1)H_{n-1} \).</li>
 * <li><b>Win rates</b> (monotone coupling). With U and V independent, Y = Q(U) ~ p and Y' = Q(V) ~ pi_n, and R, R'
 *     their rewards, which do not decrease in u and v: R' > R forces V > U, and R' < R forces V < U. So
 *     \( P(V > U) = P(R' > R) + P(V > U, R' = R) \). Given that U and V fall in the same interval of equal reward,
 *     V (density increasing in v there) is stochastically larger than U (uniform there), so \( P(V > U \mid R' = R)
 *     \ge 1/2 \). Hence \( P(R' > R) \le P(R' > R) + \tfrac12 P(R' = R) \le P(V > U) = n/(n+1) \).</li>
 * <li><b>The win-rate gap</b> (v3 Thm 5.4, distinct rewards). Then the intervals of equal reward are the outcomes'
 *     cells [a, b] of length p(y), and \( n/(n+1) - W_{1/2} = P(V > U, R' = R) - \tfrac12 P(R' = R) = \sum_y
 *     \int_a^b f(v)(v - m)\,dv \) with \( f(v) = n v^{n-1} \) and m = (a + b)/2. As \( \int_a^b (v - m)\,dv = 0 \),
 *     each term is \( \int_a^b (f(v) - f(m))(v - m)\,dv \le (f(b) - f(a))\int_a^b |v - m|\,dv \le n\,p(y)^2/4 \),
 *     at most \( (n-1)p(y)^2/2 \) for n >= 2 (f is constant at n = 1, and the gap 0); summing gives
 *     \( \frac{n-1}{2}e^{-H_2(p)} \). Sharper, and sharp: by parts each term is
 *     \( \int_a^b f'(v)(v-a)(b-v)/2\,dv = \frac{n-1}{2}p^2 h \) with \( h \le n p\int_0^1 (1-pu)^{n-2}u(1-u)\,du \)
 *     (a <= 1 - p), which is p/3 at n = 2, p/2 - p^2/4 at n = 3, and for n >= 4 at most
 *     \( \frac{n}{n-2}\varphi((n-2)p) \le 1/3 \), where \( \varphi(k) = (k - 2 + (k+2)e^{-k})/k^2 \le 1/6 \) since
 *     \( e^k \ge 1 + k + k^2/2 + k^3/6 \) gives \( e^k(k^2/6 - k + 2) - (k+2) \ge k^2(k^3 - 3k^2 + 6)/36 > 0 \). So the
 *     gap is at most 1/3 of the bound, with equality at n = 2 for a single outcome; c times the bound is taken for
 *     every c >= 1/3 ({@code bonlab tighten}'s upper ends). With tied rewards a cell holds several outcomes and the bound fails (four
 *     tied outcomes of 1/4 at n = 2: 1/6 > 1/8), so the claim is taken only over distinct rewards (ordered or
 *     arbitrary simplices, bernoulli(p)).</li>
 * </ul>
 * The claim is recognised only in exactly these forms, with the divergences as {@link Bon#kl} or as
 * {@link Definitions} writes them and the win rates as {@link Bon#winRateStrict} and {@link Bon#winRateHalf} against
 * {@code n/(n+1)}; the argument has no numeric step, so the proof carries no covering. Over a finite range on which
 * the box certifiers work (2 and 3 outcomes, bernoulli(p), a named policy), the boxes are tried first, since their
 * proofs have certificates.
 */
public final class QuantileCouplingCertifier {

    private QuantileCouplingCertifier() {
    }

    /**
     * A bound this argument takes: its name, its two sides, the first n its bound is defined at, and whether it needs
     * distinct rewards.
     */
    private record Form(String name, Expr divergence, Expr bound, long firstN, boolean distinct) {
        Form(String name, Expr divergence, Expr bound, long firstN) {
            this(name, divergence, bound, firstN, false);
        }
    }

    private static List<Form> forms(PolicyVar p, Expr.Sym n) {
        Policy bon = p.bestOf(n);
        Expr eq5 = Bon.analyticalKl(n);
        return List.of(new Form("KL (Thm 1, Eq. 15)", Bon.kl(bon, p), eq5, 1),
                new Form("KL (Thm 1, Eq. 15)", Definitions.kl(bon, p), eq5, 1),
                new Form("chi^2", Definitions.chiSquare(bon, p), Definitions.chiSquareBoundMroueh(n), 1),
                new Form("squared Hellinger distance", Definitions.hellingerSquared(bon, p),
                        Definitions.hellingerBoundMroueh(n), 1),
                new Form("total variation", Definitions.totalVariation(bon, p),
                        Definitions.totalVariationBoundMroueh(n), 2),
                new Form("strict win rate (v3 Thm 5.3)", Bon.winRateStrict(bon, p), n.div(n.plus(1)), 1),
                new Form("win rate with ties counting half (v3 Thm 5.3)", Bon.winRateHalf(bon, p), n.div(n.plus(1)),
                        1),
                new Form("win-rate gap (v3 Thm 5.4)", n.div(n.plus(1)).minus(Bon.winRateHalf(bon, p)),
                        Definitions.winRateGapBound(p, n), 1, true),
                new Form("reverse KL, KL(p || pi_n) (the f-divergence of f(x) = -log x)", Bon.kl(p, bon),
                        Definitions.fDivergenceBoundMroueh(n, X, Bon.log(X).unaryMinus()), 1),
                new Form("BoNBoN target (Gui et al. 2024)", Definitions.bonbonTarget(p, n),
                        Definitions.bonbonTargetContinuum(n), 1));
    }

    /**
     * The bounds this argument proves for {@code small} (a divergence or win rate of best-of-n against p), in the
     * order of the class comment; empty when it bounds nothing of that form.
     */
    static List<Expr> boundsOf(Expr small, PolicyVar p, Expr.Sym n) {
        return forms(p, n).stream().filter(f -> same(small, f.divergence())).map(Form::bound).toList();
    }

    /** The symbol of f in {@link Definitions#fDivergenceBoundMroueh}; a bound is matched by its definition alone. */
    private static final Expr.Sym X = Expr.symbol("x");

    /** Whether two sides are the same: equal, or definitions ({@link Bon#define}) with equal bodies, however named. */
    private static boolean same(Expr a, Expr b) {
        return a.equals(b) || a instanceof Expr.Defined d && b instanceof Expr.Defined e
                && d.definition().equals(e.definition());
    }

    /** The form of {@code claim} when the argument takes it. */
    private static Optional<Form> form(Claim claim) {
        if (claim.policies().size() != 1 || claim.domain().size() != 1
                || !(claim.domain().get(0) instanceof Range.Integers range) || range.from() < 1
                || claim.relation() == Relation.EQUALS) {
            return Optional.empty();
        }
        var only = claim.policies().entrySet().iterator().next();
        Family f = only.getValue();
        if (!Arguments.anyPolicy(f)) {
            return Optional.empty();
        }
        Expr small = Arguments.small(claim);
        Expr big = Arguments.big(claim);
        boolean distinct = f instanceof Family.Bernoulli || f instanceof Family.Simplex s
                && (s.rewards() == Family.Rewards.ORDERED || s.rewards() == Family.Rewards.ARBITRARY);
        for (Form form : forms(only.getKey(), range.symbol())) {
            if (range.from() >= form.firstN() && (distinct || !form.distinct()) && same(small, form.divergence())
                    && (same(big, form.bound()) || form.distinct() && gapFactor(big, form.bound()).isPresent())) {
                return Optional.of(form);
            }
        }
        return Optional.empty();
    }

    /** The sharp constant of the win-rate gap bound (v3 Thm 5.4): the gap is at most 1/3 of it, attained. */
    static final Rational SHARP_GAP_FACTOR = Rational.of(1, 3);

    /**
     * The factor c of {@code big} = c times the win-rate gap bound, when c is at least {@link #SHARP_GAP_FACTOR}
     * (what {@code bonlab tighten} asks); empty otherwise.
     */
    private static Optional<Rational> gapFactor(Expr big, Expr bound) {
        if (!(big instanceof Expr.Mul m)) {
            return Optional.empty();
        }
        Expr c = same(m.left(), bound) ? m.right() : same(m.right(), bound) ? m.left() : null;
        if (!(c instanceof Expr.Num num)) {
            return Optional.empty();
        }
        Rational r = num.value().toRational();
        return r.compareTo(SHARP_GAP_FACTOR) >= 0 ? Optional.of(r) : Optional.empty();
    }

    /**
     * Whether {@code claim} is one of the bounds of the class comment (its divergence {@code <=} its bound, or
     * swapped with {@code >=}) over one family of policies and one range of integers n, or the rewind-and-repeat
     * bound {@code kl(p.rewindAndRepeat(t), p) <= -log(1 - t)} over one family and t within [0, 1].
     */
    public static boolean applies(Claim claim) {
        return form(claim).isPresent() || rewind(claim);
    }

    /**
     * Rewind-and-repeat at quantile threshold t is the image under the quantile map of the uniform density on
     * [t, 1], whose KL to the uniform one on [0, 1] is -log(1 - t); so its KL to p is at most that.
     */
    private static boolean rewind(Claim claim) {
        if (claim.policies().size() != 1 || claim.domain().size() != 1
                || !(claim.domain().get(0) instanceof Range.Reals t) || !(t.lower() >= 0 && t.upper() <= 1)
                || claim.relation() == Relation.EQUALS) {
            return false;
        }
        var only = claim.policies().entrySet().iterator().next();
        Family f = only.getValue();
        if (!Arguments.anyPolicy(f)) {
            return false;
        }
        PolicyVar p = only.getKey();
        Expr.Sym s = t.symbol();
        return Arguments.small(claim).equals(Bon.kl(p.rewindAndRepeat(s), p))
                && Arguments.big(claim).equals(Bon.log(Expr.constant(1).minus(s)).unaryMinus());
    }

    /** The proof of a claim for which {@link #applies} holds. */
    static IntervalCertifier.Result certify(Claim claim) {
        if (form(claim).isEmpty()) {
            Range.Reals t = (Range.Reals) claim.domain().get(0);
            return new IntervalCertifier.Result.Certified(String.format(Locale.ROOT, "%s, %s in [%s, %s]: "
                    + "rewind-and-repeat at threshold t is the image of the uniform density on [t, 1] under the "
                    + "quantile map of p, and p that of the uniform one on [0, 1], so its KL to p is at most theirs, "
                    + "-log(1 - t) (data processing; pointwise, pi/p = a/(1 - t) <= 1/(1 - t)); an argument with no "
                    + "numeric step", Arguments.over(claim.policies().values().iterator().next()), t.symbol().name(),
                    t.lower(), t.upper()), 0);
        }
        Form form = form(claim).orElseThrow();
        String why = form.name().startsWith("BoNBoN") ? "E_best[log pi_n/p] - E_worst[log pi_n/p] is at most its "
                + "value for the densities, (n-1) H_(n-1): with f(v) = n v^(n-1) and w(v) = n (1-v)^(n-1) the densities "
                + "of the best and the worst of n uniforms, pi_n/p is the average of f over the outcome's quantile cell; "
                + "the first term is KL(pi_n || p) <= E_f[log f] (data processing), and on each cell w does not "
                + "increase while log f does not decrease, so int w log f <= (int w) avg(log f) (Chebyshev) <= "
                + "(int w) log avg(f) (Jensen), that is E_w[log f] <= E_worst[log pi_n/p]"
                : form.name().contains("gap") ? "is a sum over the outcomes' quantile cells [a, b] (distinct "
                + "rewards) of int_a^b f(v) (v - (a+b)/2) dv with f(v) = n v^(n-1) (monotone coupling), which is "
                + "int_a^b f'(v) (v - a)(b - v)/2 dv (by parts) = ((n-1)/2) p^2 h, h = n p int_0^1 (a + p s)^(n-2) "
                + "s (1 - s) ds <= n p int_0^1 (1 - p u)^(n-2) u (1 - u) du (a <= 1 - p); h is 0 at n = 1, p/3 at "
                + "n = 2 and p/2 - p^2/4 at n = 3, and for n >= 4 at most (n/(n-2)) phi((n-2) p) <= 1/3 "
                + "((1 - pu)^(n-2) <= e^(-(n-2)pu), phi(k) = k int_0^1 e^(-ku) u (1 - u) du = (k - 2 + (k+2) e^-k)/k^2 "
                + "<= 1/6, as e^k >= 1 + k + k^2/2 + k^3/6 gives e^k (k^2/6 - k + 2) - (k + 2) >= k^2 (k^3 - 3k^2 + "
                + "6)/36 > 0); so each term is at most (n-1) p(y)^2/6 and the gap at most 1/3 of the bound (attained at "
                + "n = 2 by a single outcome: 2/3 - 1/2 = 1/6)"
                : form.name().contains("win rate") ? "is at most P(V > U) = n/(n+1) for V of density n v^(n-1) "
                + "and U uniform on (0, 1), independent (monotone coupling: pi_n and p are their images under the "
                + "quantile map of p, rewards increase along it, and V is at least as likely above U as below it "
                + "within a tie)" : "of best-of-n is at most that of the continuous best-of-n density n v^(n-1) on "
                + "(0, 1) (data processing: pi_n is the image of that density under the quantile map of p, and p the "
                + "image of the uniform one; Lemma 1)";
        return new IntervalCertifier.Result.Certified(String.format(Locale.ROOT, "%s, %s: the %s %s; an argument "
                + "with no numeric step", Arguments.over(claim.policies().values().iterator().next()),
                Arguments.range((Range.Integers) claim.domain().get(0)), form.name(), why), 0);
    }
}
