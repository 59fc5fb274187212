#!/usr/bin/env bash
# A two-node cluster that loses a node (issue 17, item 5; docs/benchmarks.md, docs/operations.md "Cluster"): two
# platform processes on one PostgreSQL (two ports, a job executor on each, one shared data folder), N Class I
# registrations, reduction applications with their trip records, transfers and retirements driven over HTTP through
# both by T client threads; mid-run a node is killed with SIGKILL and started again (KILLS=2: one in each phase, each
# node once). Then it proves from the database and the mail server (GreenMail, in the driver) that every case reached
# its end state once, no job was lost or stuck, no unit was issued or retired twice, every notice was delivered, the
# registry's journal verifies and the driver's numbers agree with the database's, and prints
# `cluster: N cases, 0 lost, 0 duplicated, journal ok` (exit 1 otherwise). The short version (24 cases, one kill)
# is ClusterKillTest in the test command. Every run starts an empty database.
#
#   bench/cluster-kill.sh                          # N=60, T=6, KILLS=2, embedded PostgreSQL (as the tests)
#   PG=debian bench/cluster-kill.sh                # a throwaway server of Debian's PostgreSQL 15 (fsync on), port 55472
#   N=200 T=8 KILLS=1 bench/cluster-kill.sh --carbon-inclusion.some.setting=value   # any platform setting, both nodes
set -euo pipefail

HEAP="${HEAP:-1g}"
cd "$(dirname "$0")/.."
source bench/lib.sh
mkdir -p target/bench

echo "== building (test classes and the test classpath)"
mvn -B -q -ntp -o -DskipModelLint=true test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench/classpath.txt -Dmdep.includeScope=test
CP="$PWD/target/classes:$PWD/target/test-classes:$(cat target/bench/classpath.txt)"

if [[ "${PG:-embedded}" == debian ]]; then
  throwaway_postgres "${PG_PORT:-55472}" cluster-bench
fi

export HEAP WORK="$PWD/target/bench/cluster"
rm -rf "$WORK"
echo "== driving two nodes (node logs in $WORK; load: $(cut -d' ' -f1-3 /proc/loadavg))"
java -Xmx512m -Djava.io.tmpdir="$PWD/target" -Dfile.encoding=UTF-8 -cp "$CP" \
  cn.beijing.carboninclusion.bench.ClusterKill "$@" 2>&1 | grep -E '^(cluster|  node|Exception in thread)'
echo "== load after: $(cut -d' ' -f1-3 /proc/loadavg)"
