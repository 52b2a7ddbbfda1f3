"""Reference values for divergences of best-of-n to its base policy, defined outcome by outcome:
pi_n(i) = F_i^n - F_{i-1}^n (Lemma 1 of Beirami et al.), with mpmath at 80 digits, printed to 30.
Columns: tv = 1/2 sum |pi - p|; hellinger2 = 1/2 sum (sqrt(pi) - sqrt(p))^2; renyi2 and renyi_half =
1/(a-1) log sum pi^a p^(1-a) for a = 2 and 1/2; chi2 = sum pi^2/p - 1; kl = sum pi log(pi/p);
lemma2 = sum pi log((1 - (1-p)^n)/p) (Eq. 23). Outcomes in ascending reward order.
Run: python3 divergences.py > divergences.csv"""
from mpmath import mp, mpf, log, sqrt, fsum, nstr

mp.dps = 80
CASES = {
    "coin": ["1/2", "1/2"],
    "uniform10": ["1/10"] * 10,
    "fig3left": ["0.249975"] * 4 + ["0.0001"],
    "pmf1234": ["0.1", "0.2", "0.3", "0.4"],
}
NS = [1, 2, 10, 1000]


def parse(x):
    if "/" in x:
        a, b = x.split("/")
        return mpf(a) / mpf(b)
    return mpf(x)


print("case,n,tv,hellinger2,renyi2,renyi_half,chi2,kl,lemma2")
for name, probs in CASES.items():
    p = [parse(x) for x in probs]
    for n in NS:
        F, pi, prev = mpf(0), [], mpf(0)
        for i, x in enumerate(p):
            F = F + x if i < len(p) - 1 else mpf(1)
            pi.append(F ** n - prev)
            prev = F ** n
        tv = fsum(abs(a - b) for a, b in zip(pi, p)) / 2
        h2 = fsum((sqrt(a) - sqrt(b)) ** 2 for a, b in zip(pi, p)) / 2
        r2 = log(fsum(a ** 2 / b for a, b in zip(pi, p)))
        rh = log(fsum(sqrt(a * b) for a, b in zip(pi, p))) / (mpf(1) / 2 - 1)
        chi2 = fsum(a ** 2 / b for a, b in zip(pi, p)) - 1
        kl = fsum(a * log(a / b) for a, b in zip(pi, p) if a > 0)
        l2 = fsum(a * log((1 - (1 - b) ** n) / b) for a, b in zip(pi, p) if a > 0)
        print(name, n, *(nstr(v, 30) for v in (tv, h2, r2, rh, chi2, kl, l2)), sep=",")
