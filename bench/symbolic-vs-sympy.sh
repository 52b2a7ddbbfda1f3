#!/usr/bin/env bash
# Benchmark: a cold `bonlab derive --policy coin --quantity kl --latex` (derive the fair coin's best-of-n KL,
# prove it equals log 2 - h(2^-n), take the limit, render LaTeX, cross-check numerically) against the SymPy
# baseline doing the same work (bench/baselines/sympy_example1.py), whole process against whole process,
# alternating runs. Prints every run, the medians and the ratio bonlab / SymPy (target <= 1).
# Usage: bench/symbolic-vs-sympy.sh [ROUNDS]   (default 7; needs python3 with sympy)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="${1:-7}"
"$root/bonlab" --version >/dev/null   # build (and its class-data archive) first, outside the timings

now() { date +%s.%N; }
b=(); s=()
for ((i = 1; i <= rounds; i++)); do
  t0=$(now)
  "$root/bonlab" derive --policy coin --quantity kl --latex > /tmp/bonlab-bench-derive.txt
  t1=$(now)
  python3 "$root/bench/baselines/sympy_example1.py" > /tmp/bonlab-bench-sympy.txt
  t2=$(now)
  b+=("$(awk -v a="$t0" -v c="$t1" 'BEGIN {print c - a}')")
  s+=("$(awk -v a="$t1" -v c="$t2" 'BEGIN {print c - a}')")
  printf 'round %d: bonlab %.3f s, sympy %.3f s\n' "$i" "${b[-1]}" "${s[-1]}"
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
mb=$(median "${b[@]}"); ms=$(median "${s[@]}")
grep -q 'presented:     log(2) - h(2^(-n))' /tmp/bonlab-bench-derive.txt || { echo "bonlab derived something else" >&2; exit 1; }
printf 'bonlab median %.3f s; sympy median %.3f s\n' "$mb" "$ms"
printf 'ratio bonlab/sympy = %.2f (target <= 1)\n' "$(awk -v a="$mb" -v c="$ms" 'BEGIN {print a / c}')"
