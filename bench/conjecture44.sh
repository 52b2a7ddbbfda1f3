#!/usr/bin/env bash
# Benchmark of the proof of Conjecture 4.4 of Beirami et al. (v3), E[KLhat] (Eq. 28) >= KL, over every policy on 1
# or 2 outcomes: for every n >= 1 (bisection below n = 10, the uniform argument above), then the per-n bisection alone
# for n = 1..N (default 10000), on one thread: the verdicts, the boxes and the times.
# Usage: bench/conjecture44.sh [N]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/bonlab" --version >/dev/null   # build first if needed
exec java -cp "$root/examples/target/bonlab-examples-0.1.0-SNAPSHOT.jar:$root/examples/target/lib/*" \
  org.bonlab.examples.Conjecture44Bench "${1:-10000}"
