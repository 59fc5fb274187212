#!/usr/bin/env bash
# Benchmark of the disclosure portal and the public lists at volume (docs/benchmarks.md, "Portal and public lists at
# volume"): starts a throwaway server of Debian's PostgreSQL 15 (port 55442, its data in a temporary folder, removed on
# exit), the whole platform with its demo on it (port 18081), seeds 10,000 projects and 1,000,000 registry journal
# entries (registry.VolumeSeed: SQL that writes what the services write; the hash chain is verified afterwards), then
# 16 client threads send GET requests for 60 s over /portal, its list pages and every /api/public list, at random
# pages. Prints `name: value unit` lines: portal_rps, portal_p50_ms, portal_p95_ms, portal_p99_ms and per endpoint.
# Not part of `mvn verify`.
#
#   bench/portal.sh                                   # the figures of docs/benchmarks.md
#   UNCACHED=1 bench/portal.sh                        # then a second run on the same data without the shared cache
#   BENCH_SECONDS=120 BENCH_CLIENTS=32 BENCH_SINGLE_SECONDS=0 bench/portal.sh   # no single-client phase
#   BENCH_PROJECTS=1000 BENCH_ENTRIES=10000 bench/portal.sh   # a quick run
#   bench/portal.sh --carbon-inclusion.public-cache.ttl=PT30S  # any platform setting
#   PG_DIR=/tmp/portal-bench-pg bench/portal.sh      # keep the server and its data: the next run skips the seeding
#   JAVA_OPTS=-XX:StartFlightRecording=filename=target/bench/portal.jfr bench/portal.sh   # profile it
set -euo pipefail

HEAP="${HEAP:-2g}"
PG_PORT="${PG_PORT:-55442}"
export BENCH_PORT="${BENCH_PORT:-18081}"
cd "$(dirname "$0")/.."
mkdir -p target/bench

echo "== machine: $(nproc) cores, $(free -g | awk '/^Mem:/ { print $2 " GiB" }'); $(uptime)"
echo "== building (test classes and the test classpath)"
mvn -B -q -ntp -DskipModelLint=true test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench/classpath.txt -Dmdep.includeScope=test

bin=/usr/lib/postgresql/15/bin
[[ -x "$bin/initdb" ]] || { echo "Debian's PostgreSQL 15 is missing: apt-get install postgresql-15" >&2; exit 1; }
# a throwaway server; PG_DIR=/some/dir keeps it (and its seeded data) for the next run
data="${PG_DIR:-$(mktemp -d /tmp/portal-bench-pg.XXXXXX)}"
mkdir -p "$data"
as_pg=()
if [[ $(id -u) -eq 0 ]]; then chown postgres "$data"; as_pg=(runuser -u postgres --); fi
[[ -d "$data/db" ]] || "${as_pg[@]}" "$bin/initdb" -D "$data/db" -U postgres --auth=trust -E UTF8 >/dev/null
# Debian's defaults: fsync on, synchronous_commit on, shared_buffers 128MB, work_mem 4MB
"${as_pg[@]}" "$bin/pg_ctl" -D "$data/db" -o "-p $PG_PORT -k $data -c listen_addresses=127.0.0.1" -l "$data/log" \
  -w start >/dev/null
if [[ -n "${PG_DIR:-}" ]]; then
  trap '"${as_pg[@]}" "$bin/pg_ctl" -D "$data/db" -m fast -w stop >/dev/null' EXIT
else
  trap '"${as_pg[@]}" "$bin/pg_ctl" -D "$data/db" -m fast -w stop >/dev/null; rm -rf "$data"' EXIT
fi
export BENCH_DB_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/postgres" BENCH_DB_USER=postgres BENCH_DB_PASSWORD=""

run() {
  java -Xmx"$HEAP" ${JAVA_OPTS:-} -Djava.io.tmpdir="$PWD/target" -Dfile.encoding=UTF-8 \
    -cp "target/classes:target/test-classes:$(cat target/bench/classpath.txt)" \
    cn.beijing.carboninclusion.portal.PortalBenchmark "$@" 2>&1 | tee -a target/bench/portal.log \
    | grep -E '^(platform|database|jvm|seed|data|journal_|endpoint|warm-up|failed|portal_|api_)'
}
: > target/bench/portal.log
echo "== seeding and measuring ($(date -u +%FT%TZ); the whole output in target/bench/portal.log)"
run "$@"
if [[ -n "${UNCACHED:-}" ]]; then
  echo "== again without the shared cache (carbon-inclusion.public-cache.ttl=PT0S): $(uptime)"
  run --carbon-inclusion.public-cache.ttl=PT0S "$@"
fi
echo "== done: $(uptime)"
