package org.bonlab.numeric.interval;

import java.util.Locale;
import java.util.Optional;
import org.bonlab.Bon;
import org.bonlab.claim.Claim;
import org.bonlab.claim.Family;
import org.bonlab.claim.Range;
import org.bonlab.claim.Relation;
import org.bonlab.expr.Expr;
import org.bonlab.policy.PolicyVar;
import org.bonlab.policy.Reward;

/**
 * Soft best-of-n's KL to its base, bounded through its density ratio. Soft best-of-n draws n outcomes from p and
 * returns one with probability proportional to \( w(y) = e^{r(y)/\lambda} \), so with S the sum of the other n - 1
 * weights \( \pi(y) = n\,p(y)\,\mathbb{E}[w(y)/(w(y) + S)] \) (the chosen draw is any of the n).
 * <ul>
 * <li>Every reward: \( w(y)/(w(y) + S) \le 1 \), so \( \pi(y) \le n\,p(y) \) and \( \mathrm{KL}(\pi \| p) =
 *     \mathbb{E}_\pi[\log \pi/p] \le \log n \).</li>
 * <li>Rewards in [0, 1]: every weight is at least 1, so \( S \ge n - 1 \), and \( x/(x + n - 1) \) increases in
 *     x \( \le e^{1/\lambda} \); so \( \pi(y)/p(y) \le n/(1 + (n-1)e^{-1/\lambda}) \) and the KL is at most the log of
 *     that (the catalogue's soft best-of-n bound).</li>
 * <li>Against the tilted optimum \( \pi_\lambda = p\,w/Z \), \( Z = \mathbb{E}_p[w] \): the ratio
 *     \( \rho(y) = n Z\,\mathbb{E}[1/(w(y) + S)] \ge n Z/(w(y) + (n-1)Z) \) (Jensen, 1/x convex, E[S] = (n-1)Z), so
 *     \( \mathrm{KL}(\pi_\lambda \| \pi) = \mathbb{E}_{\pi_\lambda}[-\log\rho] \le \log(1 + (C-1)/n) \),
 *     \( C = \mathbb{E}_p[w^2]/\mathbb{E}_p[w]^2 \) (Jensen again, log concave; any rewards): soft best-of-n tends
 *     to the tilted optimum like 1/n.</li>
 * </ul>
 * Taken over one family of policies (any simplex, bernoulli(p), a named policy; for the second form only rewards in
 * [0, 1]: {@link Family.Rewards#UNIT_INTERVAL}, {@link Family.Rewards#UNIT_INTERVAL_BEST_ONE}, or a named policy whose
 * rewards all lie there), one range of integers n from 1, and the temperature a positive number or a symbol whose
 * range lies above 0. An argument with no numeric step.
 */
final class SoftBestOfRatioCertifier {

    private SoftBestOfRatioCertifier() {
    }

    /** The three bounds, each with the step that proves it. */
    private enum Form {
        LOG_N("pi(y) <= n p(y), as the chosen draw is one of n"),
        UNIT_REWARDS("pi(y)/p(y) <= n/(1 + (n-1) e^(-1/lambda)), as every weight e^(r/lambda) is at least 1 with "
                + "rewards in [0, 1], so the other n - 1 weights sum to at least n - 1, and x/(x + n - 1) increases up "
                + "to x = e^(1/lambda)"),
        TILTED("against the tilted optimum pi_lambda = p w/Z (Z = E_p[w]) soft best-of-n has the ratio rho(y) = "
                + "n Z E[1/(w(y) + S)] >= n Z/(w(y) + (n-1) Z) (Jensen: 1/x is convex and E[S] = (n-1) Z), so "
                + "KL(pi_lambda || soft) = E[-log rho] <= E_(pi_lambda)[log((w + (n-1) Z)/(n Z))] <= log((E_(pi_lambda)[w] "
                + "+ (n-1) Z)/(n Z)) (Jensen: log is concave) = log(1 + (C - 1)/n), C = E_p[w^2]/E_p[w]^2");

        final String why;

        Form(String why) {
            this.why = why;
        }
    }

    static boolean applies(Claim claim) {
        return form(claim).isPresent();
    }

