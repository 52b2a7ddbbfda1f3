#!/usr/bin/env bash
# Benchmark: exact KL of best-of-n for zipf(L=10^6, s=1.1) at the 92 distinct rounded values of
# logspace(0, 6, 100), bonlab (whole process: ./bonlab eval) against two NumPy peers (whole process): the naive
# F^n - F_-^n (numpy_bon.py) and the same stable log-space formula as bonlab with the underflow skip
# (numpy_stable_bon.py ... skip), alternating runs on the same machine. Prints every run, the medians and the ratios.
# Usage: bench/numeric-vs-numpy.sh [ROUNDS]   (default 5; needs python3 with numpy)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="${1:-5}"
grid=$(python3 -c "import numpy as np; print(','.join(str(int(x)) for x in np.unique(np.logspace(0, 6, 100).round())))")
"$root/bonlab" --version >/dev/null   # build first if needed, outside the timings

now() { date +%s.%N; }
java_times=(); numpy_times=(); stable_times=()
for ((i = 1; i <= rounds; i++)); do
  t0=$(now)
  "$root/bonlab" eval --policy 'zipf(L=1000000, s=1.1)' --n "$grid" --columns kl > /tmp/bonlab-bench-kl.csv
  t1=$(now)
  python3 "$root/bench/baselines/numpy_bon.py" speed 1000000 100 > /tmp/bonlab-bench-numpy.txt
  t2=$(now)
  python3 "$root/bench/baselines/numpy_stable_bon.py" 1000000 100 skip > /tmp/bonlab-bench-stable.txt
  t3=$(now)
  stable_times+=("$(awk -v a="$t2" -v b="$t3" 'BEGIN {print b - a}')")
  java_times+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}')")
  numpy_times+=("$(awk -v a="$t1" -v b="$t2" 'BEGIN {print b - a}')")
  printf 'round %d: bonlab %.3f s, numpy %.3f s, stable numpy %.3f s\n' "$i" "${java_times[-1]}" "${numpy_times[-1]}" \
    "${stable_times[-1]}"
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
mj=$(median "${java_times[@]}"); mn=$(median "${numpy_times[@]}"); ms=$(median "${stable_times[@]}")
sum=$(python3 -c "import csv; print(sum(float(r['kl']) for r in csv.DictReader(open('/tmp/bonlab-bench-kl.csv'))))")
printf 'workload: zipf(L=1000000, s=1.1), %s values of n, whole process each\n' "$(echo "$grid" | tr ',' '\n' | wc -l)"
printf 'bonlab median %.3f s (sum of KL %s); numpy median %.3f s (%s)\n' "$mj" "$sum" "$mn" "$(cat /tmp/bonlab-bench-numpy.txt)"
printf 'stable numpy median %.3f s (%s)\n' "$ms" "$(cat /tmp/bonlab-bench-stable.txt)"
printf 'ratio numpy/bonlab = %.2f; stable numpy/bonlab = %.2f (target >= 2)\n' \
  "$(awk -v a="$mn" -v b="$mj" 'BEGIN {print a / b}')" "$(awk -v a="$ms" -v b="$mj" 'BEGIN {print a / b}')"
