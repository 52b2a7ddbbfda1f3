#!/usr/bin/env bash
# Benchmark of a warm process: `bonlab batch` runs the fair coin's derivation (`derive --policy coin --quantity kl
# --latex`: derive, prove equal to log 2 - h(2^-n), take the limit, LaTeX, numeric cross-check) K times in one JVM;
# bench/baselines/sympy_example1_warm.py does SymPy's version K times after one import, clearing SymPy's cache before
# each. Rounds alternate; prints the median time per derivation over derivations 6..K of every round, and the ratio.
# Symja keeps caches of its own between derivations, which the bonlab side does not clear.
# Usage: bench/derive-warm.sh [ROUNDS] [K]   (default 3 rounds of 10)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="${1:-3}"
k="${2:-10}"
"$root/bonlab" --version >/dev/null   # build first if needed
cmds="$(mktemp)"
trap 'rm -f "$cmds"' EXIT
for ((i = 1; i <= k; i++)); do echo 'derive --policy coin --quantity kl --latex'; done > "$cmds"
b=(); s=()
for ((r = 1; r <= rounds; r++)); do
  mapfile -t bt < <("$root/bonlab" batch "$cmds" 2>&1 >/dev/null | sed -n 's/^# bonlab .*: exit 0, \([0-9.]*\) s$/\1/p')
  mapfile -t st < <(python3 "$root/bench/baselines/sympy_example1_warm.py" "$k" | sed -n 's/^derivation [0-9]*: \([0-9.]*\) s$/\1/p')
  b+=("${bt[@]:5}"); s+=("${st[@]:5}")
  printf 'round %d: bonlab first %s s, then %s; sympy first %s s, then %s\n' "$r" "${bt[0]}" "${bt[*]:5}" "${st[0]}" "${st[*]:5}"
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
mb=$(median "${b[@]}"); ms=$(median "${s[@]}")
printf 'warm, per derivation: bonlab median %.3f s; sympy median %.3f s; ratio sympy/bonlab = %.2f (target >= 2)\n' \
  "$mb" "$ms" "$(awk -v a="$ms" -v c="$mb" 'BEGIN {print a / c}')"
