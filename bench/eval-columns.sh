#!/usr/bin/env bash
# Benchmark: ./bonlab eval with the default columns (kl, kl_analytic, win_strict, win_half) against
# --columns kl, zipf(L=10^6, s=1.1) at the 92 distinct rounded values of logspace(0, 6, 100), whole process
# each, alternating rounds. Prints every run, the medians and the ratio (target: at most 2).
# Usage: bench/eval-columns.sh [ROUNDS]   (default 5)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="${1:-5}"
grid=$(python3 -c "import numpy as np; print(','.join(str(int(x)) for x in np.unique(np.logspace(0, 6, 100).round())))")
"$root/bonlab" --version >/dev/null   # build first if needed, outside the timings
now() { date +%s.%N; }
kl=(); all=()
for ((i = 1; i <= rounds; i++)); do
  t0=$(now)
  "$root/bonlab" eval --policy 'zipf(L=1000000, s=1.1)' --n "$grid" --columns kl > /dev/null
  t1=$(now)
  "$root/bonlab" eval --policy 'zipf(L=1000000, s=1.1)' --n "$grid" > /dev/null
  t2=$(now)
  kl+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}')")
  all+=("$(awk -v a="$t1" -v b="$t2" 'BEGIN {print b - a}')")
  printf 'round %d: --columns kl %.3f s, default columns %.3f s\n' "$i" "${kl[-1]}" "${all[-1]}"
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
mk=$(median "${kl[@]}"); ma=$(median "${all[@]}")
printf 'medians: --columns kl %.3f s, default columns %.3f s; ratio %.2f (target <= 2)\n' "$mk" "$ma" \
  "$(awk -v a="$ma" -v b="$mk" 'BEGIN {print a / b}')"
