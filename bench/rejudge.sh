#!/usr/bin/env bash
# The compare at scale: N stored inspections (100,000) of one jurisdiction decided again under the active
# rules beside what was stored (POST /api/v1/rejudgements), on the packaged service. Build it first:
#   mvn -B -q package -DskipTests && bench/rejudge.sh
# Seeds the store through the API (wrk recording the EIGHT site record, each request a site of its own,
# as bench/http-load.sh does) until N are stored, then starts a rejudgement as an auditor and reports its
# time from start to finish (the run's own startedAt/finishedAt), the rate, and the service's resident
# memory before and after. Settings (environment): N (100000), PORT (18084), CONNECTIONS (16),
# JAVA_OPTS (extra JVM flags for the service), START_TIMEOUT (120), JAR (another build's quarkus-run.jar),
# SEED (api, or copy).
# SEED=copy records SEED_API (1000) through the API as above, stops the service, copies those rows in the H2
# file until N are stored (each copy an id and a subject of its own, the request, inspection and decision as
# recorded), and starts the service again on that folder: seeding 100,000 through the API takes longer
# than the rejudgement it prepares.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
n="${N:-100000}"
port="${PORT:-18084}"
connections="${CONNECTIONS:-16}"
base="http://127.0.0.1:${port}"
jar="${JAR:-target/quarkus-app/quarkus-run.jar}"
[ -f "$jar" ] || { echo "no $jar: run 'mvn -B -q package -DskipTests' first" >&2; exit 2; }
command -v wrk >/dev/null || { echo "no wrk" >&2; exit 2; }
if curl -s -o /dev/null "$base/"; then echo "port ${port} is taken; set PORT" >&2; exit 2; fi
# shellcheck source=bench/accounts.sh
. bench/accounts.sh
work="$(mktemp -d)"
# shellcheck disable=SC2086
pid=
launch() {
  # shellcheck disable=SC2086
  java ${JAVA_OPTS:-} -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$port" -Dlantian.data.dir="$work/data" \
    -jar "$jar" >>"$work/service.log" 2>&1 &
  pid=$!
  local launched
  launched=$(date +%s)
  until ready "$base"; do
    kill -0 "$pid" 2>/dev/null || { echo "the service stopped:" >&2; tail -50 "$work/service.log" >&2; exit 2; }
    [ $(( $(date +%s) - launched )) -lt "${START_TIMEOUT:-120}" ] || { echo "no answer in time" >&2; exit 2; }
    sleep 0.2
  done
}
stop() { if [ -n "$pid" ]; then kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; fi; rm -rf "$work"; }
trap stop EXIT
launch
ensure_inspector "$base"
auditor_auth="Basic $(printf 'bench-auditor:bench-auditor-password-1' | base64 -w0)"
status=$(curl -s -o /dev/null -w '%{http_code}' -u "admin:$LANTIAN_ADMIN_PASSWORD" -H 'Content-Type: application/json' \
  -H "Origin: $base" --data '{"username": "bench-auditor", "password": "bench-auditor-password-1", "roles": ["AUDITOR"]}' \
  "$base/api/v1/users")
case "$status" in 201|409) ;; *) echo "could not create the auditor ($status)" >&2; exit 2 ;; esac

run() { # run JSON-BODY: starts a rejudgement, waits for it, prints its view
  local id view
  id=$(curl -s -H "Authorization: $auditor_auth" -H 'Content-Type: application/json' --data "$1" "$base/api/v1/rejudgements" \
    | sed -n 's/.*"id" *: *"\([^"]*\)".*/\1/p' | head -1)
  [ -n "$id" ] || { echo "no run started" >&2; exit 2; }
  while :; do
    view=$(curl -s -H "Authorization: $auditor_auth" "$base/api/v1/rejudgements/$id")
    case "$view" in *'"state":"RUNNING"'*) sleep 0.2 ;; *) break ;; esac
  done
  printf '%s' "$view"
}
field() { printf '%s' "$2" | sed -n 's/.*"'"$1"'" *: *"\{0,1\}\([^",}]*\).*/\1/p' | head -1; }

export EIGHT_JSON=bench/src/main/resources/eight-site.json
stored=0
seed_started=$(date +%s)
seed="${SEED:-api}"
case "$seed" in
  api) through_api="$n" ;;
  copy) through_api="${SEED_API:-1000}"; [ "$through_api" -le "$n" ] || through_api="$n" ;;
  *) echo "SEED is api or copy, not $seed" >&2; exit 2 ;;
esac
while [ "$stored" -lt "$through_api" ]; do
  result=$(wrk -t1 -c"$connections" -d"${SEED_STEP:-20s}" -s bench/post-eight.lua "$base/api/v1/evaluations" | grep '^RESULT')
  sent=$(printf '%s' "$result" | sed -n 's/.*requests=\([0-9]*\).*/\1/p')
  refused=$(printf '%s' "$result" | sed -n 's/.*non2xx=\([0-9]*\).*/\1/p')
  stored=$(( stored + sent - refused ))
  echo "stored so far: $stored ($(( $(date +%s) - seed_started )) s)"
done
if [ "$seed" = copy ] && [ "$stored" -lt "$n" ]; then
  kill "$pid" && wait "$pid" 2>/dev/null || true
  pid=
  h2=$(ls "$(dirname "$jar")"/lib/main/com.h2database.h2-*.jar | head -1)
  copies=$(( (n - stored + stored - 1) / stored ))
  cols="subject_kind, jurisdiction, inspected_at_text, recorded_at, ruleset_version, compliant, request, inspection, decision, inspected_at, recorded_by"
  java -cp "$h2" org.h2.tools.Shell -url "jdbc:h2:file:$work/data/lantian;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE" \
    -user lantian -password lantian -sql "insert into evaluation (id, subject_id, $cols)
      select cast(random_uuid() as varchar), subject_id || '-copy-' || cast(t.x as varchar), $cols
      from evaluation cross join system_range(1, $copies) t(x)" >/dev/null
  stored=$(( stored * (copies + 1) ))
  echo "copied in the store to $stored ($(( $(date +%s) - seed_started )) s); starting again on it"
  launch
fi
rss() { grep VmRSS "/proc/$pid/status" | awk '{print $2}'; }
echo "resident memory before: $(( $(rss) / 1024 )) MB"
view=$(run '{"jurisdiction": "zhengzhou", "reason": "bench"}')
started=$(field startedAt "$view"); finished=$(field finishedAt "$view")
decided=$(field decided "$view"); changed=$(field changed "$view"); unreadable=$(field unreadable "$view")
ms=$(( ($(date -d "$finished" +%s%N) - $(date -d "$started" +%s%N)) / 1000000 ))
echo "resident memory after: $(( $(rss) / 1024 )) MB"
echo "rejudged $decided stored inspections in $ms ms ($(( decided * 1000 / (ms > 0 ? ms : 1) ))/s); changed=$changed unreadable=$unreadable"
echo "state: $(field state "$view"); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
