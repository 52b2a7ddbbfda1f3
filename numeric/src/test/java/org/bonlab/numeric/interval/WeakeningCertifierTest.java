package org.bonlab.numeric.interval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.bonlab.Bon;
import org.bonlab.claim.Claim;
import org.bonlab.claim.Family;
import org.bonlab.claim.Range;
import org.bonlab.expr.Expr;
import org.bonlab.numeric.DoubleEvaluator;
import org.bonlab.policy.Policy;
import org.bonlab.policy.PolicyVar;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Claims weaker than a bound of the quantile coupling, proved by transitivity through it: the split into the known
 * bound and the rest, proofs for every n over any simplex, and the claims it must not prove (false ones, ones
 * stronger than the bound, ones the argument takes whole).
 */
class WeakeningCertifierTest {

    private static final Expr.Sym N = Bon.n;
    private static final PolicyVar P = Policy.variable("p");
    private static final Expr KL = Bon.kl(P.bestOf(N), P);

    private static Claim overSimplex(Claim c, int outcomes) {
        return c.forAll(P, Family.simplex(outcomes)).forAll(N, 1, Range.INFINITY);
    }

    @Test
    @DisplayName("KL <= log n splits into Thm 1 and log n - (n-1)/n <= log n, whose log n cancel: -(n-1)/n <= 0, "
            + "free of the policy; PROVED for every n over 12 outcomes")
    void klAtMostLogN() {
        Claim c = overSimplex(Bon.claim(KL).atMost(Bon.log(N)), 12);
        WeakeningCertifier.Split s = WeakeningCertifier.split(c).orElseThrow();
        assertEquals(Bon.analyticalKl(N), s.known().rhs());
        assertTrue(QuantileCouplingCertifier.applies(s.known()));
        assertTrue(s.rest().policies().isEmpty(), s.rest().toString());
        DoubleEvaluator ev = new DoubleEvaluator();
        for (double n : new double[] {1, 2, 7, 1e6}) {
            assertEquals(-(n - 1) / n, ev.evaluate(s.rest().lhs(), Map.of(N, n)), 1e-15, "n = " + n);
        }
        IntervalCertifier.recordCoverings(true);
        try {
            IntervalCertifier.forgetResults();
            IntervalCertifier.Result.Certified r = assertInstanceOf(IntervalCertifier.Result.Certified.class,
                    IntervalCertifier.certify(c));
            assertTrue(r.argument().startsWith("by transitivity through log(n) - (n - 1)/n"), r.argument());
            // the certificate's covering: the pieces of n for the rest, and the argument for the known bound
            Covering covering = r.covering().orElseThrow();
            assertEquals(WeakeningCertifier.ARGUMENT, covering.argument());
            assertFalse(covering.pieces().isEmpty());
        } finally {
            IntervalCertifier.recordCoverings(false);
            IntervalCertifier.forgetResults();
        }
    }

    @Test
    @DisplayName("Thm 1 raised by 10^-9, chi^2 <= n, chi^2 <= n - log n, the win rate at most 1 - 1/(2n) and at most 1: "
            + "PROVED for every n; chi^2 <= n/2 - log n (false for large n) not")
    void weakerForms() {
        Claim raised = overSimplex(Bon.claim(KL).atMost(Bon.analyticalKl(N).plus(Expr.rational(1, 1_000_000_000))),
                6);
        assertInstanceOf(IntervalCertifier.Result.Certified.class, IntervalCertifier.certify(raised));
        // Mroueh's chi^2 bound (n-1)^2/(2n-1) below n for every n: both sides grow without bound, and their
        // difference is enclosed on the last box of n as one fraction in t = 1/n (RationalTail)
        Claim chi = overSimplex(Bon.claim(org.bonlab.Definitions.chiSquare(P.bestOf(N), P)).atMost(N), 6);
        assertInstanceOf(IntervalCertifier.Result.Certified.class, IntervalCertifier.certify(chi));
        // the win rate at most 1 - 1/(2n): n/(n+1) <= 1 - 1/(2n), equal at n = 1, (1 - n)/(2n(n+1)) <= 0
        Claim half = overSimplex(Bon.claim(Bon.winRateStrict(P.bestOf(N), P)).atMost(Expr.constant(1).minus(
                Expr.constant(1).div(N.times(2L)))), 6);
        assertInstanceOf(IntervalCertifier.Result.Certified.class, IntervalCertifier.certify(half));
        // chi^2 <= n - log n is weaker than Mroueh's bound too (n - log n - (n-1)^2/(2n-1) ~ n/2): the last box of n
        // encloses the rest with log n between log a and its tangent at a, each side a fraction in t = 1/n
        Claim chiLog = overSimplex(Bon.claim(org.bonlab.Definitions.chiSquare(P.bestOf(N), P)).atMost(N.minus(
                Bon.log(N))), 6);
        IntervalCertifier.Result chiLogProof = IntervalCertifier.certify(chiLog);
        assertInstanceOf(IntervalCertifier.Result.Certified.class, chiLogProof, chiLogProof.toString());
        // and a false one of the same form is not: chi^2 <= n/2 - log n fails for large n ((n-1)^2/(2n-1) ~ n/2 - 1/4)
        Claim chiLogFalse = overSimplex(Bon.claim(org.bonlab.Definitions.chiSquare(P.bestOf(N), P)).atMost(N.div(2L)
                .minus(Bon.log(N))), 6);
        assertInstanceOf(IntervalCertifier.Result.NotCertified.class, IntervalCertifier.certify(chiLogFalse));
        Claim win = overSimplex(Bon.claim(Bon.winRateStrict(P.bestOf(N), P)).atMost(Expr.constant(1)), 6);
        IntervalCertifier.Result w = IntervalCertifier.certify(win);
        assertInstanceOf(IntervalCertifier.Result.Certified.class, w, w.toString());
    }

