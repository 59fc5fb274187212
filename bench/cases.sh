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
mkdir -p target/bench

echo "== building (test classes and the test classpath)"
mvn -B -q -ntp -o -DskipModelLint=true test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench/classpath.txt -Dmdep.includeScope=test
CP="target/classes:target/test-classes:$(cat target/bench/classpath.txt)"

echo "== generating the twins"
rm -rf target/bench/twins
java -cp "$CP" cn.beijing.carboninclusion.bench.TwinModels processes forms target/bench/twins

if [[ "${PG:-embedded}" == debian ]]; then
  # a server of our own on a free port, its data in a temporary folder, stopped and removed on exit
  bin="/usr/lib/postgresql/15/bin"
  data="$(mktemp -d /tmp/cases-bench-pg.XXXXXX)"
  port="${PG_PORT:-55462}"
  as_pg=()
  if [[ $(id -u) -eq 0 ]]; then chown postgres "$data"; as_pg=(runuser -u postgres --); fi
  "${as_pg[@]}" "$bin/initdb" -D "$data/db" -U postgres --auth=trust -E UTF8 >/dev/null
  "${as_pg[@]}" "$bin/pg_ctl" -D "$data/db" -o "-p $port -k $data -c listen_addresses=127.0.0.1" -l "$data/log" \
    -w start >/dev/null
  trap '"${as_pg[@]}" "$bin/pg_ctl" -D "$data/db" -m fast -w stop >/dev/null; rm -rf "$data"' EXIT
  export BENCH_DB_URL="jdbc:postgresql://127.0.0.1:$port/postgres" BENCH_DB_USER=postgres BENCH_DB_PASSWORD=""
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
