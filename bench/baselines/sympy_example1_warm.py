#!/usr/bin/env python3
"""Peer baseline, warm: the work of sympy_example1.py (derive the fair coin's best-of-n KL, compare it with
log 2 - h(2^-n), take the limit, print LaTeX) K times in one process after one import of SymPy; prints the time of
each derivation. Usage: sympy_example1_warm.py K"""
import sys
import time
import sympy as sp

def derive():
    sp.core.cache.clear_cache()  # each derivation from scratch, as a new question would be
    n = sp.symbols('n', positive=True, integer=True)
    h = lambda t: -t*sp.log(t) - (1-t)*sp.log(1-t)
    pi0, pi1, p = 2**-n, 1 - 2**-n, sp.Rational(1, 2)
    kl = pi0*sp.log(pi0/p) + pi1*sp.log(pi1/p)
    simp = sp.simplify(kl)
    target = sp.log(2) - h(2**-n)
    same = sp.simplify(sp.expand_log(kl - target, force=True))
    lim = sp.limit(kl, n, sp.oo)
    return simp, same, lim, sp.latex(simp)

for k in range(int(sys.argv[1]) if len(sys.argv) > 1 else 10):
    t0 = time.perf_counter()
    derive()
    print(f"derivation {k + 1}: {time.perf_counter() - t0:.3f} s")
