#!/usr/bin/env bash
# Full-case throughput over HTTP, as a ratio (issue 17; docs/benchmarks.md): N Class I registrations and N reduction
# applications driven end to end over /api and /engine-rest by T client threads, then the same driver against the
# twins of the same BPMN with every delegate and listener replaced by a no-op (generated here from processes/*.bpmn
# into target/bench/twins, deployed by admin through /engine-rest/deployment/create). Prints both rates and the ratio,
# one `name: value unit` line each. Not part of `mvn verify`. Every run starts an empty database.
#
#   bench/cases.sh                          # N=20, T=4, embedded PostgreSQL (as the tests)
#   N=100 T=8 PG=debian bench/cases.sh      # a throwaway server of Debian's PostgreSQL 15 (fsync on), port 55462
#   AUTH=basic bench/cases.sh               # HTTP Basic on every request instead of one client token per user
#   JFR=1 bench/cases.sh                    # also record a flight recording to target/bench/cases.jfr
#   bench/cases.sh --carbon-inclusion.some.setting=value   # any platform setting
set -euo pipefail

HEAP="${HEAP:-1g}"
cd "$(dirname "$0")/.."
source bench/lib.sh
mkdir -p target/bench

echo "== building (test classes and the test classpath)"
mvn -B -q -ntp -o -DskipModelLint=true test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench/classpath.txt -Dmdep.includeScope=test
CP="target/classes:target/test-classes:$(cat target/bench/classpath.txt)"

echo "== generating the twins"
rm -rf target/bench/twins
java -cp "$CP" cn.beijing.carboninclusion.bench.TwinModels processes forms target/bench/twins

if [[ "${PG:-embedded}" == debian ]]; then
  throwaway_postgres "${PG_PORT:-55462}" cases-bench
fi

jfr=()
if [[ -n "${JFR:-}" ]]; then
  jfr=(-XX:FlightRecorderOptions=stackdepth=256 -XX:StartFlightRecording=filename=target/bench/cases.jfr,settings=profile)
fi
echo "== driving (java -Xmx$HEAP, load: $(cut -d' ' -f1-3 /proc/loadavg))"
java -Xmx"$HEAP" "${jfr[@]}" -Djava.io.tmpdir="$PWD/target" -Dfile.encoding=UTF-8 -cp "$CP" \
  cn.beijing.carboninclusion.bench.CasesBenchmark target/bench/twins "$@" 2>&1 \
  | grep -vE '^\s*$' | grep -E '^(database|jvm|twin|twins|clock|  [0-9]|real|registration|reduction|ratio|auth|requests|writes|Exception|Caused|\s+at cn\.)' 
echo "== load after: $(cut -d' ' -f1-3 /proc/loadavg)"
