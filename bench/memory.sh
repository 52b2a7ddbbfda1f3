#!/usr/bin/env bash
# Benchmark: memory of the exact KL of best-of-n on a family, zipf(L, s=1.1) at n = 4 and 64, for each L given
# (default 10^6 10^7 10^8), through the launcher with its default heap: peak resident memory of the whole process,
# bytes per outcome above a one-outcome run (the JVM's own), and wall seconds. The target: at most 40 bytes per
# outcome, and L = 10^8 within the default heap. Needs GNU time (/usr/bin/time).
# Usage: bench/memory.sh [L ...]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/bonlab" --version >/dev/null   # build first if needed
[ -x /usr/bin/time ] || { echo "bench/memory.sh needs GNU time at /usr/bin/time" >&2; exit 2; }
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(1000000 10000000 100000000)
run() { # prints "kilobytes seconds" of one eval
  /usr/bin/time -f '%M %e' -o /tmp/bonlab-memory.$$ "$root/bonlab" eval --policy "zipf(L=$1, s=1.1)" --n 4,64 \
    --columns kl >/dev/null
  cat /tmp/bonlab-memory.$$; rm -f /tmp/bonlab-memory.$$
}
read -r base _ < <(run 1)
echo "default max heap: $(java -XX:+PrintFlagsFinal -version 2>/dev/null | awk '/ MaxHeapSize /{printf "%.2f GB", $4/1e9}'); JVM alone: $((base / 1024)) MB"
for L in "${sizes[@]}"; do
  read -r kb secs < <(run "$L")
  awk -v L="$L" -v kb="$kb" -v base="$base" -v s="$secs" 'BEGIN {
    printf "L = %d: peak %.0f MB, %.1f bytes per outcome, %.1f s\n", L, kb / 1024, (kb - base) * 1024 / L, s }'
done