    private static Optional<Form> form(Claim claim) {
        if (claim.relation() == Relation.EQUALS || claim.policies().size() != 1) {
            return Optional.empty();
        }
        var only = claim.policies().entrySet().iterator().next();
        PolicyVar p = only.getKey();
        Family family = only.getValue();
        if (!Arguments.anyPolicy(family) || !(Arguments.small(claim) instanceof org.bonlab.expr.Quantity.Kl small)) {
            return Optional.empty();
        }
        // KL(soft || p), or KL(tilted || soft) with the tilted optimum at the same temperature
        boolean againstBase = small.p().equals(p) && small.q() instanceof org.bonlab.policy.SoftBestOf;
        boolean fromTilted = small.q() instanceof org.bonlab.policy.Tilted t && t.policy().equals(p)
                && small.p() instanceof org.bonlab.policy.SoftBestOf s && s.lambda().equals(t.beta());
        if (!againstBase && !fromTilted) {
            return Optional.empty();
        }
        org.bonlab.policy.SoftBestOf soft = (org.bonlab.policy.SoftBestOf) (againstBase ? small.q() : small.p());
        if (!soft.policy().equals(p) || !(soft.n() instanceof Expr.Sym n)) {
            return Optional.empty();
        }
        Range.Integers range = null;
        Range.Reals temperatures = null;
        for (Range r : claim.domain()) {
            if (r instanceof Range.Integers ints && r.symbol().equals(n)) {
                range = ints;
            } else if (r instanceof Range.Reals reals && soft.lambda() instanceof Expr.Sym l && r.symbol().equals(l)) {
                temperatures = reals;
            } else {
                return Optional.empty();
            }
        }
        if (range == null || range.from() < 1 || !positive(soft.lambda(), temperatures)) {
            return Optional.empty();
        }
        Expr big = Arguments.big(claim);
        if (fromTilted) {
            Expr lambda = soft.lambda();
            Expr moment = Bon.expectation(p, Expr.exp(Bon.reward(p).times(2L).div(lambda)))
                    .div(Bon.expectation(p, Expr.exp(Bon.reward(p).div(lambda))).pow(2));
            return big.equals(Bon.log(Expr.constant(1).plus(moment.minus(1L).div(n)))) ? Optional.of(Form.TILTED)
                    : Optional.empty();
        }
        if (big.equals(Bon.log(n))) {
            return Optional.of(Form.LOG_N);
        }
        Expr bound = Bon.log(n.div(Expr.constant(1).plus(n.minus(1).times(Expr.exp(Expr.constant(-1).div(
                soft.lambda()))))));
        return big.equals(bound) && unitRewards(family) ? Optional.of(Form.UNIT_REWARDS) : Optional.empty();
    }

    /** Whether the temperature is positive on the whole domain: a positive number, or a symbol ranging above 0. */
    private static boolean positive(Expr lambda, Range.Reals range) {
        if (range != null) {
            return range.lower() > 0;
        }
        return lambda instanceof Expr.Num num && num.value().toDouble() > 0;
    }

    private static boolean unitRewards(Family family) {
        if (family instanceof Family.Simplex s) {
            return s.rewards() == Family.Rewards.UNIT_INTERVAL || s.rewards() == Family.Rewards.UNIT_INTERVAL_BEST_ONE;
        }
        if (family instanceof Family.Named named) {
            Reward r = named.policy().reward();
            for (int i = 0; i < r.size(); i++) {
                if (!(r.value(i) >= 0 && r.value(i) <= 1)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    /** The proof of a claim for which {@link #applies} holds. */
    static IntervalCertifier.Result certify(Claim claim) {
        Form form = form(claim).orElseThrow();
        Range.Integers range = (Range.Integers) claim.domain().stream().filter(r -> r instanceof Range.Integers)
                .findFirst().orElseThrow();
        Family family = claim.policies().values().iterator().next();
        String head = String.format(Locale.ROOT, "%s, %s, every temperature of the domain: soft best-of-n gives y "
                + "probability n p(y) E[w(y)/(w(y) + S)] (w = e^(r/lambda), S the other n - 1 weights)",
                Arguments.over(family), Arguments.range(range));
        return new IntervalCertifier.Result.Certified(form == Form.TILTED
                ? head + "; " + form.why + "; an argument with no numeric step"
                : head + ", so " + form.why + ", and KL(pi || p) = E_pi[log pi/p] is at most the log of that ratio; "
                        + "an argument with no numeric step", 0);
    }
}
