#!/usr/bin/env bash
# Start-up to Tasklist ready on the embedded H2 database (issue 17, item 6; docs/benchmarks.md, "Start-up on H2"). Builds
# once, then starts the platform the way `mvn spring-boot:run` does — the same JVM, main class, class path (target/classes
# and the runtime dependencies without the starters' empty jars), working directory and JVM options (the plugin's
# optimized launch, -XX:TieredStopAtLevel=1, and the <jvmArguments> of the pom's spring-boot-maven-plugin) — on a fresh
# H2 data folder (first start: engine and domain schema, deployment, demo users and data) and again on the same folder
# (second start). Each start is timed from the launch of the JVM until all of these hold:
#   - the platform has printed its URL banner (已启动 … is up),
#   - GET /camunda/app/tasklist/ answers 200 (after the webapp's redirect to /camunda/app/tasklist/default/),
#   - a demo user can log in and finds the demo data: GET /api/projects as wangfang (HTTP Basic) answers 200 with the
#     three demo projects (X-Total-Count: 3), and the public GET /api/public/projects lists the project in publicity
#     and the disclosed Class II project.
# Repeats RUNS times and prints the medians of the wall time and of the JVM's CPU time until ready, one `name: value
# unit` line each (startup first, startup again, startup first cpu, startup again cpu), with the load average. Not part
# of `mvn verify`.
#
#   bench/startup.sh                       # 3 rounds of (first start, second start), medians
#   RUNS=5 bench/startup.sh                # more rounds
#   PROFILE=1 bench/startup.sh             # and where the time goes: bench.StartupProfile on a first and a second start
#   JAVA_OPTS='-XX:+UseSerialGC' bench/startup.sh   # extra JVM options after the plugin's (to try one)
#   BENCH_PORT=18095 bench/startup.sh      # another port (default 18095)
#   CLASSES=/some/classes bench/startup.sh # another build's classes instead of target/classes
#   BASELINE=/main/classes bench/startup.sh  # and, in every round, those classes too (before/after under the same load)
set -euo pipefail

RUNS="${RUNS:-3}"
PORT="${BENCH_PORT:-18095}"
cd "$(dirname "$0")/.."
mkdir -p target/bench
out=target/bench/startup
rm -rf "$out"
mkdir -p "$out"

load() { cut -d' ' -f1-3 /proc/loadavg; }
echo "== machine: $(nproc) cores, $(free -g | awk '/^Mem:/ { print $2 " GiB" }'), $(java -version 2>&1 | head -1); load $(load)"
echo "== building (classes and the runtime class path, offline)"
mvn -B -q -ntp -o -DskipModelLint=true process-classes dependency:build-classpath -DincludeScope=runtime \
  -Dmdep.outputFile="$out/runtime-classpath.txt" >"$out/build.log" 2>&1 || { cat "$out/build.log"; exit 1; }

# spring-boot:run leaves out the starters (jars without classes, Spring-Boot-Jar-Type: dependencies-starter)
CLASSES="${CLASSES:-target/classes}"
deps=()
IFS=: read -r -a jars <"$out/runtime-classpath.txt" || true  # one line without a newline
for jar in "${jars[@]}"; do
  if unzip -p "$jar" META-INF/MANIFEST.MF 2>/dev/null | tr -d '\r' | grep -q '^Spring-Boot-Jar-Type: dependencies-starter'; then
    continue
  fi
  deps+=("$jar")
done
DEPS="$(IFS=:; echo "${deps[*]}")"
CP="$CLASSES:$DEPS"
# the JVM options spring-boot:run gives: its optimized launch and the pom's <jvmArguments>
pom_jvm_args="$(sed -n 's:.*<jvmArguments>\(.*\)</jvmArguments>.*:\1:p' pom.xml | head -1)"
read -r -a JVM <<<"-XX:TieredStopAtLevel=1 ${pom_jvm_args} ${JAVA_OPTS:-}"
echo "== java ${JVM[*]} -cp $CLASSES:<${#deps[@]} jars> cn.beijing.carboninclusion.CarbonInclusionApplication"
echo "   (port $PORT, CARBON_DATA_DIR=./$out/data)"
if [[ -n "${BASELINE:-}" ]]; then
  echo "   and, round by round under the same load, the classes in $BASELINE (same jars and options)"
fi

pid=""
stop() {
  if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  pid=""
}
trap stop EXIT

