#!/usr/bin/env bash
# Benchmark: the counterexample search for Theorem 1 over every policy on 1..12 outcomes (rewards in a random
# order), n = 1..10^6, bonlab (a fresh JVM per round with the launcher's flags, every core, CPU time of the whole
# process from JVM start)
# against the vectorised NumPy random search bench/baselines/numpy_claims.py (CPU time after its imports),
# alternating rounds. Prints every round, the medians of evaluations per CPU-second and their ratio.
# Usage: bench/claims-vs-numpy.sh [ROUNDS] [EVALUATIONS] [PEER_SECONDS]   (default 5, 12000000, 8; needs numpy)
# The default budget takes bonlab about the peer's 8 CPU-seconds on a quiet machine: equal CPU time (a smaller one
# measures mostly the JVM's start and the JIT's warm-up).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="${1:-5}"; evals="${2:-12000000}"; secs="${3:-8}"
"$root/bonlab" --version >/dev/null   # build first if needed, outside the timings
cp="$root/examples/target/bonlab-examples-0.1.0-SNAPSHOT.jar:$root/examples/target/lib/*"
# the JVM flags the bonlab launcher runs 'check' with (its collector above all): read from the launcher itself
eval "$(grep -e "^flags=" -e "transparent_hugepage/enabled" "$root/bonlab")"
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p"; }
ours=(); peer=(); ours_wall=()
for ((i = 1; i <= rounds; i++)); do
  a=$(java "${flags[@]}" -cp "$cp" org.bonlab.examples.ClaimPeerBench "$evals" "$(nproc)" "$i")
  b=$(python3 "$root/bench/baselines/numpy_claims.py" "$secs" 20000 "$i")
  echo "round $i: $a"; echo "round $i: $b"
  ours+=("$(echo "$a" | field evals_per_cpu_s)"); ours_wall+=("$(echo "$a" | field evals_per_s)")
  peer+=("$(echo "$b" | field evals_per_cpu_s)")
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
mo=$(median "${ours[@]}"); mp=$(median "${peer[@]}"); mw=$(median "${ours_wall[@]}")
printf 'medians: bonlab %.0f evaluations per CPU-second (%.0f per wall second on %d cores), numpy %.0f per CPU-second\n' \
  "$mo" "$mw" "$(nproc)" "$mp"
printf 'ratio bonlab/numpy per CPU-second = %.2f (target >= 2)\n' "$(awk -v a="$mo" -v b="$mp" 'BEGIN {print a / b}')"
