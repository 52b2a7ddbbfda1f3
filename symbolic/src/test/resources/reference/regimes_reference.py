"""Reference values for the regime tests of bonlab's symbolic module (RegimesTest).

Exact KL(pi_n || p) of best-of-n (Lemma 1 of Beirami et al.: pi_i = F_i^n - F_{i-1}^n, rewards ascending)
and the gap log n - (n-1)/n - KL, computed with mpmath at 80 significant digits and printed to 30.
Run: python3 regimes_reference.py > regimes_reference.csv
"""
from mpmath import mp, mpf, log

mp.dps = 80


def kl(probs, n):
    f = mpf(0)
    total = mpf(0)
    for p in probs:
        g = f + p
        pi = g ** n - f ** n
        if pi > 0:
            total += pi * log(pi / p)
        f = g
    return total


def main():
    rows = []
    top = mpf(1) / 10000
    spike = [(1 - top) / 4] * 4 + [top]          # Figure 3 (left): spike(L=5, tops=[1e-4]), top ranked last
    for n in (100000, 200000):
        rows.append(("spike5", n, "kl", kl(spike, n)))
    uniform = [mpf(1) / 1000] * 1000               # Figure 2: uniform(L=1000)
    for n in (3, 10, 30):
        rows.append(("uniform1000", n, "gap", log(n) - mpf(n - 1) / n - kl(uniform, n)))
    print("policy,n,quantity,value")
    for policy, n, q, v in rows:
        print(f"{policy},{n},{q},{mp.nstr(v, 30)}")


if __name__ == "__main__":
    main()
