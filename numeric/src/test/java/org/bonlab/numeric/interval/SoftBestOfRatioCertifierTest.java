package org.bonlab.numeric.interval;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Random;
import org.bonlab.Bon;
import org.bonlab.claim.Claim;
import org.bonlab.claim.Family;
import org.bonlab.claim.Range;
import org.bonlab.expr.Expr;
import org.bonlab.numeric.DoubleEvaluator;
import org.bonlab.numeric.policy.RankedPmf;
import org.bonlab.policy.Explicit;
import org.bonlab.policy.Policy;
import org.bonlab.policy.PolicyVar;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Soft best-of-n's KL through its density ratio: the ratio bounds on random policies (the argument's consequence,
 * with the double engine's exact soft best-of-n PMF), the proofs, and the claims it must not take.
 */
class SoftBestOfRatioCertifierTest {

    private static final Expr.Sym N = Bon.n;
    private static final Expr.Sym LAMBDA = Bon.symbol("lambda");
    private static final PolicyVar P = Policy.variable("p");

    private static Expr unitBound(Expr lambda) {
        return Bon.log(N.div(Expr.constant(1).plus(N.minus(1).times(Expr.exp(Expr.constant(-1).div(lambda))))));
    }

    /**
     * A random policy on 1 to 8 outcomes: weights e^(spread Z), Z standard normal, normalised; each outcome's reward
     * drawn right after its weight.
     */
    private static Explicit randomPolicy(Random rng, double spread, java.util.function.DoubleSupplier reward) {
        int size = 1 + rng.nextInt(8);
        double[] w = new double[size];
        double[] r = new double[size];
        double total = 0;
        for (int i = 0; i < size; i++) {
            w[i] = Math.exp(spread * rng.nextGaussian());
            total += w[i];
            r[i] = reward.getAsDouble();
        }
        for (int i = 0; i < size; i++) {
            w[i] /= total;
        }
        return Policy.probabilities(w).withReward(r);
    }

    @Test
    @DisplayName("the argument's consequence on 300 random policies (1 to 8 outcomes, n = 1..200, lambda up to 50): "
            + "pi/p <= n for any rewards, and <= n/(1 + (n-1) e^(-1/lambda)) for rewards in [0, 1]")
    void ratioBoundsHoldOnRandomPolicies() {
        Random rng = new Random(11);
        DoubleEvaluator ev = new DoubleEvaluator();
        for (int k = 0; k < 300; k++) {
            boolean unit = k % 2 == 0; // rewards in [0, 1], or anywhere
            Explicit base = randomPolicy(rng, 4, () -> unit ? rng.nextDouble() : 5 * rng.nextGaussian());
            int size = base.size();
            int n = 1 + rng.nextInt(200);
            // (the engine needs lambda >= (r_max - r_min)/700 for the weights to be doubles)
            double from = unit ? 0.02 : 0.1;
            double lambda = Math.exp(Math.log(from) + rng.nextDouble() * Math.log(50 / from));
            RankedPmf p = ev.pmf(base, Map.of());
            RankedPmf soft = ev.pmf(base.softBestOf(n, lambda), Map.of());
            double limit = unit ? n / (1 + (n - 1) * Math.exp(-1 / lambda)) : n;
            for (int i = 0; i < size; i++) {
                if (p.probability(i) > 0) {
                    double ratio = soft.probability(i) / p.probability(i);
                    assertTrue(ratio <= limit * (1 + 1e-9), String.format("policy %d, rank %d, n = %d, lambda = %s: "
                            + "ratio %s above %s", k, i, n, lambda, ratio, limit));
                }
            }
        }
    }

    @Test
    @DisplayName("the tilted optimum's KL to soft best-of-n is at most log(1 + (C - 1)/n) on 200 random policies "
            + "(1 to 8 outcomes, any rewards, n = 1..200, lambda from 0.1 to 50), with the double engine")
    void tiltedBoundHoldsOnRandomPolicies() {
        Random rng = new Random(13);
        DoubleEvaluator ev = new DoubleEvaluator();
        for (int k = 0; k < 200; k++) {
            Explicit base = randomPolicy(rng, 3, () -> 4 * rng.nextGaussian());
            double n = 1 + rng.nextInt(200);
            double lambda = Math.exp(Math.log(0.1) + rng.nextDouble() * Math.log(500));
            Claim c = tiltedClaim(Expr.constant(lambda));
            Map<Expr.Sym, Double> at = Map.of(N, n);
            Expr lhs = org.bonlab.claim.Binding.bind(c.lhs(), Map.of(P, base));
            Expr rhs = org.bonlab.claim.Binding.bind(c.rhs(), Map.of(P, base));
            double kl = ev.evaluate(lhs, at);
            double bound = ev.evaluate(rhs, at);
            assertTrue(kl <= bound + 1e-12 * Math.max(1, bound), String.format("policy %d, n = %s, lambda = %s: KL %s "
                    + "above %s", k, n, lambda, kl, bound));
        }
    }

