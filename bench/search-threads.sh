#!/usr/bin/env bash
# Benchmark of the counterexample search's random phase on 1 thread against every core: Theorem 1 over every
# policy on up to 10 outcomes, n = 1..1000, same seeds, alternating rounds; prints evaluations per second, the
# speed-up and whether the verdicts were identical.
# Usage: bench/search-threads.sh [ROUNDS] [EVALUATIONS]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/bonlab" --version >/dev/null   # build first if needed
exec java -cp "$root/examples/target/bonlab-examples-0.1.0-SNAPSHOT.jar:$root/examples/target/lib/*" \
  org.bonlab.examples.SearchThreadsBench "${1:-5}" "${2:-500000}"
