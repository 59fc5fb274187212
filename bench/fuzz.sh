#!/usr/bin/env bash
# Long fuzz run of the platform API (fuzz.OpenApiFuzzTest): N hostile requests (default 1,000,000), generated from
# the running platform's own /v3/api-docs, over every operation under /api (platform and public), as anonymous
# callers, developers, reviewers of techcenter and bureau, the exchange and the administrator, on the embedded
# PostgreSQL the tests use. Fails on any 5xx, any hostile write answered 2xx, any 400 without a problem body and any
# change of the domain or Camunda runtime tables. Not part of `mvn verify` (which runs the same test with 10,000).
#
#   bench/fuzz.sh                          # 1,000,000 requests, a seed drawn at random (printed first)
#   N=50000 SEED=20161207 bench/fuzz.sh    # reproduce a run
#   SEED=… bench/fuzz.sh -Dfuzz.only=4711  # resend request #4711 of that seed alone
#
# The whole Maven output goes to target/bench/fuzz-<time>.log; the console shows the fuzz: lines and the result.
set -euo pipefail

N="${N:-1000000}"
SEED="${SEED:-random}"
cd "$(dirname "$0")/.."
mkdir -p target/bench
LOG="target/bench/fuzz-$(date +%Y%m%d-%H%M%S).log"

echo "== fuzzing $N requests, seed $SEED (full log: $LOG)"
# only the default surefire execution: the pom's second one (embedded H2) would run the test again under -Dtest
mvn -B -ntp -DskipModelLint=true test-compile surefire:test@default-test \
  -Dtest=OpenApiFuzzTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dfuzz.n="$N" -Dfuzz.seed="$SEED" "$@" 2>&1 \
  | tee "$LOG" | grep --line-buffered -E '^(fuzz:|      |\[(INFO|ERROR)\] (Tests run|BUILD))'
