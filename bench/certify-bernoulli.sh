#!/usr/bin/env bash
# Benchmark: Theorem 1 certified over bernoulli(p), p in (0, 1), n = 1..N (interval branch-and-bound over p at each
# n), boxes per second of wall time on 1 thread and on every core (bench/CertifyBernoulli.java), and, given a
# BASELINE commit, the same program against that commit built in a temporary work tree, alternating rounds (each
# round one JVM per build and thread count, medians of its timed certifications). The target of the performance
# issue: at least twice the boxes per second of the code it was filed against (the parent of 8dfb0d1).
# Usage: bench/certify-bernoulli.sh [ROUNDS] [N] [BASELINE]   (default 3, 10000, no baseline; needs git for BASELINE)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="${1:-3}"; top="${2:-10000}"; base="${3:-}"
cp="$("$root/bonlab" classpath)"
field() { sed -n "s/.* $1=\([0-9.]*\).*/\1/p"; }
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
if [ -n "$base" ]; then
  work="$(mktemp -d)"
  trap 'git -C "$root" worktree remove --force "$work/src" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
  git -C "$root" worktree add -q --detach "$work/src" "$base"
  (cd "$work/src" && mvn -B -q -ntp -DskipTests package >&2)   # package, not install: ~/.m2 keeps this build
  basecp="$work/src/examples/target/bonlab-examples-0.1.0-SNAPSHOT.jar:$work/src/examples/target/lib/*"
fi
one=(); all=(); old=()
for ((r = 1; r <= rounds; r++)); do
  a="$(java -XX:+UseSerialGC -cp "$cp" "$root/bench/CertifyBernoulli.java" bonlab 5 "$top" 1)"
  b="$(java -XX:+UseSerialGC -cp "$cp" "$root/bench/CertifyBernoulli.java" bonlab 5 "$top" "$(nproc)")"
  echo "round $r: $a"; echo "round $r: $b"
  one+=("$(echo "$a" | field boxes_per_s)"); all+=("$(echo "$b" | field boxes_per_s)")
  if [ -n "$base" ]; then
    c="$(java -XX:+UseSerialGC -cp "$basecp" "$root/bench/CertifyBernoulli.java" "baseline-$base" 5 "$top" 1 | tail -1)"
    echo "round $r: $c"; old+=("$(echo "$c" | field boxes_per_s)")
  fi
done
m1=$(median "${one[@]}"); ma=$(median "${all[@]}")
printf 'medians: %.0f boxes/s on 1 thread, %.0f on %d (speed-up %.2f)\n' "$m1" "$ma" "$(nproc)" \
  "$(awk -v a="$ma" -v b="$m1" 'BEGIN {print a / b}')"
if [ -n "$base" ]; then
  mo=$(median "${old[@]}")
  printf 'baseline %s: %.0f boxes/s; ratios %.2f (1 thread) and %.2f (%d threads), target >= 2\n' "$base" "$mo" \
    "$(awk -v a="$m1" -v b="$mo" 'BEGIN {print a / b}')" "$(awk -v a="$ma" -v b="$mo" 'BEGIN {print a / b}')" "$(nproc)"
fi
