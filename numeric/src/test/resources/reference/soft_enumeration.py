"""Reference values for soft best-of-n (Aminian et al.): exact enumeration of every multiset of n draws with its
multinomial probability, each draw selected with probability w(y) count(y) / sum of the multiset's weights,
w = exp(r / lambda); 40 significant digits with mpmath. Writes soft_enumeration.csv (probabilities in the
order of the outcomes as given, separated by ';'). Run: python3 soft_enumeration.py > soft_enumeration.csv"""
from collections import Counter
from itertools import combinations_with_replacement
from math import factorial
from mpmath import mp, mpf, exp, log

mp.dps = 40
CASES = [  # p, r, n, lambda: rare best outcomes and (r_max - r_min) / lambda from 20 to 667
    (["0.5", "0.3", "0.15", "0.0498", "0.0002"], ["0", "0.2", "0.5", "0.8", "1"], 3, "0.005"),
    (["0.5", "0.3", "0.15", "0.0498", "0.0002"], ["0", "0.2", "0.5", "0.8", "1"], 7, "0.002"),
    (["0.9", "0.09", "0.009", "0.001"], ["0", "0.1", "0.5", "1"], 5, "0.0015"),
    (["0.6", "0.4"], ["0", "1"], 4, "0.01"),
    (["0.2", "0.3", "0.5"], ["1", "0", "0.5"], 6, "0.05"),
    (["0.999", "0.000999", "0.000001"], ["0", "0.5", "1"], 4, "0.0016"),
]


def soft(p, r, n, lam):
    p = [mpf(x) for x in p]
    w = [exp(mpf(x) / mpf(lam)) for x in r]
    pi = [mpf(0)] * len(p)
    for ms in combinations_with_replacement(range(len(p)), n):
        c = Counter(ms)
        pr = mpf(factorial(n))
        for k, v in c.items():
            pr = pr / factorial(v) * p[k] ** v
        tot = sum(w[k] * v for k, v in c.items())
        for k, v in c.items():
            pi[k] += pr * v * w[k] / tot
    return pi


print("p,r,n,lambda,kl,pi")
for p, r, n, lam in CASES:
    q = soft(p, r, n, lam)
    kl = sum(qi * log(qi / mpf(pi)) for qi, pi in zip(q, p) if qi > 0)
    print(";".join(p), ";".join(r), n, lam, mp.nstr(kl, 30), ";".join(mp.nstr(x, 30) for x in q), sep=",")