ready_checks() {
  [[ "$(curl -s -L -o /dev/null -w '%{http_code}' "http://localhost:$PORT/camunda/app/tasklist/")" == 200 ]] || return 1
  local total
  total="$(curl -s -u wangfang:demo -D - -o /dev/null "http://localhost:$PORT/api/projects" \
    | tr -d '\r' | awk -F': ' 'tolower($1) == "x-total-count" { print $2 }')"
  [[ "$total" == 3 ]] || return 1
  local public
  public="$(curl -s "http://localhost:$PORT/api/public/projects")"
  [[ "$public" == *'"status":"IN_PUBLICITY"'* && "$public" == *'"status":"DISCLOSED"'* ]]
}

# start NAME [CLASSES]: launches the platform on $out/data, waits until ready, stops it; sets secs and cpu (seconds)
secs="" cpu=""
start() {
  local name="$1" classes="${2:-$CLASSES}" log="$out/$1.log" t0 t1
  : >"$log"
  t0=$(date +%s%N)
  PORT="$PORT" CARBON_DATA_DIR="./$out/data" java "${JVM[@]}" -cp "$classes:$DEPS" \
    cn.beijing.carboninclusion.CarbonInclusionApplication >"$log" 2>&1 &
  pid=$!
  while :; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "the platform stopped during its start ($log):" >&2
      grep -a -E 'ERROR|Exception' "$log" | head -20 >&2
      exit 1
    fi
    if grep -aq '已启动' "$log" && ready_checks; then
      break
    fi
    if (( ($(date +%s%N) - t0) / 1000000000 > 300 )); then
      echo "not ready after 300 s ($log)" >&2
      exit 1
    fi
    sleep 0.1
  done
  t1=$(date +%s%N)
  # CPU time of the JVM (all threads) until then: the work, which the machine's other load changes less than the wall
  cpu=$(awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$pid/stat")
  stop
  secs=$(awk -v ns=$((t1 - t0)) 'BEGIN { printf "%.2f", ns / 1e9 }')
}

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

declare -A figures  # "build figure" -> the values of the rounds
# one round of a build: a first start on an empty data folder, then a second start on it
round_of() {
  local build="$1" classes="$2" round="$3" before first first_cpu
  rm -rf "$out/data"
  before="$(load)"
  start "$build-first-$round" "$classes"
  first="$secs" first_cpu="$cpu"
  start "$build-again-$round" "$classes"
  figures["$build first"]+="$first " figures["$build first cpu"]+="$first_cpu "
  figures["$build again"]+="$secs " figures["$build again cpu"]+="$cpu "
  echo "round $round ($build): first $first s (cpu $first_cpu s), again $secs s (cpu $cpu s); load $before -> $(load)"
}
for round in $(seq 1 "$RUNS"); do
  [[ -z "${BASELINE:-}" ]] || round_of baseline "$BASELINE" "$round"
  round_of startup "$CLASSES" "$round"
done
for build in ${BASELINE:+baseline} startup; do
  for figure in first again "first cpu" "again cpu"; do
    echo "$build $figure: $(tr ' ' '\n' <<<"${figures["$build $figure"]}" | grep . | median) s"
  done
done
echo "load: $(load)"

if [[ -n "${PROFILE:-}" ]]; then
  echo "== profile (bench.StartupProfile: Spring's BufferingApplicationStartup and the ready listeners, timed)"
  mkdir -p "$out/profile-classes"
  javac -nowarn -d "$out/profile-classes" -cp "$CP" src/test/java/cn/beijing/carboninclusion/bench/StartupProfile.java
  for build in ${BASELINE:+baseline} startup; do
    classes="$CLASSES"
    [[ "$build" == startup ]] || classes="$BASELINE"
    rm -rf "$out/data"
    for which in first again; do
      echo "-- $build, $which start (load $(load))"
      PORT="$PORT" CARBON_DATA_DIR="./$out/data" java "${JVM[@]}" -cp "$out/profile-classes:$classes:$DEPS" \
        cn.beijing.carboninclusion.bench.StartupProfile >"$out/profile-$build-$which.log" 2>&1 \
        || { tail -40 "$out/profile-$build-$which.log" >&2; exit 1; }
      grep -a '^profile phase' "$out/profile-$build-$which.log"
      # the JPA bootstrap (common.StartupBootstrap runs it on a thread of its own), from Hibernate's first to last line
      awk '/HHH000204: Processing PersistenceUnitInfo|Initialized JPA EntityManagerFactory/ {
          split(substr($1, 12, 12), t, ":"); s = t[1] * 3600 + t[2] * 60 + t[3]
          if (!start) { start = s; thread = $0; sub(/.*\] \[ */, "", thread); sub(/\].*/, "", thread) } else end = s }
        END { if (end) printf "profile phase: %6.2f s  JPA/Hibernate bootstrap, by its log (thread %s%s)\n", end - start,
          thread, thread == "main" ? ": in the rows above" : ", beside the main thread" }' "$out/profile-$build-$which.log"
    done
  done
fi
