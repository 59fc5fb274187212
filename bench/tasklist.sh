#!/usr/bin/env bash
# Benchmark of the reviewers' task lists at volume (docs/benchmarks.md, "Task list at volume"): a throwaway server of
# Debian's PostgreSQL 15 (fsync on, port 55452), the whole platform on it (port 18082, demo data), TASKS open tasks
# (default 100,000) of the real models seeded through the engine, then the lists as reviewers ask for them over HTTP
# with HTTP Basic and authorization on. Prints `name: value unit` lines (p50/p95/p99 in ms). Not part of `mvn verify`.
#
#   bench/tasklist.sh                        # 100,000 tasks, a fresh server, removed afterwards
#   TASKS=20000 REQUESTS=200 bench/tasklist.sh
#   KEEP=1 bench/tasklist.sh                 # keep the server's data in target/bench/tasklist-pg and reuse it next
#                                            # time (seeding 100,000 tasks takes minutes); KEEP=1 PSQL=1 leaves the
#                                            # server running afterwards for psql -h 127.0.0.1 -p 55452 -U postgres
#   COUNT_REQUESTS=0 bench/tasklist.sh       # without the filters' counts (minutes each without the indexes)
#   bench/tasklist.sh --some.platform.setting=value
set -euo pipefail

TASKS="${TASKS:-100000}"
REQUESTS="${REQUESTS:-400}"
HEAP="${HEAP:-1g}"
PORT=55452
cd "$(dirname "$0")/.."
mkdir -p target/bench

if [[ "${SKIP_BUILD:-}" != 1 ]]; then
  echo "== building (test classes and the test classpath)"
  mvn -B -q -ntp -DskipModelLint=true test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench/classpath.txt -Dmdep.includeScope=test
fi

bin=/usr/lib/postgresql/15/bin
as_pg=()
if [[ $(id -u) -eq 0 ]]; then as_pg=(runuser -u postgres --); fi
if [[ "${KEEP:-}" == 1 ]]; then
  data="$PWD/target/bench/tasklist-pg"
else
  data="$(mktemp -d /tmp/tasklist-bench-pg.XXXXXX)"
fi
mkdir -p "$data"
if [[ $(id -u) -eq 0 ]]; then chown postgres "$data"; fi
if [[ ! -d "$data/db" ]]; then
  "${as_pg[@]}" "$bin/initdb" -D "$data/db" -U postgres --auth=trust -E UTF8 >/dev/null
fi
stop() {
  if [[ "${PSQL:-}" != 1 ]]; then "${as_pg[@]}" "$bin/pg_ctl" -D "$data/db" -m fast -w stop >/dev/null || true; fi
  if [[ "${KEEP:-}" != 1 ]]; then rm -rf "$data"; fi
  rm -rf "${classes:-/nonexistent}"
}
if ! "${as_pg[@]}" "$bin/pg_ctl" -D "$data/db" status >/dev/null 2>&1; then
  # Debian's defaults (fsync on, synchronous_commit on, shared_buffers 128MB); plans of slow statements go to the log
  "${as_pg[@]}" "$bin/pg_ctl" -D "$data/db" -o "-p $PORT -k $data -c listen_addresses=127.0.0.1 \
    -c shared_preload_libraries=auto_explain -c auto_explain.log_min_duration=${EXPLAIN_MS:-40} \
    -c auto_explain.log_analyze=on -c auto_explain.log_buffers=on" -l "$data/log" -w start >/dev/null
fi
trap stop EXIT
export BENCH_DB_URL="jdbc:postgresql://127.0.0.1:$PORT/postgres" BENCH_DB_USER=postgres BENCH_DB_PASSWORD=""
export TASKS REQUESTS COUNT_REQUESTS="${COUNT_REQUESTS:-20}" APP_PORT=18082

# a copy of the classes, so that a build meanwhile does not change the running platform
classes="$(mktemp -d /tmp/tasklist-bench-classes.XXXXXX)"
cp -r target/classes "$classes/classes" && cp -r target/test-classes "$classes/test-classes"
echo "== machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
java -Xmx"$HEAP" -Djava.io.tmpdir="$PWD/target" -Dfile.encoding=UTF-8 \
  -cp "$classes/classes:$classes/test-classes:$(cat target/bench/classpath.txt)" \
  cn.beijing.carboninclusion.project.TasklistBenchmark "$@" 2>&1 \
  | grep --line-buffered -E '^(load|database|jvm|seeding|open tasks|engine indexes|filters|[a-z_0-9]+: )|^[A-Za-z.]*(Exception|Error)\b|^Caused by'
echo "== load after: $(cut -d' ' -f1-3 /proc/loadavg); slow statements' plans: $data/log"
