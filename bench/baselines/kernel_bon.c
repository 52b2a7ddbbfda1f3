/*
 * The limit reference for the KL sweep: a tight C kernel of the same stable log-space formula as bonlab's
 * BestOfKl (log pi_i = n a_i + log(1 - e^{n b_i}), a_i = log F_i, b_i = log(F_{i-1}/F_i), -1e300 at the bottom: fast
 * math assumes no infinities), with the same
 * underflow skip, on zipf(L, s=1.1) at the distinct rounded values of logspace(0, 6, G). Built with
 * gcc -O3 -march=native -ffast-math, so that gcc vectorises log and exp (glibc's libmvec); plain summation.
 * Prints the CPU time of the preparation and of the sweep, and the sum of the KL values as a checksum.
 * Usage: kernel_bon L G
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double cpu(void) {
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return t.tv_sec + 1e-9 * t.tv_nsec;
}

static int cmp(const void *x, const void *y) {
    double a = *(const double *)x, b = *(const double *)y;
    return a < b ? -1 : a > b;
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: kernel_bon L G\n");
        return 2;
    }
    long L = atol(argv[1]);
    int G = atoi(argv[2]);
    double t0 = cpu();
    double *lp = malloc(L * sizeof *lp), *a = malloc(L * sizeof *a), *b = malloc(L * sizeof *b);
    double *above = malloc(L * sizeof *above);
    /* outcome k (rank k - 1, reward increasing with k) has probability proportional to k^-1.1 */
    double total = 0;
    for (long k = L; k >= 1; k--) total += pow((double)k, -1.1);
    double logTotal = log(total);
    for (long i = 0; i < L; i++) lp[i] = -1.1 * log((double)(i + 1)) - logTotal;
    /* tails summed from the top: above[i] = sum of p_j for j > i */
    double s = 0;
    for (long i = L - 1; i >= 0; i--) {
        above[i] = s;
        s += exp(lp[i]);
    }
    double below = 0;
    for (long i = 0; i < L; i++) {
        below += exp(lp[i]);
        a[i] = i == L - 1 ? 0.0 : (below <= 0.5 ? log(below) : log1p(-above[i]));
    }
    for (long i = 0; i < L; i++) {
        double r = exp(lp[i] - a[i]);
        b[i] = i == 0 ? -1e300 : (r <= 0.5 ? log1p(-r) : a[i - 1] - a[i]);
    }
    double *ns = malloc(G * sizeof *ns);
    for (int g = 0; g < G; g++) ns[g] = round(pow(10.0, 6.0 * g / (G - 1)));
    qsort(ns, G, sizeof *ns, cmp);
    int count = 0;
    for (int g = 0; g < G; g++)
        if (count == 0 || ns[g] != ns[count - 1]) ns[count++] = ns[g];
    double t1 = cpu();
    double checksum = 0;
    for (int g = 0; g < count; g++) {
        double n = ns[g];
        if (n == 1) continue;
        long lo = 0, hi = L - 1; /* first rank with n a_i >= -750 (a is non-decreasing) */
        while (lo < hi) {
            long mid = (lo + hi) / 2;
            if (n * a[mid] < -750) lo = mid + 1; else hi = mid;
        }
        double kl = 0;
        for (long i = lo; i < L; i++) {
            double x = n * b[i];
            double lpi = n * a[i] + log(-expm1(x));
            double pi = exp(lpi);
            kl += pi * (lpi - lp[i]);
        }
        checksum += kl > 0 ? kl : 0;
    }
    double t2 = cpu();
    printf("kernel L=%ld grid=%d prep_s=%.3f sweep_s=%.3f checksum=%.9f\n", L, count, t1 - t0, t2 - t1, checksum);
    return 0;
}
