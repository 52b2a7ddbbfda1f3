package org.bonlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BonlabDeriveTest {

    private static final String[] BERNOULLI_KL = {"derive", "--policy", "bernoulli(p=p)", "--quantity", "kl"};

    /** Runs {@code command} with {@code extra} after it: exit code 2, {@code message} on stderr, nothing on stdout. */
    private static BonlabEvalTest.Run assertExit2(String[] command, String[] extra, String message) {
        String[] args = java.util.Arrays.copyOf(command, command.length + extra.length);
        System.arraycopy(extra, 0, args, command.length, extra.length);
        BonlabEvalTest.Run r = BonlabEvalTest.run(args);
        assertEquals(2, r.code(), String.join(" ", extra) + ": " + r.out() + r.err());
        assertTrue(r.err().contains(message), r.err());
        assertEquals("", r.out());
        return r;
    }

    @Test
    @DisplayName("bonlab derive --policy coin --quantity kl --latex: log 2 - h(2^-n), its LaTeX, limit log 2, how verified")
    void coin() {
        BonlabEvalTest.Run r = BonlabEvalTest.run("derive", "--policy", "coin", "--quantity", "kl", "--latex");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("presented:     log(2) - h(2^(-n))"), r.out());
        assertTrue(r.out().contains("LaTeX:         \\log 2 - h\\left(2^{-n}\\right)"), r.out());
        assertTrue(r.out().contains("limit n->inf:  log(2) = 0.69314718055994530"), r.out());
        assertTrue(r.out().contains("equal because: proved"), r.out());
        assertTrue(r.out().contains("cross-check:   checked numerically at 24 points"), r.out());
    }

    @Test
    @DisplayName("a symbolic parameter: bernoulli(p=p), limit -log(p)")
    void symbolicParameter() {
        BonlabEvalTest.Run r = BonlabEvalTest.run("derive", "--policy", "bernoulli(p=p)", "--quantity", "kl");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("h((1 - p)^n)"), r.out());
        assertTrue(r.out().contains("limit n->inf:  -log(p)"), r.out());
    }

    @Test
    @DisplayName("a KL on three outcomes presented with the powers as variables and proved equal that way")
    void klWithPowersAsVariables() {
        BonlabEvalTest.Run r = BonlabEvalTest.run("derive", "--policy", "uniform(L=3)", "--quantity", "kl");
        assertEquals(0, r.code(), r.err());
        // at n = 2, pi_2 = (1, 3, 5)/9: (1/9) log(1/3) + (1/3) log 1 + (5/9) log(5/3) = 0.1617239811 (mpmath), term by term the
        // printed form's (3^-2 log 3^-1, 3 * 3^-2 log(3 * 3^-1), 5 * 3^-2 log(3 (1 - 4/9)))
        assertTrue(r.out().contains("presented:     3^(-n)*log(3^(1 - n)) + (2^n - 1)*3^(-n)*log((2^n - 1)*3^(1 - n)) "
                + "+ 3^(-n)*(3^n - 2^n)*log(3*(1 - 2^n*3^(-n)))"), r.out());
        assertTrue(r.out().contains("equal because: proved: bonlab reduces closed form - presented form to 0 with the "
                + "powers p^n of primes, other powers x^n and exponentials e^x as variables"), r.out());
        assertTrue(r.out().contains("cross-check:   checked numerically at 24 points"), r.out());
    }

    @Test
    @DisplayName("symbolic spike and geometric: spike(L=3, tops=[eps]) KL tends to -log(eps); geometric(L=3, r=r) reward "
            + "tends to 2")
    void symbolicSpikeAndGeometric() {
        BonlabEvalTest.Run r = BonlabEvalTest.run("derive", "--policy", "spike(L=3, tops=[eps])", "--quantity", "kl",
                "--latex");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("\\varepsilon") && !r.out().contains("mathit{eps}"), r.out()); // eps as in the papers
        // F = (1 - eps)/2, 1 - eps, 1: the rest's two equal shares are added up as 1 - eps, not as a sum
        assertTrue(r.out().contains("(1 - (1 - eps)^n)*log((1 - (1 - eps)^n)/eps)"), r.out());
        assertTrue(r.out().contains("limit n->inf:  -log(eps)"), r.out());
        assertTrue(r.out().contains("equal because: proved"), r.out());
        // the engines bind eps at each check point (eps = 0.05 first: a value kept across points fails here)
        // (117 and 3 below 1e-15 uncounted: the presented form, through the powers as variables, with (1 - eps)^n as
        // one, cancels less than the closed form at large n, where the KL's terms are that small)
        assertTrue(r.out().contains("cross-check:   checked numerically at 117 points"), r.out());
        assertTrue(r.out().contains("presented:     2^(-n)*(1 - eps)^n*log(2^(1 - n)*(1 - eps)^(n - 1)) + "
                + "2^(-n)*(2^n - 1)*(1 - eps)^n*log(2^(1 - n)*(2^n - 1)*(1 - eps)^(n - 1)) + "
                + "(1 - (1 - eps)^n)*log((1 - (1 - eps)^n)*eps^(-1))"), r.out());
        assertTrue(r.out().contains("eps in [0.05, 0.25, 0.5, 0.75, 0.95]"), r.out());
        // as eps -> 0, with the powers of 2 as variables (PowersAsVariables): SymPy's series of the same closed form
        // gives the eps coefficient n log n - n + 1 - n (1 - 2^-n) log(2 - 2^(1-n)) + n (n-1) 2^-n log 2, and the
        // constant the coin's best-of-n KL, (1 - 2^-n) log(2 - 2^(1-n)) - (n-1) 2^-n log 2
        r = BonlabEvalTest.run("derive", "--policy", "spike(L=3, tops=[eps])", "--quantity", "kl", "--series", "eps");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("series eps->0: 2^(-n)*(2^n - 1)*log(2 - 2^(1 - n)) + 2^(-n)*log(2^(1 - n)) + "
                + "eps*(1 - n + 2^(-n)*(1 - 2^n)*n*log(2 - 2^(1 - n)) - 2^(-n)*n*log(2^(1 - n)) + n*log(n)) + O(eps^2)"),
                r.out());
        assertTrue(r.out().contains("the remainder shrinks like eps^2"), r.out());

        r = BonlabEvalTest.run("derive", "--policy", "geometric(L=3, r=r)", "--quantity", "expected_reward");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("presented:     2 - ((1 + r + r^2)^(-1))^n - ((1 + r)*(1 + r + r^2)^(-1))^n"),
                r.out());
        assertTrue(r.out().contains("cross-check:   checked numerically at 120 points"), r.out());
        // Symja's Limit gives Indeterminate here; pi_n tends to the top outcome, whose reward is 2
        assertTrue(r.out().contains("limit n->inf:  2 = 2.0000000000000000 (dominance"), r.out());

        // the Renyi divergence of order 2: log of a sum of powers of 1 - p, presented as log((1 - p)^(2n - 1) + ...),
        // proved equal with (1 - p)^n as a variable (Symja's Expand leaves it; PowerExpand would need signs)
        r = BonlabEvalTest.run("derive", "--policy", "bernoulli(p=p)", "--quantity", "renyi_divergence2");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("presented:     log((1 - p)^(2*n - 1) + (1 - (1 - p)^n)^2*p^(-1))"), r.out());
        assertTrue(r.out().contains("equal because: proved: bonlab reduces"), r.out());

        // Symja's Limit fails on the squared Hellinger distance; every x^n with x in [0, 1) goes to 0 instead
        r = BonlabEvalTest.run("derive", "--policy", "spike(L=3, tops=[eps])", "--quantity", "hellinger2");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("limit n->inf:  1 - eps^(1/2) (bonlab's vanishing powers"), r.out());

        // a symbol is for derive only
        r = BonlabEvalTest.run("eval", "--policy", "spike(L=3, tops=[eps])", "--n", "2");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("tops must be a number, but was 'eps' (a symbol is allowed by derive only)"),
                r.err());
        // several tops, symbols and numbers: each symbol is sampled below (1 - the numbers' sum)/(number of symbols),
        // so the checks never meet tops summing past 1
        r = BonlabEvalTest.run("derive", "--policy", "spike(L=4, tops=[eps, 0.1])", "--quantity", "kl");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("limit n->inf:  -log(eps)"), r.out());
        assertTrue(r.out().contains("eps in [0.05, 0.25, 0.5, 0.75, 0.95] times 0.9 for eps (so the spike's tops sum "
                + "below 1)"), r.out());
        // two symbolic tops: the win rate's limit is F_-(top) = 1 - a; at a = 3/10, b = 1/5, n = 3 the exact value is
        // 95399/160000 (by hand with fractions: F = (c, 2c, 2c + b, 1), c = (1 - a - b)/2, sum of pi_n(y) F_-(y))
        r = BonlabEvalTest.run("derive", "--policy", "spike(L=4, tops=[a, b])", "--quantity", "win_strict",
                "--solve", "a=95399/160000", "--at", "n=3", "--at", "b=1/5");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("limit n->inf:  1 - a (dominance"), r.out());
        assertTrue(r.out().contains("a, b in [0.05, 0.25, 0.5, 0.75, 0.95] times 0.5 for a and b"), r.out());
        // Symja's Solve on the cubic in a: 3/10, and a second root in the domain (mpmath: the win rate at a =
        // 0.0415898568446934941449252161399 is 95399/160000 too)
        assertTrue(r.out().contains("solved:        win_strict = 95399/160000 at a = 3/10 = 0.3\n"), r.out());
        r = BonlabEvalTest.run("derive", "--policy", "geometric(L=3, r=n)", "--quantity", "kl");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("r must not be n"), r.err());
        r = BonlabEvalTest.run("derive", "--policy", "bernoulli(p=NaN)", "--quantity", "kl"); // not a symbol's name
        assertEquals(2, r.code());
        assertTrue(r.err().contains("p must be a number, but was 'NaN'"), r.err());
    }

    @Test
    @DisplayName("--series p: KL = p (n log n - n + 1) + O(p^2) on bernoulli(p), checked at 50 digits; bad uses exit 2")
    void seriesInP() {
        BonlabEvalTest.Run r = BonlabEvalTest.run("derive", "--policy", "bernoulli(p=p)", "--quantity", "kl",
                "--series", "p", "--latex");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("series p->0: p*(1 - n + n*log(n)) + O(p^2)"), r.out());
        assertTrue(r.out().contains("  LaTeX:       p \\left(1 - n + n \\log n\\right) + O\\left(p^{2}\\right)"),
                r.out());
        assertTrue(r.out().contains("the remainder shrinks like p^2 at p = 1e-3, 1e-4, 1e-5, for n in [2, 3, 7]"),
                r.out());
        // E[KLhat] holds p^n: no power series with symbolic n, said so
        r = BonlabEvalTest.run("derive", "--policy", "bernoulli(p=p)", "--quantity", "kl_hat_mean", "--series", "p");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("series:        not reported: no expansion in p at 0: a base vanishing like p^1 is "
                + "raised to n, which is not an integer"), r.out());
        String[][] bad = {{"--series", "q"}, {"--series", "n"}, {"--series", "p", "--series-order", "7"},
            {"--series-order", "2"}, {"--series", "p^2"}};
        String[] messages = {"needs an expression that depends on q", "n is the number of samples",
            "--series-order must be between 0 and 6, but was 7", "--series-order needs --series SYMBOL",
            "--series must name a symbol such as p (expanded as p -> 0), its inverse such as 1/beta (as beta -> "
                + "infinity) or exp(-1/lambda) (as lambda -> 0, in powers of exp(-1/lambda)), but was 'p^2'"};
        for (int i = 0; i < bad.length; i++) {
            assertExit2(BERNOULLI_KL, bad[i], messages[i]);
        }
    }

    @Test
    @DisplayName("--series 'exp(-1/lambda)': soft best-of-n on the coin as lambda -> 0, best-of-n's KL plus a term in "
            + "exp(-1/lambda) whose coefficient keeps a sum over k = 1..n, checked at 50 digits; --series lambda says "
            + "there is no power series")
    void seriesInExponentialOfTemperature() {
        BonlabEvalTest.Run r = BonlabEvalTest.run("derive", "--policy", "coin", "--quantity", "soft_kl", "--series",
                "exp(-1/lambda)", "--latex");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("series lambda->0: ") && r.out().contains("exp(-1/lambda)*")
                && r.out().contains("sum(") && r.out().contains("k = 1..n)") && r.out().contains("+ O(exp(-2/lambda))"),
                r.out());
        assertTrue(r.out().contains("O\\left(e^{\\frac{-2}{\\lambda}}\\right)"), r.out());
        assertTrue(r.out().contains("the remainder shrinks like exp(-1/lambda)^2 at exp(-1/lambda) = 1e-3, 1e-4, 1e-5"),
                r.out());
        assertExit2(new String[] {"derive", "--policy", "coin", "--quantity", "soft_kl"}, new String[] {"--series",
            "exp(-1/)"}, "--series must name a symbol such as p");
    }

    @Test
    @DisplayName("--derivative and --stationary: vBoN's J(theta) on the coin is maximal at theta = 1 - 2^(-n) "
            + "(pi_theta is then best-of-n); bad uses exit 2")
    void calculusOnVbonObjective() {
        BonlabEvalTest.Run r = BonlabEvalTest.run("derive", "--policy", "coin", "--quantity", "vbon_j",
                "--derivative", "theta", "--stationary", "theta");
        assertEquals(0, r.code(), r.err());
        // by hand: dJ/dtheta = log((1 - theta)/2^-n) - log(theta/(1 - 2^-n)), zero where theta = 1 - 2^-n
        assertTrue(r.out().contains("d/dtheta:      log(2^n*(1 - theta)) - log((1 - 2^(-n))^(-1)*theta)"), r.out());
        assertTrue(r.out().contains("method:      Symja D on the closed form (a sum of logs"), r.out());
        assertTrue(r.out().contains("stationary:    theta = 1 - 2^(-n) (maximum)"), r.out());
        assertTrue(r.out().contains("checked numerically at 9 points"), r.out());
        // as n grows, J = -(1 - theta) log((1 - theta) 2^n) - theta log(theta/(1 - 2^-n)) ~ -(1 - theta) n log 2:
        // Symja's Limit leaves log(2^n) unevaluated (and gives 0 for J/n); the coefficient of n read off the form
        // (log((1 - theta)/2^-n) grows like n log 2, log(theta/(1 - 2^-n)) has a limit), confirmed by the numbers
        assertTrue(r.out().contains("limit n->inf:  diverges like ((theta - 1)*log(2))*n, to -infinity where it "
                + "is negative") && r.out().contains("bonlab's linear growth: the coefficient of n read off the closed "
                + "form"), r.out());
        // on bernoulli(p) the same reading: log((1 - theta)/(1 - p)^n) grows like -n log(1 - p) (Symja's coefficient,
        // before, was log(1 - p) - theta*log(1 - p), the same)
        r = BonlabEvalTest.run("derive", "--policy", "bernoulli(p=p)", "--quantity", "vbon_j");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("limit n->inf:  diverges like ((1 - theta)*log(1 - p))*n"), r.out());
        String[][] bad = {{"--derivative", "n"}, {"--stationary", "1+x"}, {"--derivative", "q"}, {"--solve", "theta"},
            {"--solve", "theta=half"}, {"--solve", "theta=nope(n=4)"}};
        String[] messages = {"--derivative names a continuous parameter; n is the number of samples",
            "--stationary must name a symbol such as p or theta, but was '1+x'",
            "a derivative in q needs a quantity that depends on q",
            "--solve must be SYMBOL=VALUE such as n=1/2 or beta=0.75, but was 'theta'",
            "--solve value must be a number such as 0.5 or 1/2, or a quantity at a fixed n such as kl(n=4), but was "
                + "'half'", "--solve value nope(n=4) must name a quantity of ["};
        for (int i = 0; i < bad.length; i++) {
            assertExit2(new String[] {"derive", "--policy", "coin", "--quantity", "vbon_j"}, bad[i], messages[i]);
        }
        // the tilted optimum with symbolic beta (Eq. (2) of Amini et al.): E[r] = sigma(1/beta) on the coin
        // and at high temperature, in 1/beta: sigma(x) = 1/2 + x/4 - x^3/48 + O(x^5)
        r = BonlabEvalTest.run("derive", "--policy", "coin", "--quantity", "tilted_reward", "--series", "1/beta",
                "--series-order", "3", "--solve", "beta=3/4", "--latex");
        assertEquals(0, r.code(), r.err());
        // sigma(1/beta) = 3/4 where 1/beta = log 3: beta = 1/log 3 = 0.91023922662683739361424016573610700 (mpmath)
        assertTrue(r.out().contains("solved:        tilted_reward = 3/4 at beta = log(3)^(-1) = "
                + "0.910239226626837393614240165736\n  LaTeX:       \\left(\\log 3\\right)^{-1}"), r.out());
        assertTrue(r.out().contains("presented:     exp(beta^(-1))*(1 + exp(beta^(-1)))^(-1)"), r.out());
        assertTrue(r.out().contains("equal because: proved"), r.out());
        // no n in it: no Limit taken, and none printed as if it were one
        assertTrue(r.out().contains("limit n->inf:  exp(beta^(-1))*(1 + exp(beta^(-1)))^(-1) [LaTeX ")
                && r.out().contains("(the closed form does not contain n; proved: the quantity does not depend on n)"),
                r.out());
        assertTrue(r.out().contains("series beta->inf: 1/2 + 1/4*(1/beta) - 1/48*(1/beta)^3 + O(beta^(-4))"), r.out());
        // the tilted KL's presented form, with the normaliser 1 + e^(1/beta) in denominators and logs: proved equal with
        // e^(1/beta) as a variable (it was only checked numerically before)
        BonlabEvalTest.Run kl = BonlabEvalTest.run("derive", "--policy", "coin", "--quantity", "tilted_kl");
        assertEquals(0, kl.code(), kl.err());
        assertTrue(kl.out().contains("equal because: proved: bonlab reduces closed form - presented form to 0 with the "
                + "powers p^n of primes, other powers x^n and exponentials e^x as variables"), kl.out());
        // neither the quantity (its policies included) nor the form reads n: the cross-check takes one n, and says so
        assertTrue(r.out().contains("cross-check:   checked numerically at 5 points") && r.out().contains(
                "at n = 1 only (neither the quantity nor the form involves n), beta in [0.05, 0.25, 0.5, 0.75, 0.95]"),
                r.out());
        assertTrue(r.out().contains("the remainder shrinks like 1/beta^4 at 1/beta = 1e-3, 1e-4, 1e-5"), r.out());
        r = BonlabEvalTest.run("derive", "--policy", "uniform(L=3)", "--quantity", "vbon_j");
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("--quantity must be one of"), r.err());
        // soft best-of-n (soft_kl, symbolic lambda) is derived on two outcomes only (SymbolicEngineTest.softBestOf...)
        r = BonlabEvalTest.run("derive", "--policy", "uniform(L=3)", "--quantity", "soft_kl");
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("--quantity must be one of")
                && !r.err().substring(0, r.err().indexOf("but was")).contains("soft_kl"), r.err());
    }

    @Test
    @DisplayName("--at n=4 fixes n to solve bernoulli(p)'s KL for p (two roots, against mpmath); --at mistakes exit 2 "
            + "before any derivation")
    void calculusWithAParameterFixed() {
        BonlabEvalTest.Run r = BonlabEvalTest.run("derive", "--policy", "bernoulli(p=p)", "--quantity", "kl",
                "--solve", "p=1/10", "--at", "n=4");
        assertEquals(0, r.code(), r.err());
        // mpmath, 40 digits: findroot of (1-p)^4 log((1-p)^3) + (1-(1-p)^4) log((1-(1-p)^4)/p) - 1/10 from 0.04
        // and from 0.9: 0.04189207834009473199302348190303793604909, 0.9042178912804870580261369261122221868641
        assertTrue(r.out().contains("fixed:         n = 4 (--at, for the series and calculus below)"), r.out());
        assertTrue(r.out().contains("solved:        kl = 1/10 at p = 0.0418920783400947319930234819030\n"), r.out());
        assertTrue(r.out().contains("solved:        kl = 1/10 at p = 0.904217891280487058026136926112\n"), r.out());
        // without --at, n stays free and no numeric root is possible: the output says what to fix
        String[][] bad = {{"--solve", "p=1/10", "--at", "q=1"}, {"--solve", "p=1/10", "--at", "n=0"},
            {"--solve", "p=1/10", "--at", "n=5/2"}, {"--at", "n=2"}, {"--solve", "p=1/10", "--at", "p=1/2"},
            {"--solve", "p=1/10", "--at", "n=2", "--at", "n=3"}, {"--solve", "n=1/10", "--at", "p=2"},
            {"--solve", "n=1/10", "--at", "p=half"}};
        String[] messages = {"--at q=...: the quantity's closed form has the parameters [n, p], and q is not one of them",
            "--at n=0: n is the number of samples, a positive integer, but was 0",
            "--at n=5/2: n is the number of samples, a positive integer, but was 5/2",
            "--at fixes a parameter for --series, --solve, --stationary or --derivative, but none of them was given",
            "--at p=1/2 fixes p, the symbol the series or calculus is in; fix the other parameters",
            "--at fixes n twice", "--at p=2: bernoulli p must be in [0, 1], but was 2",
            "--at p=half: the value must be a number such as 4, 0.5 or 1/3, but was 'half'"};
        for (int i = 0; i < bad.length; i++) {
            r = assertExit2(BERNOULLI_KL, bad[i], messages[i]);
            assertEquals(1, r.err().lines().count(), r.err());
        }
        assertExit2(BERNOULLI_KL, new String[] {"--series", "p", "--at", "p=1/2"},
                "--at p=1/2 fixes p, the symbol the series or calculus is in; fix the other parameters");
    }

    @Test
    @DisplayName("--series p --at n=4: bernoulli(p)'s KL at n = 4 as p -> 0, p (4 log 4 - 3) + p^2 (9/2 - 6 log 4), "
            + "the coefficients of p (n log n - n + 1) at n = 4")
    void seriesWithAParameterFixed() {
        BonlabEvalTest.Run r = BonlabEvalTest.run("derive", "--policy", "bernoulli(p=p)", "--quantity", "kl",
                "--series", "p", "--series-order", "2", "--at", "n=4");
        assertEquals(0, r.code(), r.err());
        // mpmath, 40 digits: (KL(1e-4) - p (log 256 - 3)) / p^2 = -3.8176616478, against 9/2 - 6 log 4 =
        // -3.8177661667 (the next term is O(p^3))
        assertTrue(r.out().contains("fixed:         n = 4 (--at, for the series and calculus below)\n"
                + "series p->0: p*(log(256) - 3) + p^2*(9/2 - 6*log(4)) + O(p^3)\n"), r.out());
        assertTrue(r.out().contains("the remainder shrinks like p^3"), r.out());
    }

    @Test
    @DisplayName("uniform(L=L) with L symbolic and n fixed: win rates in closed form (Faulhaber) with limit n/(n+1), "
            + "the KL as a sum with limit log n - (n-1)/n (Eq. (5)'s origin); mistakes exit 2")
    void uniformWithSymbolicSize() {
        BonlabEvalTest.Run r = BonlabEvalTest.run("derive", "--policy", "uniform(L=L)", "--n", "3", "--quantity",
                "win_half");
        assertEquals(0, r.code(), r.err());
        // by SymPy's summation: (3 L^2 - 1)/(4 L^2) at n = 3
        assertTrue(r.out().contains("closed form:   1/4*L^(-2)*(3*L^2 - 1)"), r.out());
        assertTrue(r.out().contains("limit L->inf:  3/4 = 0.75000000000000000 (Symja Limit"), r.out());
        assertTrue(r.out().contains("checked numerically at 12 points"), r.out());
        r = BonlabEvalTest.run("derive", "--policy", "uniform(L=L)", "--n", "3", "--quantity", "kl");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("limit L->inf:  log(3) - 2/3 = 0.43194562200144315 (the Riemann sum"), r.out());
        // the rate: L^2 (log 3 - 2/3 - KL) = 0.49991639519357 at L = 1000 and 0.499991638019357 at 10^4 (mpmath,
        // 40 digits, the sum over i = 1..L) against n(n-1)^2/(24(n-2)) = 1/2
        assertTrue(r.out().contains("rate L->inf:   log n - (n-1)/n - KL = 1/(2*L^2) + o(L^-2) (bonlab's "
                + "small-probability regime form"), r.out());
        assertTrue(r.out().matches("(?s).*= 0\\.499916[34]\\d at L = 1000, 0\\.4999916\\d at L = 10000 against 1/2.*"),
                r.out());
        // n = 3: the L^-3 term S_3 = sum_{i >= 1} (j(i) - 1/2) = -0.0836214731 (mpmath)
        assertTrue(r.out().contains("next term:     log n - (n-1)/n - KL = 1/(2*L^2) - 0.08362147309/L^3 + O(L^-4)"),
                r.out());
        // n = 5: the next term -4/(9 L^4) (mpmath's L^4 (gap - (10/9)/L^2) is -0.4434182 at L = 200)
        r = BonlabEvalTest.run("derive", "--policy", "uniform(L=L)", "--n", "5", "--quantity", "kl");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("next term:     log n - (n-1)/n - KL = 10/(9*L^2) - 4/(9*L^4) + O(L^-5) "
                + "(Euler-Maclaurin for the midpoint sums of the cells' Jensen gaps"), r.out());
        assertTrue(r.out().matches("(?s).*= -0\\.44341[89] at L = 200.*"), r.out()); // doubles: to about 1e-6
        // n = 4: a log term, then the constant C_4 in closed form (Hurwitz zeta derivatives; mpmath -0.10618584017263)
        r = BonlabEvalTest.run("derive", "--policy", "uniform(L=L)", "--n", "4", "--quantity", "kl");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("next term:     log n - (n-1)/n - KL = 3/(4*L^2) - 7*log(L)/(80*L^4) - "
                + "0.1061858402/L^4 + O(L^-5) ("), r.out());
        assertTrue(r.out().contains("C_4 = 13/480 + 4 zeta'(-3, 1/2)"), r.out());
        // n = 2: the L^-2 constant C_2 = log A - log(2)/12 = 0.19099221199 (mpmath: log(glaisher) - log(2)/12), then
        // 7/(2880 L^4)
        r = BonlabEvalTest.run("derive", "--policy", "uniform(L=L)", "--n", "2", "--quantity", "kl");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("next term:     log n - (n-1)/n - KL = log(L)/(12*L^2) + 0.190992212/L^2 + "
                + "7/(2880*L^4) + O(L^-6) ("), r.out());
        assertTrue(r.out().contains("C_2 = log A - log(2)/12, A the Glaisher-Kinkelin constant"), r.out());
        r = BonlabEvalTest.run("derive", "--policy", "uniform(L=L)", "--n", "3", "--quantity", "expected_reward");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("limit L->inf:  diverges to +infinity"), r.out());
        String[][] bad = {{"--policy", "uniform(L=L)", "--quantity", "win_half"},
            {"--policy", "uniform(L=L)", "--n", "3", "--quantity", "tv"},
            {"--policy", "uniform(L=L)", "--n", "41", "--quantity", "win_half"},
            {"--policy", "coin", "--n", "3", "--quantity", "kl"}};
        String[] messages = {"give a fixed n with --n N (1 to 40)", "the quantity must be one of [win_half, "
            + "win_strict, expected_reward, kl], but was 'tv'", "n must be a fixed integer from 1 to 40, but was 41",
            "--n fixes n for a policy with a symbolic number of outcomes"};
        for (int k = 0; k < bad.length; k++) {
            String[] args = new String[bad[k].length + 1];
            args[0] = "derive";
            System.arraycopy(bad[k], 0, args, 1, bad[k].length);
            r = BonlabEvalTest.run(args);
            assertEquals(2, r.code(), r.out() + r.err());
            assertTrue(r.err().contains(messages[k]), r.err());
            assertEquals("", r.out());
        }
    }

    @Test
    @DisplayName("the families the README lists derive, with limits confirmed (geometric L = 8, r = 1/2 tends to log 255)")
    void families() {
        // (uniform(L=3), limit log 3, is derived in SymbolicEngineTest)
        String[][] cases = {{"geometric(L=8, r=1/2)", "log(255)"}, {"zipf(L=5, s=2)", "log(5269/144)"},
            {"bernoulli(p=1/3)", "log(3)"}};
        for (String[] c : cases) {
            BonlabEvalTest.Run r = BonlabEvalTest.run("derive", "--policy", c[0], "--quantity", "kl");
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().contains("limit n->inf:  " + c[1]), c[0] + ": " + r.out());
            assertTrue(r.out().contains("cross-check:   checked numerically"), r.out());
        }
    }

    @Test
    @DisplayName("--tex writes a standalone LaTeX document")
    void texDocument(@TempDir Path dir) throws Exception {
        Path tex = dir.resolve("coin.tex");
        BonlabEvalTest.Run r = BonlabEvalTest.run("derive", "--policy", "coin", "--quantity", "win_half", "--tex",
                tex.toString());
        assertEquals(0, r.code(), r.err());
        String doc = Files.readString(tex);
        assertTrue(doc.startsWith("\\documentclass{article}") && doc.contains("\\end{document}"), doc);
        assertTrue(doc.contains("\\lim_{n \\to \\infty}"), doc);
    }

    @Test
    @DisplayName("--regimes: the coin's large-n form, checked, and why there is no small-n regime")
    void regimes() {
        BonlabEvalTest.Run r = BonlabEvalTest.run("derive", "--policy", "coin", "--quantity", "kl", "--regimes");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("regime:        n eps_inf >> 1: log(2) - 2^(-n)*(n*log(2) + 1) + o(2^(-n))"),
                r.out());
        assertTrue(r.out().contains("  check:       checked numerically at 4 points"), r.out());
        assertTrue(r.out().contains("no regime:     n max p << 1: max p = 0.500"), r.out());
    }

    @Test
    @DisplayName("uniform(300), beyond the outcomes written out one by one: KL as one sum over the outcomes, its limit "
            + "log 300, checked against the engine")
    void uniformBeyondWrittenOutAsASum() {
        BonlabEvalTest.Run r = BonlabEvalTest.run("derive", "--policy", "uniform(L=300)", "--quantity", "kl",
                "--latex");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("closed form:   sum(((i/300)^n - ((i - 1)/300)^n)*log(300*((i/300)^n - "
                + "((i - 1)/300)^n)), i = 1..300)"), r.out());
        assertTrue(r.out().contains("LaTeX:         \\sum_{i=1}^{300}"), r.out());
        assertTrue(r.out().contains("limit n->inf:  log(300) = 5.7037824746562010"), r.out());
        assertTrue(r.out().contains("cross-check:   checked numerically at 29 points"), r.out());
    }

    @Test
    @DisplayName("a bound of Beirami et al.: Thm 2 on the coin is 2n(n-1) e^{-H_2(p)}")
    void bound() {
        BonlabEvalTest.Run r = BonlabEvalTest.run("derive", "--policy", "coin", "--quantity", "gap_bound_thm2",
                "--latex");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("LaTeX:         2 n \\left(n - 1\\right) e^{-H_{2}\\left(p\\right)}"), r.out());
        assertTrue(r.out().contains("equal because: proved"), r.out());
    }

    @Test
    @DisplayName("bad input: unknown quantity, inexact policy, too many outcomes: exit 2, one line, nothing on stdout")
    void badInput() {
        for (String[] args : new String[][] {
            {"derive", "--policy", "coin", "--quantity", "entropy"},
            {"derive", "--policy", "zipf(L=5, s=1.1)", "--quantity", "kl"},
            {"derive", "--policy", "uniform(L=1000)", "--quantity", "win_strict"},
            {"derive", "--policy", "coin"},
            {"derive", "--policy", "coin", "--quantity", "win_half", "--regimes"},
        }) {
            BonlabEvalTest.Run r = BonlabEvalTest.run(args);
            assertEquals(2, r.code(), String.join(" ", args) + ": " + r.err());
            assertEquals("", r.out());
            assertEquals(1, r.err().lines().count(), r.err());
        }
    }

    @org.junit.jupiter.api.Test
    @org.junit.jupiter.api.DisplayName("derive outcome-level definitions: chi_square of the coin, and a spec's own quantity (--spec)")
    void definitions() {
        BonlabEvalTest.Run chi = BonlabEvalTest.run("derive", "--policy", "coin", "--quantity", "chi_square");
        org.junit.jupiter.api.Assertions.assertEquals(0, chi.code(), chi.err());
        org.junit.jupiter.api.Assertions.assertTrue(chi.out().contains("presented:     (1 - 2^(1 - n))^2")
                && chi.out().contains("limit n->inf:  1 = 1.0000000000000000"), chi.out());
        BonlabEvalTest.Run user = BonlabEvalTest.run("derive", "--policy", "coin", "--quantity", "h2", "--spec",
                java.nio.file.Path.of("specs", "UserQuantities.java").toString());
        org.junit.jupiter.api.Assertions.assertEquals(0, user.code(), user.err());
        org.junit.jupiter.api.Assertions.assertTrue(user.out().contains("limit n->inf:  1 - 2^(-1/2)")
                && user.out().contains("cross-check:   checked numerically at 24 points"), user.out());
    }

    @org.junit.jupiter.api.Test
    @org.junit.jupiter.api.DisplayName("derive --pmf FILE: a policy from a CSV file, probabilities read exactly; exactly one source")
    void fromAPmfFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path f = java.nio.file.Files.writeString(dir.resolve("q.csv"),
                "outcome,probability,reward\na,0.25,0\nb,0.75,1\n");
        BonlabEvalTest.Run r = BonlabEvalTest.run("derive", "--pmf", f.toString(), "--quantity", "kl");
        org.junit.jupiter.api.Assertions.assertEquals(0, r.code(), r.err());
        org.junit.jupiter.api.Assertions.assertTrue(r.out().contains("closed form:   4^(-n)*log(4^(-n)/(1/4))"), r.out());
        BonlabEvalTest.Run none = BonlabEvalTest.run("derive", "--quantity", "kl");
        org.junit.jupiter.api.Assertions.assertEquals(2, none.code());
        org.junit.jupiter.api.Assertions.assertTrue(none.err().contains("give exactly one of --policy SPEC and --pmf FILE"),
                none.err());
    }

    @Test
    @DisplayName("Symja is not loaded at start-up only for the derivations that never call it (uniform(L) KL, L symbolic)")
    void symjaLoadedOnlyWhereUsed() {
        assertTrue(DeriveCommand.derivesWithoutSymja(new String[] {"derive", "--policy", "uniform(L=L)", "--n", "3",
            "--quantity", "kl"}));
        assertTrue(DeriveCommand.derivesWithoutSymja(new String[] {"derive", "--quantity=kl", "--policy=uniform( L = M )",
            "--n", "2", "--latex"}));
        // the win rates and the expected reward have their Faulhaber sums put together and factored by Symja; a numeric size is a policy like any
        String[][] symja = {{"derive", "--policy", "uniform(L=L)", "--n", "3", "--quantity", "win_half"},
            {"derive", "--policy", "uniform(L=1000)", "--quantity", "kl"}, {"derive", "--policy", "coin", "--quantity",
                "kl"}, {"derive", "--policy", "uniform(L=L)", "--n", "3"}, {"derive", "--quantity", "kl", "--policy"}};
        for (String[] args : symja) {
            assertTrue(!DeriveCommand.derivesWithoutSymja(args), String.join(" ", args));
        }
    }
}
