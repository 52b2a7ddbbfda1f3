#!/usr/bin/env bash
# Benchmark of the claim checker: evaluations per second on the catalogue's true theorems and the time to
# falsify each known-false claim (median over SEEDS seeds, default 5), after a warm-up, in one JVM.
# Usage: bench/claims.sh [SEEDS] [THREADS]   (THREADS: the search's threads, default 1, as the NumPy peer is
# measured per CPU-second; bench/search-threads.sh measures the speed-up from more threads)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/bonlab" --version >/dev/null   # build first if needed
exec java -XX:+UseSerialGC -cp "$root/examples/target/bonlab-examples-0.1.0-SNAPSHOT.jar:$root/examples/target/lib/*" \
  org.bonlab.examples.ClaimBench "${1:-5}" "${2:-1}"