    /** The catalogue's convergence claim: KL(pi_lambda || SBoN_n) <= log(1 + (C - 1)/n). */
    private static Claim tiltedClaim(Expr lambda) {
        Expr moment = Bon.expectation(P, Expr.exp(Bon.reward(P).times(2L).div(lambda)))
                .div(Bon.expectation(P, Expr.exp(Bon.reward(P).div(lambda))).pow(2));
        return Bon.claim(Bon.kl(P.tilted(lambda), P.softBestOf(N, lambda)))
                .atMost(Bon.log(Expr.constant(1).plus(moment.minus(1L).div(N))))
                .forAll(P, new Family.Simplex(1, 12, Family.Rewards.ARBITRARY)).forAll(N, 1, Range.INFINITY);
    }

    @Test
    @DisplayName("PROVED with no numeric step: KL <= log n over any simplex for every n at lambda = 0.3, and the "
            + "catalogue's bound over rewards in [0, 1] with lambda in [0.01, 100]")
    void proofs() {
        Claim logN = Bon.claim(Bon.kl(P.softBestOf(N, Expr.constant(0.3)), P)).atMost(Bon.log(N))
                .forAll(P, new Family.Simplex(1, 12, Family.Rewards.ARBITRARY)).forAll(N, 1, Range.INFINITY);
        IntervalCertifier.Result.Certified a = assertInstanceOf(IntervalCertifier.Result.Certified.class,
                IntervalCertifier.certify(logN));
        assertTrue(a.argument().contains("pi(y) <= n p(y)"), a.argument());
        Claim unit = Bon.claim(Bon.kl(P.softBestOf(N, LAMBDA), P)).atMost(unitBound(LAMBDA))
                .forAll(P, new Family.Simplex(1, 6, Family.Rewards.UNIT_INTERVAL)).forAll(N, 1, 64)
                .forAllReals(LAMBDA, 0.01, 100);
        IntervalCertifier.Result.Certified b = assertInstanceOf(IntervalCertifier.Result.Certified.class,
                IntervalCertifier.certify(unit));
        assertTrue(b.argument().contains("n/(1 + (n-1) e^(-1/lambda))"), b.argument());
        assertTrue(IntervalCertifier.withoutNumericStep(unit).orElseThrow().name().equals("soft-best-of-n-ratio"));
        IntervalCertifier.Result.Certified c = assertInstanceOf(IntervalCertifier.Result.Certified.class,
                IntervalCertifier.certify(tiltedClaim(Expr.constant(0.7))));
        assertTrue(c.argument().contains("log(1 + (C - 1)/n)"), c.argument());
    }

    @Test
    @DisplayName("not taken: the [0, 1] bound over rewards that leave [0, 1], a temperature reaching 0 or below, a "
            + "bound with another temperature, a bound below log n, the tilted optimum at another temperature, and "
            + "best-of-n itself")
    void refusals() {
        Claim arbitrary = Bon.claim(Bon.kl(P.softBestOf(N, LAMBDA), P)).atMost(unitBound(LAMBDA))
                .forAll(P, new Family.Simplex(1, 6, Family.Rewards.ARBITRARY)).forAll(N, 1, 64)
                .forAllReals(LAMBDA, 0.01, 100);
        assertFalse(SoftBestOfRatioCertifier.applies(arbitrary));
        Claim toZero = Bon.claim(Bon.kl(P.softBestOf(N, LAMBDA), P)).atMost(Bon.log(N))
                .forAll(P, Family.simplex(4)).forAll(N, 1, 64).forAllReals(LAMBDA, 0, 1);
        assertFalse(SoftBestOfRatioCertifier.applies(toZero));
        Claim reachesBelow = Bon.claim(Bon.kl(P.softBestOf(N, LAMBDA), P)).atMost(Bon.log(N))
                .forAll(P, Family.simplex(4)).forAll(N, 1, 64).forAllReals(LAMBDA, -1, 1);
        assertFalse(SoftBestOfRatioCertifier.applies(reachesBelow));
        Claim other = Bon.claim(Bon.kl(P.softBestOf(N, Expr.constant(0.5)), P)).atMost(unitBound(Expr.constant(0.4)))
                .forAll(P, new Family.Simplex(1, 6, Family.Rewards.UNIT_INTERVAL)).forAll(N, 1, 64);
        assertFalse(SoftBestOfRatioCertifier.applies(other));
        Claim lower = Bon.claim(Bon.kl(P.softBestOf(N, Expr.constant(0.5)), P)).atMost(Bon.log(N).minus(
                Expr.constant(0.01))).forAll(P, Family.simplex(4)).forAll(N, 1, 64);
        assertFalse(SoftBestOfRatioCertifier.applies(lower));
        // the tilted optimum at another temperature than soft best-of-n's
        Expr moment = Bon.expectation(P, Expr.exp(Bon.reward(P).times(2L).div(Expr.constant(0.5))))
                .div(Bon.expectation(P, Expr.exp(Bon.reward(P).div(Expr.constant(0.5)))).pow(2));
        Claim mismatched = Bon.claim(Bon.kl(P.tilted(Expr.constant(0.5)), P.softBestOf(N, Expr.constant(0.6))))
                .atMost(Bon.log(Expr.constant(1).plus(moment.minus(1L).div(N)))).forAll(P, Family.simplex(4))
                .forAll(N, 1, 64);
        assertFalse(SoftBestOfRatioCertifier.applies(mismatched));
        Claim hard = Bon.claim(Bon.kl(P.bestOf(N), P)).atMost(Bon.log(N)).forAll(P, Family.simplex(4))
                .forAll(N, 1, 64);
        assertFalse(SoftBestOfRatioCertifier.applies(hard));
    }
}
