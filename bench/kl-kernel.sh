#!/usr/bin/env bash
# Benchmark: the KL sweep's kernel alone (no process start, no parsing), CPU seconds of all threads, against the limit reference:
# a tight C kernel of the same formula with vectorised log and exp (bench/baselines/kernel_bon.c, gcc -O3
# -march=native -ffast-math) and the stable NumPy peer's own sweep time (bench/baselines/numpy_stable_bon.py with
# the underflow skip). zipf(L, s=1.1) at the distinct rounded values of logspace(0, 6, G); alternating rounds;
# prints every round, the medians and the ratios (bonlab's first sweep, cold, and its fastest later one, warm).
# Usage: bench/kl-kernel.sh [ROUNDS] [L] [G]   (default 3 rounds, L = 1000000, G = 100; needs gcc, python3 + numpy)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="${1:-3}"
size="${2:-1000000}"
grid="${3:-100}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
gcc -O3 -march=native -ffast-math -o "$work/kernel_bon" "$root/bench/baselines/kernel_bon.c" -lm
cp="$("$root/bonlab" classpath)"
# the JVM flags of the bonlab launcher (its collector, huge pages where offered): read from the launcher itself
eval "$(grep -e "^flags=" -e "transparent_hugepage/enabled" "$root/bonlab")"
field() { sed -n "s/.* $1=\([0-9.]*\).*/\1/p"; }
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
c=(); j=(); w=(); p=()
for ((r = 1; r <= rounds; r++)); do
  kc="$("$work/kernel_bon" "$size" "$grid")"
  kj="$(java "${flags[@]}" -cp "$cp" "$root/bench/KlSweep.java" "$size" "$grid" 4)"
  kp="$(python3 "$root/bench/baselines/numpy_stable_bon.py" "$size" "$grid" skip)"
  c+=("$(echo "$kc" | field sweep_s)"); j+=("$(echo "$kj" | field sweep_s)")
  w+=("$(echo "$kj" | field warm_sweep_s)"); p+=("$(echo "$kp" | field sweep_s)")
  echo "round $r: C ${c[-1]} s, bonlab ${j[-1]} s cold / ${w[-1]} s warm (CPU; cold wall $(echo "$kj" | field sweep_wall_s) s), numpy ${p[-1]} s"
  echo "  checksums: C $(echo "$kc" | field checksum), bonlab $(echo "$kj" | field checksum), numpy $(echo "$kp" | field checksum)"
done
mc=$(median "${c[@]}"); mj=$(median "${j[@]}"); mw=$(median "${w[@]}"); mp=$(median "${p[@]}")
printf 'L=%s, grid %s: medians C %.3f s, bonlab %.3f s cold, %.3f s warm, numpy %.3f s\n' "$size" "$grid" "$mc" "$mj" "$mw" "$mp"
printf 'bonlab/C = %.2f cold, %.2f warm (target <= 1.5); numpy/bonlab = %.2f cold\n' \
  "$(awk -v a="$mj" -v b="$mc" 'BEGIN {print a / b}')" "$(awk -v a="$mw" -v b="$mc" 'BEGIN {print a / b}')" \
  "$(awk -v a="$mp" -v b="$mj" 'BEGIN {print a / b}')"
