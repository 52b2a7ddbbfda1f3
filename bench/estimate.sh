#!/usr/bin/env bash
# Benchmarks of bonlab estimate: the whole process on a synthetic log of ROWS rows (default 10^6; 100 responses
# per prompt, 10 reward levels with ties, a gold reward), then the coverage of the 95% intervals over 400 seeded
# logs of known policies (both interval methods; 40, 100 and 200 prompts of 8 responses; n = 4).
# Usage: bench/estimate.sh [ROWS]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rows="${1:-1000000}"
"$root/bonlab" --version >/dev/null   # build first if needed, outside the timings
cp="$root/examples/target/bonlab-examples-0.1.0-SNAPSHOT.jar:$root/examples/target/lib/*"
log="$(mktemp --suffix=.csv)"
trap 'rm -f "$log"' EXIT
java -cp "$cp" org.bonlab.examples.EstimateBench log "$log" "$rows"
t0=$(date +%s.%N)
"$root/bonlab" estimate --samples "$log" --n 1,2,4,8,16,32,64 > /dev/null
t1=$(date +%s.%N)
awk -v a="$t0" -v b="$t1" -v r="$rows" 'BEGIN {printf "estimate on %d rows: %.2f s (whole process)\n", r, b - a}'
java -cp "$cp" org.bonlab.examples.EstimateBench coverage
