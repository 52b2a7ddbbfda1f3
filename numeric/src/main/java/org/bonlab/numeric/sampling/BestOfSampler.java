package org.bonlab.numeric.sampling;

import java.util.Locale;
import org.apache.commons.math3.random.RandomGenerator;
import org.bonlab.numeric.policy.RankedPmf;
import org.bonlab.numeric.quantity.Quantities;

/**
 * Draws from best-of-n of a ranked PMF in O(log L) per draw, whatever n: by Eq. (11)-(12) of Beirami et al.,
 * best-of-n applies the inverse CDF of p to the maximum of n uniforms, which is distributed as \( U^{1/n} \).
 *
 * @implNote \( 1 - U^{1/n} = -\mathrm{expm1}(\log U / n) \) is formed directly and located among the upper tails
 *     \( 1 - F_i \) (held to full relative precision by {@link RankedPmf}), so draws of rare top outcomes are exact
 *     even when \( U^{1/n} \) rounds to 1.
 */
public final class BestOfSampler {

    private final RankedPmf p;
    private final double n;

    public BestOfSampler(RankedPmf p, double n) {
        Quantities.requireSampleCount(n);
        this.p = p;
        this.n = n;
    }

    /** The rank of one draw. */
    public int draw(RandomGenerator rng) {
        double u = rng.nextDouble();
        while (u == 0) {
            u = rng.nextDouble();
        }
        double logTailOfMax = logOneMinusExp(Math.log(u) / n); // log(1 - U^{1/n})
        // smallest rank i with tail_i = P[rank > i] <= 1 - max, i.e. logTail(i) <= logTailOfMax
        int lo = 0;
        int hi = p.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (p.logTail(mid) <= logTailOfMax) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    private static double logOneMinusExp(double x) {
        return x > -0.6931471805599453 ? Math.log(-Math.expm1(x)) : Math.log1p(-Math.exp(x));
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "BestOfSampler(L=%d, n=%s)", p.size(), n);
    }
}
