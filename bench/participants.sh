#!/usr/bin/env bash
# Benchmark of issue 19 (docs/participants.md, docs/benchmarks.md): N participants (default 3,000,000) credited in
# one reduction application, then a payout ledger of N lines POSTed to /api/reduction-applications/{id}/payouts
# (rows/s), the Merkle root recomputed from the database (seconds) and one proof, on the embedded PostgreSQL the tests
# use, with the JVM's peak heap. Not part of `mvn verify`; the CSV is kept under target/bench/.
#
#   bench/participants.sh                 # 3,000,000 participants, -Xmx512m
#   N=100000 HEAP=256m bench/participants.sh
#   PG=debian bench/participants.sh       # a throwaway server of Debian's PostgreSQL 15 (apt-get install
#                                         # postgresql-15) with its default, durable settings (fsync on)
set -euo pipefail

N="${N:-3000000}"
HEAP="${HEAP:-512m}"
cd "$(dirname "$0")/.."
source bench/lib.sh
mkdir -p target/bench
if [[ "${PG:-}" == debian ]]; then throwaway_postgres "${PGPORT_BENCH:-55439}" participants; fi

echo "== building (test classes and the test classpath)"
mvn -B -q -ntp -o -DskipModelLint=true test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench/classpath.txt -Dmdep.includeScope=test

CSV="target/bench/payouts-${N}.csv"
if [[ ! -s "$CSV" ]]; then
  echo "== generating $CSV"
  awk -v n="$N" 'BEGIN {
    print "participant_id,amount_yuan,date,channel"
    for (i = 1; i <= n; i++) printf "u%07d,%d.%02d,2024-07-%02d,wechat\n", i, 1 + i % 50, i % 100, 1 + i % 28
  }' > "$CSV.tmp"
  mv "$CSV.tmp" "$CSV"
fi

echo "== running (java -Xmx$HEAP)"
java -Xmx"$HEAP" -Djava.io.tmpdir="$PWD/target" -Dfile.encoding=UTF-8 \
  -cp "target/classes:target/test-classes:$(cat target/bench/classpath.txt)" \
  cn.beijing.carboninclusion.reduction.activity.ParticipantsBenchmark "$CSV" "$N" 2>&1 \
  | grep -E '^(setup|jvm|ledger|root|proof|RESULT)'
