package org.bonlab.examples;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bonlab.Bon;
import org.bonlab.Definitions;
import org.bonlab.claim.Claim;
import org.bonlab.claim.Family;
import org.bonlab.claim.Range;
import org.bonlab.expr.Expr;
import org.bonlab.expr.Quantity;
import org.bonlab.expr.Rational;
import org.bonlab.numeric.claim.ConjectureSearch;
import org.bonlab.numeric.claim.Verdict;
import org.bonlab.policy.Policy;
import org.bonlab.policy.PolicyVar;
import org.bonlab.policy.Reward;
import org.bonlab.symbolic.SymbolicProver;

/**
 * Spec script: the results of Beirami et al. (2024) and Amini et al. (vBoN) as claims over every policy on up
 * to 12 outcomes, with known-false claims beside them. True theorems must never be FALSIFIED (over families they
 * are UNDECIDED: no counterexample, with the smallest margin found; on a fixed policy and a finite range of n,
 * PROVED by certified interval arithmetic); false claims must be FALSIFIED with a small counterexample.
 */
public final class TheoremCatalogue {

    /** A claim and the verdict it must get. */
    public record Entry(Claim claim, String expected) {
    }

    /** Largest number of outcomes of the drawn policies. */
    public static final int MAX_OUTCOMES = 12;

    /** Largest n. */
    public static final long MAX_N = 1_000_000L;

    private TheoremCatalogue() {
    }

