#!/usr/bin/env bash
# The HTTP API beside the same API answering with the plain-Java evaluator, side by side in one run (issue 20's
# ratio): the packaged service (target/quarkus-app) and the benchmark build with the hand-written baseline compiled
# in (target-plain/quarkus-app, `mvn -B -q package -DskipTests -Pbench-plain`, started with
# -Dlantian.engine.decider=cn.lantian.bench.PlainEngine), each loaded by bench/http-load.sh in turn with the same
# settings on the decide-only endpoint (the baseline decides a record with no history, as a preview is), ROUNDS
# times alternately. Reports each run's throughput and the service's CPU per request, and the ratios of the medians
# (rules / plain): the engine's share of an answer of the API.
# Settings (environment): ROUNDS (2), DURATION (20s), WARMUP (10s), CONNECTIONS (32), and http-load.sh's.
# Build both first:
#   mvn -B -q package -DskipTests && mvn -B -q package -DskipTests -Pbench-plain && bench/http-ratio.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
rules_jar=target/quarkus-app/quarkus-run.jar
plain_jar=target-plain/quarkus-app/quarkus-run.jar
for j in "$rules_jar" "$plain_jar"; do
  [ -f "$j" ] || { echo "no $j: build both first (see the head of this script)" >&2; exit 1; }
done
rounds="${ROUNDS:-2}"
export DURATION="${DURATION:-20s}" WARMUP="${WARMUP:-10s}" CONNECTIONS="${CONNECTIONS:-32}"
export TARGET='/api/v1/evaluations?record=false'
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
run() { # name jar extra-java-opts
  local name=$1 jar=$2 opts=$3 i=$4
  # http-load.sh's own status is that of stopping the service; a run counts when it reports its measured RESULT
  JAR="$jar" JAVA_OPTS="${JAVA_OPTS:-} $opts" bench/http-load.sh >"$out/$name.$i" 2>&1 || true
  [ "$(grep -c '^RESULT' "$out/$name.$i")" -ge 2 ] || { cat "$out/$name.$i" >&2; exit 1; }
  local rps cpu p99
  # the measured run's RESULT line (the warm-up's comes first)
  rps=$(grep '^RESULT' "$out/$name.$i" | tail -1 | sed -n 's/.* throughput=\([0-9.]*\)\/s.*/\1/p')
  p99=$(grep '^RESULT' "$out/$name.$i" | tail -1 | sed -n 's/.* p99=\([0-9.]*ms\).*/\1/p')
  cpu=$(sed -n 's/^service CPU per request: \([0-9]*\) µs.*/\1/p' "$out/$name.$i")
  echo "$rps $cpu" >>"$out/$name.all"
  printf '%-6s round %d: %8s req/s, p99 %8s, service CPU %5s µs/request\n' "$name" "$i" "$rps" "$p99" "$cpu"
}
for i in $(seq 1 "$rounds"); do
  run rules "$rules_jar" "" "$i"
  run plain "$plain_jar" "-Dlantian.engine.decider=cn.lantian.bench.PlainEngine" "$i"
done
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
r_rps=$(cut -d' ' -f1 "$out/rules.all" | median); p_rps=$(cut -d' ' -f1 "$out/plain.all" | median)
r_cpu=$(cut -d' ' -f2 "$out/rules.all" | median); p_cpu=$(cut -d' ' -f2 "$out/plain.all" | median)
echo "medians: rules ${r_rps} req/s, ${r_cpu} µs CPU/request; plain Java ${p_rps} req/s, ${p_cpu} µs CPU/request"
awk -v a="$p_rps" -v b="$r_rps" -v c="$r_cpu" -v d="$p_cpu" 'BEGIN {
  printf "ratio (HTTP API with the rules / with plain Java): throughput %.2fx lower, CPU per request %.2fx\n", a / b, c / d }'
