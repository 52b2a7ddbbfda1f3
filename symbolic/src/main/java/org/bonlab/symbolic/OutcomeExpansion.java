package org.bonlab.symbolic;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bonlab.expr.Expr;
import org.bonlab.expr.Rewrite;
import org.bonlab.policy.BasePolicy;
import org.bonlab.policy.BestOf;
import org.bonlab.policy.Tilted;
import org.bonlab.policy.Policy;

/**
 * The symbolic reading of the outcome-level language: an expectation or sum over the outcomes of a base policy
 * with exact probabilities (or bernoulli(p) with a symbolic p) becomes the finite sum of its terms, each outcome
 * term replaced by its closed form: \( p(y_i) \), \( F_i \) and, for best-of-n with a symbolic n,
 * \( \pi_n(y_i) = F_i^n - F_{i-1}^n \) and \( F_i^n \) (Lemma 1 of Beirami et al.); named definitions are
 * replaced by what they define. Policies other than a base policy and its best-of-n have no closed form here
 * and are refused with the reason.
 */
final class OutcomeExpansion extends Rewrite {

    private final Map<BasePolicy, Map<Expr, BestOfForms>> forms = new HashMap<>();
    private int rank = -1; // the outcome of the enclosing expectation or sum, in rank order
    private BasePolicy base;

    private OutcomeExpansion() {
    }

    /** Whether {@code e} uses the outcome-level language anywhere. */
    static boolean uses(Expr e) {
        boolean[] found = {false};
        new Rewrite() {
            @Override
            protected Expr after(Expr x) {
                if (x instanceof Expr.Expectation || x instanceof Expr.OutcomeSum || x instanceof Expr.AtOutcome
                        || x instanceof Expr.PolicyNumber || x instanceof Expr.Defined) {
                    found[0] = true;
                }
                return x;
            }
        }.apply(e);
        return found[0];
    }

    /** {@code e} with every outcome-level node written out as closed forms (in the n of its best-of-n policies). */
    static Expr expand(Expr e) {
        return new OutcomeExpansion().apply(e);
    }

    private BestOfForms forms(BasePolicy b, Expr count) {
        return forms.computeIfAbsent(b, k -> new HashMap<>()).computeIfAbsent(count, c -> BestOfForms.of(b, c));
    }

    private static BasePolicy baseOf(Policy p, Expr where) {
        if (p instanceof BasePolicy b) {
            return b;
        }
        if (p instanceof BestOf bo && bo.policy() instanceof BasePolicy b) {
            return b;
        }
        if (p instanceof Tilted t && t.policy() instanceof BasePolicy b) {
            return b;
        }
        throw new IllegalArgumentException(String.format(Locale.ROOT, "%s has no closed form in the symbolic engine: "
                + "outcome terms are written out for a base policy, its best-of-n and its tilted optimum, but %s is "
                + "none of these",
                where.show(), p.describe()));
    }

