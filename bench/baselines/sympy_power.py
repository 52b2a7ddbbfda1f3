"""SymPy baselines for bench/symbolic-power.sh: the derivations of the symbolic-power benchmark, one per case.

Usage: python3 sympy_power.py CASE   (CASE 1..10, or 0 for all ten in one process, each timed)
Each case does what the matching bonlab command prints (closed form, series, derivative, stationary point or
limit); SymPy does not re-check its results numerically, as bonlab does.
"""
import sys
import time

import sympy as sp

p, n, t, b, x, L, i, u = sp.symbols('p n t beta x L i u', positive=True)


def kl_bernoulli():
    return (1 - p) ** n * (n - 1) * sp.log(1 - p) + (1 - (1 - p) ** n) * sp.log((1 - (1 - p) ** n) / p)


def vbon_j():
    return -((1 - t) * sp.log((1 - t) * 2 ** n) + t * sp.log(t / (1 - 2 ** -n)))


def tilted(beta_or_inverse, inverse=False):
    w = sp.exp(x) if inverse else sp.exp(1 / beta_or_inverse)
    pi1 = w / (1 + w)
    return pi1, 1 - pi1


def case(k):
    if k == 1:  # KL on bernoulli(p) as p -> 0, to p^2
        s = sp.series(kl_bernoulli(), p, 0, 3).removeO()
        return [sp.factor(sp.simplify(s.coeff(p, j))) for j in (1, 2)]
    if k == 2:  # E[r] = 1 - (1-p)^n as p -> 0, to p^3
        return sp.series(1 - (1 - p) ** n, p, 0, 4)
    if k == 3:  # vBoN J(theta) on the coin: where dJ/dtheta = 0
        return sp.solve(sp.diff(vbon_j(), t), t)
    if k == 4:  # dJ/dtheta
        return sp.simplify(sp.diff(vbon_j(), t))
    if k == 5:  # the tilted optimum's expected reward on the coin, from its definition
        w0, w1 = sp.Rational(1, 2), sp.Rational(1, 2) * sp.exp(1 / b)
        return sp.simplify(w1 / (w0 + w1))
    if k == 6:  # ... at high temperature, in 1/beta to (1/beta)^3
        pi1, _ = tilted(None, inverse=True)
        return sp.series(pi1, x, 0, 4)
    if k == 7:  # KL(tilted || coin) in 1/beta to (1/beta)^2
        pi1, pi0 = tilted(None, inverse=True)
        kl = pi1 * sp.log(2 * pi1) + pi0 * sp.log(2 * pi0)
        return sp.series(kl, x, 0, 3)
    if k in (8, 9):  # win rate (ties half) of best-of-n on uniform(L), L symbolic: Faulhaber, then L -> oo
        m = 3 if k == 8 else 10
        w = sp.factor(sp.summation((i ** m - (i - 1) ** m) * (2 * i - 1), (i, 1, L)) / (2 * L ** (m + 1)))
        return w, sp.limit(w, L, sp.oo)
    if k == 10:  # the KL of uniform(L) as L -> oo at n = 3: the Riemann sum's integral
        return sp.simplify(sp.integrate(3 * u ** 2 * sp.log(3 * u ** 2), (u, 0, 1)))
    raise SystemExit("case must be 0..10")


if __name__ == '__main__':
    k = int(sys.argv[1])
    if k == 0:
        for j in range(1, 11):
            sp.core.cache.clear_cache()
            t0 = time.perf_counter()
            case(j)
            print(f"case {j}: {time.perf_counter() - t0:.3f} s")
    else:
        print(case(k))