    @Test
    @DisplayName("not PROVED: false claims (KL <= log n - 1/2, negative at n = 1; chi^2 <= 0.49 n and KL <= 3, false "
            + "only for large n), claims stronger than the bound (0.999 of it), and the bound itself goes to the "
            + "coupling whole")
    void refusals() {
        Claim negative = overSimplex(Bon.claim(KL).atMost(Bon.log(N).minus(Expr.constant(0.5))), 6);
        IntervalCertifier.Result.NotCertified no = assertInstanceOf(IntervalCertifier.Result.NotCertified.class,
                IntervalCertifier.certify(negative));
        assertTrue(no.reason().contains("the claim would follow from log(n) - (n - 1)/n"), no.reason());
        Claim stronger = overSimplex(Bon.claim(KL).atMost(Bon.analyticalKl(N).times(0.999)), 12);
        assertInstanceOf(IntervalCertifier.Result.NotCertified.class, IntervalCertifier.certify(stronger));
        // false only for large n: chi^2/n approaches 1/2 near a point mass as n grows, and 0.49 n falls below
        // Mroueh's bound from n = 75 on, so the rest fails on the last box of n, fraction in t = 1/n or not
        Claim chi = overSimplex(Bon.claim(org.bonlab.Definitions.chiSquare(P.bestOf(N), P)).atMost(N.times(0.49)), 12);
        assertInstanceOf(IntervalCertifier.Result.NotCertified.class, IntervalCertifier.certify(chi));
        // false only for large n with a log: KL <= 3 (Thm 1's bound passes 3 at n = 54)
        Claim three = overSimplex(Bon.claim(KL).atMost(Expr.constant(3)), 12);
        assertInstanceOf(IntervalCertifier.Result.NotCertified.class, IntervalCertifier.certify(three));
        Claim thm1 = overSimplex(Bon.claim(KL).atMost(Bon.analyticalKl(N)), 12);
        assertFalse(WeakeningCertifier.split(thm1).isPresent());
        // a lower bound on the KL is not weaker than an upper bound of the coupling
        Claim below = overSimplex(Bon.claim(KL).atLeast(Expr.constant(-1)), 6);
        assertFalse(WeakeningCertifier.split(below).isPresent());
    }

    @Test
    @DisplayName("KL <= log(n + 1) and KL <= (log n)^2/2 + 1/2, weaker than Thm 1 with a rest that is a polynomial in "
            + "log n and log(n + 1): PROVED for every n over 12 outcomes")
    void logPolynomialRests() {
        Expr l = Bon.log(N);
        Claim plusOne = overSimplex(Bon.claim(KL).atMost(Bon.log(N.plus(1L))), 12);
        IntervalCertifier.Result r = IntervalCertifier.certify(plusOne);
        assertInstanceOf(IntervalCertifier.Result.Certified.class, r, r.toString());
        Claim square = overSimplex(Bon.claim(KL).atMost(l.times(l).div(2L).plus(Expr.rational(1, 2))), 12);
        IntervalCertifier.Result s = IntervalCertifier.certify(square);
        assertInstanceOf(IntervalCertifier.Result.Certified.class, s, s.toString());
    }
}
