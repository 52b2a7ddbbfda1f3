package org.bonlab.symbolic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.ISymbol;

/**
 * bonlab's rewriting with the powers p^n of primes as variables: its zero test (certain both ways where it answers)
 * and its simplification (equal to the input at non-integer points, and shorter).
 */
class PowersAsVariablesTest {

    private static SymjaSession symja;
    private static final ISymbol N = F.Dummy("n");
    private static final ISymbol P = F.Dummy("p");

    @BeforeAll
    static void start() {
        symja = new SymjaSession(Duration.ofSeconds(20));
    }

    @AfterAll
    static void stop() {
        symja.close();
    }

    private static IExpr pow(long base, IExpr exponent) {
        return F.Power(F.ZZ(base), exponent);
    }

    @Test
    @DisplayName("zero test: identities in 2^(1-n), (1/2)^n, 6^n, (2/3)^n and 4^(n/2) are 0; near misses are not; "
            + "a log, or a power it cannot make a monomial, leaves it undecided")
    void zeroTest() {
        IExpr oneMinusN = F.Plus(F.C1, F.Negate(N));
        // 2^(1-n) - 2 (1/2)^n
        assertEquals(Optional.of(true), PowersAsVariables.isZero(symja,
                F.Plus(pow(2, oneMinusN), F.Times(F.CN2, F.Power(F.C1D2, N)))));
        // 6^n - 2^n 3^n, and (2/3)^n 3^n - 2^n
        assertEquals(Optional.of(true), PowersAsVariables.isZero(symja,
                F.Plus(pow(6, N), F.Negate(F.Times(pow(2, N), pow(3, N))))));
        assertEquals(Optional.of(true), PowersAsVariables.isZero(symja,
                F.Plus(F.Times(F.Power(F.QQ(2, 3), N), pow(3, N)), F.Negate(pow(2, N)))));
        // 4^(n/2) - 2^n: the exponent's 1/2 times 4's two factors of 2 is an integer
        assertEquals(Optional.of(true), PowersAsVariables.isZero(symja,
                F.Plus(pow(4, F.Times(F.C1D2, N)), F.Negate(pow(2, N)))));
        // a rational function over a common denominator: 1/(2 - 2^(1-n)) - 2^(n-1)/(2^n - 1) = 0
        IExpr d = F.Plus(F.C2, F.Negate(pow(2, oneMinusN)));
        assertEquals(Optional.of(true), PowersAsVariables.isZero(symja, F.Plus(F.Power(d, F.CN1),
                F.Negate(F.Times(pow(2, F.Plus(N, F.CN1)), F.Power(F.Plus(pow(2, N), F.CN1), F.CN1))))));
        // the same with 2^(n-1) off by n/10^6, and with a parameter p: not 0
        assertEquals(Optional.of(false), PowersAsVariables.isZero(symja, F.Plus(F.Power(d, F.CN1),
                F.Negate(F.Times(pow(2, F.Plus(N, F.CN1)), F.Power(F.Plus(pow(2, N), F.CN1), F.CN1))),
                F.Times(F.QQ(1, 1_000_000), N))));
        assertEquals(Optional.of(false), PowersAsVariables.isZero(symja,
                F.Plus(pow(6, N), F.Negate(F.Times(P, pow(2, N), pow(3, N))))));
        // undecided: a log (its relations to the powers are not those of a rational function), 2^(n/2), no power
        assertEquals(Optional.empty(), PowersAsVariables.isZero(symja,
                F.Plus(F.Log(F.Plus(F.C1, pow(2, N))), F.Negate(pow(2, N)))));
        assertEquals(Optional.empty(), PowersAsVariables.isZero(symja, F.Plus(pow(2, F.Times(F.C1D2, N)), F.CN1)));
        assertEquals(Optional.empty(), PowersAsVariables.isZero(symja, F.Plus(N, F.CN1)));
    }

