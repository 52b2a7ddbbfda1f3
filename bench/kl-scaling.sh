#!/usr/bin/env bash
# Benchmark: how the KL sweep's kernel scales with the number of outcomes L (zipf(L, s=1.1)) and with the number
# of values of n (the distinct rounded values of logspace(0, 6, G)): bonlab's first sweep in a fresh process (cold)
# and the fastest of the next three (warm), bench/KlSweep.java with the launcher's JVM flags, beside the C kernel of
# the same formula (bench/baselines/kernel_bon.c); CPU seconds of all threads (the process clock ticks in 10 ms
# steps), one run per cell, C first, and the relative difference of the two checksums (sums of the KL values).
# Usage: bench/kl-scaling.sh [L:G ...]   (default the nine cells below, about 75 s; needs gcc)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cells=("$@")
if [ ${#cells[@]} -eq 0 ]; then
  cells=(100000:100 100000:1000 100000:10000 1000000:10 1000000:100 1000000:1000 1000000:10000 10000000:10 10000000:100)
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
gcc -O3 -march=native -ffast-math -o "$work/kernel_bon" "$root/bench/baselines/kernel_bon.c" -lm
cp="$("$root/bonlab" classpath)"
eval "$(grep -e "^flags=" -e "transparent_hugepage/enabled" "$root/bonlab")"
javac -d "$work" -cp "$cp" "$root/bench/KlSweep.java"
field() { sed -n "s/.* $1=\([0-9.]*\).*/\1/p"; }
printf '%-9s %-6s %-6s %8s %12s %12s %7s %7s %s\n' L G "n's" "C s" "bonlab cold" "bonlab warm" cold/C warm/C \
  "checksums (relative difference)"
for cell in "${cells[@]}"; do
  size="${cell%%:*}"; grid="${cell##*:}"
  kc="$("$work/kernel_bon" "$size" "$grid")"
  kj="$(java "${flags[@]}" -cp "$work:$cp" KlSweep "$size" "$grid" 4)"
  c="$(echo "$kc" | field sweep_s)"; j="$(echo "$kj" | field sweep_s)"; w="$(echo "$kj" | field warm_sweep_s)"
  sc="$(echo "$kc" | field checksum)"; sj="$(echo "$kj" | field checksum)"
  printf '%-9s %-6s %-6s %8s %12s %12s %7s %7s %s\n' "$size" "$grid" \
    "$(echo "$kj" | sed -n 's/.* grid=\([0-9]*\).*/\1/p')" "$c" "$j" "$w" \
    "$(awk -v a="$j" -v b="$c" 'BEGIN {printf "%.2f", (b > 0 ? a / b : 0)}')" \
    "$(awk -v a="$w" -v b="$c" 'BEGIN {printf "%.2f", (b > 0 ? a / b : 0)}')" \
    "$(awk -v a="$sj" -v b="$sc" 'BEGIN {d = (a - b) / b; printf "%.1e", (d < 0 ? -d : d)}')"
done