    public static List<Entry> entries() {
        Expr.Sym n = Bon.n;
        PolicyVar p = Policy.variable("p");
        PolicyVar q = Policy.variable("q");
        PolicyVar theta = Policy.variable("theta");
        Expr.Sym w = Bon.symbol("w");
        Expr.Sym lambda = Bon.symbol("lambda");
        Family any = new Family.Simplex(1, MAX_OUTCOMES, Family.Rewards.ARBITRARY);
        Family distinct = new Family.Simplex(1, MAX_OUTCOMES, Family.Rewards.ORDERED);
        Family tied = new Family.Simplex(1, MAX_OUTCOMES, Family.Rewards.TIED);
        Expr kl = Bon.kl(p.bestOf(n), p);
        Expr analytic = Bon.analyticalKl(n);
        Expr gap = analytic.minus(kl);
        Expr nOverN1 = n.div(n.plus(1));
        List<Entry> out = new ArrayList<>();

        // every policy, every n: data processing (org.bonlab.numeric.interval.QuantileCouplingCertifier)
        out.add(entry(Bon.claim(kl).atMost(analytic), "Thm 1 (Eq. 15; v3 Thm 3.1)", p, any, n, "PROVED"));
        Expr mixture = w.times(kl).plus(Expr.constant(1).minus(w).times(Bon.kl(q.bestOf(n), q)));
        out.add(new Entry(Bon.claim(mixture).atMost(analytic).forAll(p, any).forAll(q, any)
                .forAll(n, 1, MAX_N).forAllReals(w, 0, 1).named("Cor 1 (Eq. 16), two prompts with weights w, 1 - w"),
                "PROVED")); // Thm 1 for each prompt (org.bonlab.numeric.interval.PromptAverageCertifier)
        // certified for every policy on up to 12 outcomes: org.bonlab.numeric.interval.GapBoundCertifier
        out.add(entry(Bon.claim(gap).atMost(Bon.bound(Quantity.BoundKind.THM2_GAP_UPPER, p, n)),
                "Thm 2 (Eq. 17; v3 Thm 3.4)", p, distinct, n, "PROVED"));
        out.add(entry(Bon.claim(gap).atMost(Bon.bound(Quantity.BoundKind.COR2_GAP_UPPER, p, n)),
                "Cor 2 (Eq. 19)", p, distinct, n, "PROVED"));
        // Thm 3 and Thm 4: split off the top outcome, Thm 1 for the rest
        // (org.bonlab.numeric.interval.TopOutcomeCertifier)
        out.add(entry(Bon.claim(gap).atLeast(Bon.bound(Quantity.BoundKind.THM3_GAP_LOWER, p, n)),
                "Thm 3 (Eq. 21)", p, distinct, n, "PROVED"));
        out.add(entry(Bon.claim(gap).atLeast(Bon.bound(Quantity.BoundKind.COR3_GAP_LOWER, p, n)),
                "Cor 3 (Eq. 22; v3 Thm 3.6, gap >= log(n eps_inf) + o(log n))", p, distinct, n, "PROVED"));
        // term by term (Eqs. 24-25): pi_n(y) <= 1 - (1 - p(y))^n (org.bonlab.numeric.interval.LemmaTwoCertifier)
        out.add(entry(Bon.claim(kl).atMost(Bon.bound(Quantity.BoundKind.LEMMA2_KL_UPPER, p, n)),
                "Lemma 2 (Eq. 23)", p, distinct, n, "PROVED"));
        out.add(entry(Bon.claim(kl).atMost(Bon.bound(Quantity.BoundKind.THM4_KL_UPPER, p, n)),
                "Thm 4 (Eq. 27)", p, distinct, n, "PROVED"));
        // v3 Conjecture 4.4 (numerical evidence only in the paper): the estimator's mean bounds the KL from above
        out.add(entry(Bon.claim(Bon.klHatMean(p, n)).atLeast(kl),
                "v3 Conjecture 4.4: E[KLhat] (Eq. 28) >= KL", p, distinct, n));
        // on two outcomes the margin is a^n G with G bounded away from 0 relative to 1 - a: proved by reduction,
        // bisection below n = 10 and an argument uniform in n from there on
        out.add(new Entry(Bon.claim(Bon.klHatMean(p, n)).atLeast(kl)
                .forAll(p, new Family.Simplex(1, 2, Family.Rewards.ARBITRARY)).forAll(n, 1, Range.INFINITY)
                .named("v3 Conjecture 4.4 on 1 or 2 outcomes, every n"), "PROVED"));
        // every policy, every n: the monotone coupling of org.bonlab.numeric.interval.QuantileCouplingCertifier
        out.add(entry(Bon.claim(Bon.winRateStrict(p.bestOf(n), p)).atMost(nOverN1),
                "win rate (strict) <= n/(n+1) (v3 Thm 5.3)", p, tied, n, "PROVED"));
        out.add(entry(Bon.claim(Bon.winRateHalf(p.bestOf(n), p)).atMost(nOverN1),
                "win rate (ties count half) <= n/(n+1) (v3 Thm 5.3)", p, tied, n, "PROVED"));
        Family onP = new Family.SameOutcomes(p);
        out.add(new Entry(Bon.claim(Bon.vbonObjective(theta, p, n))
                .atLeast(Bon.vbonBound(Quantity.VbonBoundKind.L, theta, p, n))
                .forAll(p, distinct).forAll(theta, onP).forAll(n, 1, 1000).named("vBoN Thm 2 (Eq. 8): J >= L"),
                "PROVED")); // term by term: pi_bon >= n F^(n-1) p (org.bonlab.numeric.interval.VbonBoundCertifier)
        out.add(new Entry(Bon.claim(Bon.vbonBound(Quantity.VbonBoundKind.L, theta, p, n))
                .atLeast(Bon.vbonBound(Quantity.VbonBoundKind.L1, theta, p, n))
                .forAll(p, distinct).forAll(theta, onP).forAll(n, 1, 1000).named("vBoN Thm 4: L >= L1"),
                "PROVED")); // L - L1 is a sum of terms >= 0 (VbonBoundCertifier)
        out.add(new Entry(Bon.claim(Bon.vbonObjective(theta, p, n))
                .atLeast(Bon.vbonBound(Quantity.VbonBoundKind.L1, theta, p, n))
                .forAll(p, distinct).forAll(theta, onP).forAll(n, 1, 1000).named("vBoN Thm 3 (Eq. 16): J >= L1"),
                "PROVED"));
        Expr sbonKl = Bon.kl(p.softBestOf(n, lambda), p);
        Expr sbonBound = Bon.log(n.div(Expr.constant(1).plus(n.minus(1).times(Expr.exp(
                Expr.constant(-1).div(lambda))))));
        out.add(new Entry(Bon.claim(sbonKl).atMost(sbonBound)
                .forAll(p, new Family.Simplex(1, 6, Family.Rewards.UNIT_INTERVAL)).forAll(n, 1, 64)
                .forAllReals(lambda, 0.01, 100)
                .named("soft best-of-n: KL <= log(n / (1 + (n-1) e^(-1/lambda))), rewards in [0, 1]"), "PROVED"));
        // through the density ratio: pi(y) = n p(y) E[w(y)/(w(y) + S)] <= n p(y)/(1 + (n-1) e^(-1/lambda)) when every
        // weight e^(r/lambda) is at least 1 and at most e^(1/lambda) (org.bonlab.numeric.interval.SoftBestOfRatioCertifier)

        // soft best-of-n converges to the tilted optimum p e^(r/lambda)/Z at rate 1/n (derived: KL(pi || SBoN) =
        // E_pi[-log rho_n] <= log E_pi[(w + (n-1)Z)/(nZ)] by Jensen, w = e^(r/lambda); believed to be the form of
        // Verdun et al. 2025's main theorem, which bonlab has not verified against the paper)
        Expr moment = Bon.expectation(p, Expr.exp(Bon.reward(p).times(2L).div(lambda)))
                .div(Bon.expectation(p, Expr.exp(Bon.reward(p).div(lambda))).pow(2));
        out.add(new Entry(Bon.claim(Bon.kl(p.tilted(lambda), p.softBestOf(n, lambda)))
                .atMost(Bon.log(Expr.constant(1).plus(moment.minus(1L).div(n))))
                .forAll(p, new Family.Simplex(1, 6, Family.Rewards.UNIT_INTERVAL)).forAll(n, 1, 64)
                .forAllReals(lambda, 0.01, 100)
                .named("soft best-of-n -> tilted optimum: KL(pi_lambda || SBoN_n) <= log(1 + (C - 1)/n), "
                        + "C = E[e^(2r/lambda)]/E[e^(r/lambda)]^2"), "PROVED")); // that derivation, recognised by
                // org.bonlab.numeric.interval.SoftBestOfRatioCertifier

        // rewind-and-repeat (Beirami et al. v3, Section 6; definition assumed, UNVERIFIED against the paper): it
        // accepts y with probability a(y) <= 1, so pi/p = a/(1-t) <= 1/(1-t) and the KL is at most -log(1-t)
        // (derived; equality in the continuous limit; PROVED by QuantileCouplingCertifier)
        Expr.Sym t = Bon.symbol("t");
        out.add(new Entry(Bon.claim(Bon.kl(p.rewindAndRepeat(t), p)).atMost(Bon.log(Expr.constant(1).minus(t))
                .unaryMinus()).forAll(p, Family.simplex(12)).forAllReals(t, 0, 1)
                .named("rewind-and-repeat (v3 Sec. 6, assumed definition): KL <= -log(1 - t)"), "PROVED"));

        // a proxy reward and a true reward on one policy (Aminian et al. 2025, Thm 5.2 as recorded by a secondary
        // source, UNVERIFIED against the paper): the proxy rates the second-best outcome best; both rewards in
        // [0, 1] with best value 1; soft best-of-n at lambda in [0.05, 1] over n
        org.bonlab.policy.Explicit proxy = Policy.probabilities("1/10", "1/5", "3/10", "1/4", "3/20")
                .withReward(0, 0.25, 0.5, 1, 0.75).named("proxy");
        org.bonlab.policy.Explicit truth = proxy.withReward(0, 0.25, 0.5, 0.75, 1).named("truth");
        out.add(new Entry(Bon.claim(org.bonlab.Definitions.sbonRegret(proxy, truth, n, lambda))
                .atMost(org.bonlab.Definitions.sbonRegretBound(proxy, truth, n, lambda)).forAll(n, 1, 10_000)
                .forAllReals(lambda, 0.05, 1)
                .named("Aminian et al. Thm 5.2 (UNVERIFIED statement): regret of soft best-of-n with a proxy reward"),
                "UNDECIDED"));
        // the same over every policy on 2..6 outcomes with two rewards drawn on it, each in [0, 1] with one best
        // outcome at 1; and, beside it, the bound as if the proxy were the truth, which must fail
        PolicyVar proxies = Policy.variable("proxy");
        PolicyVar truths = Policy.variable("truth");
        Family.Rewards bestOne = Family.Rewards.UNIT_INTERVAL_BEST_ONE;
        Family proxyFamily = new Family.Simplex(2, 6, bestOne);
        Family truthFamily = new Family.SameProbabilities(proxies, bestOne);
        Expr regret = org.bonlab.Definitions.sbonRegret(proxies, truths, n, lambda);
        out.add(new Entry(Bon.claim(regret)
                .atMost(org.bonlab.Definitions.sbonRegretBound(proxies, truths, n, lambda)).forAll(proxies, proxyFamily)
                .forAll(truths, truthFamily).forAll(n, 1, 64).forAllReals(lambda, 0.01, 10)
                .named("Aminian et al. Thm 5.2 (UNVERIFIED statement) over every policy on 2..6 outcomes with a proxy "
                        + "and a true reward"), "UNDECIDED"));
        out.add(new Entry(Bon.claim(regret)
                .atMost(org.bonlab.Definitions.sbonRegretBound(proxies, proxies, n, lambda)).forAll(proxies, proxyFamily)
                .forAll(truths, truthFamily).forAll(n, 1, 64).forAllReals(lambda, 0.01, 10)
                .named("false: Aminian et al.'s bound with the proxy taken for the truth (no proxy error term)"),
                "FALSIFIED"));

        PolicyVar coin = Policy.variable("coin");
        out.add(new Entry(Bon.claim(Bon.kl(coin.bestOf(n), coin)).atMost(analytic)
                .forAll(coin, new Family.Named(Policy.coin())).forAll(n, 1, Range.INFINITY)
                .named("Thm 1 on the coin (Example 1), every n >= 1, certified"), "PROVED"));
        // dyadic probabilities: at n = 1, where the bound is tight (1/2 = 1/2), interval arithmetic is exact
        org.bonlab.policy.Explicit tiedTop = Policy.probabilities(0.125, 0.125, 0.25, 0.5)
                .withReward(Reward.of(1, 2, 3, 3));
        out.add(new Entry(Bon.claim(Bon.winRateHalf(q.bestOf(n), q)).atMost(nOverN1)
                .forAll(q, new Family.Named(tiedTop)).forAll(n, 1, Range.INFINITY)
                .named("win rate (ties half) <= n/(n+1), top two outcomes tied, every n >= 1, certified"), "PROVED"));

        out.add(new Entry(Bon.claim(mixture).atMost(analytic).forAll(p, new Family.Named(Policy.coin()))
                .forAll(q, new Family.Named(Policy.uniform(5))).forAll(n, 1, 1000).forAllReals(w, 0, 1)
                .named("Cor 1 (Eq. 16) on the coin and uniform(5), every w in (0, 1), n = 1..1000, certified"),
                "PROVED"));
        // Figure 3 left is spike(5, 1e-4); here every top probability eps at once, by boxes of eps
        Expr.Sym eps = Bon.symbol("eps");
        out.add(new Entry(Bon.claim(Bon.kl(q.bestOf(n), q)).atMost(analytic)
                .forAll(q, new Family.Named(Policy.spike(5, eps))).forAllReals(eps, 0, 1).forAll(n, 1, 100)
                .named("Thm 1 on spike(5, eps) (Figure 3), every eps in (0, 1), n = 1..100, certified"), "PROVED"));
        org.bonlab.policy.Explicit threeOutcomes = Policy.probabilities(0.5, 0.3, 0.2);
        out.add(new Entry(Bon.claim(Bon.vbonObjective(theta, q, n))
                .atLeast(Bon.vbonBound(Quantity.VbonBoundKind.L1, theta, q, n))
                .forAll(q, new Family.Named(threeOutcomes))
                .forAll(theta, new Family.Named(threeOutcomes.withProbabilities(0, 0.4, 0.6))).forAll(n, 2, 1000)
                .named("vBoN Thm 3 (Eq. 16): J >= L1 for a fixed pi_theta, n = 2..1000, certified"), "PROVED"));
        PolicyVar spike = Policy.variable("s");
        Expr spikeGap = analytic.minus(Bon.kl(spike.bestOf(n), spike));
        out.add(new Entry(Bon.claim(spikeGap).atMost(Bon.bound(Quantity.BoundKind.THM2_GAP_UPPER, spike, n))
                .forAll(spike, new Family.Named(Policy.spike(20, 0.05, 0.3))).forAll(n, 1, 1_000_000_000_000L)
                .named("Thm 2 (Eq. 17) on a spike policy, n = 1..10^12, certified"), "PROVED"));
        out.add(new Entry(Bon.claim(analytic.minus(Bon.kl(coin.bestOf(n), coin)))
                .atLeast(Bon.bound(Quantity.BoundKind.COR3_GAP_LOWER, coin, n))
                .forAll(coin, new Family.Named(Policy.coin())).forAll(n, 1, 100_000)
                .named("Cor 3 (Eq. 22) on the coin, n = 1..10^5, certified"), "PROVED"));
        out.add(new Entry(Bon.claim(kl).atMost(analytic).forAll(p, new Family.Bernoulli()).forAll(n, 1, 10_000)
                .named("Thm 1 on bernoulli(p), every p in (0, 1), n = 1..10^4, certified"), "PROVED"));
        out.add(new Entry(Bon.claim(Bon.winRateStrict(p.bestOf(n), p)).atMost(nOverN1)
                .forAll(p, new Family.Bernoulli()).forAll(n, 1, 10_000)
                .named("win rate <= n/(n+1) on bernoulli(p), every p in (0, 1), n = 1..10^4, certified"), "PROVED"));

        Expr twoToMinusN = Expr.constant(2).pow(n.unaryMinus());
        out.add(new Entry(Bon.claim(Bon.kl(coin.bestOf(n), coin)).isEqualTo(Bon.log(Expr.constant(2))
                .minus(Expr.binaryEntropy(twoToMinusN))).forAll(coin, new Family.Named(Policy.coin()))
                .forAll(n, 1, Range.INFINITY)
                .named("Example 1: KL == log 2 - h(2^-n) on the coin, every n >= 1, symbolic identity"), "PROVED"));

        // Mroueh (2024): best-of-n's f-divergences to p are at most those of the continuous density n u^(n-1)
        // (data processing); stated with the outcome-level definitions of org.bonlab.Definitions
        out.add(entry(Bon.claim(Definitions.chiSquare(p.bestOf(n), p)).atMost(Definitions.chiSquareBoundMroueh(n)),
                "Mroueh (2024): chi^2(pi_n || p) <= (n-1)^2/(2n-1)", p, any, n, "PROVED"));
        out.add(entry(Bon.claim(Definitions.hellingerSquared(p.bestOf(n), p)).atMost(Definitions.hellingerBoundMroueh(n)),
                "Mroueh (2024): H^2(pi_n, p) <= 1 - 2 sqrt(n)/(n+1)", p, any, n, "PROVED"));
        // any f: the integral itself (tanh-sinh), here f(x) = -log x, the reverse KL; no interval enclosure, so the
        // boxes give up and data processing proves it
        Expr.Sym x = Bon.symbol("x");
        PolicyVar u4r = Policy.variable("u");
        out.add(new Entry(Bon.claim(Bon.kl(u4r, u4r.bestOf(n)))
                .atMost(Definitions.fDivergenceBoundMroueh(n, x, Bon.log(x).unaryMinus()))
                .forAll(u4r, new Family.Named(Policy.uniform(4))).forAll(n, 1, 200)
                .named("Mroueh (2024): KL(p || pi_n) <= int_0^1 -log(n u^(n-1)) du on uniform(4), n = 1..200"),
                "PROVED")); // data processing after the boxes (QuantileCouplingCertifier)
        // attained by bernoulli(1 - n^(-1/(n-1))): tight, so no search may report it false and no box proves it;
        // data processing does, after the boxes give up
        out.add(new Entry(Bon.claim(Definitions.totalVariation(p.bestOf(n), p))
                .atMost(Definitions.totalVariationBoundMroueh(n)).forAll(p, new Family.Bernoulli()).forAll(n, 2, 100)
                .named("Mroueh (2024): TV(pi_n, p) <= (1 - 1/n) n^(-1/(n-1)) on bernoulli(p), attained"), "PROVED"));
        PolicyVar u4 = Policy.variable("u");
        out.add(new Entry(Bon.claim(Definitions.renyiDivergence(u4.bestOf(n), u4, Expr.constant(2)))
                .atMost(Definitions.renyiBoundMroueh(n, Expr.constant(2)))
                .forAll(u4, new Family.Named(Policy.uniform(4))).forAll(n, 2, 1000)
                .named("Mroueh (2024): Renyi-2 <= log(n^2/(2n-1)) on uniform(4), n = 2..1000, certified"), "PROVED"));

        // Gui et al. (2024)'s BoNBoN target on a discrete policy against its value for a continuous reward: a
        // result of this catalogue, not of the paper (once a conjecture here; proved by the quantile coupling with
        // Chebyshev's and Jensen's inequalities, org.bonlab.numeric.interval.QuantileCouplingCertifier)
        out.add(new Entry(Bon.claim(Definitions.bonbonTarget(p, n)).atMost(Definitions.bonbonTargetContinuum(n))
                .forAll(p, any).forAll(n, 1, 100).named("BoNBoN target (Gui et al. 2024) <= its continuum value "
                        + "(n-1) H_(n-1), n = 1..100 (derived here)"), "PROVED"));

        // every policy on 2 and 3 outcomes (each tie pattern where the family ties rewards): branch-and-bound over
        // boxes of (n, probabilities), org.bonlab.numeric.interval.SimplexCertifier
        Family upToThree = new Family.Simplex(2, 3, Family.Rewards.ORDERED);
        Family upToThreeTied = new Family.Simplex(2, 3, Family.Rewards.TIED);
        out.add(new Entry(Bon.claim(kl).atMost(analytic).forAll(p, upToThree).forAll(n, 1, 100)
                .named("Thm 1 over every policy on 2 and 3 outcomes, n = 1..100, certified"), "PROVED"));
        // every n on two outcomes: boxes for n < 10, then a lower bound of the margin increasing in n
        // (org.bonlab.numeric.interval.TwoOutcomeKlCertifier)
        out.add(new Entry(Bon.claim(kl).atMost(analytic).forAll(p, new Family.Simplex(1, 2, Family.Rewards.TIED))
                .forAll(n, 1, Range.INFINITY).named("Thm 1 over every policy on 1 and 2 outcomes, every tie pattern, "
                        + "every n >= 1, certified"), "PROVED"));
        // Thm 2 and Cor 2 for every n: the gap is at most log n - (n-1)/n, the bounds at least 2n(n-1)/L
        // (org.bonlab.numeric.interval.GapBoundCertifier), whatever the rewards
        out.add(new Entry(Bon.claim(gap).atMost(Bon.bound(Quantity.BoundKind.THM2_GAP_UPPER, p, n)).forAll(p, any)
                .forAll(n, 1, Range.INFINITY).named("Thm 2 (Eq. 17) over every policy on up to 12 outcomes, every "
                        + "n >= 1, certified"), "PROVED"));
        out.add(new Entry(Bon.claim(gap).atMost(Bon.bound(Quantity.BoundKind.COR2_GAP_UPPER, p, n)).forAll(p, tied)
                .forAll(n, 1, Range.INFINITY).named("Cor 2 (Eq. 19) over every policy on up to 12 outcomes, every tie "
                        + "pattern, every n >= 1, certified"), "PROVED"));
        // their sharp constant (derived here): each outcome's quantile cell contributes at most (log 2 - 1/2) p^2 at
        // n = 2 and (37/400) n(n-1) p^2 for n >= 3, so 2 may be replaced by (log 2 - 1/2)/2 = 2 x 0.0482867951...,
        // attained by a point mass at n = 2 (org.bonlab.numeric.interval.QuantileCellLemma); the catalogue writes the
        // constant on the bound rounded up to 10 digits, and the same rounded down to 7 digits must be FALSIFIED
        Family many = new Family.Simplex(1, 100, Family.Rewards.ARBITRARY);
        out.add(new Entry(Bon.claim(gap).atMost(Bon.bound(Quantity.BoundKind.THM2_GAP_UPPER, p, n)
                .times(Expr.constant(Rational.parse("0.04828679514")))).forAll(p, many).forAll(n, 1, Range.INFINITY)
                .named("Thm 2 sharpened (derived here): gap <= 0.04828679514 x 2n(n-1) e^(-H_2(p)) over every policy "
                        + "on up to 100 outcomes, every n >= 1, certified"), "PROVED"));
        out.add(new Entry(Bon.claim(gap).atMost(Bon.bound(Quantity.BoundKind.THM2_GAP_UPPER, p, n)
                .times(Expr.constant(Rational.parse("0.0482867")))).forAll(p, many).forAll(n, 1, MAX_N)
                .named("FALSE: Thm 2 with 0.0482867 < (log 2 - 1/2)/4 on the bound"), "FALSIFIED"));
        out.add(new Entry(Bon.claim(Bon.winRateStrict(p.bestOf(n), p)).atMost(nOverN1).forAll(p, upToThreeTied)
                .forAll(n, 1, 1000).named("win rate (strict) <= n/(n+1) over every policy on 2 and 3 outcomes, every "
                        + "tie pattern, n = 1..1000, certified"), "PROVED"));
        out.add(new Entry(Bon.claim(Bon.winRateHalf(p.bestOf(n), p)).atMost(nOverN1).forAll(p, upToThreeTied)
                .forAll(n, 1, 1000).named("win rate (ties half) <= n/(n+1) over every policy on 2 and 3 outcomes, every "
                        + "tie pattern, n = 1..1000, certified"), "PROVED"));

        // Beirami et al. v3's win-rate gap bound (Thm 5.4 in a secondary source's numbering): derived in the half-tie
        // form (the gap of each quantile cell is at most (n-1) p_i^2 / 2), checked here
        Expr winGap = nOverN1.minus(Bon.winRateHalf(p.bestOf(n), p));
        // distinct rewards: each quantile cell's gap is at most n p^2/4 (QuantileCouplingCertifier)
        out.add(entry(Bon.claim(winGap).atMost(Definitions.winRateGapBound(p, n)),
                "v3 Thm 5.4: n/(n+1) - W_half <= ((n-1)/2) e^(-H_2(p))", p, distinct, n, "PROVED"));
        out.add(new Entry(Bon.claim(winGap).atMost(Definitions.winRateGapBound(p, n)).forAll(p, upToThree)
                .forAll(n, 1, 20).named("v3 Thm 5.4 over every policy on 2 and 3 outcomes, n = 1..20, certified"),
                "PROVED"));
        // its sharp constant (derived here): a third of the bound, attained at n = 2 by a single outcome (each cell's
        // term is ((n-1)/2) p^2 h with h <= 1/3; QuantileCouplingCertifier)
        out.add(entry(Bon.claim(winGap).atMost(Definitions.winRateGapBound(p, n).times(Expr.rational(1, 3))),
                "v3 Thm 5.4 sharpened (derived here): n/(n+1) - W_half <= ((n-1)/6) e^(-H_2(p))", p, distinct, n,
                "PROVED"));
        // with tied rewards it fails: four tied outcomes of probability 1/4 at n = 2 give 1/6 > 1/8
        out.add(entry(Bon.claim(winGap).atMost(Definitions.winRateGapBound(p, n)),
                "FALSE: v3 Thm 5.4 with tied rewards", p, tied, n, "FALSIFIED"));
        out.add(new Entry(Bon.claim(winGap).atMost(Definitions.winRateGapBound(p, n)).forAll(p, new Family.Bernoulli())
                .forAll(n, 2, 10_000).named("v3 Thm 5.4 on bernoulli(p), every p in (0, 1), n = 2..10^4, certified"),
                "PROVED"));

        out.add(entry(Bon.claim(kl).isEqualTo(analytic), "FALSE: KL == log n - (n-1)/n (Eq. 5 as an identity)",
                p, distinct, n, "FALSIFIED"));
        out.add(entry(Bon.claim(gap).atMost(Bon.bound(Quantity.BoundKind.THM2_GAP_UPPER, p, n)
                .times(Expr.rational(1, 200))), "FALSE: Thm 2 with the constant 2 replaced by 1/100", p, distinct,
                n, "FALSIFIED"));
        out.add(entry(Bon.claim(Bon.klHat1Mean(p, n)).atMost(analytic),
                "FALSE: the estimator KLhat1 (Eq. 26) never exceeds log n - (n-1)/n", p, distinct, n, "FALSIFIED"));
        out.add(entry(Bon.claim(winGap).atMost(Definitions.winRateGapBound(p, n).div(6L)),
                "FALSE: v3 Thm 5.4 with (n-1)/2 replaced by (n-1)/12", p, distinct, n, "FALSIFIED"));
        return out;
    }

