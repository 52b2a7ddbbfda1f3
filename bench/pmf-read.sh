#!/usr/bin/env bash
# Benchmark: reading and preparing a PMF file of 10^6 outcomes (random probabilities written with up to 15 digits,
# random rewards), whole process: `bonlab eval --pmf FILE --n 2 --columns kl`, ROUNDS rounds; prints each time and
# the peak memory. The target of the performance issue is 1.5 s.
# Usage: bench/pmf-read.sh [ROUNDS] [ROWS]   (default 3 rounds of 1000000 rows; needs python3)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="${1:-3}"
rows="${2:-1000000}"
file="$(mktemp --suffix=.csv)"
trap 'rm -f "$file"' EXIT
python3 - "$rows" "$file" <<'PY'
import random, sys
rows, path = int(sys.argv[1]), sys.argv[2]
random.seed(1)
w = [random.random() for _ in range(rows)]
s = sum(w)
acc = 0.0
with open(path, "w") as f:
    f.write("outcome,probability,reward\n")
    for i in range(rows):
        p = float(f"{w[i] / s:.15g}") if i < rows - 1 else 1 - acc
        acc += p
        f.write(f"y{i},{p:.15g},{random.random():.6f}\n")
PY
"$root/bonlab" --version >/dev/null   # build first, outside the timings
for ((r = 1; r <= rounds; r++)); do
  /usr/bin/time -f "round $r: %e s, peak %M KB" "$root/bonlab" eval --pmf "$file" --n 2 --columns kl > /dev/null
done
