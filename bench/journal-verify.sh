#!/usr/bin/env bash
# Benchmark of the registry journal's verification (docs/benchmarks.md, "Journal verification"): a throwaway server of
# Debian's PostgreSQL 15 (fsync on, port 55453), the whole platform on it, the journal brought to ENTRIES entries
# (default 1,000,000; SM3 chain as the platform writes it, loaded by COPY), then RegistryJournal.verify (public, and
# with the private details) ROUNDS times (default 3). Prints `name: value unit` lines: entries/s (median) and heap.
# Not part of `mvn verify`.
#
#   bench/journal-verify.sh                   # 1,000,000 entries, -Xmx512m, a fresh server removed afterwards
#   HEAP=128m bench/journal-verify.sh         # the same with a small heap (memory does not grow with the journal)
#   KEEP=1 bench/journal-verify.sh            # keep the server's data in target/bench/journal-pg and reuse it
#   BEFORE_CLASSES=/tmp/old bench/journal-verify.sh   # classes put first on the class path (an older
#                                             # RegistryJournal compiled there, to compare)
set -euo pipefail

ENTRIES="${ENTRIES:-1000000}"
ROUNDS="${ROUNDS:-3}"
HEAP="${HEAP:-512m}"
PORT=55453
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
if [[ "${KEEP:-}" == 1 ]]; then data="$PWD/target/bench/journal-pg"; else data="$(mktemp -d /tmp/journal-bench-pg.XXXXXX)"; fi
mkdir -p "$data"
if [[ $(id -u) -eq 0 ]]; then chown postgres "$data"; fi
if [[ ! -d "$data/db" ]]; then
  "${as_pg[@]}" "$bin/initdb" -D "$data/db" -U postgres --auth=trust -E UTF8 >/dev/null
fi
"${as_pg[@]}" "$bin/pg_ctl" -D "$data/db" -o "-p $PORT -k $data -c listen_addresses=127.0.0.1" -l "$data/log" \
  -w start >/dev/null
trap '"${as_pg[@]}" "$bin/pg_ctl" -D "$data/db" -m fast -w stop >/dev/null; if [[ "${KEEP:-}" != 1 ]]; then rm -rf "$data"; fi' EXIT
export BENCH_DB_URL="jdbc:postgresql://127.0.0.1:$PORT/postgres" BENCH_DB_USER=postgres BENCH_DB_PASSWORD=""
export ENTRIES ROUNDS

echo "== machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
java -Xmx"$HEAP" -Djava.io.tmpdir="$PWD/target" -Dfile.encoding=UTF-8 \
  -cp "${BEFORE_CLASSES:+$BEFORE_CLASSES:}target/classes:target/test-classes:$(cat target/bench/classpath.txt)" \
  cn.beijing.carboninclusion.registry.JournalVerifyBenchmark "$@" 2>&1 \
  | grep --line-buffered -E '^(database|jvm|filling|journal|[a-z_0-9]+: )|^[A-Za-z.]*(Exception|Error)\b|^Caused by'
echo "== load after: $(cut -d' ' -f1-3 /proc/loadavg)"
