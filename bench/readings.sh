#!/usr/bin/env bash
# Monitor readings through the HTTP batch endpoint, alarms computed, on the packaged service (loopback only):
#   mvn -B -q package -DskipTests && bench/readings.sh
# Starts target/quarkus-app/quarkus-run.jar with a throw-away data folder; registers DEVICES monitors of
# zhengzhou (as the bench inspector), binds them to ACCOUNTS MONITOR accounts (a site's data gateway posts for
# its devices: DEVICES / ACCOUNTS each), uploads the county's hourly means (50 µg/m³); then wrk posts each
# device's next BATCH readings in turn (bench/post-readings.lua: one reading a minute, one device in ten high)
# for a WARMUP and a measured DURATION (hours of the last day, see below). Reports readings/s end to end (stored, judged by the stream rules, any
# alarm kept and its case opened before the 200), p50/p99 per batch, non-2xx answers, the alarms kept, the
# service's CPU per reading and its resident memory before and after (the judging keeps a bounded window).
# Settings (environment): PORT (18085), DEVICES (5000), ACCOUNTS (50), BATCH (60), CONNECTIONS (16),
# WARMUP (10s), DURATION (30s), JAVA_OPTS, START_TIMEOUT (120).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
port="${PORT:-18085}"
devices="${DEVICES:-5000}"
accounts="${ACCOUNTS:-50}"
batch="${BATCH:-60}"
connections="${CONNECTIONS:-16}"
warmup="${WARMUP:-10s}"
duration="${DURATION:-30s}"
base="http://127.0.0.1:${port}"
jar=target/quarkus-app/quarkus-run.jar
[ -f "$jar" ] || { echo "no $jar: run 'mvn -B -q package -DskipTests' first" >&2; exit 2; }
for tool in curl jq wrk xargs; do command -v "$tool" >/dev/null || { echo "$tool is needed" >&2; exit 2; }; done
if curl -s -o /dev/null "$base/"; then echo "port ${port} is taken; set PORT" >&2; exit 2; fi
[ $(( devices % accounts )) = 0 ] || { echo "DEVICES must be a multiple of ACCOUNTS" >&2; exit 2; }

# shellcheck source=bench/accounts.sh
. bench/accounts.sh
work="$(mktemp -d)"
# shellcheck disable=SC2086
java ${JAVA_OPTS:-} -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$port" -Dlantian.data.dir="$work/data" \
  -jar "$jar" >"$work/service.log" 2>&1 &
pid=$!
stop() {
  kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
  if grep -q ' ERROR \[' "$work/service.log"; then
    echo "the service logged errors:" >&2
    grep -A 12 ' ERROR \[' "$work/service.log" | head -40 >&2
  fi
  rm -rf "$work"
}
trap stop EXIT
launched=$(date +%s)
until ready "$base"; do
  kill -0 "$pid" 2>/dev/null || { echo "the service stopped:" >&2; tail -50 "$work/service.log" >&2; exit 2; }
  [ $(( $(date +%s) - launched )) -lt "${START_TIMEOUT:-120}" ] || { echo "no answer within ${START_TIMEOUT:-120} s" >&2; exit 2; }
  sleep 0.2
done
ensure_inspector "$base"

per=$(( devices / accounts ))
echo "registering $devices monitors, $accounts MONITOR accounts of $per devices each"
register() {
  curl -s -o /dev/null -w '%{http_code}\n' -X PUT -H "Authorization: $BENCH_AUTHORIZATION" -H 'Content-Type: application/json' \
    --data "{\"subjectId\": \"ZZ-MON-SITE-$(( ($1 - 1) / per + 1 ))\", \"jurisdiction\": \"zhengzhou\", \"parameter\": \"PM10\"}" \
    "$base/api/v1/monitors/ZZ-MON-$1"
}
export -f register
export base per
seq 1 "$devices" | xargs -P 4 -n 1 bash -c 'register "$0"' | sort | uniq -c | awk '{print "  PUT monitors: " $1 " answered " $2}'
: >"$work/devices.txt"
for a in $(seq 1 "$accounts"); do
  ids=$(seq $(( (a - 1) * per + 1 )) $(( a * per )) | sed 's/^/ZZ-MON-/' | jq -R . | jq -sc .)
  status=$(curl -s -o /dev/null -w '%{http_code}' -u "admin:$LANTIAN_ADMIN_PASSWORD" -H 'Content-Type: application/json' \
    -H "Origin: $base" --data "{\"username\": \"bench-gateway-$a\", \"password\": \"bench-gateway-password-$a\", \"roles\": [\"MONITOR\"], \"subjects\": $ids}" \
    "$base/api/v1/users")
  case "$status" in 201|409) ;; *) echo "could not create bench-gateway-$a (status $status)" >&2; exit 2 ;; esac
  auth="Basic $(printf 'bench-gateway-%s:bench-gateway-password-%s' "$a" "$a" | base64 -w0)"
  jq -r --arg auth "$auth" '.[] | . + " " + $auth' <<<"$ids" >>"$work/devices.txt"
done
# 23 hours ago on the hour: the warm-up's hours, then the measured run's from 8 hours later, all within the day the
# judging keeps live (readings days old are a backfill, judged on their own: not what a gateway sends live). Each hour
# is DEVICES batches: at DEVICES=5000 the 23 hours hold 115,000 batches; fewer devices run out sooner (400s, future).
start_epoch=$(( ($(date +%s) - 23 * 3600) / 3600 * 3600 ))
means=$(for h in $(seq 0 23); do printf '{"hour":"%s","valueUgM3":50}\n' "$(date -u -d "@$(( start_epoch + h * 3600 ))" +%FT%TZ)"; done | jq -sc .)
status=$(curl -s -o "$work/means.json" -w '%{http_code}' -X PUT -H "Authorization: $BENCH_AUTHORIZATION" \
  -H 'Content-Type: application/json' --data "$means" "$base/api/v1/backgrounds/zhengzhou/readings")
[ "$status" = 200 ] || { echo "county means: HTTP $status $(head -c 300 "$work/means.json")" >&2; exit 2; }

rss() { grep VmRSS "/proc/$pid/status" | awk '{print $2 / 1024 " MB"}'; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
export DEVICES_FILE="$work/devices.txt" BASE_EPOCH="$start_epoch" BATCH="$batch"
echo "resident memory before: $(rss)"
echo "warm-up: $warmup, $connections connections, batches of $batch"
SLOT_OFFSET=0 wrk -t1 -c"$connections" -d"$warmup" --timeout 10s -s bench/post-readings.lua "$base" | grep '^RESULT'
echo "measured: $duration"
ticks=$(cpu_ticks)
SLOT_OFFSET=8 wrk -t1 -c"$connections" -d"$duration" --timeout 10s --latency -s bench/post-readings.lua "$base" | tee "$work/wrk.txt" \
  | grep -E '^RESULT|Latency|99%'
ticks=$(( $(cpu_ticks) - ticks ))
readings=$(sed -n 's/^RESULT .*readings=\([0-9]*\) .*/\1/p' "$work/wrk.txt")
echo "service CPU per reading: $(( ticks * 1000000 / $(getconf CLK_TCK) / readings )) µs"
echo "resident memory after: $(rss)"
alarms=$(curl -s -H "Authorization: $BENCH_AUTHORIZATION" "$base/api/v1/alarms?jurisdiction=zhengzhou" | jq 'if type == "array" then length else (.items // .alarms // []) | length end')
echo "alarms kept: $alarms"
echo "load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)"
grep -q '^RESULT .*non2xx=0 socket_errors=0' "$work/wrk.txt"