    private Expr over(Policy p, Expr body, boolean weighted, Expr where) {
        BasePolicy b = baseOf(p, where);
        BestOfForms f = forms(b, Expr.constant(1));
        if (f.size() > BestOfForms.MAX_OUTCOMES) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s is written out term by term, so its "
                    + "policy must have at most %d outcomes, but has %d", where.show(), BestOfForms.MAX_OUTCOMES,
                    f.size()));
        }
        int savedRank = rank;
        BasePolicy savedBase = base;
        base = b;
        Expr sum = null;
        for (int i = 0; i < f.size(); i++) {
            rank = i;
            Expr term = apply(body);
            if (weighted) {
                term = probability(p, i, where).times(term);
            }
            sum = sum == null ? term : sum.plus(term);
        }
        rank = savedRank;
        base = savedBase;
        return sum;
    }

    private Expr probability(Policy p, int i, Expr where) {
        BasePolicy b = baseOf(p, where);
        if (p instanceof BestOf bo) {
            return forms(b, bo.n()).bestOfProbability(i);
        }
        if (p instanceof Tilted t) {
            return tiltedProbabilities(t, b).get(i);
        }
        return forms(b, Expr.constant(1)).probability(i);
    }

    /** A reward as a constant: an exact integer where it is one (Symja then proves identities), else the double. */
    private static Expr reward(double r) {
        return r == Math.rint(r) && Math.abs(r) < 1e15 ? Expr.constant((long) r) : Expr.constant(r);
    }

    /**
     * The tilted optimum at each rank: \( p_i e^{r_i/\beta} / \sum_j p_j e^{r_j/\beta} \), Eq. (2) of Amini et al.,
     * with beta as written (a number or a symbol); built once per tilted policy.
     */
    private List<Expr> tiltedProbabilities(Tilted t, BasePolicy b) {
        return tilted.computeIfAbsent(t, k -> {
            BestOfForms f = forms(b, Expr.constant(1));
            org.bonlab.numeric.policy.Ranking ranking = org.bonlab.numeric.policy.Ranking.of(b.reward());
            List<Expr> weights = new java.util.ArrayList<>();
            Expr z = null;
            for (int j = 0; j < f.size(); j++) {
                double r = ranking.rewardAt(j);
                Expr w = r == 0 ? f.probability(j) : f.probability(j).times(Expr.exp(reward(r).div(t.beta())));
                weights.add(w);
                z = z == null ? w : z.plus(w);
            }
            Expr normaliser = z;
            return weights.stream().map(w -> w.div(normaliser)).toList();
        });
    }

    private final Map<Tilted, List<Expr>> tilted = new HashMap<>();

    @Override
    public Expr visitExpectation(Expr.Expectation e) {
        return over(e.over(), e.body(), true, e);
    }

    @Override
    public Expr visitOutcomeSum(Expr.OutcomeSum e) {
        return over(e.of(), e.body(), false, e);
    }

    /**
     * Whether two base policies share their outcomes in reward order (their probabilities may differ, as vBoN's
     * \( \pi_\theta \) and the base policy do): the numeric engine's test, {@link
     * org.bonlab.numeric.policy.Ranking#sameAs}, so both engines accept the same expressions.
     */
    private static boolean sameOutcomes(BasePolicy a, BasePolicy b) {
        return a.equals(b) || org.bonlab.numeric.policy.Ranking.of(a.reward())
                .sameAs(org.bonlab.numeric.policy.Ranking.of(b.reward()));
    }

    @Override
    public Expr visitAtOutcome(Expr.AtOutcome e) {
        if (rank < 0) {
            throw new IllegalArgumentException(e.show() + " is a term at an outcome y and must stand inside an "
                    + "expectation or sum over outcomes, but it stands outside one (y is unbound)");
        }
        BasePolicy b = baseOf(e.policy(), e);
        if (!sameOutcomes(b, base)) {
            throw new IllegalArgumentException(e.show() + " must be taken on the outcomes of the expectation or sum "
                    + "it stands in, but " + e.policy().describe() + " lives on other outcomes");
        }
        return switch (e.term()) {
            case PROBABILITY -> probability(e.policy(), rank, e);
            case CDF -> cdfAt(e.policy(), b, rank);
            case CDF_BELOW -> cdfAt(e.policy(), b, rank - 1);
            case REWARD_CDF -> cdfAt(e.policy(), b, org.bonlab.numeric.policy.Ranking.of(b.reward()).tieGroupLast(rank));
            case REWARD_CDF_BELOW -> cdfAt(e.policy(), b,
                    org.bonlab.numeric.policy.Ranking.of(b.reward()).tieGroupFirst(rank) - 1);
            case REWARD -> reward(org.bonlab.numeric.policy.Ranking.of(b.reward()).rewardAt(rank));
        };
    }

    /** The CDF of q (base policy or best-of-n of it) at a rank in reward order; 0 below the first. */
    private Expr cdfAt(org.bonlab.policy.Policy q, BasePolicy b, int at) {
        if (at < 0) {
            return Expr.constant(0);
        }
        if (q instanceof Tilted t) {
            List<Expr> pi = tiltedProbabilities(t, b);
            Expr sum = pi.get(0);
            for (int j = 1; j <= at; j++) {
                sum = sum.plus(pi.get(j));
            }
            return sum;
        }
        return q instanceof BestOf bo ? forms(b, bo.n()).bestOfCdf(at) : forms(b, Expr.constant(1)).cdf(at);
    }

    @Override
    public Expr visitPolicyNumber(Expr.PolicyNumber e) {
        BasePolicy b = baseOf(e.policy(), e);
        if (!(e.policy() instanceof BasePolicy)) {
            throw new IllegalArgumentException(e.show() + " is written out for a base policy only");
        }
        BestOfForms f = forms(b, Expr.constant(1));
        return switch (e.stat()) {
            case OUTCOMES -> Expr.constant(f.size());
            case TOP_PROBABILITY -> f.probability(f.size() - 1);
            case MAX_PROBABILITY -> {
                List<Expr> ps = f.probabilities();
                Expr best = null;
                double max = -1;
                for (Expr x : ps) {
                    if (!(x instanceof Expr.Num num)) {
                        throw new IllegalArgumentException(e.show() + " needs numeric probabilities to be written out");
                    }
                    if (num.value().toDouble() > max) {
                        max = num.value().toDouble();
                        best = x;
                    }
                }
                yield best;
            }
        };
    }

    @Override
    public Expr visitDefined(Expr.Defined e) {
        return apply(e.definition());
    }
}
