# Sourced by the bench scripts (not run on its own).
#
# throwaway_postgres PORT NAME: a server of Debian's PostgreSQL 15 (apt-get install postgresql-15; fsync on, the
# distribution's settings) of our own on PORT, its data in a temporary folder /tmp/NAME-pg.XXXXXX, stopped and removed
# when the script exits; exports BENCH_DB_URL, BENCH_DB_USER and BENCH_DB_PASSWORD for the benchmark's Java main.
throwaway_postgres() {
  local port="$1" name="$2"
  bench_pg_bin="/usr/lib/postgresql/15/bin"
  if [[ ! -x "$bench_pg_bin/initdb" ]]; then
    echo "Debian's PostgreSQL 15 is missing: apt-get install postgresql-15" >&2
    exit 1
  fi
  bench_pg_data="$(mktemp -d "/tmp/$name-pg.XXXXXX")"
  bench_as_pg=()
  if [[ $(id -u) -eq 0 ]]; then chown postgres "$bench_pg_data"; bench_as_pg=(runuser -u postgres --); fi
  "${bench_as_pg[@]}" "$bench_pg_bin/initdb" -D "$bench_pg_data/db" -U postgres --auth=trust -E UTF8 >/dev/null
  "${bench_as_pg[@]}" "$bench_pg_bin/pg_ctl" -D "$bench_pg_data/db" \
    -o "-p $port -k $bench_pg_data -c listen_addresses=127.0.0.1" -l "$bench_pg_data/log" -w start >/dev/null
  trap '"${bench_as_pg[@]}" "$bench_pg_bin/pg_ctl" -D "$bench_pg_data/db" -m fast -w stop >/dev/null; rm -rf "$bench_pg_data"' EXIT
  export BENCH_DB_URL="jdbc:postgresql://127.0.0.1:$port/postgres" BENCH_DB_USER=postgres BENCH_DB_PASSWORD=""
}