    private static Entry entry(Claim c, String name, PolicyVar p, Family f, Expr.Sym n) {
        return entry(c, name, p, f, n, "UNDECIDED");
    }

    private static Entry entry(Claim c, String name, PolicyVar p, Family f, Expr.Sym n, String expected) {
        return new Entry(c.forAll(p, f).forAll(n, 1, MAX_N).named(name), expected);
    }

    /** Checks every entry with the given seed; prints one row per claim; returns whether all got their verdict. */
    public static boolean run(PrintStream out, long seed, int evaluations) {
        return run(out, seed, evaluations, System.err);
    }

    /** As {@link #run(PrintStream, long, int)}, the searches' progress on {@code progress} (none if null). */
    public static boolean run(PrintStream out, long seed, int evaluations, PrintStream progress) {
        boolean ok = true;
        out.printf(Locale.ROOT, "Theorem catalogue (seed %d, %d evaluations per claim, policies on up to %d outcomes)%n",
                seed, evaluations, MAX_OUTCOMES);
        for (Entry e : entries()) {
            long t0 = System.nanoTime();
            Verdict v = SymbolicProver.check(e.claim(), new ConjectureSearch(seed, evaluations, progress));
            double seconds = (System.nanoTime() - t0) / 1e9;
            boolean good = v.label().equals(e.expected());
            ok &= good;
            out.printf(Locale.ROOT, "%-4s %-10s %-62s %7d evals %6.2f s%n      %s%n", good ? "ok" : "FAIL", v.label(),
                    e.claim().name(), v.evaluations(), seconds, v.evidence());
        }
        return ok;
    }
}