    @Test
    @DisplayName("identity: two forms of uniform(3)'s best-of-n KL, whose logs' arguments differ in form, are shown equal; "
            + "the same with one coefficient off by 3^-n/10^6, or a log's argument off by a factor 1 + 10^-6, are not")
    void identity() {
        IExpr third = F.Power(F.ZZ(3), F.Negate(N)); // 3^-n
        IExpr middle = F.Plus(F.Times(pow(2, N), third), F.Negate(third)); // 2^n/3^n - 3^-n
        IExpr top = F.Plus(F.C1, F.Negate(F.Times(pow(2, N), third))); // 1 - 2^n/3^n
        // the closed form: sum pi log(3 pi)
        IExpr closed = F.Plus(F.Times(third, F.Log(F.Times(F.C3, third))), F.Times(middle, F.Log(F.Times(F.C3, middle))),
                F.Times(top, F.Log(F.Times(F.C3, top))));
        // the presented form: 3^-n log(3^(1-n)) + (2^n - 1) 3^-n log((2^n - 1) 3^(1-n)) + 3^-n (3^n - 2^n) log(3 (1 - 2^n 3^-n))
        IExpr oneMinusN = F.Plus(F.C1, F.Negate(N));
        IExpr twoN = F.Plus(pow(2, N), F.CN1);
        IExpr presented = F.Plus(F.Times(third, F.Log(pow(3, oneMinusN))),
                F.Times(twoN, third, F.Log(F.Times(twoN, pow(3, oneMinusN)))),
                F.Times(third, F.Plus(pow(3, N), F.Negate(pow(2, N))), F.Log(F.Times(F.C3, top))));
        assertTrue(PowersAsVariables.isIdentity(symja, F.Subtract(closed, presented)));
        IExpr offCoefficient = F.Plus(presented, F.Times(F.QQ(1, 1_000_000), third, F.Log(pow(3, oneMinusN))));
        assertTrue(!PowersAsVariables.isIdentity(symja, F.Subtract(closed, offCoefficient)));
        IExpr offArgument = F.Plus(F.Times(third, F.Log(F.Times(F.QQ(1_000_001, 1_000_000), pow(3, oneMinusN)))),
                F.Times(twoN, third, F.Log(F.Times(twoN, pow(3, oneMinusN)))),
                F.Times(third, F.Plus(pow(3, N), F.Negate(pow(2, N))), F.Log(F.Times(F.C3, top))));
        assertTrue(!PowersAsVariables.isIdentity(symja, F.Subtract(closed, offArgument)));
    }

    @Test
    @DisplayName("simplification: a series coefficient of spike(L=3)'s KL, with powers of 2 and a log, comes back "
            + "shorter and equal at n = 7/3 and 10.5 (Symja's numeric evaluation at 30 digits)")
    void simplification() {
        IExpr oneMinusN = F.Plus(F.C1, F.Negate(N));
        IExpr d = F.Plus(F.C2, F.Negate(pow(2, oneMinusN)));
        IExpr logD = F.Log(d);
        // (1/2)^n + 2/d - 2^(1-n)/d - (1/2)^n n - 2n/d + 2^(1-n) n/d + n log n - n log d + (1/2)^n n log d
        IExpr half = F.Power(F.C1D2, N);
        IExpr e = F.Plus(half, F.Times(F.C2, F.Power(d, F.CN1)), F.Negate(F.Times(pow(2, oneMinusN), F.Power(d, F.CN1))),
                F.Negate(F.Times(half, N)), F.Times(F.CN2, N, F.Power(d, F.CN1)),
                F.Times(pow(2, oneMinusN), N, F.Power(d, F.CN1)), F.Times(N, F.Log(N)), F.Negate(F.Times(N, logD)),
                F.Times(half, N, logD));
        IExpr simpler = PowersAsVariables.simplified(symja, e).orElseThrow();
        long before = symja.evalSmall(e) instanceof SymjaSession.Outcome.Value v ? v.expr().leafCount() : e.leafCount();
        assertTrue(simpler.leafCount() < before / 2, before + " leaves before, now " + simpler);
        for (IExpr at : new IExpr[] {F.QQ(7, 3), F.QQ(21, 2)}) {
            SymjaSession.Outcome difference = symja.eval(F.N(F.subst(F.Subtract(e, simpler), N, at), F.ZZ(30)));
            assertTrue(difference instanceof SymjaSession.Outcome.Value v && v.expr().isNumber()
                    && Math.abs(v.expr().evalf()) < 1e-20, difference + " for " + simpler);
        }
        // no power with a symbolic exponent: nothing to do
        assertEquals(Optional.empty(), PowersAsVariables.simplified(symja, F.Plus(F.Times(P, N), F.Log(N))));
        // a symbolic base is a variable of its own (p^n), given back as it was
        assertEquals(Optional.of(F.Plus(F.Power(P, N), F.Log(N))),
                PowersAsVariables.simplified(symja, F.Plus(F.Power(P, N), F.Log(N))));
    }

