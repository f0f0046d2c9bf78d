#!/usr/bin/env bash
# Start-up to the first answer of the packaged service, on loopback. Build it first:
#   mvn -B -q package -DskipTests && bench/startup.sh
# Launches target/quarkus-app/quarkus-run.jar $RUNS times, each with a throw-away data folder, polls a
# signed-in request (GET /api/v1/users/me as the bootstrap admin: the rules compiled, the store and its
# users there) every 10 ms, prints the milliseconds from launch to its first 200 and the CPU the service
# spent until then, and stops the service.
# Settings (environment): RUNS (3), PORT (18082), JAR (another build's quarkus-run.jar, to compare),
# JAVA_OPTS (-XX:+UseParallelGC, as the README starts the service), START_TIMEOUT (60 s, then the launch is
# killed), RESTART (0; 1: every run starts on one data folder, which a first launch, not timed, has filled:
# what a restart pays, where the store already keeps the rules as a version and their fixtures' result,
# against a first start, which runs every fixture before it keeps the folder as version 1).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
port="${PORT:-18082}"
jar="${JAR:-target/quarkus-app/quarkus-run.jar}"
[ -f "$jar" ] || { echo "no $jar: run 'mvn -B -q package -DskipTests' first" >&2; exit 1; }
# shellcheck source=bench/accounts.sh
. bench/accounts.sh
base="http://127.0.0.1:${port}"
restart="${RESTART:-0}"
kept=
if [ "$restart" = 1 ]; then
  kept="$(mktemp -d)"
  trap 'rm -rf "$kept"' EXIT
fi
for run in $(seq "$([ "$restart" = 1 ] && echo 0 || echo 1)" "${RUNS:-3}"); do
  if curl -s -o /dev/null "$base/"; then
    echo "port ${port} is taken; set PORT" >&2
    exit 1
  fi
  work="${kept:-$(mktemp -d)}"
  # shellcheck disable=SC2086
  java ${JAVA_OPTS:--XX:+UseParallelGC} -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$port" \
    -Dlantian.data.dir="$work/data" -jar "$jar" >"$work/service.log" 2>&1 &
  pid=$!
  launched=$(date +%s%N)
  until ready "$base"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "the service stopped:" >&2
      cat "$work/service.log" >&2
      exit 1
    fi
    if [ $(( ($(date +%s%N) - launched) / 1000000000 )) -ge "${START_TIMEOUT:-60}" ]; then
      echo "no answer within ${START_TIMEOUT:-60} s" >&2
      # a JVM still starting waits for its start to end before it heeds SIGTERM
      kill -9 "$pid"
      wait "$pid" 2>/dev/null || true
      exit 1
    fi
    sleep 0.01
  done
  elapsed=$(( ($(date +%s%N) - launched) / 1000000 ))
  # the CPU the service spent to get there (user + system): what a busy machine changes least
  cpu_ms=$(awk -v hz="$(getconf CLK_TCK)" '{print int(($14 + $15) * 1000 / hz)}' "/proc/$pid/stat")
  if [ "$run" = 0 ]; then
    echo "run 0 (first start, fills the data folder; not counted): ${elapsed} ms, ${cpu_ms} ms of CPU"
  else
    echo "run $run: start-up to first signed-in answer ${elapsed} ms, ${cpu_ms} ms of CPU (load $(cut -d' ' -f1 /proc/loadavg))"
  fi
  kill "$pid" && wait "$pid" 2>/dev/null || true
  [ -n "$kept" ] || rm -rf "$work"
done
