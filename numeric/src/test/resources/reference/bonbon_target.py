"""Reference values for the BoNBoN target (Gui et al. 2024): the best-vs-worst gap of the best-of-n log-ratio,
sum_i (pi_n(i) - w_n(i)) log(pi_n(i)/p_i) with pi_n(i) = F_i^n - F_{i-1}^n (Lemma 1 of Beirami et al.) and the
worst-of-n probabilities w_n(i) = (1 - F_{i-1})^n - (1 - F_i)^n; and its continuum value (n-1) H_{n-1}.
mpmath at 80 digits, printed to 30. Outcomes in ascending reward order.
Run: python3 bonbon_target.py > bonbon_target.csv"""
from mpmath import mp, mpf, log, fsum, nstr

mp.dps = 80
CASES = {
    "coin": (["1/2", "1/2"], [2, 3, 10]),
    "pmf235": (["0.2", "0.3", "0.5"], [2, 5, 50]),
    "uniform1000": (["1/1000"] * 1000, [2, 8]),
    "uniform10000": (["1/10000"] * 10000, [8]),
}


def parse(x):
    if "/" in x:
        a, b = x.split("/")
        return mpf(a) / mpf(b)
    return mpf(x)


print("case,n,target,continuum")
for name, (probs, ns) in CASES.items():
    p = [parse(x) for x in probs]
    for n in ns:
        F, prev, terms = mpf(0), mpf(0), []
        for i, pi_ in enumerate(p):
            F = mpf(1) if i == len(p) - 1 else F + pi_
            best = F**n - prev**n
            worst = (1 - prev)**n - (1 - F)**n
            terms.append((best - worst) * log(best / pi_))
            prev = F
        continuum = (n - 1) * fsum(mpf(1) / k for k in range(1, n))
        print(f"{name},{n},{nstr(fsum(terms), 30)},{nstr(continuum, 30)}")