    @Test
    @DisplayName("Symja's Simplify with the powers as variables: vBoN's J on the coin comes back with only n and theta "
            + "in it, equal at n = 7/3 and 10.5 (theta = 3/10, Symja's numeric evaluation at 30 digits); without a "
            + "power in a log (a Hellinger distance's square roots) it is left to Symja's Simplify")
    void symjaSimplifyWithPowersAsVariables() {
        ISymbol theta = F.Dummy("theta");
        IExpr x = pow(2, F.Negate(N)); // 2^-n
        IExpr rest = F.Plus(F.C1, F.Negate(theta));
        // -((1 - theta) log((1 - theta)/2^-n) + theta log(theta/(1 - 2^-n)))
        IExpr j = F.Negate(F.Plus(F.Times(rest, F.Log(F.Times(rest, F.Power(x, F.CN1)))),
                F.Times(theta, F.Log(F.Times(theta, F.Power(F.Plus(F.C1, F.Negate(x)), F.CN1))))));
        IExpr r = PowersAsVariables.simplifiedBySymja(symja, j, Duration.ofSeconds(20)).orElseThrow();
        assertTrue(r.isFree(s -> s.isSymbol() && !s.isBuiltInSymbol() && !s.equals(N) && !s.equals(theta), true)
                && !r.isFree(N), r.toString());
        for (IExpr at : new IExpr[] {F.QQ(7, 3), F.QQ(21, 2)}) {
            IExpr difference = F.subst(F.subst(F.Subtract(j, r), N, at), theta, F.QQ(3, 10));
            SymjaSession.Outcome o = symja.eval(F.N(difference, F.ZZ(30)));
            assertTrue(o instanceof SymjaSession.Outcome.Value v && v.expr().isNumber()
                    && Math.abs(v.expr().evalf()) < 1e-20, o + " for " + r);
        }
        IExpr hellinger = F.Plus(F.C1, F.Negate(F.Sqrt(F.Times(F.C1D2, x))),
                F.Negate(F.Sqrt(F.Times(F.C1D2, F.Plus(F.C1, F.Negate(x))))));
        assertEquals(Optional.empty(), PowersAsVariables.simplifiedBySymja(symja, hellinger, Duration.ofSeconds(20)));
    }

