#!/usr/bin/env bash
# Every row of the 60-digit reference tables (L <= 1000) checked at 50 digits, with the time each takes: the
# unit test checks the cases with 1000 outcomes at three values of n only, to keep the suite fast.
# Usage: bench/high-precision-reference.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mvn -B -q -ntp install -DskipTests
cd numeric
mvn -B -ntp test -Dtest=HighPrecisionEvaluatorTest -Dsurefire.failIfNoSpecifiedTests=false -Dbonlab.allReferenceRows=true
