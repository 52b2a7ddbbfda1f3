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
import org.bonlab.policy.Policy;
import org.bonlab.policy.PolicyVar;

/**
 * Divergences of best-of-n from its base policy bounded by those of the continuous best-of-n, for every policy and
 * every n: Thm 1 (Eq. 15) of Beirami et al., \( \mathrm{KL}(\pi_n \| p) \le \log n - (n-1)/n \), and Mroueh
 * (2024)'s bounds for \( \chi^2 \) ((n-1)^2/(2n-1)), the squared Hellinger distance (1 - 2 sqrt(n)/(n+1)) and the
 * total variation ((1 - 1/n) n^(-1/(n-1)), n >= 2), over a simplex family of any size, bernoulli(p) or a named
 * policy, and any range of n.
 *
 * <p><b>The argument</b> (data processing). Let Q be the quantile map of p in the total order of its outcomes
 * (reward, then the tie-break order; App. C of Amini et al.): Q(u) is the outcome y with \( F_-(y) < u \le F(y) \).
 * If U is uniform on (0, 1), Q(U) has law p; if V has density \( n v^{n-1} \) (the largest of n uniforms), Q(V) has
 * law \( \pi_n \), since \( P(Q(V) = y) = F(y)^n - F_-(y)^n \) (Lemma 1, Eq. (7)). Every f-divergence with f convex
 * does not increase under a map (the data processing inequality), so \( D_f(\pi_n \| p) \le D_f(n v^{n-1} \|
 * 1) = \int_0^1 f(n v^{n-1})\,dv \): \( x\log x \) gives Eq. (5), \( (x-1)^2 \) gives (n-1)^2/(2n-1),
 * \( (\sqrt x - 1)^2/2 \) gives 1 - 2 sqrt(n)/(n+1), \( |x - 1|/2 \) gives (1 - 1/n) n^(-1/(n-1)) (the density
 * crosses 1 at \( n^{-1/(n-1)} \)). The claim is recognised only in exactly these forms, with the divergences as
 * {@link Bon#kl} or as {@link Definitions} writes them; the argument has no numeric step, so the proof carries no
 * covering. Over a finite range on which the box certifiers work (2 and 3 outcomes, bernoulli(p), a named policy),
 * the boxes are tried first, since their proofs have certificates.
 */
public final class DataProcessingCertifier {

    private DataProcessingCertifier() {
    }

    /** A divergence this argument takes: its name, its two sides and the first n its bound is defined at. */
    private record Form(String name, Expr divergence, Expr bound, long firstN) {
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
                        Definitions.totalVariationBoundMroueh(n), 2));
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
        if (!(f instanceof Family.Simplex || f instanceof Family.Bernoulli
                || f instanceof Family.Named named && named.policy().symbols().isEmpty())) {
            return Optional.empty();
        }
        Expr small = claim.relation() == Relation.AT_MOST ? claim.lhs() : claim.rhs();
        Expr big = claim.relation() == Relation.AT_MOST ? claim.rhs() : claim.lhs();
        for (Form form : forms(only.getKey(), range.symbol())) {
            if (range.from() >= form.firstN() && small.equals(form.divergence()) && big.equals(form.bound())) {
                return Optional.of(form);
            }
        }
        return Optional.empty();
    }

    /**
     * Whether {@code claim} is one of the bounds of the class comment (its divergence {@code <=} its bound, or
     * swapped with {@code >=}) over one family of policies and one range of integers n.
     */
    public static boolean applies(Claim claim) {
        return form(claim).isPresent();
    }

    /** The proof of a claim for which {@link #applies} holds. */
    static IntervalCertifier.Result certify(Claim claim) {
        Form form = form(claim).orElseThrow();
        Range.Integers range = (Range.Integers) claim.domain().get(0);
        Family f = claim.policies().values().iterator().next();
        String over = f instanceof Family.Simplex s ? String.format(Locale.ROOT, "every policy on %s outcomes",
                s.minSize() == s.maxSize() ? Integer.toString(s.maxSize()) : s.minSize() + " to " + s.maxSize())
                : f instanceof Family.Bernoulli ? "bernoulli(p), every p in [0, 1]"
                : ((Family.Named) f).policy().describe();
        return new IntervalCertifier.Result.Certified(String.format(Locale.ROOT, "%s, n = %d..%s: the %s of "
                + "best-of-n is at most that of the continuous best-of-n density n v^(n-1) on (0, 1) (data "
                + "processing: pi_n is the image of that density under the quantile map of p, and p the image of the "
                + "uniform one; Lemma 1); an argument with no numeric step", over, range.from(),
                range.unbounded() ? "infinity" : Long.toString(range.to()), form.name()), 0);
    }
}