    @Test
    @DisplayName("exponentials as variables: the tilted policy's KL on the coin in two forms (its normaliser 1 + e^(1/beta) "
            + "in denominators and logs) is shown equal, a near miss is not, and the zero test leaves e^(1/beta) alone")
    void exponentialsAsVariables() {
        ISymbol beta = F.Dummy("beta");
        IExpr w = F.Power(F.E, F.Power(beta, F.CN1)); // e^(1/beta)
        IExpr half = F.C1D2;
        IExpr z = F.Plus(half, F.Times(half, w)); // 1/2 + e^(1/beta)/2
        // the closed form, sum pi_y log(pi_y / p_y) with pi = (1/2, e^(1/beta)/2)/z and p = (1/2, 1/2)
        IExpr closed = F.Plus(F.Times(F.Times(half, F.Power(z, F.CN1)), F.Log(F.Times(F.C2, half, F.Power(z, F.CN1)))),
                F.Times(F.Times(half, w, F.Power(z, F.CN1)), F.Log(F.Times(F.C2, half, w, F.Power(z, F.CN1)))));
        // Symja's Simplify of it: (1 + w)^-1 (log(2/(1 + w)) + w log(2 w/(1 + w)))
        IExpr onePlusW = F.Plus(F.C1, w);
        IExpr presented = F.Times(F.Power(onePlusW, F.CN1), F.Plus(F.Log(F.Times(F.C2, F.Power(onePlusW, F.CN1))),
                F.Times(w, F.Log(F.Times(F.C2, w, F.Power(onePlusW, F.CN1))))));
        assertTrue(PowersAsVariables.isIdentity(symja, F.Subtract(closed, presented)));
        // the second log's argument off by a factor 1 + 10^-6: not shown equal
        IExpr off = F.Times(F.Power(onePlusW, F.CN1), F.Plus(F.Log(F.Times(F.C2, F.Power(onePlusW, F.CN1))),
                F.Times(w, F.Log(F.Times(F.QQ(2_000_002, 1_000_000), w, F.Power(onePlusW, F.CN1))))));
        assertTrue(!PowersAsVariables.isIdentity(symja, F.Subtract(closed, off)));
        // e^a, e^b and e^(a+b) are not independent: the zero test, which also says "not 0", takes no exponential
        ISymbol a = F.Dummy("a");
        ISymbol b = F.Dummy("b");
        assertEquals(Optional.empty(), PowersAsVariables.isZero(symja, F.Plus(F.Power(F.E, F.Plus(a, b)),
                F.Negate(F.Times(F.Power(F.E, a), F.Power(F.E, b))))));
    }

    @Test
    @DisplayName("symbolic bases as variables: log((1 - p)^(2n - 1) + ...) equals the Renyi divergence's closed form "
            + "written with ((1 - p)^n)^2/(1 - p), ((1 - p)/2)^n is 2^-n (1 - p)^n; near misses are not shown equal")
    void symbolicBasesAsVariables() {
        IExpr q = F.Plus(F.C1, F.Negate(P)); // 1 - p
        IExpr qn = F.Power(q, N);
        // (1 - p) ((1 - p)^n/(1 - p))^2 + p ((1 - (1 - p)^n)/p)^2, and (1 - p)^(2n - 1) + (1 - (1 - p)^n)^2/p
        IExpr closed = F.Log(F.Plus(F.Times(q, F.Sqr(F.Times(qn, F.Power(q, F.CN1)))),
                F.Times(P, F.Sqr(F.Times(F.Plus(F.C1, F.Negate(qn)), F.Power(P, F.CN1))))));
        IExpr presented = F.Log(F.Plus(F.Power(q, F.Plus(F.Times(F.C2, N), F.CN1)),
                F.Times(F.Sqr(F.Plus(F.C1, F.Negate(qn))), F.Power(P, F.CN1))));
        assertTrue(PowersAsVariables.isIdentity(symja, F.Subtract(closed, presented)));
        IExpr off = F.Log(F.Plus(F.Power(q, F.Plus(F.Times(F.C2, N), F.CN1)),
                F.Times(F.Sqr(F.Plus(F.C1, F.Negate(qn))), F.Power(P, F.CN1)), F.Times(F.QQ(1, 1_000_000), qn)));
        assertTrue(!PowersAsVariables.isIdentity(symja, F.Subtract(closed, off)));
        // a positive rational factor of the base apart: ((1 - p)/2)^n log(((1 - p)/2)^n) = 2^-n (1 - p)^n log(2^-n (1 - p)^n)
        IExpr halfQn = F.Power(F.Times(F.C1D2, q), N);
        IExpr split = F.Times(F.Power(F.C2, F.Negate(N)), qn);
        assertTrue(PowersAsVariables.isIdentity(symja, F.Subtract(F.Times(halfQn, F.Log(halfQn)),
                F.Times(split, F.Log(split)))));
        assertTrue(!PowersAsVariables.isIdentity(symja, F.Subtract(F.Times(halfQn, F.Log(halfQn)),
                F.Times(split, F.Log(F.Times(F.QQ(1_000_001, 1_000_000), split))))));
    }
}
