#!/usr/bin/env bash
# HTTP load on the packaged service, on loopback only. Build it first:
#   mvn -B -q package -DskipTests && bench/http-load.sh
# Starts target/quarkus-app/quarkus-run.jar on 127.0.0.1:$PORT with a throw-away data folder, reports
# the time from launch to the first answer, warms up, then runs wrk for $DURATION with $CONNECTIONS
# fixed connections POSTing the EIGHT site record to /api/v1/evaluations; reports throughput, p50 and
# p99 latency, the answers that were not 2xx, the service's resident memory and the size of its data
# folder; stops the service.
# Settings (environment): PORT (18081), CONNECTIONS (32), THREADS (1, wrk's), WARMUP (10s),
# DURATION (30s), TARGET (/api/v1/evaluations), JAVA_OPTS (extra JVM flags for the service), JAR (the
# packaged service, target/quarkus-app/quarkus-run.jar; bench/http-ratio.sh names the benchmark build's),
# START_TIMEOUT (60, seconds to the first answer).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
port="${PORT:-18081}"
connections="${CONNECTIONS:-32}"
threads="${THREADS:-1}"
warmup="${WARMUP:-10s}"
duration="${DURATION:-30s}"
target="${TARGET:-/api/v1/evaluations}"
url="http://127.0.0.1:${port}${target}"
jar="${JAR:-target/quarkus-app/quarkus-run.jar}"
body=bench/src/main/resources/eight-site.json
[ -f "$jar" ] || { echo "no $jar: run 'mvn -B -q package -DskipTests' first" >&2; exit 1; }
if curl -s -o /dev/null "http://127.0.0.1:${port}/"; then
  echo "port ${port} is taken; set PORT" >&2
  exit 1
fi

# shellcheck source=bench/accounts.sh
. bench/accounts.sh
work="$(mktemp -d)"
# shellcheck disable=SC2086
java ${JAVA_OPTS:-} -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$port" -Dlantian.data.dir="$work/data" \
  -jar "$jar" >"$work/service.log" 2>&1 &
pid=$!
launched=$(date +%s%N)
stop() {
  kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  rm -rf "$work"
}
trap stop EXIT

status=000
until [ "$status" = 200 ]; do
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "the service stopped:" >&2
    cat "$work/service.log" >&2
    exit 1
  fi
  if [ $(( ($(date +%s%N) - launched) / 1000000000 )) -ge "${START_TIMEOUT:-60}" ]; then
    echo "no answer within ${START_TIMEOUT:-60} s" >&2
    exit 1
  fi
  ready "http://127.0.0.1:${port}" && status=200 || sleep 0.01
done
ensure_inspector "http://127.0.0.1:${port}"
echo "start-up to first signed-in answer: $(( ($(date +%s%N) - launched) / 1000000 )) ms"

export EIGHT_JSON="$body"
echo "warm-up: ${warmup}, ${connections} connections"
wrk -t"$threads" -c"$connections" -d"$warmup" -s bench/post-eight.lua "$url" | grep '^RESULT'
# The service's CPU time (user + system, in clock ticks) over the measured run: the machine is shared
# with wrk, and CPU per request tells what the service needs whatever else runs beside it.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
echo "measured: ${duration}, ${connections} connections, ${threads} wrk thread(s)"
ticks=$(cpu_ticks)
wrk -t"$threads" -c"$connections" -d"$duration" --latency -s bench/post-eight.lua "$url" | tee "$work/wrk.txt"
ticks=$(( $(cpu_ticks) - ticks ))
requests=$(sed -n 's/^RESULT requests=\([0-9]*\).*/\1/p' "$work/wrk.txt")
echo "service CPU per request: $(( ticks * 1000000 / $(getconf CLK_TCK) / requests )) µs (${ticks} ticks for ${requests} requests)"
echo "resident memory after the run: $(grep VmRSS "/proc/$pid/status" | awk '{print $2, $3}')"
echo "load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ -d "$work/data" ]; then echo "data folder after the run: $(du -sm "$work/data" | cut -f1) MB"; fi
