#!/usr/bin/env bash
# Benchmark of the symbolic power derivations (series in a small parameter with n symbolic, calculus with a
# symbolic parameter, the tilted optimum with symbolic beta, uniform(L) with L symbolic) against SymPy doing the
# same derivations (bench/baselines/sympy_power.py), ten cases, whole process against whole process (cold),
# alternating, ROUNDS rounds each; then the ten in one warm process each (bonlab batch; SymPy in one interpreter).
# bonlab also checks every result numerically at 50 digits or against its numeric engine; SymPy does not.
# Usage: bench/symbolic-power.sh [ROUNDS]   (default 3; needs python3 with sympy)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="${1:-3}"
"$root/bonlab" --version >/dev/null   # build first, outside the timings

cases=(
  'derive --policy bernoulli(p=p) --quantity kl --series p --series-order 2'
  'derive --policy bernoulli(p=p) --quantity expected_reward --series p --series-order 3'
  'derive --policy coin --quantity vbon_j --stationary theta'
  'derive --policy coin --quantity vbon_j --derivative theta'
  'derive --policy coin --quantity tilted_reward'
  'derive --policy coin --quantity tilted_reward --series 1/beta --series-order 3'
  'derive --policy coin --quantity tilted_kl --series 1/beta --series-order 2'
  'derive --policy uniform(L=L) --n 3 --quantity win_half'
  'derive --policy uniform(L=L) --n 10 --quantity win_half'
  'derive --policy uniform(L=L) --n 3 --quantity kl'
)
now() { date +%s.%N; }
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
printf '%-80s %9s %9s %7s\n' "case (bonlab command)" "bonlab s" "sympy s" "ratio"
for k in "${!cases[@]}"; do
  b=(); s=()
  read -r -a args <<< "${cases[$k]}"
  for ((r = 1; r <= rounds; r++)); do
    t0=$(now); "$root/bonlab" "${args[@]}" > /tmp/bonlab-power-$k.txt; t1=$(now)
    python3 "$root/bench/baselines/sympy_power.py" $((k + 1)) > /tmp/sympy-power-$k.txt; t2=$(now)
    b+=("$(awk -v a="$t0" -v c="$t1" 'BEGIN {print c - a}')"); s+=("$(awk -v a="$t1" -v c="$t2" 'BEGIN {print c - a}')")
  done
  mb=$(median "${b[@]}"); ms=$(median "${s[@]}")
  printf '%-80s %9.2f %9.2f %7.2f\n' "${cases[$k]}" "$mb" "$ms" "$(awk -v a="$mb" -v c="$ms" 'BEGIN {print a / c}')"
done
batch=/tmp/bonlab-power-batch.txt
printf '%s\n' "${cases[@]}" > "$batch"
t0=$(now); "$root/bonlab" batch "$batch" > /dev/null 2>&1; t1=$(now)
python3 "$root/bench/baselines/sympy_power.py" 0 > /dev/null; t2=$(now)
printf 'warm, all ten in one process: bonlab %.2f s (batch), sympy %.2f s (one interpreter, cache cleared per case)\n' \
  "$(awk -v a="$t0" -v c="$t1" 'BEGIN {print c - a}')" "$(awk -v a="$t1" -v c="$t2" 'BEGIN {print c - a}')"
