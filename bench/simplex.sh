#!/usr/bin/env bash
# Benchmark of certification over the simplex: Theorem 1 over every policy on 3 outcomes for n = 1..N (default
# 200), on 1 thread and on every core, alternating rounds (default 2); boxes per second and the speed-up.
# Usage: bench/simplex.sh [N] [ROUNDS]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/bonlab" --version >/dev/null   # build first if needed
exec java -cp "$root/examples/target/bonlab-examples-0.1.0-SNAPSHOT.jar:$root/examples/target/lib/*" \
  org.bonlab.examples.SimplexBench "${1:-200}" "${2:-2}"
