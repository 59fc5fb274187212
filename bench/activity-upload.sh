#!/usr/bin/env bash
# Benchmark of the activity upload (docs/benchmarks.md): generates a CSV of ROWS trips (default 1,000,000) and
# uploads it through the real endpoint, POST /api/reduction-applications/{id}/activities, to the whole platform
# running on the embedded PostgreSQL the tests use. Prints the elapsed seconds, rows/s and the JVM's peak heap.
# Not part of `mvn verify`. Rerunnable: every run starts an empty database; the CSV is kept under target/bench/.
#
#   bench/activity-upload.sh                  # 1,000,000 rows, -Xmx512m
#   ROWS=100000 HEAP=256m bench/activity-upload.sh
#   ROWS=10000000 PARTICIPANTS=3000017 PG=debian bench/activity-upload.sh   # 10 M trips of 3 M participants
#   bench/activity-upload.sh --carbon-inclusion.reduction.formula-chunk-size=10000   # platform settings
#   PG=debian bench/activity-upload.sh        # a throwaway server of Debian's PostgreSQL (apt-get install
#                                             # postgresql-15) with its default, durable settings (fsync on)
#   BENCH_DB_URL=jdbc:postgresql://host/db BENCH_DB_USER=… BENCH_DB_PASSWORD=… bench/activity-upload.sh  # an empty db
set -euo pipefail

ROWS="${ROWS:-1000000}"
PARTICIPANTS="${PARTICIPANTS:-250007}"   # distinct participant ids the trips are spread over (a prime)
HEAP="${HEAP:-512m}"
cd "$(dirname "$0")/.."
source bench/lib.sh
mkdir -p target/bench

echo "== building (test classes and the test classpath)"
mvn -B -q -ntp -DskipModelLint=true test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench/classpath.txt -Dmdep.includeScope=test

CSV="target/bench/trips-${ROWS}$([[ $PARTICIPANTS == 250007 ]] || echo "-p$PARTICIPANTS").csv"
if [[ ! -s "$CSV" ]]; then
  echo "== generating $CSV"
  awk -v n="$ROWS" -v p="$PARTICIPANTS" 'BEGIN {
    print "participant_id,trip_id,mode,distance_km,timestamp"
    split("bus rail bicycle walk", modes, " ")
    for (i = 1; i <= n; i++) {
      mode = modes[(i % 4) + 1]
      km = (i % 200) / 10 + 0.5
      printf "u%06d,TRIP-%010d,%s,%.1f,2024-05-%02dT%02d:%02d:00+08:00\n", (i * 7919) % p, i, mode, km,
        (i % 28) + 1, i % 24, i % 60
    }
  }' > "$CSV.tmp"
  mv "$CSV.tmp" "$CSV"
fi
# the expected reduction, by awk in double precision (a cross-check of the platform's exact decimal sum)
awk -F, 'NR > 1 { ef = ($3 == "bus") ? 0.052 : ($3 == "rail") ? 0.032 : ($3 == "bicycle") ? 0.0087 : 0
                  kg += $4 * (0.104 - ef) }
         END { printf "== %d rows, expected reduction ≈ %.6f tCO2e\n", NR - 1, kg / 1000 }' "$CSV"

if [[ "${PG:-embedded}" == debian ]]; then
  throwaway_postgres 55432 activity-bench
fi

echo "== uploading (java -Xmx$HEAP)"
java -Xmx"$HEAP" -Djava.io.tmpdir="$PWD/target" -Dfile.encoding=UTF-8 \
  -cp "target/classes:target/test-classes:$(cat target/bench/classpath.txt)" \
  cn.beijing.carboninclusion.reduction.activity.ActivityUploadBenchmark "$CSV" "$@" 2>&1 \
  | grep -E '^(database|jvm|file|accepted|  [0-9]|refused|RESULT)|activity upload of'
